"""The portal over HTTP: login, CSRF, school isolation, filters, CSV, hand-offs, institution pages."""
import pytest

from bot import accounts, facts
from bot.web import summaries

PASSWORD = "geheim-wachtwoord-123"


def share(db, conversation, school, when="2026-01-10T09:00:00+00:00"):
    db["shares"].insert({"conversation_id": conversation, "school": school, "shared_at": when})
    db.conn.commit()


def test_pages_need_a_login(client):
    for path in ("/portaal", "/portaal/gesprekken", "/portaal/overdrachten", "/portaal/instelling"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/portaal/login"


def test_login_needs_the_csrf_token(client, counsellor):
    client.get("/portaal/login")
    response = client.post("/portaal/login", data={"email": counsellor.email, "password": PASSWORD})
    assert response.status_code == 403


def test_post_forms_need_the_csrf_token(client, counsellor, login, fresh_db):
    assert login(client, counsellor.email).status_code == 303
    code = facts.create_handoff(fresh_db, "c1", "vraag", "zelf", school="DEMO01")
    fresh_db.conn.commit()
    [row] = facts.handoffs_for(fresh_db, "c1")
    response = client.post(f"/portaal/overdrachten/{row['id']}", data={"status": "klaar", "csrf": "fout"})
    assert response.status_code == 403
    assert facts.handoffs_for(fresh_db, "c1")[0]["status"] == "open"
    assert code


def test_session_cookie_is_httponly_and_strict(fresh_db, counsellor):
    from fastapi.testclient import TestClient

    from bot.web.app import create_app

    client = TestClient(create_app(session_secret="s"), base_url="https://testserver")
    header = client.get("/portaal/login").headers.get("set-cookie", "").lower()
    assert header.startswith("kansrijk_portaal=")
    assert "httponly" in header and "samesite=strict" in header and "secure" in header


def test_lockout_shows_a_message(client, counsellor, login):
    for _ in range(4):
        assert login(client, counsellor.email, "fout").status_code == 401
    response = login(client, counsellor.email, "fout")
    assert response.status_code == 429 and "Wacht 1 minuut" in response.text
    assert login(client, counsellor.email).status_code == 429


def test_counsellor_sees_only_own_school(client, counsellor, login, fresh_db):
    facts.record_fact(fresh_db, "mine", "interests", {"text": "<b>dieren</b>"})
    facts.record_fact(fresh_db, "theirs", "interests", {"text": "geheim"})
    share(fresh_db, "mine", "DEMO01")
    share(fresh_db, "theirs", "ANDERE")
    facts.record_fact(fresh_db, "unshared", "interests", {"text": "niet gedeeld"})
    login(client, counsellor.email)
    page = client.get("/portaal/gesprekken").text
    assert "/portaal/gesprekken/mine" in page and "theirs" not in page and "unshared" not in page
    detail = client.get("/portaal/gesprekken/mine")
    assert "&lt;b&gt;dieren&lt;/b&gt;" in detail.text and "<b>dieren" not in detail.text
    assert "niet te laden" in detail.text  # Rasa is not running in this test
    assert client.get("/portaal/gesprekken/theirs").status_code == 404
    assert client.get("/portaal/gesprekken/unshared").status_code == 404
    assert client.get("/portaal/instelling").status_code == 403


def test_filters_and_csv(client, counsellor, login, fresh_db):
    facts.record_fact(fresh_db, "study", "programmes_shown", {"programmes": [{"name": "Verzorgende IG", "prospects": "goed"}]})
    facts.record_fact(fresh_db, "intern", "internship_search", {"place": "Utrecht", "count": 3})
    facts.create_handoff(fresh_db, "intern", "=cmd|' /C calc'!A0", "school", school="DEMO01")
    share(fresh_db, "study", "DEMO01", "2026-01-05T09:00:00+00:00")
    share(fresh_db, "intern", "DEMO01", "2026-02-05T09:00:00+00:00")
    login(client, counsellor.email)

    def listed(query):
        text = client.get(f"/portaal/gesprekken?{query}").text
        return {c for c in ("study", "intern") if f"/portaal/gesprekken/{c}\"" in text}

    assert listed("") == {"study", "intern"}
    assert listed("onderwerp=studiekeuze") == {"study"}
    assert listed("onderwerp=stage") == {"intern"}
    assert listed("open=1") == {"intern"}
    assert listed("van=2026-02-01") == {"intern"}
    assert listed("tot=2026-01-05") == {"study"}
    assert listed("van=rommel") == {"study", "intern"}

    csv_text = client.get("/portaal/gesprekken.csv?onderwerp=studiekeuze").text
    assert csv_text.splitlines()[0] == "gedeeld_op;gesprek;onderwerpen;status;samenvatting"
    assert "Verzorgende IG; kansen: goed" in csv_text and "intern" not in csv_text
    full = client.get("/portaal/gesprekken.csv").text
    assert ";=cmd" not in full  # no spreadsheet formula at the start of a cell


def test_handoff_queue_changes_status_for_own_school_only(client, counsellor, login, csrf, fresh_db):
    facts.create_handoff(fresh_db, "a", "twijfel", "zelf", school="DEMO01")
    facts.create_handoff(fresh_db, "b", "andere school", "zelf", school="ANDERE")
    fresh_db.conn.commit()
    login(client, counsellor.email)
    page = client.get("/portaal/overdrachten").text
    assert "twijfel" in page and "andere school" not in page
    token = csrf(page)
    mine = facts.handoffs_for(fresh_db, "a")[0]["id"]
    theirs = facts.handoffs_for(fresh_db, "b")[0]["id"]
    assert client.post(f"/portaal/overdrachten/{mine}", data={"status": "opgepakt", "csrf": token},
                       follow_redirects=False).status_code == 303
    assert facts.handoffs_for(fresh_db, "a")[0]["status"] == "opgepakt"
    assert client.post(f"/portaal/overdrachten/{theirs}", data={"status": "klaar", "csrf": token}).status_code == 404
    assert client.post(f"/portaal/overdrachten/{mine}", data={"status": "weg", "csrf": token}).status_code == 400
    assert "Opgepakt" in client.get("/portaal/overdrachten?status=opgepakt").text


def test_unknown_fact_kinds_are_shown_by_name():
    assert summaries.payload_lines({"text": "dieren", "extra": [1, 2]}) == ["dieren", "extra: 1, 2"]
    assert summaries.payload_lines({"programmes": [{"name": "A", "prospects": "goed"}]}) == ["A; kansen: goed"]


@pytest.fixture
def staff(fresh_db):
    from internships import add_institution

    add_institution(fresh_db, "DEMO-UTR", "Kansrijk College Utrecht (demo)", actor="test")
    add_institution(fresh_db, "DEMO-RDM", "ROC Maaskant (demo)", actor="test")
    return accounts.add_account(fresh_db, "staf@utr.nl", "institution", "DEMO-UTR", PASSWORD)


LISTING = {"title": "Stage <script>x</script>", "company": "Metaal BV", "crebo": "25298",
           "leerweg": "bol", "postcode": "3511 AB", "start_date": "2026-09-01", "erkend": "ja",
           "description": "<img src=x onerror=alert(1)>", "apply_url": "", "contact_email": "",
           "external_id": ""}


def test_institution_adds_and_expires_listings(client, staff, login, csrf, fresh_db):
    login(client, staff.email)
    token = csrf(client.get("/portaal/instelling").text)
    response = client.post("/portaal/instelling/vacatures", data={**LISTING, "csrf": token},
                           follow_redirects=False)
    assert response.status_code == 303
    page = client.get("/portaal/instelling").text
    assert "Stage &lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
    [listing] = fresh_db["listings"].rows
    assert listing["status"] == "open" and listing["external_id"].startswith("portaal-")
    assert client.post(f"/portaal/instelling/vacatures/{listing['id']}/verlopen",
                       data={"csrf": token}, follow_redirects=False).status_code == 303
    assert next(fresh_db["listings"].rows)["status"] == "expired"


def test_invalid_listing_shows_dutch_errors(client, staff, login, csrf, fresh_db):
    login(client, staff.email)
    token = csrf(client.get("/portaal/instelling").text)
    response = client.post("/portaal/instelling/vacatures",
                           data={**LISTING, "crebo": "123", "postcode": "nergens", "csrf": token})
    assert response.status_code == 422
    assert "crebo" in response.text and "postcode" in response.text
    assert fresh_db["listings"].count == 0


def test_staff_cannot_expire_another_institutions_listing(client, staff, login, csrf, fresh_db):
    from internships import get_institution
    from internships.catalogue import load_catalogue
    from internships.register import apply_listings
    from internships.validate import validate_listing

    clean, _ = validate_listing({**LISTING, "external_id": "r1"}, catalogue=load_catalogue())
    other = apply_listings(fresh_db, get_institution(fresh_db, "DEMO-RDM"), [clean], actor="test")
    login(client, staff.email)
    token = csrf(client.get("/portaal/instelling").text)
    response = client.post(f"/portaal/instelling/vacatures/{other.listing_ids[0]}/verlopen",
                           data={"csrf": token})
    assert response.status_code == 404
    assert "Metaal BV" not in client.get("/portaal/instelling").text


def test_demo_page_embeds_the_widget_with_school_and_rasa_url(client):
    page = client.get("/?school=\"><script>")
    assert 'data-school="&#34;&gt;&lt;script&gt;"' in page.text
    assert 'data-rasa-url="http://127.0.0.1:9"' in page.text
    assert "connect-src 'self' http://127.0.0.1:9 ws://127.0.0.1:9" in page.headers["content-security-policy"]
    assert client.get("/static/kansrijk-widget.js").status_code == 200


def test_institution_apis_are_mounted(client):
    assert client.get("/api/v1/listings").status_code == 401
    assert client.get("/api/v1/reports/follow-up").status_code == 401
    assert client.get("/health").json() == {"status": "ok"}
