"""Login throttling against the real web app (uvicorn as `make run` starts it): parallel guesses, other networks, X-Forwarded-For.

Two loopback addresses stand for two networks: the server sees 127.0.0.1 and 127.0.0.2
as different clients. 127.0.0.3 plays a trusted proxy (``KANSRIJK_TRUSTED_PROXIES``).
"""
from __future__ import annotations

import re
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import httpx
import pytest

from bot import accounts
from bot.run import Stack
from tests.conftest import free_ports

PASSWORD = "geheim-wachtwoord-123"
EMAIL = "decaan@demo01.nl"
PARALLEL = 30


@pytest.fixture
def web(fresh_db, tmp_path):
    """The web app on its own port and on the test's database; yields its base URL."""
    accounts.add_account(fresh_db, EMAIL, "counsellor", "DEMO01", PASSWORD)
    (port,) = free_ports(1)
    stack = Stack(var_dir=tmp_path, web_port=port)
    env = stack.process_environment("web")
    env.update(KANSRIJK_COOKIE_SECURE="0", KANSRIJK_TRUSTED_PROXIES="127.0.0.3",
               KANSRIJK_RASA_URL="http://127.0.0.1:9")
    log = open(tmp_path / "web.log", "wb")
    server = subprocess.Popen(stack.commands()["web"], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "web.log").read_text()
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def browser(url: str, local_address: str) -> httpx.Client:
    """A client whose connections come from `local_address`, with the login page's cookie and CSRF token."""
    client = httpx.Client(base_url=url, transport=httpx.HTTPTransport(local_address=local_address), timeout=60)
    client.csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/portaal/login").text).group(1)
    return client


def log_in(client: httpx.Client, password: str, headers: dict | None = None) -> httpx.Response:
    return client.post("/portaal/login", data={"email": EMAIL, "password": password, "csrf": client.csrf},
                       headers=headers or {}, follow_redirects=False)


def address_row(db, ip: str) -> dict:
    [row] = [r for r in db["portal_login_failures"].rows if r["scope"] == "address_ip" and r["ip"] == ip]
    return row


def test_parallel_guesses_cannot_pass_the_limit_and_other_networks_stay_open(web, fresh_db):
    attacker = browser(web, "127.0.0.1")
    start = threading.Barrier(PARALLEL)

    def guess(n: int) -> int:
        with httpx.Client(base_url=web, cookies=attacker.cookies, timeout=120,
                          transport=httpx.HTTPTransport(local_address="127.0.0.1")) as client:
            client.csrf = attacker.csrf
            start.wait()
            return log_in(client, f"fout-{n}").status_code

    with ThreadPoolExecutor(PARALLEL) as pool:
        statuses = list(pool.map(guess, range(PARALLEL)))

    # Before, all 30 were checked (30 times 401) and the count ended at 1.
    assert set(statuses) <= {401, 429}
    assert statuses.count(401) == accounts.MAX_FAILURES - 1, statuses
    row = address_row(fresh_db, "127.0.0.1")
    assert row["failures"] == accounts.MAX_FAILURES  # every password that was checked is counted
    assert row["locked_until"] > datetime.now(timezone.utc).isoformat()

    # The right password from the same network waits too, with a Dutch message...
    refused = log_in(attacker, PASSWORD)
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "Te vaak een verkeerd wachtwoord. Wacht 1 minuut" in refused.text
    # ...also when the client claims to be someone else: X-Forwarded-For counts only from a trusted proxy.
    assert log_in(attacker, PASSWORD, {"X-Forwarded-For": "203.0.113.5"}).status_code == 429

    # The counsellor on another network logs in at once.
    counsellor = browser(web, "127.0.0.2")
    response = log_in(counsellor, PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/portaal"
    assert counsellor.get("/portaal/gesprekken").status_code == 200


def test_a_trusted_proxy_passes_on_the_real_client(web, fresh_db):
    proxy = browser(web, "127.0.0.3")
    for _ in range(accounts.MAX_FAILURES):
        log_in(proxy, "fout", {"X-Forwarded-For": "203.0.113.5"})
    # A client may put anything in front; the proxy's own entry (the last) counts.
    assert log_in(proxy, PASSWORD, {"X-Forwarded-For": "198.51.100.1, 203.0.113.5"}).status_code == 429
    assert address_row(fresh_db, "203.0.113.5")["failures"] == accounts.MAX_FAILURES
    # Another client behind the same proxy is not held up.
    assert log_in(proxy, PASSWORD, {"X-Forwarded-For": "203.0.113.77"}).status_code == 303
