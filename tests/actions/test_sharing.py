"""Sharing a summary: asked once at the end, linked to the school only on 'ja'."""
from actions.sharing import ActionGoodbye, ActionShareSummary
from bot import facts

WIDGET = {"school": "DEMO01"}


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
