"""The one migrations ledger of the app database: every table, in the order it was added.

Append only: a released name never changes meaning, and a change to a table is a new
step. Each step is idempotent (``CREATE ... IF NOT EXISTS``), so a database that an
older version made table by table is adopted without change. The schema lives here;
the SQL that reads and writes each table lives in the table's one owner module:

| tables | owner |
| --- | --- |
| institutions, api_tokens, leerbedrijven, recognitions, listings, audit_log | ``internships.register`` |
| facts, shares, handoffs | ``bot.facts`` |
| portal_accounts, portal_sessions, portal_login_failures | ``bot.accounts`` |
| reports, report_status_history | ``internships.reports.store`` |
| report_lookup_misses, report_withdraw_tickets | ``internships.reports.lookups`` |
| experiments | ``bot.experiments.store`` |
| schools, school_rate_events | ``bot.schools`` |
"""

from __future__ import annotations

from typing import Callable

import sqlite_utils

__all__ = ["MIGRATIONS", "TABLE_OWNERS"]

TABLE_OWNERS = {
    "institutions": "internships.register",
    "api_tokens": "internships.register",
    "leerbedrijven": "internships.register",
    "recognitions": "internships.register",
    "listings": "internships.register",
    "audit_log": "internships.register",
    "facts": "bot.facts",
    "shares": "bot.facts",
    "handoffs": "bot.facts",
    "portal_accounts": "bot.accounts",
    "portal_login_failures": "bot.accounts",
    "portal_sessions": "bot.accounts",
    "reports": "internships.reports.store",
    "report_status_history": "internships.reports.store",
    "report_lookup_misses": "internships.reports.lookups",
    "report_withdraw_tickets": "internships.reports.lookups",
    "experiments": "bot.experiments.store",
    "schools": "bot.schools",
    "school_rate_events": "bot.schools",
}

