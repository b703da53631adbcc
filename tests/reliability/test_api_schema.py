"""schemathesis against the web app's OpenAPI spec (the institutions' API): no input gives a 5xx.

In-process (ASGI, no network) on a fresh database, with a valid bearer token of a
registered institution that has listings and a follow-up report, so that generated
requests reach the handlers and not only the 401 in front of them.
"""
from __future__ import annotations

import itertools
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup

from bot.web.app import create_app
from internships import reports
from internships.register import add_institution, apply_listings, get_institution, issue_token
from internships.validate import validate_listing

INSTITUTION = "ROC-FUZZ"
EXAMPLES = 50  # per operation and generation mode
SERIAL = itertools.count(2)

LISTING = {
    "external_id": "FUZZ-1", "title": "Stage kok", "company": "Restaurant De Eik", "crebo": "25180",
    "leerweg": "bol", "postcode": "3511 AB", "place": "Utrecht", "start_date": "2027-09-01",
    "erkend": True, "features": ["fysiek toegankelijk"], "inclusive": ["name_blind"],
}


@pytest.fixture
def institution_token(fresh_db, monkeypatch):
    monkeypatch.setenv("KANSRIJK_RASA_URL", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("KANSRIJK_RASA_TOKEN", "test-token")
    # The API's own rate limit (120/min) would turn most generated requests into 429s.
    monkeypatch.setenv("KANSRIJK_API_RATE_LIMIT", "1000000")
    add_institution(fresh_db, INSTITUTION, "ROC Fuzz")
    clean, errors = validate_listing(dict(LISTING))
    assert not errors, errors
    apply_listings(fresh_db, get_institution(fresh_db, INSTITUTION), [clean], actor="test")
    reports.submit_report(fresh_db, reports.ReportDraft(
        route="follow_up", what_happened="Ze wilden me niet vanwege mijn naam.",
        company_name="Kapsalon Zus", role="self", institution_code=INSTITUTION,
        conversation_id="conv-fuzz", contact_route="email", contact_details="student@example.org",
    ))
    return issue_token(fresh_db, INSTITUTION)


def steer(case) -> None:
    """Random bodies almost never pass validation: half the positive cases change only one
    field of a valid listing, and aim at the listing and the report that exist."""
    if case.path_parameters:
        case.path_parameters = {name: 1 for name in case.path_parameters}
    if case.method == "POST" and case.path == "/api/v1/listings" and isinstance(case.body, dict):
        generated = dict(list(case.body.items())[:1])
        case.body = {**LISTING, "external_id": f"FUZZ-{next(SERIAL)}", **generated}


def fuzz(operation, mode: GenerationMode, auth: dict, failures: list, seen: dict) -> None:
    """Run EXAMPLES generated cases of one operation; every 5xx goes into ``failures``.

    Every example runs (no stop at the first failure, no shrinking), so all of them are listed.
    """

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode), near_valid=st.booleans())
    def probe(case, near_valid):
        if mode is GenerationMode.POSITIVE:
            if case.headers:  # a generated bearer token is random: use the real one
                case.headers.pop("Authorization", None)
            if near_valid:
                steer(case)
        try:
            response = case.call(headers=auth)
        except Exception as error:  # in-process the app's exception surfaces here; uvicorn sends a 500
            seen[500] = seen.get(500, 0) + 1
            failures.append(f"{operation.label} [{mode.value}] -> {type(error).__name__}: {error}\n"
                            f"  {case.as_curl_command()}")
            return
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        try:
            case.validate_response(response, checks=[not_a_server_error], headers=auth)
        except (AssertionError, FailureGroup):
            failures.append(f"{operation.label} [{mode.value}] -> {response.status_code}\n"
                            f"  {case.as_curl_command()}\n  {response.text[:300]}")

    try:
        probe()
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE  # nothing to break, e.g. GET /health


def test_no_generated_request_gets_a_server_error(institution_token):
    app = create_app(session_secret="test-secret", secure_cookies=False)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    auth = {"Authorization": f"Bearer {institution_token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert any(op.path.startswith("/api/v1/listings") for op in operations)
    assert any(op.path.startswith("/api/v1/reports") for op in operations)
    failures: list[str] = []
    statuses: dict[str, dict[int, int]] = {}
    started = time.monotonic()
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation, mode, auth, failures, statuses.setdefault(operation.label, {}))
    print(f"\nschemathesis: {len(operations)} operations in {time.monotonic() - started:.1f} s; "
          f"statuses {statuses}")
    distinct = list(dict.fromkeys(f.split("\n")[0] for f in failures))
    assert not failures, (f"{len(failures)} server errors, {len(distinct)} distinct:\n"
                          + "\n".join(distinct) + "\n\nfor example:\n" + "\n".join(failures[:5]))


TOO_BIG = 2**63  # one past SQLite's INTEGER range


@pytest.mark.parametrize("method, url, body", [
    ("GET", f"/api/v1/listings/{TOO_BIG}", None),
    ("GET", f"/api/v1/listings/{-TOO_BIG - 1}", None),
    ("PATCH", f"/api/v1/listings/{TOO_BIG}", {"title": "Stage"}),
    ("POST", f"/api/v1/listings/{TOO_BIG}/expire", None),
    ("GET", f"/api/v1/listings?offset={TOO_BIG}", None),
    ("PATCH", f"/api/v1/reports/{TOO_BIG}/status", {"status": "in behandeling"}),
    ("POST", "/api/v1/listings", {**LISTING, "external_id": "FUZZ-BIG", "allowance": 1e308, "days_per_week": 5}),
    ("POST", "/api/v1/listings", {**LISTING, "external_id": "FUZZ-NIV", "niveau": TOO_BIG}),
    ("POST", "/api/v1/listings", {**LISTING, "external_id": TOO_BIG}),
], ids=["get-listing", "get-listing-negative", "patch-listing", "expire-listing", "list-offset",
        "patch-report-status", "huge-allowance", "huge-niveau", "huge-external-id"])
def test_out_of_range_numbers_are_not_server_errors(institution_token, method, url, body):
    """Integers past 64 bits are valid JSON and valid for the schema (no maximum)."""
    from fastapi.testclient import TestClient

    app = create_app(session_secret="test-secret", secure_cookies=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.request(method, url, json=body, headers={"Authorization": f"Bearer {institution_token}"})
    assert response.status_code < 500, f"{method} {url} {body} -> {response.status_code} {response.text[:200]}"
