"""Saving a report (code only after the save), status and withdrawal by code, resuming after a report."""
import pytest

from actions import reporting
from actions.navigation import interrupted_form
from actions.reporting import REPORT_SLOTS, ActionReportIntro, ActionReportStopped, ActionSubmitReport
from actions.reporting_codes import ActionAskWithdraw, ActionReportStatus, ActionWithdrawReport, report_code
from bot import facts
from internships import reports

ANONYMOUS = {
    "report_route": "anonymous",
    "report_what": "Ze wilden me niet vanwege mijn hoofddoek.",
    "report_when": "week:2026-03-02",
    "report_company": "Kapsalon Zus",
    "report_company_pick": None,
    "report_role": "self",
    "report_ground_consent": "no",
    "report_confirm": "save",
}


@pytest.fixture
def schools(fresh_db):
    """The schools ROCA and ROCB in the register: follow-up reports go only to registered schools."""
    from bot.schools import add_school
    from internships import register

    register.add_institution(fresh_db, "ROCA", "ROC Alfa", actor="test")
    register.add_institution(fresh_db, "ROCB", "ROC Beta", actor="test")
    add_school(fresh_db, "ROCA", "ROC Alfa")  # and in the school registry (bot.schools)
    add_school(fresh_db, "ROCB", "ROC Beta")
    return fresh_db


def rows(db):
    return [dict(r) for r in db.query("SELECT * FROM reports")] if "reports" in db.table_names() else []


