"""Typed answers to button questions in any spelling (issue 16, dead ends 1 and 3)."""

import pytest

from actions.typed_answers import choose, normalise, quiz_answer, yes_no


@pytest.mark.parametrize("text, answer", [
    ("leuk", "leuk"), ("leuk!", "leuk"), ("LEUK", "leuk"), ("leukkk", "leuk"), ("ja leuk", "leuk"),
    ("Leuk 😀", "leuk"), ("luek", "leuk"), ("leuck", "leuk"), ("jaaa", "leuk"), ("vet", "leuk"),
    ("niet leuk", "niet leuk"), ("Niet Leuk", "niet leuk"), ("nee", "niet leuk"), ("niet", "niet leuk"),
    ("boeit me niet", "niet leuk"), ("saai", "niet leuk"), ("niet luek", "niet leuk"), ("neeee", "niet leuk"),
    ("weet niet", "weet ik niet"), ("weet ik niet", "weet ik niet"), ("geen idee", "weet ik niet"),
    ("idk", "weet ik niet"), ("weeet niet", "weet ik niet"), ("wet ik niet", "weet ik niet"),
    ("misschien", "weet ik niet"),
])
def test_quiz_answers_in_any_spelling(text, answer):
    assert quiz_answer(text) == answer


@pytest.mark.parametrize("text", ["ik sleutel graag aan scooters", "pizza", "hmm", "", "wat bedoel je?"])
def test_no_quiz_answer(text):
    assert quiz_answer(text) is None


@pytest.mark.parametrize("text, answer", [
    ("ja", True), ("jaaa", True), ("Ja!", True), ("prima", True), ("ja dat mag", True), ("oke", True),
    ("nee", False), ("Nee!", False), ("neee", False), ("liever niet", False), ("nee hoor", False),
    ("hmm", None), ("pizza", None),
])
def test_yes_or_no(text, answer):
    assert yes_no(text) is answer


def test_choose_prefers_phrases_then_typos():
    options = [("bol", ("bol",)), ("bbl", ("bbl",))]
    assert choose("BOL!", options) == "bol"
    assert choose("bool", options, {"bol": ("bol",)}) == "bol"
    assert choose("ik weet het niet", options, {"bol": ("bol",)}) is None
    assert normalise("  Één   LEUKKK!! ") == "een leuk"
