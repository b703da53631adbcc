"""Fuzzy matching of a typed company name against the register's leerbedrijven."""

from internships import reports


def ids(matches):
    return [m["id"] for m in matches]


def test_exact_and_case_insensitive(register_db):
    found = reports.match_company(register_db, "bakkerij jansen")
    assert found[0]["id"] == 1
    assert found[0]["name"] == "Bakkerij Jansen B.V." and found[0]["place"] == "Utrecht"
    assert found[0]["score"] >= 90


def test_typo_and_partial_names(register_db):
    assert ids(reports.match_company(register_db, "bakkerij jansn"))[0] == 1
    assert ids(reports.match_company(register_db, "de zonnebloem"))[0] == 2
    assert ids(reports.match_company(register_db, "garage van dyk"))[0] == 3


def test_limit_and_order(register_db):
    found = reports.match_company(register_db, "de", limit=2, min_score=0)
    assert len(found) <= 2
    assert [m["score"] for m in found] == sorted((m["score"] for m in found), reverse=True)


def test_nothing_like_it(register_db):
    assert reports.match_company(register_db, "Ruimtevaartbureau Qwerty") == []
    assert reports.match_company(register_db, "") == []
    assert reports.match_company(register_db, "b.v.") == []


def test_kvk_number_matches_exactly(register_db):
    assert ids(reports.match_company(register_db, "87654321")) == [3]


def test_empty_register(fresh_db):
    assert reports.match_company(fresh_db, "Bakkerij Jansen") == []
