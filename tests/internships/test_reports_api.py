"""The institution API: own follow-up reports only, status changes with history, thresholded counts."""

import pytest
from fastapi import FastAPI, Header, HTTPException
from fastapi.testclient import TestClient

from internships import reports
from internships.reports.api import create_router
from tests.internships.reports_fixtures import draft, follow_up, open_file_db

TOKENS = {"token-a": "ROCA", "token-b": "ROCB"}


def fake_authenticate(authorization: str = Header(default="")):
    token = authorization.removeprefix("Bearer ").strip()
    if token not in TOKENS:
        raise HTTPException(status_code=401, detail="Ongeldige token")
    return TOKENS[token]


A = {"Authorization": "Bearer token-a"}
B = {"Authorization": "Bearer token-b"}


@pytest.fixture
def setup(file_db_path, monkeypatch):
    monkeypatch.delenv("KANSRIJK_REPORT_THRESHOLD", raising=False)
    db = open_file_db(file_db_path)  # register rows: see file_db_path
    codes = {
        "a_follow": reports.submit_report(db, follow_up(leerbedrijf_id=1, ground="huidskleur", ground_consent=True)),
        "b_follow": reports.submit_report(db, follow_up(institution_code="ROCB")),
        "a_anon": reports.submit_report(db, draft(institution_code="ROCA", leerbedrijf_id=1)),
    }
    for _ in range(2):
        reports.submit_report(db, draft(institution_code="ROCA", leerbedrijf_id=1))
    reports.submit_report(db, draft(institution_code="ROCB", leerbedrijf_id=1))
    reports.submit_report(db, draft(institution_code="ROCA", leerbedrijf_id=3))
    ids = {k: db.conn.execute("SELECT id FROM reports WHERE code = ?", [c]).fetchone()[0] for k, c in codes.items()}
    db.close()
    app = FastAPI()
    app.include_router(create_router(lambda: open_file_db(file_db_path), fake_authenticate))
    return TestClient(app), codes, ids


def test_lists_only_own_follow_up_reports_in_full_without_codes(setup):
    client, codes, ids = setup
    response = client.get("/reports/follow-up", headers=A)
    assert response.status_code == 200
    body = response.json()
    assert [r["id"] for r in body] == [ids["a_follow"]]
    report = body[0]
    assert report["contact_details"] == "student@example.nl"
    assert report["ground"] == "huidskleur"
    assert report["company_name"] == "Bakkerij Jansen B.V."
    for code in codes.values():
        assert code not in response.text
    assert [r["id"] for r in client.get("/reports/follow-up", headers=B).json()] == [ids["b_follow"]]


def test_requires_authentication(setup):
    client, _, ids = setup
    assert client.get("/reports/follow-up").status_code == 401
    assert client.get("/reports/company-counts").status_code == 401
    assert client.patch(f"/reports/{ids['a_follow']}/status", json={"status": "afgesloten"}).status_code == 401


def test_patch_status_adds_history(setup):
    client, codes, ids = setup
    response = client.patch(
        f"/reports/{ids['a_follow']}/status", headers=A,
        json={"status": "in behandeling", "note": "Student gebeld", "by": "Fatima (stagebureau)"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "in behandeling"
    assert [h["status"] for h in body["history"]] == ["nieuw", "in behandeling"]
    assert body["history"][1]["changed_by"] == "ROCA: Fatima (stagebureau)"
    assert body["history"][1]["note"] == "Student gebeld"
    assert client.get("/reports/follow-up?status=in%20behandeling", headers=A).json()[0]["id"] == ids["a_follow"]


def test_cannot_change_other_institutions_or_anonymous_reports(setup):
    client, _, ids = setup
    for report_id in (ids["b_follow"], ids["a_anon"], 99999):
        response = client.patch(f"/reports/{report_id}/status", headers=A, json={"status": "afgesloten"})
        assert response.status_code == 404


def test_invalid_status_is_422(setup):
    client, _, ids = setup
    response = client.patch(f"/reports/{ids['a_follow']}/status", headers=A, json={"status": "opgelost"})
    assert response.status_code == 422


def test_company_counts_apply_threshold(setup):
    client, _, _ = setup
    own = client.get("/reports/company-counts", headers=A).json()
    assert own["threshold"] == 3 and own["scope"] == "own"
    # ROCA: company 1 has 3 anonymous reports (its follow-up report, which ROCA reads in
    # full, does not count), company 3 only 1 -> hidden.
    assert own["companies"] == [{"leerbedrijf_id": 1, "company": "Bakkerij Jansen B.V.", "count": 3}]
    assert client.get("/reports/company-counts", headers=B).json()["companies"] == []
    # All institutions: 4 anonymous reports. ROCB may see them (the 3 of the others reach the
    # threshold); ROCA may not: 4 minus its own 3 would tell it ROCB's single report.
    everything = client.get("/reports/company-counts?scope=all", headers=B).json()
    assert everything["companies"] == [{"leerbedrijf_id": 1, "company": "Bakkerij Jansen B.V.", "count": 4}]
    assert client.get("/reports/company-counts?scope=all", headers=A).json()["companies"] == []


def test_threshold_cannot_be_lowered_by_the_caller(setup):
    client, _, _ = setup
    body = client.get("/reports/company-counts?threshold=1", headers=A).json()
    assert body["threshold"] == 3
    assert all(c["count"] >= 3 for c in body["companies"])


def test_openapi_lists_the_endpoints(setup):
    client, _, _ = setup
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/reports/follow-up", "/reports/{report_id}/status", "/reports/company-counts"} <= set(paths)
