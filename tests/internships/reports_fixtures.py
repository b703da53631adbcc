"""Helpers for the discrimination-report tests; their fixtures are in tests/internships/conftest.py.

The database is the shared ``fresh_db`` of tests/conftest.py (the real migrated schema);
the register rows the reports refer to are written by the register's own functions.
"""

import datetime as dt
from pathlib import Path

import sqlite_utils

import appdb
from internships import register, reports

TODAY = dt.date(2026, 3, 12)  # a Thursday

# Made in this order into an empty register, so their ids are 1-5.
COMPANIES = [
    # name, kvk, postcode, place
    ("Bakkerij Jansen B.V.", "12345678", "3511 AB", "Utrecht"),
    ("Kinderopvang De Zonnebloem", None, "3525 AA", "Utrecht"),
    ("Garage Van Dijk", "87654321", "1011 AA", "Amsterdam"),
    ("Albert Heijn Oudegracht", None, "3511 AC", "Utrecht"),
    ("Zorgcentrum De Linde", None, "5611 AA", "Eindhoven"),
]


def open_file_db(path) -> sqlite_utils.Database:
    """A new connection to the app database file, opened the way every process opens it."""
    return appdb.connect(path)


def db_file(db: sqlite_utils.Database) -> Path:
    """The file behind a connection."""
    return Path(db.conn.execute("PRAGMA database_list").fetchone()[2])


def add_register(db) -> None:
    """Schools ROCA and ROCB and the leerbedrijven of COMPANIES, through ``internships.register``."""
    roca = register.add_institution(db, "ROCA", "ROC Alfa", actor="test")
    register.add_institution(db, "ROCB", "ROC Beta", actor="test")
    from bot import schools  # a widget's school code and follow-up reports count only for registered schools

    schools.add_school(db, "ROCA", "ROC Alfa")
    schools.add_school(db, "ROCB", "ROC Beta")
    rows = [
        {
            "external_id": f"V-{i}",
            "title": "Stage",
            "company": name,
            "kvk": kvk,
            "crebo": "25603",
            "leerweg": "bol",
            "postcode": postcode,
            "pc4": postcode[:4],
            "place": place,
            "lat": 52.0 + i / 100,
            "lon": 5.0 + i / 100,
            "start_date": "2026-09-01",
        }
        for i, (name, kvk, postcode, place) in enumerate(COMPANIES, start=1)
    ]
    register.apply_listings(db, roca, rows, actor="test")
    assert register.company_names(db, range(1, 6)) == {i: c[0] for i, c in enumerate(COMPANIES, start=1)}


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
