"""Typed English at button questions is read (issue 16): a typed button title, English words in the report, the hand-off."""
import asyncio

import pytest

from actions.answer_misses import MISSES
from actions.button_titles import titled_answer
from actions.handoff import ValidateHandoffForm, contact_route
from actions.reporting_form import ValidateReportForm, is_skip, parse_role
from tests.actions.conftest import make_tracker

ROLE_QUESTION = {"event": "bot", "text": "Did it happen to you, or did you see it happen to someone else?",
                 "data": {"buttons": [{"title": "It happened to me", "payload": "het overkwam mij"},
                                      {"title": "I saw it happen to someone else", "payload": "ik zag het bij iemand anders"},
                                      {"title": "Stop", "payload": "/stop"}]}}


def answered(text, question=ROLE_QUESTION, slot="report_role"):
    """The tracker Rasa sends to the form validator: the question, the typed answer, and its slot."""
    events = [question, {"event": "user", "text": text},
              {"event": "slot", "name": slot, "value": text}]
    return make_tracker(text, "inform", slots={"requested_slot": slot, slot: text}, events=events,
                        active_loop="report_form")


def responses(dispatcher):
    return [m.get("response") for m in dispatcher.messages]


@pytest.mark.parametrize("typed, payload", [
    ("I saw it happen to someone else", "ik zag het bij iemand anders"),
    ("i saw it happen to somone else", "ik zag het bij iemand anders"),
    ("It happened to me!", "het overkwam mij"),
])
def test_a_typed_title_means_its_button(typed, payload):
    assert titled_answer(answered(typed)) == payload


@pytest.mark.parametrize("typed", ["stop", "pizza", "het overkwam mij", ""])
def test_no_title_no_change(typed):
    # "stop" is an intent button (the NLU reads it); the Dutch payload itself needs no change.
    assert titled_answer(answered(typed)) is None


RADIUS_QUESTION = {"event": "bot", "text": "How far do you want to travel?",
                   "data": {"buttons": [{"title": t, "payload": t} for t in ("10 km", "25 km", "50 km")]}}


@pytest.mark.parametrize("typed, payload", [("5 km", None), ("15 km", None), ("25 kmm", "25 km")])
def test_numbers_in_a_title_must_be_the_same(typed, payload):
    assert titled_answer(answered(typed, RADIUS_QUESTION, "internship_radius")) == payload


def test_the_form_validates_the_button_behind_a_typed_title(dispatcher):
    events = asyncio.run(ValidateReportForm().get_validation_events(
        dispatcher, answered("I saw it happen to someone else"), {}))
    assert {"event": "slot", "name": "report_role", "value": "witness"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events]


@pytest.mark.parametrize("text, role", [("someone else", "witness"), ("my friend", "witness"),
                                        ("it happened to me", "self"), ("myself", "self")])
def test_english_roles(text, role):
    assert parse_role(make_tracker(text, "inform"), text) == role


@pytest.mark.parametrize("text", ["I don't know", "no idea", "skip", "I'd rather not say"])
def test_english_skips(text):
    assert is_skip(text)


@pytest.mark.parametrize("slot, text, value", [
    ("report_ground", "because of my headscarf", "religie_hoofddoek"),
    ("report_ground", "my skin colour", "huidskleur"),
    ("report_ground", "my name", "naam_afkomst"),
    ("report_contact_route", "by e-mail", "email"),
    ("report_contact_route", "call me", "telefoon"),
    ("report_contact_route", "I'll walk in myself", "zelf_langskomen"),
])
def test_english_report_answers(dispatcher, slot, text, value):
    result = getattr(ValidateReportForm(), f"validate_{slot}")(text, dispatcher, make_tracker(text, "inform"), {})
    assert result[slot] == value


@pytest.mark.parametrize("text, route", [("via my mentor", "school"), ("through my teacher", "school"),
                                         ("I'll walk in myself", "zelf"), ("ik kom wel langs", "zelf"),
                                         ("mentr", "school")])
def test_handoff_contact_in_english_and_with_typos(text, route):
    assert contact_route(text) == route


def test_handoff_contact_second_miss_says_what_to_type_and_offers_stop(dispatcher):
    form = ValidateHandoffForm()
    first = form.validate_handoff_contact("pizza", dispatcher, make_tracker("pizza", "inform"), {})
    assert first["handoff_contact"] is None and responses(dispatcher) == ["utter_handoff_contact_again"]
    again = make_tracker("pizza", "inform", slots={MISSES: first[MISSES]})
    second = form.validate_handoff_contact("pizza", dispatcher, again, {})
    assert second["handoff_contact"] is None and responses(dispatcher)[-1] == "utter_typed_help_handoff_contact"
