"""Sharing a summary: asked once at the end, linked to the school only on 'ja'."""
import pytest

from actions.sharing import ActionGoodbye, ActionShareSummary
from bot import facts, schools

WIDGET = {"school": "DEMO01"}


@pytest.fixture(autouse=True)
def registered(fresh_db):
    schools.add_school(fresh_db, "DEMO01", "Demoschool")
    return fresh_db


def test_goodbye_without_advice_just_says_goodbye(fresh_db, tracker, dispatcher):
    assert ActionGoodbye().run(dispatcher, tracker(metadata=WIDGET), {}) == []
    assert "Doei" in dispatcher.messages[0]["text"]


def test_goodbye_after_advice_asks_once(fresh_db, tracker, dispatcher):
    facts.record_fact(fresh_db, "test-conversation", "programmes_shown", {"programmes": []})
    events = ActionGoodbye().run(dispatcher, tracker(metadata=WIDGET), {})
    assert "samenvatting" in dispatcher.messages[0]["text"]
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/share_summary", "/deny"]
    assert fresh_db["shares"].count == 0  # nothing is linked before the student says yes
    assert events[0]["name"] == "share_asked"

    dispatcher.messages.clear()
    ActionGoodbye().run(dispatcher, tracker(metadata=WIDGET, slots={"share_asked": True}), {})
    assert "samenvatting" not in dispatcher.messages[0]["text"]


def test_yes_links_the_conversation_to_the_school(fresh_db, tracker, dispatcher):
    facts.record_fact(fresh_db, "test-conversation", "interests", {"text": "dieren"})
    ActionShareSummary().run(dispatcher, tracker(metadata=WIDGET), {})
    [share] = list(fresh_db["shares"].rows)
    assert share["school"] == "DEMO01" and share["conversation_id"] == "test-conversation"


def test_no_school_code_means_nothing_is_shared(fresh_db, tracker, dispatcher):
    facts.record_fact(fresh_db, "test-conversation", "interests", {"text": "dieren"})
    ActionShareSummary().run(dispatcher, tracker(), {})
    assert fresh_db["shares"].count == 0
    assert "school" in dispatcher.messages[0]["text"]


@pytest.mark.parametrize("school", ["DEMO99", "demo99 ", "<script>"])
def test_an_unknown_school_gets_no_share_and_the_student_hears_why(fresh_db, tracker, dispatcher, school):
    facts.record_fact(fresh_db, "test-conversation", "interests", {"text": "dieren"})
    ActionShareSummary().run(dispatcher, tracker(metadata={"school": school}), {})
    assert fresh_db["shares"].count == 0
    assert facts.facts_for(fresh_db, "test-conversation", "summary_shared") == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_share_school_unknown"]


def test_an_unknown_school_is_not_asked_to_share(fresh_db, tracker, dispatcher):
    facts.record_fact(fresh_db, "test-conversation", "programmes_shown", {"programmes": []})
    ActionGoodbye().run(dispatcher, tracker(metadata={"school": "DEMO99"}), {})
    assert "samenvatting" not in dispatcher.messages[0]["text"]


def test_an_inactive_school_gets_no_share(fresh_db, tracker, dispatcher):
    schools.set_active(fresh_db, "DEMO01", False)
    facts.record_fact(fresh_db, "test-conversation", "interests", {"text": "dieren"})
    ActionShareSummary().run(dispatcher, tracker(metadata=WIDGET), {})
    assert fresh_db["shares"].count == 0
    assert dispatcher.messages[0]["response"] == "utter_share_school_unknown"


def test_shares_are_limited_per_conversation(fresh_db, tracker, dispatcher):
    facts.record_fact(fresh_db, "test-conversation", "interests", {"text": "dieren"})
    limit = schools.LIMITS["share"].per_conversation
    for _ in range(limit + 1):
        ActionShareSummary().run(dispatcher, tracker(metadata=WIDGET), {})
    assert len(facts.facts_for(fresh_db, "test-conversation", "summary_shared")) == limit
    assert dispatcher.messages[-1]["response"] == "utter_limit_today"


def test_shares_are_limited_per_school(fresh_db, tracker, dispatcher, monkeypatch):
    monkeypatch.setitem(schools.LIMITS, "share", schools.Limit(per_conversation=3, per_school=2))
    for i in range(3):
        facts.record_fact(fresh_db, f"c{i}", "interests", {"text": "dieren"})
        ActionShareSummary().run(dispatcher, tracker(sender_id=f"c{i}", metadata=WIDGET), {})
    assert facts.shared_ids(fresh_db, "DEMO01") == {"c0", "c1"}
    assert dispatcher.messages[-1]["response"] == "utter_limit_school_busy"
