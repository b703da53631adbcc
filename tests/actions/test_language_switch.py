"""Switching language: the answer (the slot itself: tests/bot/test_language_slot.py)."""
import pytest

from actions.language import ActionLanguageSwitched
from actions.texts import named_language
from tests.actions.conftest import make_tracker


@pytest.mark.parametrize("text,expected", [
    ("hi, can we talk in english?", "en"),
    ("in het Engels graag", "en"),
    ("english please", "en"),
    ("Nederlands graag", "nl"),
    ("can we speak dutch again", "nl"),
    ("can we talk english instead of dutch", "en"),
    ("ik en jij", None),
])
def test_the_named_language(text, expected):
    assert named_language(text, current="nl") == expected


def test_the_answer_confirms_and_offers_the_menu_outside_a_form(dispatcher):
    ActionLanguageSwitched().run(dispatcher, make_tracker(text="english please", intent="switch_language",
                                                          slots={"language": "en"}), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_language_switched", "utter_menu"]


def test_inside_a_form_the_form_asks_again(dispatcher):
    t = make_tracker(text="english please", intent="switch_language", active_loop="study_form")
    ActionLanguageSwitched().run(dispatcher, t, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_language_switched"]


def test_no_language_named_asks_which(dispatcher):
    ActionLanguageSwitched().run(dispatcher, make_tracker(text="andere taal", intent="switch_language"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_language_choose"]