_REGISTER = """
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

# The same columns the earlier sqlite-utils create() calls made, so old files fit.
_CONVERSATIONS = """
CREATE TABLE IF NOT EXISTS facts (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_facts_conversation_id ON facts(conversation_id);
CREATE TABLE IF NOT EXISTS handoffs (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    school TEXT,
    topic TEXT,
    contact_route TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_handoffs_code ON handoffs(code);
CREATE INDEX IF NOT EXISTS idx_handoffs_conversation_id ON handoffs(conversation_id);
CREATE TABLE IF NOT EXISTS shares (
    conversation_id TEXT PRIMARY KEY,
    school TEXT,
    shared_at TEXT
);
"""

_PORTAL_ACCOUNTS = """
CREATE TABLE IF NOT EXISTS portal_accounts (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    school TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_portal_accounts_email ON portal_accounts(email);
-- Failures are counted per e-mail address, also for unknown addresses, so that the
-- lockout does not reveal which addresses have an account.
CREATE TABLE IF NOT EXISTS portal_login_failures (
    email TEXT PRIMARY KEY,
    failures INTEGER,
    locked_until TEXT,
    updated_at TEXT
);
"""

# The vocabularies are written out (not taken from internships.reports): a released
# migration must not change when the code's vocabulary grows; a test compares them.
_REPORTS = """
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    route TEXT NOT NULL CHECK (route IN ('anonymous', 'follow_up')),
    what_happened TEXT,
    incident_date TEXT,
    incident_date_precision TEXT CHECK (incident_date_precision IN ('day', 'week', 'month')),
    leerbedrijf_id INTEGER,
    company_name TEXT,
    company_key TEXT,
    role TEXT CHECK (role IS NULL OR role IN ('self', 'witness')),
    ground TEXT CHECK (ground IS NULL OR ground IN ('naam_afkomst', 'religie_hoofddoek', 'huidskleur',
        'beperking', 'gender', 'leeftijd', 'anders', 'zeg_ik_liever_niet')),
    ground_consent_on TEXT,
    institution_code TEXT,
    conversation_id TEXT,
    contact_route TEXT,
    contact_details TEXT,
    status TEXT NOT NULL DEFAULT 'nieuw'
        CHECK (status IN ('nieuw', 'in behandeling', 'doorverwezen', 'afgesloten')),
    created_on TEXT NOT NULL,
    status_changed_on TEXT NOT NULL,
    -- The privacy rules again, so no other writer can break them.
    CHECK (route = 'follow_up' OR (conversation_id IS NULL AND contact_route IS NULL AND contact_details IS NULL)),
    CHECK (ground IS NULL OR ground_consent_on IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS idx_reports_institution_route ON reports (institution_code, route);
CREATE INDEX IF NOT EXISTS idx_reports_conversation ON reports (conversation_id);
CREATE INDEX IF NOT EXISTS idx_reports_company ON reports (leerbedrijf_id, company_key);
CREATE TABLE IF NOT EXISTS report_status_history (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('nieuw', 'in behandeling', 'doorverwezen', 'afgesloten')),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    note TEXT
);
CREATE INDEX IF NOT EXISTS idx_report_status_history_report ON report_status_history (report_id);
"""


# A started experiment is frozen (issue 17): the trigger keeps any writer from changing
# its definition; the store also checks the content hash on every load.
_EXPERIMENTS = [
    """CREATE TABLE IF NOT EXISTS experiments (
    name TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'running', 'stopped')),
    registered_at TEXT NOT NULL,
    started_at TEXT,
    stopped_at TEXT
)""",
    """CREATE TRIGGER IF NOT EXISTS experiments_frozen
    BEFORE UPDATE OF definition, content_hash ON experiments
    WHEN OLD.started_at IS NOT NULL OR OLD.status <> 'registered'
BEGIN
    SELECT RAISE(ABORT, 'experiment is frozen');
END""",
]


def _statements(statements: list[str]) -> Callable[[sqlite_utils.Database], None]:
    # For SQL with semicolons inside a statement (trigger bodies), which _script would split.
    def step(db: sqlite_utils.Database) -> None:
        for statement in statements:
            db.conn.execute(statement)

    return step


def _script(sql: str) -> Callable[[sqlite_utils.Database], None]:
    # Statement by statement inside the caller's transaction (executescript would commit it).
    def step(db: sqlite_utils.Database) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                db.conn.execute(statement)

    return step


def _portal_accounts_autoincrement(db: sqlite_utils.Database) -> None:
    # Issue 14, item 9: without AUTOINCREMENT SQLite gives a deleted account's id to the
    # next account. Only CREATE TABLE can say it, so the table is rebuilt with the same
    # rows and ids. With foreign keys on, DROP TABLE deletes the rows first and would run
    # ON DELETE actions, so nothing may reference the table yet (sessions come after).
    (sql,) = db.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'portal_accounts'").fetchone()
    if "AUTOINCREMENT" in sql.upper():
        return
    tables = [row[0] for row in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    referencing = [
        table for table in tables
        if any(key[2] == "portal_accounts" for key in db.conn.execute(f'PRAGMA foreign_key_list("{table}")'))
    ]
    if referencing:
        raise RuntimeError(f"portal_accounts cannot be rebuilt while {referencing} refer to it")
    for statement in (
        """CREATE TABLE portal_accounts_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    school TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
)""",
        "INSERT INTO portal_accounts_rebuilt (id, email, role, school, password_hash, created_at)"
        " SELECT id, email, role, school, password_hash, created_at FROM portal_accounts",
        "DROP TABLE portal_accounts",
        "ALTER TABLE portal_accounts_rebuilt RENAME TO portal_accounts",
        "CREATE UNIQUE INDEX idx_portal_accounts_email ON portal_accounts(email)",
    ):
        db.conn.execute(statement)


# Server-side portal sessions (issue 14, item 9): the cookie holds a random id, this table
# only its sha256, so a copy of the table opens no session.
_PORTAL_SESSIONS = """
CREATE TABLE IF NOT EXISTS portal_sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES portal_accounts(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_portal_sessions_account ON portal_sessions(account_id)
"""

# Failed logins per (typed address, IP) and per IP (issue 14, item 8), replacing the count
# per address alone. The old rows are counts of at most 15 minutes: dropping them ends a
# lockout early at most once, at the upgrade.
_PORTAL_LOGIN_FAILURES_BY_IP = """
DROP TABLE IF EXISTS portal_login_failures;
CREATE TABLE portal_login_failures (
    scope TEXT NOT NULL CHECK (scope IN ('address_ip', 'ip')),
    email TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL,
    failures INTEGER NOT NULL,
    locked_until TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (scope, email, ip)
)
"""


# The school registry (issue 14, item 6): a widget's school code counts only when it is
# here and active. Rate events count shares, hand-offs and follow-up reports per
# conversation (a hash of its id) and per school; bot.schools deletes them after a day.
_SCHOOLS = """
CREATE TABLE IF NOT EXISTS schools (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS school_rate_events (
    id INTEGER PRIMARY KEY,
    school TEXT NOT NULL,
    kind TEXT NOT NULL,
    conversation_key TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_school_rate_events_school ON school_rate_events(school, kind, at);
CREATE INDEX IF NOT EXISTS idx_school_rate_events_conversation ON school_rate_events(conversation_key, kind, at)
"""


# Issue 14, items 2 and 3 (owners: internships.reports.store and .lookups). The reporter key
# (an HMAC of conversation and company) lets company counts count conversations, not rows.
# Failed look-ups by code are kept for an hour (a hash of the conversation id and a time,
# never the code) to throttle guessing; a withdrawal ticket stands in for the code between
# "trek mijn melding in" and "ja", so the conversation never has to keep the code.
_REPORTS_REPORTER_KEY = """
ALTER TABLE reports ADD COLUMN reporter_key TEXT
"""
_REPORTS_LOOKUPS = """
CREATE TABLE IF NOT EXISTS report_lookup_misses (
    id INTEGER PRIMARY KEY,
    conversation_key TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_report_lookup_misses_at ON report_lookup_misses (at);
CREATE INDEX IF NOT EXISTS idx_report_lookup_misses_conversation ON report_lookup_misses (conversation_key, at);
CREATE TABLE IF NOT EXISTS report_withdraw_tickets (
    ticket_hash TEXT PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    expires_at REAL NOT NULL
)
"""


# Append only. The first name predates the shared ledger and keeps its spelling.
MIGRATIONS: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = [
    ("internships_0001_register", _script(_REGISTER)),
    ("conversations_0001_facts_shares_handoffs", _script(_CONVERSATIONS)),
    ("portal_0001_accounts", _script(_PORTAL_ACCOUNTS)),
    ("reports_0001_reports", _script(_REPORTS)),
    ("experiments_0001", _statements(_EXPERIMENTS)),
    ("reports_0002_reporter_key", _script(_REPORTS_REPORTER_KEY)),
    ("reports_0003_lookups", _script(_REPORTS_LOOKUPS)),
    ("portal_0002_accounts_autoincrement", _portal_accounts_autoincrement),
    ("portal_0003_sessions", _script(_PORTAL_SESSIONS)),
    ("portal_0004_login_failures_by_ip", _script(_PORTAL_LOGIN_FAILURES_BY_IP)),
    ("schools_0001_registry", _script(_SCHOOLS)),
]
