"""Interests typed in English get the same programmes as the same interests in Dutch (issue 16)."""
import pytest

from labour_outlook import recommend

PAIRS = [
    ("ik werk graag met dieren en ik ben graag buiten", "I like working with animals and being outside"),
    ("ik hou van autos en dingen repareren", "i love cars and fixing things"),
    ("ik help graag mensen", "i like helping people"),
    ("ik wil met kinderen werken", "i want to work with children"),
    ("ik kook graag", "i like cooking"),
    ("computers en gamen", "computers and gaming"),
    ("ik hou van mode en kleding", "i love fashion and clothes"),
    ("tekenen en ontwerpen", "drawing and designing"),
    ("ik wil niet met mensen werken maar ik hou van computers", "i don't want to work with people but i like computers"),
]


@pytest.mark.parametrize("dutch,english", PAIRS)
def test_same_programmes_in_english(model, dutch, english):
    nl = [r.programme.crebo for r in recommend(dutch, top=5)]
    en = [r.programme.crebo for r in recommend(english, top=5)]
    assert en == nl


def test_children_is_not_read_as_schilderen(model):
    names = " ".join(r.programme.name.lower() for r in recommend("i want to work with children", top=3))
    assert "schilder" not in names
