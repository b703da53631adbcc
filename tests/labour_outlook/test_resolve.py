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
        ("brommer", "Motorvoertuigentechnicus"),
        ("hoe zijn de kansen voor kapper?", "Kapper"),
        ("wat zijn de kansen van 25180", "Kok"),
        ("verzorgende ig", "Verzorgende-IG"),
        ("mbo-verpleegkundige", "Mbo-verpleegkundige"),
        ("software developer", "Software developer"),
        ("kapperr", "Kapper"),
        ("verpleegkundge", "Mbo-verpleegkundige"),
        ("pedagogisch medewerker kinderopvnag", "Pedagogisch medewerker kinderopvang"),
    ],
)
def test_resolves_to_the_expected_programme_first(text, expected):
    assert names(resolve_programme(text))[0] == expected


@pytest.mark.parametrize(
    "text, some_name",
    [
        ("juridisch", "Juridisch medewerker zakelijke dienstverlening"),
        ("ict beheer", "Medewerker ICT-beheer"),
        ("ik wil ict beheer doen", "Medewerker ICT-beheer"),
    ],
)
def test_synonyms_find_the_family(text, some_name):
    found = names(resolve_programme(text))
    assert some_name in found and len(found) <= 5


def test_limit_and_nothing_plausible():
    assert len(resolve_programme("kok", limit=2)) == 2
    assert resolve_programme("") == []
    assert resolve_programme("hoe gaat het met je?") == []
    assert resolve_programme("12345") == []


def test_all_mentions_in_order():
    assert names(resolve_programmes_in("wat is beter, kok of bakker")) == ["Kok", "Bakker"]
    assert names(resolve_programmes_in("vergelijk kok en bakker")) == ["Kok", "Bakker"]
    assert names(resolve_programmes_in("vergelijk bakker met 25603")) == ["Bakker", "Pedagogisch medewerker kinderopvang"]
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
    assert "brommer" in lookup["Motorvoertuigentechnicus"]
