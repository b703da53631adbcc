"""Fixtures for the internship register tests (shared with the reports tests: only add)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from internships.catalogue import CatalogueView, ProgrammeInfo
from internships.register import add_institution
from tests.internships.reports_fixtures import add_register, db_file

# Real programmes of the register (labour_outlook/data/mbo_kwalificaties_crebo.csv), with their
# earlier codes: 25603 is the code Stagemarkt examples still use for Pedagogisch medewerker
# kinderopvang, now 25696 (SBB's 2022 list).
TEST_PROGRAMMES = [
    ProgrammeInfo("25696", "Pedagogisch medewerker kinderopvang", 3, "Zorg en welzijn", "Pedagogisch werk", ("bol", "bbl"),
                  ("25486", "25603"), "23285"),
    ProgrammeInfo("25697", "Gespecialiseerd pedagogisch medewerker", 4, "Zorg en welzijn", "Pedagogisch werk", ("bol",),
                  ("25484",), "23285"),
    ProgrammeInfo("25180", "Kok", 2, "Horeca en bakkerij", "Horeca", ("bol", "bbl"), (), "23085"),
    ProgrammeInfo("25182", "Zelfstandig werkend kok", 3, "Horeca en bakkerij", "Horeca", ("bol", "bbl"), (), "23085"),
    ProgrammeInfo("25607", "Medewerker ICT support", 2, "Informatie en communicatietechnologie", "Kantoorautomatisering",
                  ("bol",), (), "23400"),
]
TODAY = date(2025, 3, 10)


@pytest.fixture
def catalogue() -> CatalogueView:
    return CatalogueView(TEST_PROGRAMMES, source="test")


@pytest.fixture
def two_schools(fresh_db):
    a = add_institution(fresh_db, "ROC-A", "ROC Alfa")
    b = add_institution(fresh_db, "ROC-B", "ROC Beta")
    return a, b


def listing_row(**overrides) -> dict:
    row = {
        "external_id": "V-1",
        "title": "Stage pedagogisch medewerker",
        "company": "Kinderopvang De Linde",
        "crebo": "25696",
        "leerweg": "bol",
        "postcode": "3511 AB",
        "start_date": "2025-09-01",
        "erkend": "ja",
    }
    row.update(overrides)
    return {k: v for k, v in row.items() if v is not None}


@pytest.fixture
def make_row():
    """Factory for a valid import row; pass field=value to change, field=None to drop."""
    return listing_row


def to_csv(rows: list[dict], delimiter: str = ",") -> str:
    columns = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture(name="to_csv")
def to_csv_fixture():
    """The to_csv helper: list of dicts -> CSV text."""
    return to_csv


@pytest.fixture
def csv_file(tmp_path):
    """Write rows (list of dicts) or raw text to a CSV file and return its path."""
    counter = iter(range(10_000))

    def write(rows, name: str | None = None, delimiter: str = ",", encoding: str = "utf-8"):
        text = rows if isinstance(rows, str) else to_csv(rows, delimiter)
        path = tmp_path / (name or f"import{next(counter)}.csv")
        path.write_bytes(text.encode(encoding))
        return path

    return write


@pytest.fixture
def load(fresh_db, catalogue, csv_file):
    """Import rows for an institution code into fresh_db with the test catalogue."""
    from internships.importer import import_listings

    def run(rows, institution="ROC-A", **kwargs):
        return import_listings(fresh_db, csv_file(rows), institution=institution,
                               catalogue=catalogue, **kwargs)

    return run


# The discrimination-report tests: the register rows they need, and the file for
# tests that open their own connections.
@pytest.fixture
def register_db(fresh_db):
    """``fresh_db`` with the register rows of :func:`add_register`."""
    add_register(fresh_db)
    return fresh_db


@pytest.fixture
def file_db_path(register_db):
    """The file of ``register_db``, for tests that open their own connections (threads, processes, the CLI)."""
    return db_file(register_db)
