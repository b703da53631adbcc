"""The report flow's company question: stop words and place names never make a match (issue 16, dead end 4)."""

import pytest

from internships import register, reports

# name, postcode, place
COMPANIES = [
    ("Restaurant De Linde", "1234 AB", "Ossenwaard"),
    ("Hotel De Groot", "1431 AA", "Aalsmeer"),
    ("Autobedrijf De Vries", "1011 AA", "Amsterdam"),
    ("Autobedrijf De Vries", "3511 AB", "Utrecht"),
    ("Bakkerij De Vries", "3512 AA", "Utrecht"),
    ("Kapsalon Bakker", "3513 AA", "Utrecht"),
    ("Garage Van Dijk", "1012 AA", "Amsterdam"),
    ("Zorggroep Utrecht", "3514 AA", "Utrecht"),
]


@pytest.fixture
def companies_db(fresh_db):
    school = register.add_institution(fresh_db, "ROCA", "ROC Alfa", actor="test")
    rows = [
        {"external_id": f"W-{i}", "title": "Stage", "company": name, "crebo": "25603", "leerweg": "bol",
         "postcode": postcode, "pc4": postcode[:4], "place": place, "lat": 52.0, "lon": 5.0,
         "start_date": "2026-09-01"}
        for i, (name, postcode, place) in enumerate(COMPANIES, start=1)
    ]
    register.apply_listings(fresh_db, school, rows, actor="test")
    return fresh_db


def named(matches):
    return [(m["name"], m["place"]) for m in matches]


def test_common_words_do_not_suggest_other_companies(companies_db):
    found = named(reports.match_company(companies_db, "Autobedrijf De Vries in Utrecht"))
    assert ("Restaurant De Linde", "Ossenwaard") not in found
    assert ("Hotel De Groot", "Aalsmeer") not in found
    assert ("Bakkerij De Vries", "Utrecht") not in found  # another kind of business


def test_the_company_in_the_named_place_comes_first(companies_db):
    found = named(reports.match_company(companies_db, "Autobedrijf De Vries in Utrecht"))
    assert found[0] == ("Autobedrijf De Vries", "Utrecht")
    assert ("Bakkerij De Vries", "Utrecht") not in found
    found = named(reports.match_company(companies_db, "autobedrijf de vries amsterdam"))
    assert found[0] == ("Autobedrijf De Vries", "Amsterdam")


@pytest.mark.parametrize("text", ["De Linde in Utrecht", "de", "het bedrijf in Utrecht", "een bakkerij",
                                  "kapsalon", "Garage De Groot", "Autobedrijf Jansen"])
def test_no_suggestion_below_a_sensible_score(companies_db, text):
    assert reports.match_company(companies_db, text) == []


def test_names_still_match_with_typos_and_ij(companies_db):
    assert named(reports.match_company(companies_db, "garage van dyk")) == [("Garage Van Dijk", "Amsterdam")]
    assert named(reports.match_company(companies_db, "restaurant de lnde"))[0] == ("Restaurant De Linde", "Ossenwaard")
    assert named(reports.match_company(companies_db, "Kapsalon Bakker"))[0] == ("Kapsalon Bakker", "Utrecht")


def test_a_place_that_is_the_name_itself_still_matches(companies_db):
    assert named(reports.match_company(companies_db, "Zorggroep Utrecht"))[0] == ("Zorggroep Utrecht", "Utrecht")
