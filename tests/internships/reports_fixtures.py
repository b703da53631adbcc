"""Fixtures and helpers for the discrimination-report tests (imported explicitly by test_reports*.py)."""

import datetime as dt

import pytest
import sqlite_utils

from internships import reports

TODAY = dt.date(2026, 3, 12)  # a Thursday


def open_file_db(path) -> sqlite_utils.Database:
    """A file database set up the way the app opens it (WAL, busy timeout)."""
    db = sqlite_utils.Database(str(path))
    db.conn.execute("PRAGMA journal_mode=WAL")
    db.conn.execute("PRAGMA busy_timeout=10000")
    return db


def add_register(db) -> None:
    """A tiny stand-in for the register's tables, in the columns reports.py reads."""
    db.conn.executescript(
        """
        CREATE TABLE IF NOT EXISTS institutions (id INTEGER PRIMARY KEY, code TEXT UNIQUE, name TEXT);
        CREATE TABLE IF NOT EXISTS leerbedrijven (id INTEGER PRIMARY KEY, name TEXT, kvk TEXT, postcode TEXT, place TEXT);
        INSERT INTO institutions (code, name) VALUES ('ROCA', 'ROC Alfa'), ('ROCB', 'ROC Beta');
        INSERT INTO leerbedrijven (id, name, kvk, postcode, place) VALUES
            (1, 'Bakkerij Jansen B.V.', '12345678', '3511 AB', 'Utrecht'),
            (2, 'Kinderopvang De Zonnebloem', NULL, '3525 AA', 'Utrecht'),
            (3, 'Garage Van Dijk', '87654321', '1011 AA', 'Amsterdam'),
            (4, 'Albert Heijn Oudegracht', NULL, '3511 AC', 'Utrecht'),
            (5, 'Zorgcentrum De Linde', NULL, '5611 AA', 'Eindhoven');
        """
    )


def draft(**overrides) -> reports.ReportDraft:
    values = dict(what_happened="Ze zeiden dat de plek al weg was, maar mijn klasgenoot werd wel uitgenodigd.")
    values.update(overrides)
    return reports.ReportDraft(**values)


def follow_up(**overrides) -> reports.ReportDraft:
    values = dict(
        route="follow_up",
        institution_code="ROCA",
        conversation_id="conv-123",
        contact_route="email",
        contact_details="student@example.nl",
    )
    values.update(overrides)
    return draft(**values)


@pytest.fixture
def fresh_db():
    db = sqlite_utils.Database(memory=True)
    yield db
    db.close()


@pytest.fixture
def register_db(fresh_db):
    add_register(fresh_db)
    return fresh_db


@pytest.fixture
def file_db_path(tmp_path):
    return tmp_path / "kansrijk.db"
