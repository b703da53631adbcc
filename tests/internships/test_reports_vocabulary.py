"""The vocabulary in internships/reports/vocabulary.py is what the migrated tables' CHECK constraints allow.

The migration writes the lists out literally (a released migration never changes), so a
word added to the code needs a new migration; this test says so.
"""

import re
import sqlite3

import pytest

from internships.reports import vocabulary


def table_sql(db, table):
    return db.conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]


def allowed(sql, column):
    """The values of every ``column IN (...)`` in ``sql``, one tuple per occurrence."""
    found = re.findall(rf"\b{column}\s+IN\s*\(([^)]*)\)", sql)
    assert found, f"no CHECK on {column}"
    return [tuple(re.findall(r"'([^']*)'", values)) for values in found]


@pytest.mark.parametrize("column, words", [
    ("route", vocabulary.ROUTES),
    ("role", vocabulary.ROLES),
    ("ground", vocabulary.GROUNDS),
    ("status", vocabulary.STATUSES),
])
def test_reports_checks_match_the_vocabulary(fresh_db, column, words):
    assert allowed(table_sql(fresh_db, "reports"), column) == [words]


def test_history_status_check_matches_the_statuses(fresh_db):
    assert allowed(table_sql(fresh_db, "report_status_history"), "status") == [vocabulary.STATUSES]


def test_every_word_can_be_stored_and_others_cannot(fresh_db):
    """The CHECKs really bite (and the parse above read the right lists)."""
    insert = "INSERT INTO reports (code, route, role, created_on, status_changed_on) VALUES (?, ?, ?, '2026-01-01', '2026-01-01')"
    for i, role in enumerate(vocabulary.ROLES):
        fresh_db.conn.execute(insert, [f"CODE{i}", "anonymous", role])
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.conn.execute(insert, ["CODEX", "anonymous", "mother"])
    fresh_db.conn.rollback()
