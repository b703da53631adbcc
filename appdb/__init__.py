"""The one owner of the app database: connection, pragmas, migrations, transactions and settings.

Only this package opens the app database. Every process (action server, web app,
CLIs, supervisor) calls :func:`connect`, which resolves the target from
:func:`appdb.settings.load` the same way everywhere, applies one set of pragmas
(``appdb.backends``) and brings the schema up to date from one ledger
(``appdb.migrations``). Each table then has one owner module that alone writes SQL
for it (listed in ``appdb.migrations``); everybody else calls that owner.

Writes go through :func:`transaction`: ``BEGIN IMMEDIATE`` (writers queue on the busy
timeout instead of failing when a read transaction tries to upgrade), with the
connection's ``synchronous=FULL``, so a write that was confirmed survives a crash.
Nested blocks become savepoints of the outer one; a transaction that the caller opened
some other way is refused (``TransactionOpen``), because its commit cannot be promised.

This package runs in ``.venv`` (Python 3.11); nothing here runs inside Rasa.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import sqlite_utils

from appdb import settings
from appdb.backends import open_backend
from appdb.errors import DatabaseError, TransactionOpen, UnsupportedDatabase
from appdb.migrations import MIGRATIONS, TABLE_OWNERS
from appdb.settings import Settings

__all__ = [
    "connect",
    "transaction",
    "migrate",
    "now_iso",
    "settings",
    "Settings",
    "MIGRATIONS",
    "TABLE_OWNERS",
    "DatabaseError",
    "TransactionOpen",
    "UnsupportedDatabase",
]

# One writer at a time inside a process: SQLite serialises writers anyway, and the lock
# makes a connection shared between threads (check_same_thread=False) safe for writes.
_WRITE_LOCK = threading.RLock()
_DEPTH = "_appdb_transaction_depth"


def now_iso() -> str:
    """The current UTC time to the second, as stored in the ``*_at`` columns."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def connect(target: str | Path | None = None) -> sqlite_utils.Database:
    """Open the app database (default: ``KANSRIJK_DB`` or ``KANSRIJK_VAR/kansrijk.db``) and migrate it.

    ``target=":memory:"`` gives a private in-memory database. Each call returns a new
    connection; close it when done (the web app does so after every request).
    """
    db = open_backend(target if target is not None else settings.load().db_url)
    migrate(db)
    return db


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """All-or-nothing, durable writes: ``BEGIN IMMEDIATE`` ... ``COMMIT``; nested blocks are savepoints."""
    # The lock comes first: threads sharing one connection must not see each other's
    # transaction as their own (savepoint) or as one the caller left open.
    with _WRITE_LOCK:
        if getattr(db, _DEPTH, 0):
            with db.atomic():  # a savepoint inside our own outer transaction
                yield db
            return
        if db.conn.in_transaction:
            raise TransactionOpen(
                "Er loopt al een transactie op deze verbinding; sluit die eerst af, "
                "anders kunnen we niet beloven dat het opslaan lukt."
            )
        db.conn.execute("BEGIN IMMEDIATE")
        setattr(db, _DEPTH, 1)
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        else:
            try:
                db.conn.execute("COMMIT")
            except BaseException:
                if db.conn.in_transaction:
                    db.conn.execute("ROLLBACK")
                raise
        finally:
            setattr(db, _DEPTH, 0)


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply missing migrations; return the names applied now. Safe to run from several processes."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    if db.conn.in_transaction:  # the CREATE above opens none, but a caller's might be
        raise TransactionOpen("Sluit eerst de open transactie af; daarna kan de database bijgewerkt worden.")
    wanted = [name for name, _ in MIGRATIONS]
    done = {row[0] for row in db.execute("SELECT name FROM migrations").fetchall()}
    if all(name in done for name in wanted):
        return []
    applied = []
    with transaction(db):
        # Re-read under the write lock: another process may have migrated meanwhile.
        done = {row[0] for row in db.execute("SELECT name FROM migrations").fetchall()}
        for name, step in MIGRATIONS:
            if name in done:
                continue
            step(db)
            db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", [name, now_iso()])
            applied.append(name)
    return applied
