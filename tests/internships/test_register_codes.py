"""Listings on the real register: every real code is accepted, earlier codes find the current programme (issue 15)."""

from __future__ import annotations

import pytest

from internships import import_listings, match
from internships.catalogue import catalogue_from_csv
from internships.register import apply_listings, get_institution
from internships.validate import validate_listing
from tests.internships.conftest import TODAY


@pytest.fixture(autouse=True)
def _schools(two_schools):
    return two_schools


def test_an_earlier_code_is_stored_under_the_current_code_and_said(load, fresh_db, make_row):
    result = load([make_row(crebo="25603")])
    assert result.created == 1
    assert fresh_db.execute("SELECT crebo, niveau FROM listings").fetchone() == ("25696", 3)
    assert result.warnings == ["regel 2: opleidingscode 25603 is vervallen; de nieuwe opleiding is "
                               "Pedagogisch medewerker kinderopvang (25696); opgeslagen onder 25696"]
    again = load([make_row(crebo="25603")])
    assert again.unchanged == 1  # the same file again changes nothing


def test_listings_filed_under_an_earlier_code_are_found_for_the_current_programme(fresh_db, catalogue, make_row):
    # A listing written before the register knew 25696 (or by another tool) keeps its old code.
    clean, errors = validate_listing(make_row(external_id="old"), catalogue=catalogue)
    assert not errors
    clean["crebo"] = "25603"
    apply_listings(fresh_db, get_institution(fresh_db, "ROC-A"), [clean], actor="test")
    for query in (dict(crebo="25696"), dict(crebo="25603"), dict(programme="Pedagogisch medewerker kinderopvang")):
        found = match(fresh_db, place="Utrecht", catalogue=catalogue, today=TODAY, **query)
        assert [m.external_id for m in found] == ["old"], query
        assert found[0].programme == "Pedagogisch medewerker kinderopvang" and not found[0].neighbour


def test_a_real_code_the_institution_does_not_offer_is_accepted(load, fresh_db, make_row):
    # ROC-A has only childcare listings; a listing for Kok is still a real programme.
    load([make_row()])
    result = load([make_row(), make_row(external_id="K-1", crebo="25180", title="Stage kok")])
    assert result.created == 1 and not result.warnings


def test_the_shipped_register_is_read_without_labour_outlook():
    cat = catalogue_from_csv()
    assert len(cat.by_crebo) == 712 and len(cat.by_code) == 1037
    assert cat.get("25603").crebo == "25696" and cat.get("25491").name == "Verzorgende-IG"
    assert cat.code_note("25491") == "opleidingscode 25491 is vervallen; de nieuwe opleiding is Verzorgende-IG (25656)"
    assert cat.get("12345") is None


def test_the_default_catalogue_knows_every_code_of_the_register(fresh_db, csv_file, make_row):
    result = import_listings(fresh_db, csv_file([make_row(crebo="25491", title="Stage verzorgende")]), institution="ROC-A")
    assert fresh_db.execute("SELECT crebo FROM listings").fetchone() == ("25656",)
    assert "vervallen" in result.warnings[0]


def test_neighbours_are_the_same_dossier_one_niveau_away(catalogue):
    assert [p.crebo for p in catalogue.neighbours("25696")] == ["25697"]
    assert [p.crebo for p in catalogue.neighbours("25603")] == ["25697"]  # an earlier code too
    assert [p.crebo for p in catalogue.neighbours("25180")] == ["25182"]
