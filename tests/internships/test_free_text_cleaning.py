"""Free text is stored clean (issue 14, item 12): NFC, no control or bidi-override characters.

Listings enter by import (CSV) and the institution API, reports through the
conversation; each path is tried with the same hostile text.
"""
from __future__ import annotations

import unicodedata

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from appdb import connect
from internships import reports
from internships.api import create_router
from internships.register import add_institution, issue_token

RLO, PDF = "\u202e", "\u202c"
# "Bakkerij " + RLO + "LKN" shows as "Bakkerij NKL"; the escape sequence colours a terminal.
HOSTILE = f"Bakkerij {RLO}LKN{PDF} \x1b[31mrood\x00\x07 Cafe\u0301"
CLEAN = "Bakkerij LKN [31mrood Café"


def is_clean(text: str) -> bool:
    return (unicodedata.is_normalized("NFC", text)
            and not any(unicodedata.category(ch) == "Cc" for ch in text.replace("\n", ""))
            and RLO not in text and PDF not in text)


def test_the_hostile_text_is_what_the_tests_think_it_is():
    assert not is_clean(HOSTILE) and is_clean(CLEAN)
    assert unicodedata.normalize("NFD", "Café") != "Café"


@pytest.fixture(autouse=True)
def _schools(two_schools):
    return two_schools


def test_an_imported_listing_is_stored_clean(load, fresh_db, make_row):
    load([make_row(title=HOSTILE, company=HOSTILE, description=f"regel 1\r\n{HOSTILE}")])
    title, description, company = fresh_db.execute(
        "SELECT l.title, l.description, b.name FROM listings l JOIN leerbedrijven b ON b.id = l.leerbedrijf_id"
    ).fetchone()
    assert title == CLEAN and company == CLEAN
    assert description == f"regel 1\n{CLEAN}"  # a line break is kept, as one newline


def test_nfd_input_is_stored_nfc(load, fresh_db, make_row):
    load([make_row(title=unicodedata.normalize("NFD", "Stage café Zoë"))])
    [title] = fresh_db.execute("SELECT title FROM listings").fetchone()
    assert title == "Stage café Zoë" and unicodedata.is_normalized("NFC", title)


def test_a_listing_from_the_api_is_stored_clean(tmp_path, catalogue):
    path = tmp_path / "api.db"
    db = connect(path)
    add_institution(db, "ROC-A", "ROC Alfa")
    token = issue_token(db, "ROC-A")
    db.close()
    app = FastAPI()
    app.include_router(create_router(lambda: connect(path), catalogue=catalogue))
    client = TestClient(app)
    body = {"external_id": f"API-{RLO}1", "title": HOSTILE, "company": "De Eik", "crebo": "25180",
            "leerweg": "bol", "postcode": "3511ab", "start_date": "2025-09-01"}
    response = client.post("/api/v1/listings", json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.text
    assert response.json()["title"] == CLEAN and response.json()["external_id"] == "API-1"
    listing_id = response.json()["id"]
    response = client.patch(f"/api/v1/listings/{listing_id}", json={"description": HOSTILE},
                            headers={"Authorization": f"Bearer {token}"})
    assert response.json()["description"] == CLEAN
    db = connect(path)
    assert db.execute("SELECT title, description FROM listings").fetchone() == (CLEAN, CLEAN)


def test_a_report_is_stored_clean(register_db):
    reports.submit_report(register_db, reports.ReportDraft(
        what_happened=HOSTILE, company_name=HOSTILE, route="anonymous",
    ))
    row = register_db.execute("SELECT what_happened, company_name FROM reports").fetchone()
    assert row == (CLEAN, CLEAN)


def test_a_report_typed_in_the_chat_is_stored_clean(register_db):
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.reporting import ActionSubmitReport
    from actions.reporting_form import ValidateReportForm

    def tracker(text, slots):
        return Tracker("conv-clean", slots, {"text": text, "intent": {"name": "inform"}, "entities": []},
                       [], False, None, {"name": "report_form"}, "action_listen")

    form, dispatcher = ValidateReportForm(), CollectingDispatcher()
    typed = unicodedata.normalize("NFD", f"Ze zeiden {RLO}EEN{PDF} tegen me.\x00 Zoë")
    what = form.validate_report_what(typed, dispatcher, tracker(typed, {"requested_slot": "report_what"}), {})
    assert what == {"report_what": "Ze zeiden EEN tegen me. Zoë"}
    slots = {"report_route": "anonymous", "report_what": what["report_what"], "report_when": "-",
             "report_company": HOSTILE, "report_role": "self", "report_ground_consent": "no", "report_confirm": "save"}
    ActionSubmitReport().run(dispatcher, tracker("opslaan", slots), {})
    stored = register_db.execute("SELECT what_happened, company_name FROM reports").fetchone()
    assert stored == ("Ze zeiden EEN tegen me. Zoë", CLEAN)
    assert all(is_clean(text) for text in stored)
