import csv
import dataclasses
import re
from pathlib import Path

import pytest

from labour_outlook import SCALE, Programme, RetiredCrebo, UnknownCrebo, get_catalogue, prospects_for
from labour_outlook.catalogue import catalogue_domains, load_catalogue, official_domains

DATA = Path(__file__).resolve().parents[2] / "labour_outlook" / "data"


def _register() -> list[dict]:
    with open(DATA / "mbo_kwalificaties_crebo.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _norm(name: str) -> str:
    # Case, hyphens, commas, apostrophes and "&"/"en" do not make another programme.
    return re.sub(r"[\s\-]+", " ", name.lower().replace("&", " en ").replace("'", "").replace(",", " ")).strip()


def test_catalogue_is_the_whole_register(catalogue):
    groups = {(_norm(r["kwalificatie"]), int(r["niveau"])) for r in _register()}
    assert len(catalogue) == len(groups) == 712  # 717 name groups, 5 of them the same name with "&" for "en"
    assert {(_norm(p.name), p.niveau) for p in catalogue} == groups
    assert set(official_domains()) | {"Entree"} == {p.domain for p in catalogue} == set(catalogue_domains())
    assert len(official_domains()) == 16
    assert {p.niveau for p in catalogue} == {1, 2, 3, 4}
    assert {p.niveau for p in catalogue if p.domain == "Entree"} == {1}


def test_every_code_of_the_register_resolves_to_the_newest_code_of_its_group(catalogue):
    rows = _register()
    newest: dict = {}
    for r in rows:
        key = (_norm(r["kwalificatie"]), r["niveau"])
        newest[key] = max(newest.get(key, "0"), r["crebo"], key=int)
    for r in rows:
        p = catalogue.get(r["crebo"])
        assert p.crebo == newest[(_norm(r["kwalificatie"]), r["niveau"])]
        assert r["crebo"] in p.codes
    assert sum(len(p.codes) for p in catalogue) == len(rows) == 1037
    assert len(catalogue.all_codes()) == 1037


def test_codes_of_the_2015_regulation_and_sbb_2022_all_resolve(catalogue):
    for name in ("regeling_kwalificatiedossiers_2015.csv", "sbb_crebolijst_2022.csv"):
        with open(DATA / name, encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter=";"):
                p = catalogue.get(r["crebo"].replace(".", ""))
                assert p.niveau == int(r["niveau"]), r


def test_every_programme_is_complete(catalogue):
    crebos = [p.crebo for p in catalogue]
    assert len(crebos) == len(set(crebos))
    for p in catalogue:
        assert isinstance(p, Programme)
        assert len(p.crebo) == 5 and p.crebo.isdigit() and not p.crebo.startswith("9")
        assert p.name and p.studierichting and p.description and p.beroepen and p.synonyms
        assert p.dossier and p.dossier_crebo and p.sectorkamer and p.soort
        assert "\n" not in p.description
        assert set(p.leerwegen) <= {"bol", "bbl"} and p.leerwegen
        assert p.duration_years >= 1
        assert 1 <= len(p.riasec) <= 3 and set(p.riasec) <= set("RIASEC")
        assert p.code_confirmed is True and "register" in p.code_source
        assert p.crebo not in p.earlier_codes and all(int(c) < int(p.crebo) for c in p.earlier_codes)


def test_real_codes_name_the_real_programmes(catalogue):
    assert catalogue.get("25603").name == "Pedagogisch medewerker kinderopvang"
    assert catalogue.get("25603").niveau == 3 and catalogue.get("25603").crebo == "25696"  # on SBB 2022
    assert catalogue.get("25180").name == "Kok" and catalogue.get("25180").niveau == 2
    # The old catalogue had these two wrong.
    assert catalogue.get("25181").name == "Leidinggevende keuken" and catalogue.get("25181").niveau == 4
    assert catalogue.get("25182").name == "Zelfstandig werkend kok" and catalogue.get("25182").niveau == 3


def test_en_and_ampersand_are_one_programme(catalogue):
    p = catalogue.get("25351")  # Leidinggevende leisure en hospitality, replaced by 25646 ("&")
    assert p.crebo == "25646" and "25351" in p.earlier_codes
    assert catalogue.get("25841").crebo == catalogue.get("25957").crebo == "26041"


def test_earlier_codes_point_to_the_current_programme(catalogue):
    vig = catalogue.get("25491")
    assert vig.crebo == "25656" and vig.name == "Verzorgende-IG" and "25491" in vig.earlier_codes
    assert catalogue.code_note("25491") == "opleidingscode 25491 is vervallen; de nieuwe opleiding is Verzorgende-IG (25656)"
    assert catalogue.code_note("25656") is None and catalogue.is_current("25656") and not catalogue.is_current("25491")
    assert catalogue.get("25003").crebo == "25943"  # Dekvloerenlegger niveau 2
    assert catalogue.replacement("25003").name == "Dekvloerenlegger"
    assert "25491" in catalogue and prospects_for("25491").crebo == "25656"


def test_hand_written_profiles_are_used_and_the_rest_says_it_is_short(catalogue):
    with open(DATA / "profiles.csv", encoding="utf-8") as f:
        profiles = {r["crebo"]: r for r in csv.DictReader(f)}
    for p in catalogue:
        if p.crebo in profiles:
            assert p.profile_written and p.description == " ".join(profiles[p.crebo]["description"].split())
        else:
            assert not p.profile_written
            assert "Vraag je school om meer uitleg" in p.description
            assert p.studierichting.lower() in p.synonyms  # found by its subgroep


def test_a_missing_profiles_file_still_gives_the_whole_register(tmp_path):
    cat = load_catalogue(override=False, profiles=tmp_path / "none.csv")
    assert len(cat) == 712 and not any(p.profile_written for p in cat)


def test_an_old_code_without_a_successor_is_retired(tmp_path):
    old = tmp_path / "old.csv"
    old.write_text("crebo;kwalificatie;niveau\n10001;Bestaat niet meer;2\n25180;Kok;2\n", encoding="utf-8")
    cat = load_catalogue(override=False, old_lists=[(old, "oude lijst")])
    with pytest.raises(RetiredCrebo) as e:
        cat.get("10001")
    assert isinstance(e.value, UnknownCrebo) and "10001" in str(e.value) and "vervallen" in str(e.value)
    assert "10001" not in cat and cat.get("25180").name == "Kok"


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
    # Maastricht is in Zuid-Limburg; the sample data has no rows there.
    assert prospects_for("25180", "Maastricht").region == "Nederland"
    with pytest.raises(UnknownCrebo):
        prospects_for("11111")


def test_sample_prospects_follow_the_public_facts(catalogue):
    """Administration, law, trade and business services are weaker than care, technology and ICT."""

    def mean(pred):
        xs = [SCALE.index(prospects_for(p.crebo).kans_op_werk) for p in catalogue if pred(p)]
        return sum(xs) / len(xs)

    weak = mean(lambda p: p.domain in ("Economie en administratie", "Handel en ondernemerschap"))
    law = mean(lambda p: p.name.startswith("Juridisch") or p.name.startswith("Legal"))
    for strong_domain in ("Zorg en welzijn", "Techniek en procesindustrie", "Informatie en communicatietechnologie"):
        strong = mean(lambda p, d=strong_domain: p.domain == d)
        assert strong > weak + 1
        assert strong > law + 1
