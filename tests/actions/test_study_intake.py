"""Study-choice intake: each slot validation, and 'weet ik niet' leading to the quiz."""
import asyncio

import pytest

from actions.study_intake import (
    SKIPPED,
    ValidateStudyForm,
    parse_leerweg,
    parse_niveau,
    parse_school_type,
)
from bot import facts


@pytest.mark.parametrize("text,expected", [
    ("vmbo", "vmbo"), ("ik zit op de mavo", "vmbo"), ("kader", "vmbo"),
    ("mbo", "mbo"), ("niveau 2", "mbo"), ("banaan", None),
])
def test_school_type(text, expected):
    assert parse_school_type(text) == expected


def test_leerweg_and_niveau_in_student_words():
    assert parse_leerweg("kb") == "kader"
    assert parse_leerweg("theoretische leerweg") == "theoretisch"
    assert parse_leerweg("gl") == "gemengd"
    assert parse_niveau("niveau twee") == "2"
    assert parse_niveau("entree") == "1"
    assert parse_niveau("geen idee") is None


def test_required_slots_follow_the_school(tracker, dispatcher):
    form = ValidateStudyForm()
    vmbo = asyncio.run(form.required_slots([], dispatcher, tracker(slots={"school_type": "vmbo"}), {}))
    mbo = asyncio.run(form.required_slots([], dispatcher, tracker(slots={"school_type": "mbo"}), {}))
    assert vmbo == ["school_type", "vmbo_leerweg", "interests", "place"]
    assert mbo == ["school_type", "mbo_niveau", "interests", "place"]


def test_vmbo_with_leerweg_in_one_answer(tracker, dispatcher):
    slots = ValidateStudyForm().validate_school_type("vmbo kader", dispatcher, tracker(), {})
    assert slots == {"school_type": "vmbo", "vmbo_leerweg": "kader"}


def test_unclear_school_type_is_asked_again(tracker, dispatcher):
    assert ValidateStudyForm().validate_school_type("huh", dispatcher, tracker(), {})["school_type"] is None
    assert dispatcher.messages[0]["response"] == "utter_typed_retry_school_type"


def test_dont_know_gives_examples_and_offers_the_quiz(fresh_db, tracker, dispatcher):
    result = ValidateStudyForm().validate_interests(
        "weet ik niet", dispatcher, tracker(text="weet ik niet", intent="dont_know"), {})
    assert result == {"interests": None}
    assert dispatcher.messages[0]["response"] == "utter_interests_examples"  # with the quiz button
    assert facts.facts_for(fresh_db, "test-conversation") == []


def test_interests_are_kept_and_recorded(fresh_db, tracker, dispatcher):
    result = ValidateStudyForm().validate_interests(
        "ik sleutel graag aan scooters", dispatcher, tracker(intent="share_interests"), {})
    assert result == {"interests": "ik sleutel graag aan scooters",
                      "interest_texts": ["ik sleutel graag aan scooters"]}
    [fact] = facts.facts_for(fresh_db, "test-conversation", "interests")
    assert fact["payload"] == {"text": "ik sleutel graag aan scooters"}


def test_place_resolves_skips_and_re_asks(tracker, dispatcher):
    form = ValidateStudyForm()
    assert form.validate_place("3525", dispatcher, tracker(), {}) == {"place": "Utrecht"}
    assert form.validate_place("sla over", dispatcher, tracker(), {}) == {"place": SKIPPED}
    assert form.validate_place("Xyzzyplaats", dispatcher, tracker(), {})["place"] is None
    assert dispatcher.messages[0]["response"] == "utter_typed_retry_place"
