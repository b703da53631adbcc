"""The action server (bot/action_server.py) listens on loopback and runs nothing for a caller without Rasa's secret."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import httpx
import pytest
import yaml

from appdb.settings import REPO
from bot import action_server, tokens
from tests.bot.rasa_venv import run_in_rasa_venv
from tests.conftest import free_ports

SECRET = "test-secret-" + "x" * 20

ACTIONS = '''
import os
from rasa_sdk import Action


class Touch(Action):
    """Leaves a trace, so a test sees whether it ran."""

    def name(self):
        return "action_touch"

    def run(self, dispatcher, tracker, domain):
        with open(os.environ["TOUCH_FILE"], "a") as handle:
            handle.write(tracker.sender_id + "\\n")
        dispatcher.utter_message(text="ran")
        return []
'''


def action_call(sender: str) -> dict:
    return {
        "next_action": "action_touch", "sender_id": sender, "version": "3.6.21", "domain": {},
        "tracker": {"sender_id": sender, "slots": {}, "latest_message": {}, "events": [],
                    "paused": False, "latest_event_time": None, "followup_action": None,
                    "active_loop": {}, "latest_action_name": None},
    }


def listening_addresses(port: int) -> set:
    """The local addresses with a listening TCP socket on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            local, _remote, state = line.split()[1:4]
            address, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            if len(address) == 8:
                found.add(".".join(str(b) for b in reversed(bytes.fromhex(address))))
            else:
                found.add("::" if int(address, 16) == 0 else address)
    return found


def start(tmp_path: Path, port: int, **env: str) -> subprocess.Popen:
    package = tmp_path / "fake_actions"
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text(ACTIONS)
    environment = {
        "PATH": "/usr/bin:/bin", "PYTHONPATH": f"{REPO}:{tmp_path}", "KANSRIJK_VAR": str(tmp_path / "var"),
        "TOUCH_FILE": str(tmp_path / "touched"), "KANSRIJK_ACTION_SECRET": SECRET, **env,
    }
    return subprocess.Popen(
        [str(REPO / ".venv/bin/python"), "-m", "bot.action_server", "--actions", "fake_actions",
         "--port", str(port)],
        cwd=REPO, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_until_up(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stdout.read().decode()[-3000:])
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("the action server did not come up")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("actions")
    (port,) = free_ports(1)
    process = start(tmp_path, port)
    try:
        wait_until_up(process, port)
        yield f"http://127.0.0.1:{port}", port, tmp_path / "touched"
    finally:
        stop(process)


def test_a_forged_call_without_the_secret_gets_401_and_runs_nothing(server):
    url, _, touched = server
    for headers in ({}, {tokens.ACTION_SECRET_HEADER: "wrong"},
                    {tokens.ACTION_SECRET_HEADER: SECRET[:-1]},
                    {tokens.ACTION_SECRET_HEADER: SECRET + "x"},
                    {"Authorization": f"Bearer {SECRET}"}):
        response = httpx.post(f"{url}/webhook", json=action_call("forged"), headers=headers)
        assert response.status_code == 401, (headers, response.text)
    # Listing the actions needs it too; only the health check is open.
    assert httpx.get(f"{url}/actions").status_code == 401
    assert httpx.get(f"{url}/health").status_code == 200
    assert not touched.exists() or "forged" not in touched.read_text()


def test_a_call_with_the_secret_runs_the_action(server):
    url, _, touched = server
    response = httpx.post(f"{url}/webhook", json=action_call("rasa"),
                          headers={tokens.ACTION_SECRET_HEADER: SECRET})
    assert response.status_code == 200, response.text
    assert response.json()["responses"][0]["text"] == "ran"
    assert "rasa" in touched.read_text().split()
    listed = httpx.get(f"{url}/actions", headers={tokens.ACTION_SECRET_HEADER: SECRET})
    assert "action_touch" in json.dumps(listed.json())


def test_it_listens_on_loopback_only_by_default(server):
    _, port, _ = server
    assert listening_addresses(port) == {"127.0.0.1"}


def test_the_host_is_configurable(tmp_path):
    assert action_server.host_from_env({}) == "127.0.0.1"
    (port,) = free_ports(1)
    process = start(tmp_path, port, KANSRIJK_ACTION_HOST="0.0.0.0")
    try:
        wait_until_up(process, port)
        assert listening_addresses(port) == {"0.0.0.0"}
    finally:
        stop(process)


def test_without_a_usable_secret_it_does_not_start(tmp_path):
    (port,) = free_ports(1)
    process = start(tmp_path, port, KANSRIJK_ACTION_SECRET="short")
    try:
        output = process.communicate(timeout=60)[0].decode()
    finally:
        stop(process)
    assert process.returncode == 1
    assert "KANSRIJK_ACTION_SECRET" in output


def test_rasa_sends_the_secret_in_the_header_the_server_checks():
    """endpoints.yml names the header of bot.tokens, and Rasa fills in the secret from the environment."""
    endpoints = yaml.safe_load((REPO / "endpoints.yml").read_text())
    assert endpoints["action_endpoint"]["headers"] == {
        tokens.ACTION_SECRET_HEADER: "${KANSRIJK_ACTION_SECRET}"
    }
    script = textwrap.dedent("""
        import os
        os.environ.update(KANSRIJK_ACTION_URL="http://127.0.0.1:1/webhook", KANSRIJK_ACTION_SECRET="s3cret-value",
                          KANSRIJK_TRACKER_DIALECT="sqlite", KANSRIJK_TRACKER_DB="/nonexistent/t.db")
        from rasa.core.utils import read_endpoints_from_path
        print(read_endpoints_from_path("endpoints.yml").action.headers)
    """)
    result = run_in_rasa_venv(script)
    assert f"{{'{tokens.ACTION_SECRET_HEADER}': 's3cret-value'}}" in result.stdout, result.stderr[-2000:]
