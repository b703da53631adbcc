"""A web app on a fresh temporary database, driven with FastAPI's TestClient (no network)."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from bot import accounts
from bot.web.app import create_app

PASSWORD = "geheim-wachtwoord-123"


@pytest.fixture(autouse=True)
def no_rasa(monkeypatch):
    monkeypatch.setenv("KANSRIJK_RASA_URL", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("KANSRIJK_RASA_TOKEN", "test-token")


@pytest.fixture
def client(fresh_db):
    # Secure cookies are not sent over the test client's http://testserver.
    with TestClient(create_app(session_secret="test-secret", secure_cookies=False)) as c:
        yield c


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _login(client: TestClient, email: str, password: str = PASSWORD):
    token = csrf_of(client.get("/portaal/login").text)
    return client.post("/portaal/login", data={"email": email, "password": password, "csrf": token},
                       follow_redirects=False)


@pytest.fixture
def login():
    """login(client, email, password=PASSWORD) -> the POST response."""
    return _login


@pytest.fixture
def csrf():
    """csrf(html) -> the CSRF token in a page's forms."""
    return csrf_of


@pytest.fixture
def counsellor(fresh_db):
    return accounts.add_account(fresh_db, "decaan@demo01.nl", "counsellor", "DEMO01", PASSWORD)