def slot_events(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def submit(dispatcher, t):
    return ActionSubmitReport().run(dispatcher, t, {})


def test_anonymous_report_is_stored_without_conversation_then_code_is_shown(fresh_db, dispatcher, tracker):
    events = submit(dispatcher, tracker(sender_id="conv-anon", slots=ANONYMOUS, metadata={"school": "ROCA"}))
    [row] = rows(fresh_db)
    assert row["route"] == "anonymous"
    assert row["conversation_id"] is None
    assert row["ground"] is None and row["contact_details"] is None
    assert row["incident_date"] == "2026-03-02" and row["incident_date_precision"] == "week"
    assert row["company_name"] == "Kapsalon Zus"
    assert row["code"] in dispatcher.messages[0]["text"]
    # Reports are not conversation facts.
    assert facts.facts_for(fresh_db, "conv-anon") == []
    # Then the internship search is offered, preferring inclusive companies.
    assert "/seek_internship" in [b["payload"] for b in dispatcher.messages[-1]["buttons"]]
    slots = slot_events(events)
    assert slots["prefer_inclusive"] is True
    assert all(slots[s] is None for s in REPORT_SLOTS)


def test_follow_up_report_keeps_conversation_school_contact_and_consented_ground(fresh_db, schools, dispatcher, tracker):
    slots = {**ANONYMOUS, "report_route": "follow_up", "report_ground_consent": "yes",
             "report_ground": "religie_hoofddoek", "report_contact_route": "email",
             "report_contact_details": "ik@voorbeeld.nl"}
    submit(dispatcher, tracker(sender_id="conv-help", slots=slots, metadata={"school": "ROCA"}))
    [row] = rows(fresh_db)
    assert row["route"] == "follow_up" and row["conversation_id"] == "conv-help"
    assert row["institution_code"] == "ROCA"
    assert row["ground"] == "religie_hoofddoek"
    assert (row["contact_route"], row["contact_details"]) == ("email", "ik@voorbeeld.nl")


def test_follow_up_uses_the_school_the_student_named_without_widget_school(fresh_db, schools, dispatcher, tracker):
    slots = {**ANONYMOUS, "report_route": "follow_up", "report_school": "ROCB", "report_contact_route": "-"}
    submit(dispatcher, tracker(slots=slots))
    [row] = rows(fresh_db)
    assert row["institution_code"] == "ROCB" and row["contact_route"] is None


def test_consent_refused_stores_no_ground_even_if_one_was_set(fresh_db, dispatcher, tracker):
    slots = {**ANONYMOUS, "report_ground_consent": "no", "report_ground": "huidskleur"}
    submit(dispatcher, tracker(slots=slots))
    [row] = rows(fresh_db)
    assert row["ground"] is None and row["ground_consent_on"] is None


def test_anonymous_route_never_stores_contact_details(fresh_db, dispatcher, tracker):
    slots = {**ANONYMOUS, "report_contact_route": "email", "report_contact_details": "ik@voorbeeld.nl"}
    submit(dispatcher, tracker(slots=slots))
    [row] = rows(fresh_db)
    assert row["contact_route"] is None and row["contact_details"] is None


@pytest.mark.parametrize("error", [
    reports.ReportNotSaved("Je melding is niet opgeslagen. Probeer het over een minuut opnieuw."),
    RuntimeError("disk on fire"),
])
def test_failed_save_shows_no_code_and_keeps_the_answers(fresh_db, dispatcher, tracker, monkeypatch, error):
    def broken(db, draft, **kwargs):
        raise error

    monkeypatch.setattr(reports, "submit_report", broken)
    events = submit(dispatcher, tracker(slots=ANONYMOUS))
    text = "\n".join(m["text"] for m in dispatcher.messages)
    assert "niet opgeslagen" in text and "code" not in text.lower()
    assert "disk on fire" not in text
    assert events == [{"event": "slot", "name": "report_confirm", "value": None, "timestamp": None}]
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/report_discrimination", "/stop"]
    assert rows(fresh_db) == []


def test_database_failure_stores_nothing(fresh_db, dispatcher, tracker):
    reports.ensure_schema(fresh_db)
    # The history insert fails after the report row was written: the transaction must roll back.
    fresh_db.conn.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON report_status_history BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    submit(dispatcher, tracker(slots=ANONYMOUS))
    assert "niet opgeslagen" in dispatcher.messages[0]["text"]
    assert rows(fresh_db) == []


def test_retry_after_failure_goes_straight_back_to_the_summary(dispatcher, tracker):
    ActionReportIntro().run(dispatcher, tracker(slots={**ANONYMOUS, "report_confirm": None}), {})
    assert "nog niet opgeslagen" in dispatcher.messages[0]["text"]


def test_first_message_acknowledges_and_names_outside_help(dispatcher, tracker):
    ActionReportIntro().run(dispatcher, tracker(), {})
    text = dispatcher.messages[0]["text"]
    for words in ("mag niet", "bewijzen", "Meldpunt Stagediscriminatie", "discriminatie.nl", "vertrouwenspersoon"):
        assert words in text


def test_stopping_clears_the_answers(fresh_db, dispatcher, tracker):
    events = ActionReportStopped().run(dispatcher, tracker(slots=ANONYMOUS), {})
    assert all(v is None for v in slot_events(events).values())
    assert rows(fresh_db) == []


# ---------------------------------------------------------------- codes


def with_code(text, code=None, intent="report_status", **kwargs):
    from tests.actions.conftest import make_tracker

    t = make_tracker(text, intent, **kwargs)
    if code:
        t.latest_message["entities"] = [{"entity": "report_code", "value": code}]
    return t


def test_code_from_entity_or_text():
    assert report_code(with_code("status K7PQ2XHM", "K7PQ2XHM")) == "K7PQ2XHM"
    assert report_code(with_code("trek mijn melding in ABCDEFGH")) == "ABCDEFGH"  # no digit: regex misses it
    assert report_code(with_code("status van k7pq-2xhm")) == "K7PQ2XHM"
    assert report_code(with_code("status van k7pq2-xhm4b")) == "K7PQ2XHM4B"  # the new 10-character codes
    assert report_code(with_code("trek ABCDEFGHJK in")) == "ABCDEFGHJK"
    assert report_code(with_code("hoe staat mijn melding ervoor")) is None


def test_status_by_code(fresh_db, dispatcher):
    code = reports.submit_report(fresh_db, reports.ReportDraft(what_happened="test"))
    ActionReportStatus().run(dispatcher, with_code(f"status {code}", code), {})
    assert "nieuw" in dispatcher.messages[0]["text"] and code in dispatcher.messages[0]["text"]


def test_status_of_unknown_code_or_without_code(fresh_db, dispatcher):
    ActionReportStatus().run(dispatcher, with_code("status K7PQ2XHM", "K7PQ2XHM"), {})
    ActionReportStatus().run(dispatcher, with_code("hoe staat het met mijn melding"), {})
    assert "geen melding" in dispatcher.messages[0]["text"]
    assert "Wat is je code" in dispatcher.messages[1]["text"]


def test_withdraw_asks_first_then_deletes(fresh_db, dispatcher, tracker):
    code = reports.submit_report(fresh_db, reports.ReportDraft(what_happened="test"))
    events = ActionAskWithdraw().run(dispatcher, with_code(f"trek in {code}", code, "withdraw_report"), {})
    ticket = slot_events(events)["report_pending_code"]
    # The conversation keeps a one-time ticket, not the code: the tracker store may scrub codes.
    assert ticket and code not in ticket
    assert len(rows(fresh_db)) == 1  # nothing deleted before the student confirms
    assert code in dispatcher.messages[0]["text"]
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny"]

    events = ActionWithdrawReport().run(dispatcher, tracker("ja", "affirm", slots={"report_pending_code": ticket}), {})
    assert rows(fresh_db) == []
    assert "ingetrokken" in dispatcher.messages[-1]["text"]
    assert slot_events(events) == {"report_pending_code": None}


def test_an_old_or_forged_ticket_withdraws_nothing(fresh_db, dispatcher, tracker):
    code = reports.submit_report(fresh_db, reports.ReportDraft(what_happened="test"))
    for pending in (code, "0" * 32):  # the code itself (as the slot held it before) is no ticket
        events = ActionWithdrawReport().run(dispatcher, tracker("ja", "affirm", slots={"report_pending_code": pending}), {})
        assert dispatcher.messages[-1]["response"] == "utter_withdraw_expired"
        assert slot_events(events) == {"report_pending_code": None}
    assert len(rows(fresh_db)) == 1


def test_guessing_codes_is_throttled_with_a_clear_message(fresh_db, dispatcher, monkeypatch):
    """Five wrong codes from one conversation: then even the right code gets the throttle
    message (a domain response) and no look-up, for status and for withdrawal alike."""
    monkeypatch.delenv("KANSRIJK_REPORT_LOOKUPS_CONVERSATION", raising=False)
    code = reports.submit_report(fresh_db, reports.ReportDraft(what_happened="test"))
    for wrong in ["K7PQ2XHM4B", "R4TW9KMZ2C", "X4YZ7ABC3D", "AB23CD45EF", "MN67PQ89RS"]:
        ActionReportStatus().run(dispatcher, with_code(f"status {wrong}", wrong, sender_id="guesser"), {})
        assert "geen melding" in dispatcher.messages[-1]["text"]
    ActionReportStatus().run(dispatcher, with_code(f"status {code}", code, sender_id="guesser"), {})
    assert dispatcher.messages[-1]["response"] == "utter_report_lookup_throttled"
    assert 1 <= dispatcher.messages[-1]["minutes"] <= 15
    events = ActionAskWithdraw().run(
        dispatcher, with_code(f"trek in {code}", code, "withdraw_report", sender_id="guesser"), {})
    assert dispatcher.messages[-1]["response"] == "utter_report_lookup_throttled"
    assert slot_events(events) == {"report_pending_code": None}
    # The student in another conversation still gets the status.
    ActionReportStatus().run(dispatcher, with_code(f"status {code}", code, sender_id="student"), {})
    assert "nieuw" in dispatcher.messages[-1]["text"]


def test_when_everyone_together_tried_too_many_codes_the_message_says_so(fresh_db, dispatcher, monkeypatch):
    monkeypatch.setenv("KANSRIJK_REPORT_LOOKUPS_TOTAL", "3")
    for i, wrong in enumerate(["K7PQ2XHM4B", "R4TW9KMZ2C", "X4YZ7ABC3D", "AB23CD45EF"]):
        ActionReportStatus().run(dispatcher, with_code(f"status {wrong}", wrong, sender_id=f"c{i}"), {})
    assert dispatcher.messages[-1]["response"] == "utter_report_lookups_paused"


def test_withdraw_unknown_code_asks_nothing(fresh_db, dispatcher):
    events = ActionAskWithdraw().run(dispatcher, with_code("trek in K7PQ2XHM", "K7PQ2XHM", "withdraw_report"), {})
    assert slot_events(events) == {"report_pending_code": None}
    assert not dispatcher.messages[0].get("buttons")


def test_withdraw_without_pending_code_asks_for_it(fresh_db, dispatcher, tracker):
    ActionWithdrawReport().run(dispatcher, tracker("ja", "affirm"), {})
    assert "Wat is je code" in dispatcher.messages[0]["text"]


# ---------------------------------------------------------------- interrupted flows


@pytest.mark.parametrize("form", ["handoff_form", "internship_form"])
def test_flow_interrupted_by_a_report_is_resumed_afterwards(form):
    """report_form is deliberately not in RESUMABLE_FORMS: a finished report would hide the flow before it."""
    user = lambda intent: {"event": "user", "parse_data": {"intent": {"name": intent}}}  # noqa: E731
    events = [
        user("seek_internship"), {"event": "active_loop", "name": form},
        user("report_discrimination"), {"event": "action", "name": "action_report_intro"},
        {"event": "active_loop", "name": "report_form"}, user("inform"),
        {"event": "active_loop", "name": None}, {"event": "action", "name": "action_submit_report"},
        user("resume"),
    ]
    assert interrupted_form(events) == form


def test_nothing_about_a_report_is_logged(fresh_db, dispatcher, tracker, caplog, monkeypatch):
    monkeypatch.setattr(reports, "submit_report", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("hoofddoek")))
    with caplog.at_level("DEBUG", logger=reporting.logger.name):
        submit(dispatcher, tracker(sender_id="conv-secret", slots=ANONYMOUS))
    assert "hoofddoek" not in caplog.text and "conv-secret" not in caplog.text
