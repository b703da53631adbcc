"""Trust boundaries of the running servers (issue 14, items 4, 7 and 13), tried as an attacker would:
loopback only, no secret in `ps`, the action server refuses forged calls, Rasa's API wants a
JWT in the header and CORS only lets the web app's page in, and every file at rest is owner-only."""
from __future__ import annotations

import stat
from pathlib import Path

import httpx
import pytest

import appdb
from bot import facts, tokens
from tests.bot.test_action_server import action_call, listening_addresses

pytestmark = pytest.mark.integration


def group_processes(pid: int):
    """Every process of the session that `pid` leads (each server starts its own)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[2]) == pid:  # the process group (start_new_session: the server's pid)
            yield int(entry.name), cmdline


def test_no_secret_is_on_a_command_line(stack):
    secrets = [stack.token, stack.jwt_secret, stack.action_secret]
    seen = 0
    for name, process in stack.processes.items():
        for pid, cmdline in group_processes(process.pid):
            seen += 1
            for secret in secrets:
                assert secret.encode() not in cmdline, (name, pid, cmdline)
    assert seen >= len(stack.processes)
    rasa_cmdline = Path(f"/proc/{stack.processes['rasa'].pid}/cmdline").read_bytes().split(b"\0")
    assert b"bot.rasa_ext.serve" in rasa_cmdline and b"--auth-token" not in rasa_cmdline


def test_the_servers_listen_on_loopback_only(stack):
    for port in (stack.rasa_port, stack.action_port, stack.web_port):
        assert listening_addresses(port) == {"127.0.0.1"}, port


def test_a_forged_action_call_is_refused_and_deletes_nothing(stack, sender):
    db = appdb.connect(stack.var_dir / "kansrijk.db")
    facts.record_fact(db, sender, "interests", {"text": "dieren"})
    forged = action_call(sender) | {"next_action": "action_delete_my_data"}
    response = httpx.post(stack.action_url, json=forged, timeout=30)
    assert response.status_code == 401
    assert [f["kind"] for f in facts.facts_for(db, sender)] == ["interests"]
    wrong = httpx.post(stack.action_url, json=forged, timeout=30,
                       headers={tokens.ACTION_SECRET_HEADER: "geraden-geheim-" * 3})
    assert wrong.status_code == 401
    assert [f["kind"] for f in facts.facts_for(db, sender)] == ["interests"]


def test_rasa_calls_the_actions_with_the_secret(chat, sender):
    # action_explain_privacy runs on the action server.
    # The retention days are filled in by the action (the response has a {retention_days} variable).
    assert "Na 90 dagen wis ik het gesprek" in chat.text(sender, "wat doen jullie met mijn gegevens?")


def test_the_http_api_takes_a_jwt_in_the_header(chat, stack, sender):
    chat.say(sender, "hoi")
    url = f"{stack.rasa_url}/conversations/{sender}/tracker"
    assert httpx.get(url).status_code == 401
    assert httpx.get(url, headers=stack.api_headers()).status_code == 200
    own = {"Authorization": f"Bearer {tokens.rasa_api_jwt(sender, secret=stack.jwt_secret)}"}
    assert httpx.get(url, headers=own).json()["sender_id"] == sender
    # A conversation's JWT opens that conversation only.
    other = f"{stack.rasa_url}/conversations/{sender}-other/tracker"
    assert httpx.get(other, headers=own).status_code == 403
    forged = {"Authorization": f"Bearer {tokens.rasa_api_jwt(secret='geraden-geheim')}"}
    assert httpx.get(url, headers=forged).status_code == 401
    expired = {"Authorization": f"Bearer {tokens.rasa_api_jwt(secret=stack.jwt_secret, now=1_000_000)}"}
    assert httpx.get(url, headers=expired).status_code == 401


def test_the_portal_sends_the_jwt_in_a_header_not_the_token_in_the_url(chat, stack, sender, fresh_db,
                                                                    monkeypatch):
    """The counsellor's transcript view, in-process against the running Rasa."""
    from fastapi.testclient import TestClient

    from bot import accounts
    from bot.web.app import create_app

    chat.say(sender, "hoi")
    chat.say(sender, "ik sleutel graag aan scooters")
    monkeypatch.setenv("KANSRIJK_RASA_URL", stack.rasa_url)
    monkeypatch.setenv("KANSRIJK_RASA_TOKEN", stack.token)
    monkeypatch.setenv("KANSRIJK_RASA_JWT_SECRET", stack.jwt_secret)
    accounts.add_account(fresh_db, "decaan@demo01.nl", "counsellor", "DEMO01", "geheim-wachtwoord-123")
    facts.share_with_school(fresh_db, sender, "DEMO01")
    calls = []
    real_get = httpx.get

    def recording_get(url, **kwargs):
        calls.append((str(url), kwargs))
        return real_get(url, **kwargs)

    monkeypatch.setattr(httpx, "get", recording_get)
    with TestClient(create_app(session_secret="test-secret", secure_cookies=False)) as client:
        login = client.get("/portaal/login").text
        csrf = login.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        client.post("/portaal/login", data={"email": "decaan@demo01.nl", "password": "geheim-wachtwoord-123",
                                            "csrf": csrf})
        page = client.get(f"/portaal/gesprekken/{sender}")
    assert page.status_code == 200
    assert "scooters" in page.text and "niet te laden" not in page.text
    [(url, kwargs)] = [c for c in calls if "/tracker" in c[0]]
    assert stack.token not in url and "token" not in kwargs.get("params", {})
    assert kwargs["headers"]["Authorization"].startswith("Bearer ")


def test_cors_lets_only_the_web_app_in(stack):
    own = f"http://localhost:{stack.web_port}"
    for path in ("/", "/socket.io/?EIO=4&transport=polling"):
        allowed = httpx.get(f"{stack.rasa_url}{path}", headers={"Origin": own})
        assert allowed.headers.get("access-control-allow-origin") == own, path
        foreign = httpx.get(f"{stack.rasa_url}{path}", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in foreign.headers, (path, foreign.headers)


def test_files_at_rest_are_owner_only(chat, stack, sender):
    chat.say(sender, "hoi")  # the tracker store has written
    var = stack.var_dir

    def mode(path):
        return stat.S_IMODE(path.stat().st_mode)

    for folder in (var, var / "secrets", var / "logs"):
        assert mode(folder) == 0o700, folder
    files = [*(var / "secrets").iterdir(), *(var / "logs").iterdir()]
    files += [p for p in var.iterdir() if p.name.startswith(("kansrijk.db", "rasa_tracker.db"))]
    assert any(p.name == "rasa_tracker.db" for p in files)
    for path in files:
        if path.is_file():
            assert mode(path) & 0o077 == 0, path
