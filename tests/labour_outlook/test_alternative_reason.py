"""Alternatives are offered on what two programmes really share, never on a generic word (issue 16, dead end 5)."""

import itertools

from labour_outlook import alternatives, get_catalogue, prospects_for
from labour_outlook.alternative_reason import GENERIC_SHARED, telling_words, worth_offering
from labour_outlook.recommend import _shared_words, lexical_index


def test_generic_words_are_no_reason():
    assert telling_words(["wetten", "regels"]) == ["wetten"]
    assert telling_words(["regels"]) == []
    assert not worth_offering(["regels"], ["C"])  # its only shared word is generic
    assert worth_offering(["regels", "wetten"], [])
    assert worth_offering([], ["C"])  # no words in common, but the same interest type
    assert not worth_offering([], [])


def weak_programmes(n=40):
    return list(itertools.islice((p for p in get_catalogue().programmes if prospects_for(p.crebo).weak), n))


def test_every_offered_alternative_shares_a_telling_interest(model):
    catalogue = get_catalogue()
    lex = lexical_index(catalogue)
    offered = 0
    for base in weak_programmes():
        for a in alternatives(base.crebo):
            offered += 1
            every = _shared_words(base, a.programme, lex, limit=None)
            types = [t for t in (base.riasec or "")[:2] if t in (a.programme.riasec or "")]
            assert worth_offering(every, types), a.reason  # never only "regels" or "kantoor"
            assert not any(w in GENERIC_SHARED for w in a.shared), a.reason
            assert a.reason.count(a.programme.name) == 1, a.reason
            assert "sluit aan bij dezelfde interesses" not in a.reason
            assert a.shared or "past ook bij wie houdt van" in a.reason, a.reason
    assert offered
