"""Schools are a registry, not whatever the widget sends: follow-up reports, anonymous reports and experiments."""
from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

import labour_outlook
from actions.reporting import ActionSubmitReport
from actions.reporting_form import ValidateReportForm
from actions.study_advice import ActionProspects
from bot import facts, schools
from bot.experiments import definition, store
from internships import register

REPORT = {
    "report_route": "follow_up",
    "report_what": "Ze wilden me niet vanwege mijn naam.",
    "report_when": "week:2026-03-02",
    "report_company": "Kapsalon Zus",
    "report_company_pick": None,
    "report_role": "self",
    "report_ground_consent": "no",
    "report_contact_route": "mentor",
    "report_confirm": "save",
}


@pytest.fixture
def institutions(fresh_db):
    """ROCA and ROCB in the internship register; only ROCA is a school of the registry."""
    register.add_institution(fresh_db, "ROCA", "ROC Alfa", actor="test")
    register.add_institution(fresh_db, "ROCB", "ROC Beta", actor="test")
    schools.add_school(fresh_db, "ROCA", "ROC Alfa")
    return fresh_db


def reports_in(db):
    return [dict(r) for r in db.query("SELECT * FROM reports")]


def submit(dispatcher, tracker, slots, sender="conv-1", metadata=None):
    return ActionSubmitReport().run(dispatcher, tracker(sender_id=sender, slots=slots, metadata=metadata), {})


def test_a_follow_up_report_to_a_registered_school_is_filed(institutions, dispatcher, tracker):
    submit(dispatcher, tracker, {**REPORT, "report_school": "ROCA"})
    [row] = reports_in(institutions)
    assert (row["route"], row["institution_code"]) == ("follow_up", "ROCA")


@pytest.mark.parametrize("setup", ["not_a_school", "inactive"])
def test_no_follow_up_report_for_an_unknown_or_inactive_school(institutions, dispatcher, tracker, setup):
    school = "ROCB"
    if setup == "inactive":
        school = "ROCA"
        schools.set_active(institutions, "ROCA", False)
    events = submit(dispatcher, tracker, {**REPORT, "report_school": school})
    assert reports_in(institutions) == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_report_school_unknown"
    # The answers stay: the student can save the report anonymously instead.
    assert events == [{"event": "slot", "name": "report_confirm", "value": None, "timestamp": None}]


def test_follow_up_reports_are_limited_per_conversation(institutions, dispatcher, tracker):
    limit = schools.LIMITS["follow_up_report"].per_conversation
    for _ in range(limit + 1):
        submit(dispatcher, tracker, {**REPORT, "report_school": "ROCA"})
    assert len(reports_in(institutions)) == limit
    assert dispatcher.messages[-1]["response"] == "utter_report_limited"
    # Anonymous reporting is never limited by the school's limits.
    submit(dispatcher, tracker, {**REPORT, "report_route": "anonymous", "report_contact_route": None})
    assert len(reports_in(institutions)) == limit + 1


def test_follow_up_reports_are_limited_per_school(institutions, dispatcher, tracker, monkeypatch):
    monkeypatch.setitem(schools.LIMITS, "follow_up_report", schools.Limit(per_conversation=2, per_school=3))
    for i in range(5):
        submit(dispatcher, tracker, {**REPORT, "report_school": "ROCA"}, sender=f"conv-{i}")
    assert len(reports_in(institutions)) == 3
    assert dispatcher.messages[-1]["response"] == "utter_report_limited"


def test_an_anonymous_report_from_a_bogus_widget_school_names_no_school(institutions, dispatcher, tracker):
    slots = {**REPORT, "report_route": "anonymous", "report_contact_route": None}
    submit(dispatcher, tracker, slots, metadata={"school": "ROCB"})  # in the register, not a school
    submit(dispatcher, tracker, slots, sender="conv-2", metadata={"school": "ROCA"})
    assert sorted(str(r["institution_code"]) for r in reports_in(institutions)) == ["None", "ROCA"]


def test_the_form_asks_for_the_school_when_the_widget_school_is_not_registered(institutions, tracker):
    def required(metadata):
        slots = {**REPORT, "report_confirm": None}
        return asyncio.run(ValidateReportForm().required_slots([], None, tracker(slots=slots, metadata=metadata), {}))

    assert "report_school" not in required({"school": "ROCA"})
    assert "report_school" in required({"school": "ROCB"})
    schools.set_active(institutions, "ROCA", False)
    assert "report_school" in required({"school": "ROCA"})


# ----------------------------------------------------------------------------- experiments


def weak_programme():
    for programme in labour_outlook.get_catalogue().programmes:
        if labour_outlook.prospects_for(programme.crebo).weak and labour_outlook.alternatives(programme.crebo):
            return programme
    pytest.fail("the sample data has no programme with weak prospects and alternatives")


def test_an_unregistered_school_gets_no_experiment_arm(fresh_db, tracker, dispatcher):
    """An experiment may name a school code; a widget that sends it is in the experiment only once it is registered."""
    today = store.today()
    store.add(fresh_db, definition.parse({
        "name": "nudge_registry", "schools": ["DEMO02"], "start": today, "end": today + timedelta(days=30),
        "arms": {"standard": 1, "no_offer": 1}, "primary_outcome": "looked_at_alternative",
        "min_sample_per_arm": 10, "hypothesis": "Een test.",
    }))
    programme = weak_programme()

    def ask(sender):
        t = tracker(text=f"kans op werk {programme.crebo}", intent="ask_prospects", sender_id=sender,
                    metadata={"school": "DEMO02"})
        t.latest_message["entities"] = [{"entity": "crebo", "value": programme.crebo}]
        ActionProspects().run(dispatcher, t, {})
        return facts.facts_for(fresh_db, sender, "experiment_arm")

    assert ask("before") == []
    [shown] = facts.facts_for(fresh_db, "before", "nudge_shown")
    assert shown["payload"]["arm"] == "standard" and shown["payload"]["experiment"] is None
    schools.add_school(fresh_db, "DEMO02", "Het Nieuwe College")
    assert [f["payload"]["experiment"] for f in ask("after")] == ["nudge_registry"]
