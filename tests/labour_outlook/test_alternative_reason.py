"""Alternatives are offered on what two programmes really share, never on a generic word (issue 16, dead end 5)."""

import pytest

from labour_outlook import alternatives, get_catalogue, prospects_for
from labour_outlook.alternative_reason import GENERIC_SHARED, telling_words, worth_offering

LAW = ["Juridisch medewerker zakelijke dienstverlening", "Juridisch medewerker personeel en arbeid",
       "Juridisch medewerker openbaar bestuur"]


def crebo(name):
    return next(p.crebo for p in get_catalogue() if p.name == name)


def test_generic_words_are_no_reason():
    assert telling_words(["wetten", "regels"]) == ["wetten"]
    assert telling_words(["regels"]) == []
    assert not worth_offering(["regels"], ["C"])  # its only shared word is generic
    assert worth_offering(["regels", "wetten"], [])
    assert worth_offering([], ["C"])  # no words in common, but the same interest type
    assert not worth_offering([], [])


@pytest.mark.parametrize("name", LAW)
def test_no_alternative_shares_only_rules(model, name):
    alts = alternatives(crebo(name))
    assert alts, name
    for a in alts:
        assert not any(w in GENERIC_SHARED for w in a.shared), a.reason
        assert "past ook bij regels" not in a.reason
    assert "Apothekersassistent" not in [a.programme.name for a in alts]


def test_every_reason_names_a_shared_interest(model):
    weak = [p for p in get_catalogue().programmes if prospects_for(p.crebo).weak]
    assert weak
    for base in weak:
        for a in alternatives(base.crebo):
            assert a.reason.count(a.programme.name) == 1, a.reason
            assert "sluit aan bij dezelfde interesses" not in a.reason
            assert a.shared or "past ook bij wie houdt van" in a.reason, a.reason
            assert not a.shared or telling_words(a.shared) == a.shared
