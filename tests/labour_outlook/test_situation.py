import pytest

from labour_outlook import InvalidSituation, Situation, allowed_niveaus


@pytest.mark.parametrize(
    "situation, expected",
    [
        (None, {1, 2, 3, 4}),
        (Situation(school="vmbo", leerweg="basis"), {1, 2}),
        (Situation(school="vmbo", leerweg="kader"), {1, 2, 3, 4}),
        (Situation(school="vmbo", leerweg="gemengd"), {1, 2, 3, 4}),
        (Situation(school="vmbo", leerweg="theoretisch"), {1, 2, 3, 4}),
        (Situation(school="mbo", niveau=1), {1, 2}),
        (Situation(school="mbo", niveau=2), {1, 2, 3}),
        (Situation(school="mbo", niveau=3), {1, 2, 3, 4}),
        (Situation(school="mbo", niveau=4), {1, 2, 3, 4}),
        ("vmbo kader", {1, 2, 3, 4}),
        ("basis", {1, 2}),
        ("kb", {1, 2, 3, 4}),
        ("mbo 2", {1, 2, 3}),
        ({"school": "mbo", "niveau": 1}, {1, 2}),
        ({"school": "vmbo", "leerweg": "basis"}, {1, 2}),
    ],
)
def test_admission_rules(situation, expected):
    assert allowed_niveaus(situation) == expected


def test_invalid_situations():
    for value in ("mbo 7", "havo", "kleuterschool"):
        with pytest.raises(InvalidSituation):
            allowed_niveaus(value)
    with pytest.raises(InvalidSituation):
        Situation(school="vmbo", leerweg="gymnasium")
    with pytest.raises(InvalidSituation):
        Situation(school="mbo", niveau=5)
