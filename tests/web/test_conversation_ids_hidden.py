"""Conversation ids stay out of what staff and counsellors take away (issue 14, item 5): the
institution API gives a keyed hash instead, the counsellor's CSV export the short label the
portal shows. The id named a conversation in every channel; nobody downstream needs it."""
from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from bot import facts
from bot.web.app import create_app
from internships import add_institution, reports
from internships.register import issue_token

CONVERSATION = "s_" + "Q" * 30 + "zx"


def follow_up(conversation: str, what: str) -> reports.ReportDraft:
    return reports.ReportDraft(
        route="follow_up", what_happened=what, company_name="Kapsalon Zus", role="self",
        institution_code="ROC-ID", conversation_id=conversation, contact_route="email",
        contact_details="student@example.org",
    )


def test_the_follow_up_api_shows_a_keyed_hash_not_the_conversation_id(fresh_db, monkeypatch):
    monkeypatch.setenv("KANSRIJK_RASA_URL", "http://127.0.0.1:9")
    add_institution(fresh_db, "ROC-ID", "ROC Id", actor="test")
    token = issue_token(fresh_db, "ROC-ID", actor="test")
    reports.submit_report(fresh_db, follow_up(CONVERSATION, "Ze wilden me niet vanwege mijn naam."))
    reports.submit_report(fresh_db, follow_up(CONVERSATION, "En later nog een keer."))
    reports.submit_report(fresh_db, follow_up("s_" + "R" * 32, "Een ander gesprek."))
    with TestClient(create_app(session_secret="test-secret", secure_cookies=False)) as client:
        response = client.get("/api/v1/reports/follow-up", headers={"Authorization": f"Bearer {token}"})
        spec = client.get("/openapi.json").text
    assert response.status_code == 200
    assert CONVERSATION not in response.text and "conversation_id" not in response.text
    refs = [r["conversation_ref"] for r in response.json()]
    assert len(refs) == 3 and all(len(ref) == 16 for ref in refs)
    assert len(set(refs)) == 2  # the same conversation: the same mark
    assert "conversation_ref" in spec and "conversation_id" not in spec


def test_the_counsellor_csv_has_the_short_label_not_the_conversation_id(client, counsellor, login, fresh_db):
    facts.record_fact(fresh_db, CONVERSATION, "interests", {"text": "dieren"})
    facts.share_with_school(fresh_db, CONVERSATION, "DEMO01")
    login(client, "decaan@demo01.nl")
    export = client.get("/portaal/gesprekken.csv")
    assert export.status_code == 200
    assert CONVERSATION not in export.text
    [header, row] = list(csv.reader(io.StringIO(export.text), delimiter=";"))
    assert row[header.index("gesprek")] == CONVERSATION[:8]
    # The same label as the portal's list, so a row can still be found there.
    assert f"Bekijk gesprek {CONVERSATION[:8]}" in client.get("/portaal/gesprekken").text
