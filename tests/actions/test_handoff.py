"""Hand-off to a counsellor: validation and the recorded request."""
import pytest

from actions.handoff import ActionSubmitHandoff, ValidateHandoffForm, contact_route
from bot import facts, schools


@pytest.fixture
def registered(fresh_db):
    schools.add_school(fresh_db, "DEMO01", "Demoschool")
    schools.add_school(fresh_db, "ROC42", "ROC 42")
    return fresh_db


def test_topic_must_contain_words(dispatcher, tracker):
    form = ValidateHandoffForm()
    assert form.validate_handoff_topic("???", dispatcher, tracker(), {}) == {"handoff_topic": None}
    assert form.validate_handoff_topic("  twijfel over   mijn opleiding ", dispatcher, tracker(), {}) == {
        "handoff_topic": "twijfel over mijn opleiding"
    }


def test_contact_route_from_buttons_and_free_text():
    assert contact_route("via mijn mentor") == "school"
    assert contact_route("ik loop zelf binnen") == "zelf"
    assert contact_route("ik kom wel langs") == "zelf"
    assert contact_route("banaan") is None


def test_submit_records_request_with_school_from_widget(registered, dispatcher, tracker):
    t = tracker(
        sender_id="conv-1",
        slots={"handoff_topic": "twijfel over zorg", "handoff_contact": "school"},
        metadata={"school": "DEMO01"},
    )
    ActionSubmitHandoff().run(dispatcher, t, {})
    [row] = facts.handoffs_for(registered, "conv-1")
    assert row["topic"] == "twijfel over zorg"
    assert row["school"] == "DEMO01"
    assert row["status"] == "open"
    assert row["code"] in dispatcher.messages[0]["text"]


def test_school_code_is_found_in_an_earlier_message(registered, dispatcher, tracker):
    t = tracker(
        sender_id="conv-2",
        slots={"handoff_topic": "stage", "handoff_contact": "zelf"},
        events=[{"event": "user", "text": "hoi", "metadata": {"school": "ROC42"}},
                {"event": "user", "text": "mens", "metadata": {}}],
    )
    ActionSubmitHandoff().run(dispatcher, t, {})
    assert facts.handoffs_for(registered, "conv-2")[0]["school"] == "ROC42"


def handoff_tracker(tracker, sender="conv-x", school="DEMO01"):
    return tracker(sender_id=sender, slots={"handoff_topic": "twijfel", "handoff_contact": "zelf"},
                   metadata={"school": school} if school else None)


@pytest.mark.parametrize("school", ["DEMO99", "demo99", None, "=HYPERLINK(1)"])
def test_an_unknown_school_gets_no_handoff_and_the_student_hears_why(registered, dispatcher, tracker, school):
    events = ActionSubmitHandoff().run(dispatcher, handoff_tracker(tracker, school=school), {})
    assert facts.handoffs_for(registered, "conv-x") == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_handoff_school_unknown"]
    assert {e["name"]: e["value"] for e in events} == {"handoff_topic": None, "handoff_contact": None}


def test_an_inactive_school_gets_no_handoff(registered, dispatcher, tracker):
    schools.set_active(registered, "DEMO01", False)
    ActionSubmitHandoff().run(dispatcher, handoff_tracker(tracker), {})
    assert facts.handoffs_for(registered, "conv-x") == []
    assert dispatcher.messages[0]["response"] == "utter_handoff_school_unknown"


def test_the_school_code_is_stored_as_the_registry_spells_it(registered, dispatcher, tracker):
    ActionSubmitHandoff().run(dispatcher, handoff_tracker(tracker, school="demo01"), {})
    assert facts.handoffs_for(registered, "conv-x")[0]["school"] == "DEMO01"


def test_handoffs_are_limited_per_conversation(registered, dispatcher, tracker):
    limit = schools.LIMITS["handoff"].per_conversation
    for _ in range(limit + 2):
        ActionSubmitHandoff().run(dispatcher, handoff_tracker(tracker), {})
    assert len(facts.handoffs_for(registered, "conv-x")) == limit
    assert dispatcher.messages[-1]["response"] == "utter_limit_today"
    # Another conversation of the same school still gets through.
    ActionSubmitHandoff().run(dispatcher, handoff_tracker(tracker, sender="conv-y"), {})
    assert len(facts.handoffs_for(registered, "conv-y")) == 1


def test_handoffs_are_limited_per_school(registered, dispatcher, tracker, monkeypatch):
    monkeypatch.setitem(schools.LIMITS, "handoff", schools.Limit(per_conversation=3, per_school=4))
    for i in range(6):
        ActionSubmitHandoff().run(dispatcher, handoff_tracker(tracker, sender=f"conv-{i}"), {})
    assert len(facts.school_handoffs(registered, "DEMO01")) == 4
    assert dispatcher.messages[-1]["response"] == "utter_limit_school_busy"
    ActionSubmitHandoff().run(dispatcher, handoff_tracker(tracker, sender="conv-9", school="ROC42"), {})
    assert len(facts.school_handoffs(registered, "ROC42")) == 1  # other schools are not affected
