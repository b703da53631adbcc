import pytest

from labour_outlook import InvalidComparison, UnknownCrebo, compare


def test_compare_two_programmes_side_by_side():
    rows = compare(["25180", "25696"])
    assert [r["crebo"] for r in rows] == ["25180", "25696"]
    for r in rows:
        assert {"name", "niveau", "duration_years", "domain", "kans_op_werk", "kans_op_stage", "beroepen",
                "sample", "code_confirmed"} <= set(r)
        assert isinstance(r["beroepen"], list) and r["beroepen"]
        assert r["sample"] is True


def test_compare_four_is_the_limit(catalogue):
    four = [p.crebo for p in catalogue.programmes[:4]]
    assert len(compare(four)) == 4
    with pytest.raises(InvalidComparison):
        compare([p.crebo for p in catalogue.programmes[:5]])


@pytest.mark.parametrize("crebos", [[], ["25180"], ["25180", "25180"]])
def test_too_few(crebos):
    with pytest.raises(InvalidComparison):
        compare(crebos)


def test_unknown_crebo():
    with pytest.raises(UnknownCrebo) as e:
        compare(["25180", "12345"])
    assert str(e.value) == "onbekende opleidingscode 12345"


def test_an_earlier_code_compares_as_its_current_programme():
    rows = compare(["25180", "25603"])  # 25603: the earlier code of Pedagogisch medewerker kinderopvang
    assert [r["crebo"] for r in rows] == ["25180", "25696"]
    with pytest.raises(InvalidComparison):
        compare(["25603", "25696"])  # one programme, two of its codes
