"""Switching language: typed requests, the widget's `lang` metadata (data-lang, its button), and back."""
import pytest

from actions.language import ActionDetectLanguage, ActionLanguageSwitched, wanted_language
from actions.texts import named_language
from tests.actions.conftest import make_tracker


def user(metadata=None):
    return {"event": "user", "text": "x", "metadata": metadata or {}}


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


def test_a_switch_request_sets_the_slot():
    t = make_tracker(text="hi, can we talk in english?", intent="switch_language")
    assert ActionDetectLanguage().run(None, t, {}) == [{"event": "slot", "timestamp": None, "name": "language", "value": "en"}]


def test_back_to_dutch():
    t = make_tracker(text="Nederlands graag", intent="switch_language", slots={"language": "en"})
    assert wanted_language(t) == "nl"


def test_a_long_message_naming_a_language_does_not_switch():
    text = "ze zeiden bij het sollicitatiegesprek dat mijn Engels niet goed genoeg was voor de klanten daar"
    assert wanted_language(make_tracker(text=text, intent="switch_language")) is None


def test_other_intents_naming_a_language_do_not_switch():
    assert wanted_language(make_tracker(text="ik wil engels leren", intent="share_interests")) is None


def test_data_lang_on_the_first_message_switches():
    t = make_tracker(text="hoi", intent="greet", metadata={"lang": "en"}, events=[user({"lang": "en"})])
    assert wanted_language(t) == "en"


def test_the_same_lang_again_does_not_undo_a_typed_switch():
    events = [user({"lang": "en"}), user({"lang": "en"})]
    t = make_tracker(text="stage zoeken", intent="seek_internship", metadata={"lang": "en"}, events=events,
                     slots={"language": "nl"})
    assert wanted_language(t) is None


def test_the_widget_button_changes_lang():
    events = [user({"lang": "nl"}), user({"lang": "en"})]
    t = make_tracker(text="/switch_language", intent="switch_language", metadata={"lang": "en"}, events=events)
    assert wanted_language(t) == "en"


def test_a_new_session_honours_data_lang_again():
    events = [user({"lang": "en"}), {"event": "action", "name": "action_session_start"}, user({"lang": "en"})]
    t = make_tracker(text="hoi", intent="greet", metadata={"lang": "en"}, events=events)
    assert wanted_language(t) == "en"


def test_an_unknown_lang_is_ignored():
    t = make_tracker(text="hoi", intent="greet", metadata={"lang": "xx"}, events=[user({"lang": "xx"})])
    assert wanted_language(t) is None


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
