import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from appdb import connect
from internships.api import create_router
from internships.register import add_institution, issue_token


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def api(tmp_path, catalogue):
    path = tmp_path / "api.db"
    db = connect(path)
    add_institution(db, "ROC-A", "ROC Alfa")
    add_institution(db, "ROC-B", "ROC Beta")
    tokens = {"A": issue_token(db, "ROC-A"), "B": issue_token(db, "ROC-B")}
    db.close()
    clock = Clock()
    app = FastAPI()
    app.include_router(create_router(lambda: connect(path), rate_limit_per_minute=30, clock=clock, catalogue=catalogue))
    client = TestClient(app)

    class Api:
        def __init__(self):
            self.client, self.clock, self.path = client, clock, path

        def call(self, method, url, who="A", **kwargs):
            headers = {"Authorization": f"Bearer {tokens[who]}"} if who else {}
            return client.request(method, url, headers=headers, **kwargs)

        def db(self):
            return connect(path)

    return Api()


BODY = {
    "external_id": "API-1",
    "title": "Stage kok",
    "company": "Restaurant De Eik",
    "crebo": "25180",
    "leerweg": "bol",
    "postcode": "3511ab",
    "start_date": "2025-09-01",
    "erkend": True,
    "features": ["fysiek toegankelijk"],
    "inclusive": ["name_blind"],
}


def test_create_list_update_expire(api):
    r = api.call("POST", "/api/v1/listings", json=BODY)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["postcode"] == "3511 AB" and created["place"] == "Utrecht" and created["niveau"] == 2
    assert created["inclusive"] == ["name_blind"] and created["status"] == "open"
    listing_id = created["id"]

    page = api.call("GET", "/api/v1/listings").json()
    assert page["total"] == 1 and page["items"][0]["id"] == listing_id

    r = api.call("PATCH", f"/api/v1/listings/{listing_id}", json={"title": "Stage kok (2 plekken)", "days_per_week": 4})
    assert r.status_code == 200 and r.json()["title"] == "Stage kok (2 plekken)"
    assert r.json()["days_per_week"] == 4 and r.json()["crebo"] == "25180"

    r = api.call("POST", f"/api/v1/listings/{listing_id}/expire")
    assert r.status_code == 200 and r.json()["status"] == "expired"
    # Patching an expired listing does not reopen it; setting status does.
    assert api.call("PATCH", f"/api/v1/listings/{listing_id}", json={"title": "x"}).json()["status"] == "expired"
    assert api.call("PATCH", f"/api/v1/listings/{listing_id}", json={"status": "open"}).json()["status"] == "open"
    assert api.call("GET", "/api/v1/listings?status=expired").json()["total"] == 0


def test_every_change_is_audited_with_the_token(api):
    listing_id = api.call("POST", "/api/v1/listings", json=BODY).json()["id"]
    api.call("PATCH", f"/api/v1/listings/{listing_id}", json={"title": "Nieuw"})
    api.call("POST", f"/api/v1/listings/{listing_id}/expire")
    db = api.db()
    rows = db.execute("SELECT action, actor, details FROM audit_log WHERE entity='listing' ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["create", "update", "expire"]
    assert all(r[1].startswith("api:ROC-A:token") for r in rows)
    assert json.loads(rows[1][2]) == {"title": ["Stage kok", "Nieuw"]}


def test_institutions_are_isolated(api):
    listing_id = api.call("POST", "/api/v1/listings", json=BODY).json()["id"]
    # Same external id at another school is a different listing.
    assert api.call("POST", "/api/v1/listings", who="B", json=BODY).status_code == 201
    for method, url, kwargs in [
        ("GET", f"/api/v1/listings/{listing_id}", {}),
        ("PATCH", f"/api/v1/listings/{listing_id}", {"json": {"title": "gekaapt"}}),
        ("POST", f"/api/v1/listings/{listing_id}/expire", {}),
    ]:
        r = api.call(method, url, who="B", **kwargs)
        assert r.status_code == 404, (method, url)
    assert api.call("GET", "/api/v1/listings", who="B").json()["total"] == 1
    assert api.call("GET", "/api/v1/listings", who="B").json()["items"][0]["id"] != listing_id
    a = api.call("GET", f"/api/v1/listings/{listing_id}").json()
    assert a["title"] == "Stage kok" and a["status"] == "open"
    # Another school's listing looks exactly like a missing one.
    other = api.call("GET", f"/api/v1/listings/{listing_id}", who="B").json()["detail"]
    missing = api.call("GET", "/api/v1/listings/999999", who="B").json()["detail"]
    assert other.replace(str(listing_id), "N") == missing.replace("999999", "N")


def test_auth_required(api):
    r = api.call("GET", "/api/v1/listings", who=None)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = api.client.get("/api/v1/listings", headers={"Authorization": "Bearer kr_fout"})
    assert r.status_code == 401 and "onbekend" in r.json()["detail"]


def test_validation_errors_in_dutch(api):
    r = api.call("POST", "/api/v1/listings", json={**BODY, "crebo": "12345", "leerweg": "stage", "title": None})
    assert r.status_code == 422
    errors = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert errors["crebo"] == "onbekende opleidingscode 12345"
    assert "bol of bbl" in errors["leerweg"] and "verplicht" in errors["title"]
    listing_id = api.call("POST", "/api/v1/listings", json=BODY).json()["id"]
    r = api.call("PATCH", f"/api/v1/listings/{listing_id}", json={"postcode": "12"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "postcode"
    assert api.call("POST", "/api/v1/listings", json=BODY).status_code == 409


def test_rate_limit_per_token(api):
    for _ in range(30):
        assert api.call("GET", "/api/v1/listings").status_code == 200
    r = api.call("GET", "/api/v1/listings")
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert api.call("GET", "/api/v1/listings", who="B").status_code == 200  # other token unaffected
    api.clock.now += 2.0  # 30/min refills one request per 2 s
    assert api.call("GET", "/api/v1/listings").status_code == 200


def test_openapi_schema_is_complete(api):
    spec = api.client.get("/openapi.json").json()
    paths = spec["paths"]
    assert set(paths) == {"/api/v1/listings", "/api/v1/listings/{listing_id}", "/api/v1/listings/{listing_id}/expire"}
    schemas = spec["components"]["schemas"]
    for name in ("ListingIn", "ListingPatch", "ListingOut", "ListingPage", "ErrorOut", "ValidationErrorOut"):
        assert name in schemas
    assert set(schemas["ListingIn"]["required"]) >= {"external_id", "crebo", "postcode", "start_date"}
    post = paths["/api/v1/listings"]["post"]
    assert post["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].endswith("ListingOut")
    assert {"401", "409", "422", "429"} <= set(post["responses"])
    assert "404" in paths["/api/v1/listings/{listing_id}"]["get"]["responses"]
    assert "HTTPBearer" in spec["components"]["securitySchemes"]


def test_an_earlier_crebo_is_accepted_and_stored_as_the_current_code(api):
    r = api.call("POST", "/api/v1/listings", json={**BODY, "external_id": "API-OLD", "crebo": "25603",
                                                   "title": "Stage kinderopvang"})
    assert r.status_code == 201, r.text
    assert r.json()["crebo"] == "25696" and r.json()["niveau"] == 3
    r = api.call("POST", "/api/v1/listings", json={**BODY, "external_id": "API-NONE", "crebo": "12345"})
    assert r.status_code == 422 and "onbekende opleidingscode 12345" in r.text
