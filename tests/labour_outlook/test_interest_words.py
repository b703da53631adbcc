"""Answers with no interest in them ("vmbo kader", "ok") are told apart from interests (issue 16, dead end 2)."""

import pytest

from labour_outlook.interest_words import carries_interest, interest_words


@pytest.mark.parametrize("text", [
    "vmbo kader", "ok", "weet niet precies", "mbo niveau 2", "ik zit op het vmbo kader", "leuk", "geen idee",
    "ja hoor", "??", "", "4", "Ik ben Mohammed", "weet ik veel", "hoi", "ik weet het echt niet",
])
def test_no_interest_in_it(text):
    assert not carries_interest(text), interest_words(text)


@pytest.mark.parametrize("text, word", [
    ("ik sleutel graag aan scooters", "scooters"), ("ik game veel", "game"), ("ik help mijn opa", "help"),
    ("ik kook graag", "kook"), ("dieren", "dieren"), ("iets met computers", "computers"),
    ("voetbal en muziek", "muziek"), ("ik hou van cijfers", "cijfers"),
])
def test_interests_are_found(text, word):
    assert carries_interest(text)
    assert word in interest_words(text)
