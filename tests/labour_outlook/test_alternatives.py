import pytest

from labour_outlook import SCALE, Alternative, UnknownCrebo, alternatives, get_catalogue, prospects_for

JUDGING = ("slecht", "fout", "dom", "moet", "verkeerd", "beter dan", "niet doen", "af te raden")


def crebo(name, niveau=None):
    return next(p.crebo for p in get_catalogue() if p.name == name and (niveau is None or p.niveau == niveau))


@pytest.mark.parametrize("name", ["Juridisch-administratief dienstverlener", "Medewerker dierverzorging",
                                  "Medewerker (financiële) administratie", "Verkoper", "Mediavormgever"])
def test_weak_programme_gets_up_to_three_better_alternatives(model, name):
    base = crebo(name)
    base_pr = prospects_for(base)
    assert base_pr.kans_op_werk in ("gering", "matig")
    alts = alternatives(base)
    assert 1 <= len(alts) <= 3
    for a in alts:
        assert isinstance(a, Alternative)
        assert a.programme.crebo != base
        assert SCALE.index(a.prospects.kans_op_werk) >= max(SCALE.index(base_pr.kans_op_werk) + 2, 2)
        assert a.reason.endswith(".") and a.reason.count(". ") == 0
        assert a.programme.name in a.reason
        assert "voorbeeldcijfers" in a.reason
        assert not any(j in a.reason.lower() for j in JUDGING)
        assert abs(a.programme.niveau - get_catalogue().get(base).niveau) <= 1


def test_animal_lovers_get_nature_alternatives(model):
    alts = alternatives(crebo("Medewerker dierverzorging"), interests="ik hou van dieren en buiten zijn")
    assert any(a.programme.domain == "Voedsel, natuur en leefomgeving" for a in alts)


def test_no_alternatives_when_prospects_are_fine(model):
    assert alternatives("25180") == []
    assert alternatives(crebo("Mbo-Verpleegkundige")) == []


def test_situation_is_respected(model):
    alts = alternatives(crebo("Medewerker (financiële) administratie"), situation="vmbo basis", top=3)
    assert alts and all(a.programme.niveau <= 2 for a in alts)


def test_unknown_crebo():
    with pytest.raises(UnknownCrebo):
        alternatives("12345")


def test_to_dict(model):
    d = alternatives(crebo("Medewerker dierverzorging"))[0].to_dict()
    assert {"crebo", "name", "niveau", "kans_op_werk", "reason", "sample", "code_confirmed"} <= set(d)
