"""Privacy: the explanation is concrete, and deleting really deletes."""
import pytest

from actions.privacy import ActionDeleteMyData, ActionExplainPrivacy, ActionUnshareSummary
from bot import facts
from tests.texts.rendering import render


def test_privacy_explanation_names_retention_and_who_sees(dispatcher, tracker, monkeypatch):
    monkeypatch.setenv("KANSRIJK_RETENTION_DAYS", "45")
    ActionExplainPrivacy().run(dispatcher, tracker(text="wat bewaren jullie"), {})
    assert dispatcher.messages[0]["response"] == "utter_privacy"
    assert dispatcher.messages[0]["retention_days"] == 45
    text = render(dispatcher.messages[0])["text"]
    assert "45 dagen" in text
    assert "naam" in text and "decaan" in text


def test_delete_removes_facts_and_handoffs_of_this_conversation_only(fresh_db, dispatcher, tracker):
    facts.record_fact(fresh_db, "me", "interests", {"text": "dieren"})
    facts.create_handoff(fresh_db, "me", topic="twijfel", contact_route="zelf")
    facts.record_fact(fresh_db, "someone-else", "interests", {"text": "auto's"})

    events = ActionDeleteMyData().run(dispatcher, tracker(sender_id="me"), {})

    assert facts.facts_for(fresh_db, "me") == []
    assert facts.handoffs_for(fresh_db, "me") == []
    assert len(facts.facts_for(fresh_db, "someone-else")) == 1
    assert {"event": "slot", "name": "forget_conversation", "value": True, "timestamp": None} in events
    assert dispatcher.messages[0]["response"] == "utter_deleted"


def test_delete_failure_says_nothing_was_deleted_and_keeps_the_tracker(dispatcher, tracker, monkeypatch):
    def broken_db():
        raise RuntimeError("disk full")

    monkeypatch.setattr("actions.privacy.app_db", broken_db)
    events = ActionDeleteMyData().run(dispatcher, tracker(sender_id="me"), {})
    assert events == []
    assert dispatcher.messages[0]["response"] == "utter_delete_failed"


def test_unshare(fresh_db, dispatcher, tracker):
    fresh_db["shares"].insert({"conversation_id": "me", "school": "DEMO", "shared_at": "2026-01-01"})
    ActionUnshareSummary().run(dispatcher, tracker(sender_id="me"), {})
    assert fresh_db["shares"].count == 0
    assert dispatcher.messages[0]["response"] == "utter_unshared"


def test_delete_also_removes_a_follow_up_report_of_this_conversation(fresh_db, dispatcher, tracker):
    from internships import register, reports

    register.add_institution(fresh_db, "DEMO01", "Demoschool", actor="test")  # follow-up needs a known school
    draft = reports.ReportDraft(what_happened="ze wilden me niet", route="follow_up",
                                institution_code="DEMO01", conversation_id="me",
                                contact_route="mentor")
    code = reports.submit_report(fresh_db, draft)
    ActionDeleteMyData().run(dispatcher, tracker(sender_id="me"), {})
    with pytest.raises(reports.UnknownReportCode):
        reports.get_status(fresh_db, code)


def test_privacy_explanation_in_english(dispatcher, tracker):
    ActionExplainPrivacy().run(dispatcher, tracker(text="what do you keep", slots={"language": "en"}), {})
    text = render(dispatcher.messages[0], "en")["text"]
    assert "days I delete the chat" in text and "I never ask your name" in text
