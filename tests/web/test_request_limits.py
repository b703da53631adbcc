"""Request bodies of the web app on a real uvicorn (issue 14, item 11): the API token is checked
before a body is read, and every body is capped at 64 KB.

The requests go over a raw socket: the headers announce a 48 MB body that never comes. A server
that reads bodies before checking the token (FastAPI does, for the institution API) would wait
for it; ours answers at once and closes the connection."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

import appdb
from appdb.settings import REPO
from internships import add_institution
from internships.register import issue_token

BIG = 48_000_000
LISTING = {
    "external_id": "LIM-1", "title": "Stage kok", "company": "Restaurant De Linde", "crebo": "25180",
    "leerweg": "bol", "postcode": "3511 AA", "start_date": "2027-02-01",
}


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    var = tmp_path_factory.mktemp("var")
    db = appdb.connect(var / "kansrijk.db")
    add_institution(db, "ROC-LIM", "ROC Limiet", actor="test")
    token = issue_token(db, "ROC-LIM", actor="test")
    db.close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, KANSRIJK_VAR=str(var), KANSRIJK_DB=str(var / "kansrijk.db"),
               KANSRIJK_RASA_URL="http://127.0.0.1:9", KANSRIJK_RASA_TOKEN="test-token",
               KANSRIJK_RASA_JWT_SECRET="test-jwt-secret-" + "x" * 20, PYTHONPATH=str(REPO))
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bot.web.app:create_app", "--factory", "--port", str(port),
         "--no-proxy-headers", "--log-level", "warning"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"web app did not start: {process.communicate()[0].decode()[-3000:]}")
        time.sleep(0.3)
    yield {"url": url, "port": port, "token": token}
    process.terminate()
    process.wait(timeout=15)


def raw(web, head: str, *body: bytes, timeout: float = 5.0) -> tuple[int, dict, float]:
    """(status, JSON body, seconds) of a request whose body is `body` (often much less than announced).

    The answer is read until the server closes the connection; a server that waits for the
    announced body makes this time out.
    """
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", web["port"]), timeout=timeout) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n")
        for part in body:
            sock.sendall(part)
        answer = b""
        try:
            while chunk := sock.recv(65536):
                answer += chunk
        except ConnectionResetError:
            # Closing with unread bytes makes the kernel reset the connection: fine once the
            # answer is in (the point is that the server did not read on).
            assert answer, "the server reset the connection without an answer"
    elapsed = time.monotonic() - started
    status = int(answer.split(b" ", 2)[1])
    return status, json.loads(answer.split(b"\r\n\r\n", 1)[1] or b"null"), elapsed


def head(path: str, length, token: str | None = None, method: str = "POST") -> str:
    lines = [f"{method} {path} HTTP/1.1", "Host: localhost", "Content-Type: application/json"]
    if token:
        lines.append(f"Authorization: Bearer {token}")
    lines.append("Transfer-Encoding: chunked" if length == "chunked" else f"Content-Length: {length}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path, method", [("/api/v1/listings", "POST"),
                                          ("/api/v1/reports/1/status", "PATCH")])
@pytest.mark.parametrize("token", [None, "kr_geraden"])
def test_an_unauthenticated_big_body_gets_401_before_it_is_read(web, path, method, token):
    status, answer, seconds = raw(web, head(path, BIG, token, method))
    assert status == 401
    assert "API-sleutel" in answer["detail"]
    assert seconds < 5


def test_an_authenticated_body_over_the_cap_gets_413_before_it_is_read(web):
    status, answer, _ = raw(web, head("/api/v1/listings", BIG, web["token"]))
    assert status == 413
    assert "te groot" in answer["detail"]


def test_a_chunked_body_over_the_cap_gets_413_when_it_passes_the_cap(web):
    chunk = b"4000\r\n" + b" " * 0x4000 + b"\r\n"  # 16 KiB each; the body never ends
    status, answer, _ = raw(web, head("/api/v1/listings", "chunked", web["token"]), *[chunk] * 5)
    assert status == 413


def test_portal_forms_are_capped_too(web):
    status, _, _ = raw(web, head("/portaal/login", BIG))
    assert status == 413


def test_a_small_valid_request_still_works(web):
    auth = {"Authorization": f"Bearer {web['token']}"}
    created = httpx.post(f"{web['url']}/api/v1/listings", json=LISTING, headers=auth, timeout=30)
    assert created.status_code == 201, created.text
    listing = created.json()["id"]
    changed = httpx.patch(f"{web['url']}/api/v1/listings/{listing}", json={"title": "Stage kok (bol)"},
                          headers=auth, timeout=30)
    assert changed.status_code == 200 and changed.json()["title"] == "Stage kok (bol)"
    assert httpx.get(f"{web['url']}/api/v1/listings", headers=auth, timeout=30).json()["total"] == 1
    # Without a token, a request without a body gets the API's own 401, as before.
    assert httpx.get(f"{web['url']}/api/v1/listings", timeout=30).status_code == 401
