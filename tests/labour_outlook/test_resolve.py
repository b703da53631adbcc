import time

import pytest

from labour_outlook import nlu_lookup, resolve_programme, resolve_programmes_in


def names(ps):
    return [p.name for p in ps]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("25603", "Pedagogisch medewerker kinderopvang"),
        ("kok", "Kok"),
        ("Kok", "Kok"),
        ("kapper", "Kapper"),
        ("kinderopvang", "Pedagogisch medewerker kinderopvang"),
        ("brommer", "Scootertechnicus"),
        ("hoe zijn de kansen voor kapper?", "Kapper"),
        ("wat zijn de kansen van 25180", "Kok"),
        ("verzorgende ig", "Verzorgende-IG"),
        ("mbo-verpleegkundige", "Mbo-Verpleegkundige"),
        ("software developer", "Software developer"),
        ("kapperr", "Kapper"),
        ("verpleegkundge", "Mbo-Verpleegkundige"),
        ("pedagogisch medewerker kinderopvnag", "Pedagogisch medewerker kinderopvang"),
    ],
)
def test_resolves_to_the_expected_programme_first(text, expected):
    assert names(resolve_programme(text))[0] == expected


@pytest.mark.parametrize(
    "text, some_name",
    [
        ("juridisch", "Juridisch-administratief dienstverlener"),
        ("ict beheer", "Medewerker beheer ICT"),
        ("ik wil ict beheer doen", "Medewerker beheer ICT"),
    ],
)
def test_synonyms_find_the_family(text, some_name):
    found = names(resolve_programme(text))
    assert some_name in found and len(found) <= 5


@pytest.mark.parametrize(
    "text, expected",
    [
        ("25491", "Verzorgende-IG"),  # an earlier code finds the current programme
        ("wat zijn de kansen van 25003?", "Dekvloerenlegger"),
        ("matroos", "Matroos binnenvaart"),
        ("laborant", "Allround laborant"),
        ("drukker", "Drukker"),
        ("hovenier", "Medewerker hovenier"),
        ("wat zijn de kansen in de logistiek?", "Logistiek medewerker"),  # a studierichting: a few of its programmes
        ("defensie", "Aankomend medewerker grondoptreden"),
    ],
)
def test_the_whole_register_and_every_code_resolve(text, expected):
    assert names(resolve_programme(text))[0] == expected


def test_every_programme_is_found_by_its_own_name_and_every_code(catalogue):
    for p in catalogue:
        assert p in resolve_programme(p.name, limit=10), p.name
        for code in p.codes:
            assert resolve_programme(code) == [p], code


def test_limit_and_nothing_plausible():
    assert len(resolve_programme("kok", limit=2)) == 2
    assert resolve_programme("") == []
    assert resolve_programme("hoe gaat het met je?") == []
    assert resolve_programme("12345") == []


def test_all_mentions_in_order():
    assert names(resolve_programmes_in("wat is beter, kok of bakker")) == ["Kok", "Uitvoerend bakker"]
    assert names(resolve_programmes_in("vergelijk kok en bakker")) == ["Kok", "Uitvoerend bakker"]
    assert names(resolve_programmes_in("vergelijk bakker met 25603")) == ["Uitvoerend bakker",
                                                                          "Pedagogisch medewerker kinderopvang"]
    assert names(resolve_programmes_in("zelfstandig werkend kok of kapper")) == ["Zelfstandig werkend kok", "Kapper"]
    assert resolve_programmes_in("hallo") == []


def test_resolve_is_fast(catalogue):
    resolve_programme("kok")
    texts = ["hoe zijn de kansen voor kapper?", "wat is beter, kok of bakker", "verpleegkundge", "ict beheer",
             "ik wil iets met juridisch", "brommer", "25603"]
    start = time.perf_counter()
    for _ in range(20):
        for t in texts:
            resolve_programme(t)
    per_call = (time.perf_counter() - start) / (20 * len(texts))
    assert per_call < 0.005


def test_nlu_lookup(catalogue):
    lookup = nlu_lookup()
    assert set(lookup) == {p.name for p in catalogue}
    assert "kinderopvang" in lookup["Pedagogisch medewerker kinderopvang"]
    assert "brommer" in lookup["Scootertechnicus"]
