"""The database backends behind ``appdb.connect``: SQLite today, chosen by the form of ``KANSRIJK_DB``.

A backend is a ``connect(target)`` that returns a ``sqlite_utils.Database``-like object
with the pragmas below applied, plus its own ``begin`` statement for
``appdb.transaction``. A PostgreSQL backend (several machines sharing one database)
would add an entry to ``BACKENDS`` for ``postgresql://`` URLs; callers only ever use
``appdb.connect``, ``appdb.transaction`` and the table owners' functions, so they do not
change. Until then such a URL gets a clear error instead of a silent SQLite file.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from appdb.errors import UnsupportedDatabase

__all__ = ["BUSY_TIMEOUT_MS", "sqlite_path", "connect_sqlite", "open_backend"]

BUSY_TIMEOUT_MS = 10_000
_SQLITE_PREFIX = "sqlite:///"


def sqlite_path(url: str | Path) -> Path:
    """The file of a SQLite target: a plain path, ``:memory:`` or ``sqlite:///PATH``."""
    text = str(url)
    if text.startswith(_SQLITE_PREFIX):
        # SQLAlchemy's form: sqlite:///relative.db, sqlite:////absolute/path.db
        return Path(text[len(_SQLITE_PREFIX):])
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise UnsupportedDatabase(
            f"KANSRIJK_DB gebruikt '{scheme}://', maar deze versie kent alleen SQLite. "
            "Geef een bestandspad op, bijvoorbeeld var/kansrijk.db of sqlite:///var/kansrijk.db."
        )
    return Path(text)


def connect_sqlite(target: str | Path) -> sqlite_utils.Database:
    """Open a SQLite app database with the one set of pragmas every process uses.

    - WAL: readers (portal, actions) never wait for the writer.
    - busy timeout: concurrent writers queue instead of failing at once.
    - foreign keys on: listings, tokens and report history keep their parents.
    - synchronous FULL: a write that was confirmed to a student (a report code) survives
      a power cut; in WAL mode this costs one fsync per commit, which our write rate allows.
    """
    path = sqlite_path(target)
    memory = str(path) == ":memory:"
    if not memory:
        # Owner-only at rest: the folder 0700, the file 0600 before SQLite opens it; SQLite
        # gives the -wal and -shm files the mode of the database file.
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    # check_same_thread=False: FastAPI may hand a request to another worker thread; each
    # request still uses its connection from one thread at a time, and appdb.transaction
    # holds a process-wide lock while writing.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not memory:
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = FULL")
    return db


def open_backend(url: str | Path) -> sqlite_utils.Database:
    """Open the database that ``url`` names (raises UnsupportedDatabase for unknown backends)."""
    return connect_sqlite(url)
