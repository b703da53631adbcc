import csv
import dataclasses
from pathlib import Path

import pytest

from labour_outlook import SCALE, Programme, UnknownCrebo, get_catalogue, prospects_for
from labour_outlook.catalogue import official_domains

DATA = Path(__file__).resolve().parents[2] / "labour_outlook" / "data"


def test_catalogue_is_big_enough_and_covers_all_domains_and_niveaus(catalogue):
    assert len(catalogue) >= 150
    assert set(official_domains()) == {p.domain for p in catalogue}
    assert len(official_domains()) == 16
    assert {p.niveau for p in catalogue} == {1, 2, 3, 4}


def test_every_programme_is_complete(catalogue):
    crebos = [p.crebo for p in catalogue]
    assert len(crebos) == len(set(crebos))
    for p in catalogue:
        assert isinstance(p, Programme)
        assert len(p.crebo) == 5 and p.crebo.isdigit()
        assert p.name and p.studierichting and p.description and p.beroepen and p.synonyms
        assert "\n" not in p.description
        assert set(p.leerwegen) <= {"bol", "bbl"} and p.leerwegen
        assert p.duration_years >= 1
        assert 1 <= len(p.riasec) <= 3 and set(p.riasec) <= set("RIASEC")
        assert isinstance(p.code_confirmed, bool)


def test_known_official_codes_are_confirmed_and_guesses_are_not(catalogue):
    assert catalogue.get("25603").name == "Pedagogisch medewerker kinderopvang"
    assert catalogue.get("25603").niveau == 3 and catalogue.get("25603").code_confirmed
    assert catalogue.get("25180").name == "Kok" and catalogue.get("25180").niveau == 2
    assert catalogue.get("25180").code_confirmed
    unconfirmed = [p for p in catalogue if not p.code_confirmed]
    assert len(unconfirmed) >= len(catalogue) - 2


def test_studierichting_belongs_to_the_official_vocabulary(catalogue):
    with open(DATA / "mbo_opleidingsdomeinen_2010.csv", encoding="utf-8") as f:
        names = {r["obk.begrip.aanduiding"] for r in csv.DictReader(f, delimiter=";")}
    assert {p.studierichting for p in catalogue} <= names


def test_unknown_crebo_message():
    with pytest.raises(UnknownCrebo) as e:
        get_catalogue().get("12345")
    assert str(e.value) == "onbekende opleidingscode 12345"
    assert "12345" not in get_catalogue()


def test_programme_is_frozen(catalogue):
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalogue.programmes[0].name = "x"


def test_prospects_have_a_national_sample_row_for_every_crebo(catalogue):
    for p in catalogue:
        pr = prospects_for(p.crebo)
        assert pr.region == "Nederland"
        assert pr.source == "voorbeelddata" and pr.sample
        assert pr.kans_op_werk in SCALE
        assert pr.year == 2025
        if "bol" in p.leerwegen:
            assert pr.kans_op_stage in SCALE
        if "bbl" in p.leerwegen:
            assert pr.kans_op_leerbaan in SCALE


def test_regional_rows_and_fallback():
    assert prospects_for("25180", "Rotterdam").region == "Rijnmond"
    assert prospects_for("25180", "3011 AB").region == "Rijnmond"
    assert prospects_for("25180", "Maastricht").region == "Nederland"
    with pytest.raises(UnknownCrebo):
        prospects_for("99999")


def test_sample_prospects_follow_the_public_facts(catalogue):
    """Administration, law, trade and business services are weaker than care, technology and ICT."""

    def mean(pred):
        xs = [SCALE.index(prospects_for(p.crebo).kans_op_werk) for p in catalogue if pred(p)]
        return sum(xs) / len(xs)

    weak = mean(lambda p: p.domain in ("Economie en administratie", "Handel en ondernemerschap"))
    law = mean(lambda p: p.name.startswith("Juridisch"))
    for strong_domain in ("Zorg en welzijn", "Techniek en procesindustrie", "Informatie en communicatietechnologie"):
        strong = mean(lambda p, d=strong_domain: p.domain == d)
        assert strong > weak + 1
        assert strong > law + 1
