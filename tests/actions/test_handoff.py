"""Hand-off to a counsellor: validation and the recorded request."""
from actions.handoff import ActionSubmitHandoff, ValidateHandoffForm, contact_route
from bot import facts


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


def test_submit_records_request_with_school_from_widget(fresh_db, dispatcher, tracker):
    t = tracker(
        sender_id="conv-1",
        slots={"handoff_topic": "twijfel over zorg", "handoff_contact": "school"},
        metadata={"school": "DEMO01"},
    )
    ActionSubmitHandoff().run(dispatcher, t, {})
    [row] = facts.handoffs_for(fresh_db, "conv-1")
    assert row["topic"] == "twijfel over zorg"
    assert row["school"] == "DEMO01"
    assert row["status"] == "open"
    assert row["code"] in dispatcher.messages[0]["text"]


def test_school_code_is_found_in_an_earlier_message(fresh_db, dispatcher, tracker):
    t = tracker(
        sender_id="conv-2",
        slots={"handoff_topic": "stage", "handoff_contact": "zelf"},
        events=[{"event": "user", "text": "hoi", "metadata": {"school": "ROC42"}},
                {"event": "user", "text": "mens", "metadata": {}}],
    )
    ActionSubmitHandoff().run(dispatcher, t, {})
    assert facts.handoffs_for(fresh_db, "conv-2")[0]["school"] == "ROC42"
