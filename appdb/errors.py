"""Errors of the app database owner.

Exceptions (messages are Dutch: an operator or staff member reads them)::

    DatabaseError
     ├── UnsupportedDatabase   KANSRIJK_DB names a backend this version has not got
     └── TransactionOpen       the caller left a transaction open, so a commit cannot be promised
"""

from __future__ import annotations

__all__ = ["DatabaseError", "UnsupportedDatabase", "TransactionOpen"]


class DatabaseError(Exception):
    """Base class for problems with the app database itself."""


class UnsupportedDatabase(DatabaseError, ValueError):
    """KANSRIJK_DB names a database backend that is not available."""


class TransactionOpen(DatabaseError, RuntimeError):
    """The connection is already inside a transaction that this module did not open."""
