"""Open the app database and bring the internship register's tables up to date.

Tables owned by this module (all other tables in the file belong to other modules
and are never touched):

- ``migrations``: ``name`` (PK), ``applied_at``. Shared ledger: other modules may add
  their own version names, so names here start with ``internships_``.
- ``institutions``: ``id``, ``code`` (unique), ``name``, ``demo``, ``created_at``.
- ``api_tokens``: ``id``, ``institution_id``, ``token_hash`` (sha256 hex, unique),
  ``created_at``, ``revoked_at``. At most one token per institution is not revoked.
- ``leerbedrijven``: ``id``, ``name``, ``name_key`` (normalised name), ``kvk``,
  ``sbb_id`` (the ``leerbedrijf_id`` an institution knows), ``address``, ``postcode``,
  ``pc4``, ``place``, ``lat``, ``lon``, ``recognised`` (company-wide erkenning: 1, 0 =
  withdrawn, NULL = unknown), ``demo``, ``created_at``, ``updated_at``.
- ``recognitions``: erkenning per company and crebo: ``leerbedrijf_id``, ``crebo``,
  ``recognised`` (1/0), ``start_date``, ``end_date``, ``source`` (``institution:CODE``,
  ``sbb`` or ``demo``), ``updated_at``; unique on (leerbedrijf_id, crebo, source).
- ``listings``: one internship; unique on (``institution_id``, ``external_id``); see
  ``LISTING_COLUMNS``. ``lat``/``lon`` are indexed for the bounding-box prefilter.
- ``audit_log``: ``id``, ``at``, ``actor``, ``institution_id``, ``action``, ``entity``,
  ``entity_id``, ``details`` (JSON: changed fields as ``[old, new]``).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

import sqlite_utils

__all__ = ["connect", "default_db_path", "write_transaction", "now_iso", "MIGRATIONS"]

BUSY_TIMEOUT_MS = 5000
REPO_ROOT = Path(__file__).resolve().parents[1]


def default_db_path() -> Path:
    """The app database: ``$KANSRIJK_DB`` or ``<repo>/var/kansrijk.db``."""
    env = os.environ.get("KANSRIJK_DB")
    return Path(env) if env else REPO_ROOT / "var" / "kansrijk.db"


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def connect(path: str | os.PathLike | None = None) -> sqlite_utils.Database:
    """Open the app database (WAL, busy timeout, foreign keys) and run migrations.

    ``path=":memory:"`` gives a private in-memory database (tests).
    """
    target = str(path) if path is not None else str(default_db_path())
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    # check_same_thread=False: FastAPI may hand a request to another worker thread;
    # each request still uses its connection from one thread at a time.
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db = sqlite_utils.Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if target != ":memory:":
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    return db


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """All-or-nothing writes; BEGIN IMMEDIATE so concurrent writers queue on the
    busy timeout instead of failing when a read transaction tries to upgrade."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    else:
        db.conn.execute("COMMIT")


_SCHEMA_0001 = """
CREATE TABLE IF NOT EXISTS institutions (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_tokens (
    id INTEGER PRIMARY KEY,
    institution_id INTEGER NOT NULL REFERENCES institutions(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS idx_api_tokens_institution ON api_tokens(institution_id);
CREATE TABLE IF NOT EXISTS leerbedrijven (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    kvk TEXT,
    sbb_id TEXT,
    address TEXT,
    postcode TEXT,
    pc4 TEXT,
    place TEXT,
    lat REAL,
    lon REAL,
    recognised INTEGER,
    demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_leerbedrijven_sbb ON leerbedrijven(sbb_id) WHERE sbb_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_leerbedrijven_kvk ON leerbedrijven(kvk);
CREATE INDEX IF NOT EXISTS idx_leerbedrijven_name ON leerbedrijven(name_key, pc4);
CREATE TABLE IF NOT EXISTS recognitions (
    id INTEGER PRIMARY KEY,
    leerbedrijf_id INTEGER NOT NULL REFERENCES leerbedrijven(id) ON DELETE CASCADE,
    crebo TEXT NOT NULL,
    recognised INTEGER NOT NULL,
    start_date TEXT,
    end_date TEXT,
    source TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (leerbedrijf_id, crebo, source)
);
CREATE TABLE IF NOT EXISTS listings (
    id INTEGER PRIMARY KEY,
    institution_id INTEGER NOT NULL REFERENCES institutions(id),
    external_id TEXT NOT NULL,
    leerbedrijf_id INTEGER NOT NULL REFERENCES leerbedrijven(id),
    title TEXT NOT NULL,
    description TEXT,
    crebo TEXT NOT NULL,
    niveau INTEGER,
    leerweg TEXT NOT NULL CHECK (leerweg IN ('bol', 'bbl')),
    postcode TEXT NOT NULL,
    pc4 TEXT NOT NULL,
    place TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    start_date TEXT NOT NULL,
    days_per_week REAL,
    allowance REAL,
    features TEXT NOT NULL DEFAULT '[]',
    inclusive_signals TEXT NOT NULL DEFAULT '[]',
    inclusive INTEGER NOT NULL DEFAULT 0,
    apply_url TEXT,
    contact_email TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'expired')),
    demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (institution_id, external_id)
);
-- Covering indexes for the first matching pass: the bounding box and every filter and
-- sort column are read from the index alone, without touching the table rows.
CREATE INDEX IF NOT EXISTS idx_listings_crebo_geo
    ON listings(crebo, status, lat, lon, leerweg, start_date, inclusive, leerbedrijf_id);
CREATE INDEX IF NOT EXISTS idx_listings_geo
    ON listings(status, lat, lon, crebo, leerweg, start_date, inclusive, leerbedrijf_id);
CREATE INDEX IF NOT EXISTS idx_listings_leerbedrijf ON listings(leerbedrijf_id);
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    institution_id INTEGER,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS idx_audit_entity ON audit_log(entity, entity_id);
CREATE INDEX IF NOT EXISTS idx_audit_institution ON audit_log(institution_id);
"""


def _m0001_register(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_0001.split(";"):
        if statement.strip():
            db.conn.execute(statement)


# Append only: a released name must never change meaning.
MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = [
    ("internships_0001_register", _m0001_register),
]


def migrate(db: sqlite_utils.Database) -> list[str]:
    """Apply missing migrations; return the names applied now. Safe to run concurrently."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    wanted = [name for name, _ in MIGRATIONS]
    done = {row[0] for row in db.execute("SELECT name FROM migrations").fetchall()}
    if all(name in done for name in wanted):
        return []
    applied = []
    with write_transaction(db):
        # Re-read under the write lock: another process may have migrated meanwhile.
        done = {row[0] for row in db.execute("SELECT name FROM migrations").fetchall()}
        for name, step in MIGRATIONS:
            if name in done:
                continue
            step(db)
            db.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", [name, now_iso()]
            )
            applied.append(name)
    return applied
