"""The input channels (bot/rasa_ext): server-issued socket.io conversations bound to the
socket and closed to REST without their secret, oversized messages answered before Rasa
sees them, and malformed REST bodies refused with 400.

The channels run in a Sanic app inside .venv-rasa, as in `rasa run`, with a stand-in for
Rasa's agent that answers "echo:<text>" and records what reached it; these tests drive
that app from .venv with python-socketio's client and httpx.
"""
from __future__ import annotations

import json
import os
import queue
import socket
import stat
import subprocess
import textwrap
import time

import httpx
import pytest
import socketio

from bot.rasa_ext import serve
from tests.bot.rasa_venv import REPO, run_in_rasa_venv

TOO_LONG = ("Dat is een heel lang bericht. Ik kan alleen korte berichten lezen. "
            "Zeg in één of twee zinnen wat je zoekt.")
SESSION_KEY = "test-sleutel-" + "x" * 32

SERVER = textwrap.dedent("""
    import sys
    from sanic import Sanic, response
    from sanic.server.protocols.websocket_protocol import WebSocketProtocol
    from rasa.core.channels import channel as rasa_channel
    from bot.rasa_ext.rest_channel import RestInput
    from bot.rasa_ext.socketio_channel import SocketIOInput

    app = Sanic("channels_under_test")
    heard = []

    class Agent:  # what rasa.core.channels.channel.register hands each message to
        async def handle_message(self, message):
            heard.append({"sender": message.sender_id, "text": message.text})
            await message.output_channel.send_text_message(message.sender_id, "echo:" + message.text)

    app.ctx.agent = Agent()
    rasa_channel.register([RestInput(), SocketIOInput(session_persistence=True)], app, "/webhooks/")

    @app.get("/heard")
    async def what_reached_rasa(request):
        return response.json(heard)

    app.run(host="127.0.0.1", port=int(sys.argv[1]), protocol=WebSocketProtocol, access_log=False)
""")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def channels():
    port = free_port()
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "KANSRIJK_SESSION_KEY": SESSION_KEY}
    process = subprocess.Popen([str(REPO / ".venv-rasa/bin/python"), "-c", SERVER, str(port)],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/webhooks/rest/", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"channel app did not start: {process.communicate()[0].decode()[-3000:]}")
        time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(timeout=15)


def heard(url):
    return httpx.get(f"{url}/heard").json()


class Widget:
    """A socket.io client that speaks the widget's protocol."""

    def __init__(self, url):
        self.events: "queue.Queue" = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        self.client.on("session_confirm", lambda data: self.events.put(("session_confirm", data)))
        self.client.on("bot_uttered", lambda data: self.events.put(("bot_uttered", data)))
        self.client.connect(url, transports=["websocket"], socketio_path="/socket.io")

    def next(self, event, timeout=5.0):
        deadline = time.monotonic() + timeout
        while True:
            name, data = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            if name == event:
                return data

    def session(self, request=None):
        self.client.emit("session_request", request if request is not None else {})
        return self.next("session_confirm")

    def say(self, text, **fields):
        self.client.emit("user_uttered", {"message": text, **fields})
        return self.next("bot_uttered")["text"]

    def quiet(self, seconds=0.7):
        """Every bot message that arrives within `seconds`."""
        time.sleep(seconds)
        seen = []
        while not self.events.empty():
            name, data = self.events.get_nowait()
            if name == "bot_uttered":
                seen.append(data["text"])
        return seen

    def close(self):
        self.client.disconnect()


@pytest.fixture
def widgets(channels):
    made = []

    def make():
        made.append(Widget(channels))
        return made[-1]

    yield make
    for widget in made:
        widget.close()


def test_the_server_issues_an_unguessable_id_with_a_secret(widgets):
    widget = widgets()
    first = widget.session()
    second = widgets().session()
    assert set(first) == {"session_id", "session_secret"}
    assert first["session_id"].startswith("s_")
    assert len(first["session_id"]) >= 2 + 22 and len(first["session_secret"]) >= 22  # >= 128 bits
    assert first["session_id"] != second["session_id"]
    # A client-chosen id is not taken over.
    assert widgets().session({"session_id": "mijn-eigen-id"})["session_id"] != "mijn-eigen-id"


def test_id_and_secret_resume_the_conversation_on_a_new_socket(channels, widgets):
    first = widgets()
    granted = first.session()
    assert first.say("hoi") == "echo:hoi"
    first.close()

    again = widgets()
    assert again.session(granted) == granted
    assert again.say("nog een vraag") == "echo:nog een vraag"
    assert heard(channels)[-1] == {"sender": granted["session_id"], "text": "nog een vraag"}


@pytest.mark.parametrize("credentials", ["id only", "wrong secret", "secret of another id"])
def test_a_copied_id_without_its_secret_gets_a_new_conversation(channels, widgets, credentials):
    owner, other = widgets(), widgets()
    granted = owner.session()
    someone_else = widgets().session()
    attempt = {
        "id only": {"session_id": granted["session_id"]},
        "wrong secret": {"session_id": granted["session_id"], "session_secret": "A" * 43},
        "secret of another id": {"session_id": granted["session_id"],
                                 "session_secret": someone_else["session_secret"]},
    }[credentials]
    given = other.session(attempt)
    assert given["session_id"] not in (granted["session_id"], someone_else["session_id"])

    # The owner's conversation stays the owner's: the other socket never sees its answers,
    # and what the other socket says lands in its own conversation.
    assert owner.say("geheim van de eigenaar") == "echo:geheim van de eigenaar"
    assert other.quiet() == []
    assert other.say("hallo") == "echo:hallo"
    assert owner.quiet() == []
    assert heard(channels)[-1] == {"sender": given["session_id"], "text": "hallo"}


def test_a_forged_session_id_in_a_message_is_ignored(channels, widgets):
    victim, attacker = widgets(), widgets()
    target = victim.session()
    own = attacker.session()
    assert attacker.say("ik ben het slachtoffer", session_id=target["session_id"]) \
        == "echo:ik ben het slachtoffer"
    assert heard(channels)[-1] == {"sender": own["session_id"], "text": "ik ben het slachtoffer"}
    assert victim.quiet() == []


def test_a_socket_without_a_session_is_not_heard(channels, widgets):
    before = len(heard(channels))
    silent = widgets()
    silent.client.emit("user_uttered", {"message": "hoi", "session_id": "iemand-anders"})
    assert silent.quiet() == []
    assert len(heard(channels)) == before


def test_a_new_conversation_leaves_the_old_room(channels, widgets):
    widget = widgets()
    old = widget.session()
    new = widget.session()  # "Nieuw gesprek"
    assert new["session_id"] != old["session_id"]
    assert widget.say("weer hoi") == "echo:weer hoi"
    assert heard(channels)[-1]["sender"] == new["session_id"]
    # Someone resuming the old conversation talks there alone.
    resumed = widgets()
    assert resumed.session(old) == old
    assert resumed.say("oud gesprek") == "echo:oud gesprek"
    assert widget.quiet() == []


def test_socketio_answers_an_oversized_message_itself(channels, widgets):
    widget = widgets()
    widget.session()
    before = len(heard(channels))
    assert widget.say("a" * 10_000) == TOO_LONG
    assert widget.say("a" * 2_000) == "echo:" + "a" * 2_000  # the limit itself still counts
    assert len(heard(channels)) == before + 1


def test_rest_answers_an_oversized_message_itself(channels):
    url = f"{channels}/webhooks/rest/webhook"
    before = len(heard(channels))
    response = httpx.post(url, json={"sender": "s1", "message": "b" * 10_000})
    assert response.status_code == 200
    assert response.json() == [{"recipient_id": "s1", "text": TOO_LONG}]
    assert len(heard(channels)) == before

    assert httpx.post(url, json={"sender": "s1", "message": "hoi"}).json() == [
        {"recipient_id": "s1", "text": "echo:hoi"}]
    assert heard(channels)[-1] == {"sender": "s1", "text": "hoi"}


@pytest.mark.parametrize("size", [400_000, 3_000_000])
def test_rest_refuses_an_oversized_body_unparsed(channels, size):
    before = len(heard(channels))
    body = json.dumps({"sender": "s2", "message": "c" * size})
    try:
        response = httpx.post(f"{channels}/webhooks/rest/webhook", content=body,
                              headers={"Content-Type": "application/json"}, timeout=10)
    except httpx.TransportError:
        assert size > 1024 * 1024, "a refused body under MAX_DRAIN_BYTES still gets its answer"
    else:
        assert response.status_code == 413
        assert response.json() == [{"text": TOO_LONG}]
    assert len(heard(channels)) == before


def test_rest_refuses_an_oversized_chunked_body(channels):
    def chunks():
        for _ in range(10):
            yield b"d" * 50_000

    response = httpx.post(f"{channels}/webhooks/rest/webhook", content=chunks(), timeout=10)
    assert response.status_code == 413
    assert response.json() == [{"text": TOO_LONG}]


def test_rest_keeps_its_url_and_stream_mode(channels):
    assert httpx.get(f"{channels}/webhooks/rest/").json() == {"status": "ok"}
    streamed = httpx.post(f"{channels}/webhooks/rest/webhook?stream=true",
                          json={"sender": "s3", "message": "x" * 5_000})
    assert [json.loads(line)["text"] for line in streamed.text.splitlines()] == [TOO_LONG]


def test_rest_cannot_reach_an_issued_conversation_without_its_secret(channels, widgets):
    owner = widgets()
    granted = owner.session()
    url = f"{channels}/webhooks/rest/webhook"
    before = len(heard(channels))
    for attempt in ({}, {"session_secret": "A" * 43}, {"session_secret": None}):
        response = httpx.post(url, json={"sender": granted["session_id"], "message": "verwijder mijn gegevens",
                                         **attempt})
        assert response.status_code == 403
        assert "chat op de website" in response.json()[0]["text"]
    # Nor may a REST client open a new conversation in the server's id space.
    assert httpx.post(url, json={"sender": "s_zelfbedacht", "message": "hoi"}).status_code == 403
    assert len(heard(channels)) == before
    assert owner.quiet() == []
    # With the secret (as the widget holds it) it is the same conversation.
    response = httpx.post(url, json={"sender": granted["session_id"], "message": "hoi",
                                     "session_secret": granted["session_secret"]})
    assert response.json() == [{"recipient_id": granted["session_id"], "text": "echo:hoi"}]
    assert heard(channels)[-1] == {"sender": granted["session_id"], "text": "hoi"}


@pytest.mark.parametrize("body", [
    "[1]", '"hoi"', "null", "12", "{", "niet eens json",
    '{"message": "hoi"}', '{"sender": 5, "message": "hoi"}', '{"sender": "", "message": "hoi"}',
    '{"sender": "s4", "message": ["hoi"]}', '{"sender": "s4"}',
    '{"sender": "s4", "message": "hoi", "metadata": [1]}',
    '{"sender": "' + "x" * 200 + '", "message": "hoi"}',
], ids=["array", "string", "null", "number", "broken", "text", "no-sender", "sender-number",
        "sender-empty", "message-list", "no-message", "metadata-list", "sender-too-long"])
def test_rest_answers_a_malformed_body_with_400(channels, body):
    before = len(heard(channels))
    response = httpx.post(f"{channels}/webhooks/rest/webhook", content=body,
                          headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "JSON-object" in response.json()[0]["text"]
    assert len(heard(channels)) == before


def test_serve_sets_sanic_limits_and_makes_the_session_key(tmp_path):
    env = {"KANSRIJK_VAR": str(tmp_path)}
    added = serve.rasa_environment(env)
    assert added["SANIC_REQUEST_MAX_SIZE"] == str(1024 * 1024)
    assert added["SANIC_WEBSOCKET_MAX_SIZE"] == str(64 * 1024)
    key_file = tmp_path / "secrets" / "session_key"
    assert key_file.read_text().strip() == added["KANSRIJK_SESSION_KEY"]
    assert len(added["KANSRIJK_SESSION_KEY"]) >= 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    # The same key after a restart; the environment wins; a weak key is refused.
    assert serve.rasa_environment(env)["KANSRIJK_SESSION_KEY"] == added["KANSRIJK_SESSION_KEY"]
    assert serve.rasa_environment({**env, "KANSRIJK_SESSION_KEY": "k" * 40})["KANSRIJK_SESSION_KEY"] == "k" * 40
    assert serve.rasa_environment({**env, "SANIC_REQUEST_MAX_SIZE": "5"}).get("SANIC_REQUEST_MAX_SIZE") is None
    with pytest.raises(serve.MissingSecret, match="te kort"):
        serve.rasa_environment({**env, "KANSRIJK_SESSION_KEY": "kort"})
    # Never on the command line.
    assert not any("session" in a.lower() for a in serve.rasa_arguments(
        [], {**env, "KANSRIJK_RASA_TOKEN": "t" * 40, "KANSRIJK_RASA_JWT_SECRET": "j" * 40}))
    assert os.environ.get("KANSRIJK_SESSION_KEY") != added["KANSRIJK_SESSION_KEY"]


KEYS = textwrap.dedent("""
    from bot.rasa_ext.rest_channel import RestInput
    from bot.rasa_ext.session_keys import SessionKeys, WeakSessionKey

    assert RestInput.name() == "rest"  # Rasa's route: /webhooks/<name>/webhook
    try:
        SessionKeys.from_environment({"KANSRIJK_SESSION_KEY": "kort"})
    except WeakSessionKey as error:
        assert "KANSRIJK_SESSION_KEY" in str(error)
    else:
        raise AssertionError("a 4-character key was accepted")
    one = SessionKeys.from_environment({"KANSRIJK_SESSION_KEY": "k" * 32})
    same = SessionKeys.from_environment({"KANSRIJK_SESSION_KEY": "k" * 32})
    granted = one.issue()
    assert same.verify(granted["session_id"], granted["session_secret"])  # survives a restart
    assert not SessionKeys.from_environment({}).verify(granted["session_id"], granted["session_secret"])
    assert not one.verify(granted["session_id"], None)
    assert not one.verify(granted["session_id"] * 10, one.secret(granted["session_id"] * 10))
    assert not one.verify("eigen-id", one.secret("eigen-id"))  # only ids the server issues
    print("ok")
""")


def test_session_keys_come_from_the_environment_and_refuse_a_weak_key():
    result = run_in_rasa_venv(KEYS)
    assert result.stdout.strip().endswith("ok"), result.stderr[-2000:]


# The same tripwire as tests/bot/test_rasa_patches.py, for the REST channel.
TRIPWIRE = textwrap.dedent("""
    import inspect, json
    from bot.rasa_ext import rasa_patches, rest_channel

    cls = rest_channel.RestInput
    base = cls.__bases__[0]
    overridden = {f"{base.__module__}.{base.__qualname__}.{attr}"
                  for attr, value in vars(cls).items()
                  if (inspect.isfunction(value) or isinstance(value, (classmethod, staticmethod)))
                  and hasattr(base, attr)}
    print(json.dumps({
        "changed": [name for name, recorded in rest_channel.PATCHED.items()
                    if rasa_patches.source_sha256(name) != recorded],
        "unlisted": sorted(overridden - set(rest_channel.PATCHED)),
    }))
""")


def test_the_rasa_code_the_rest_channel_copies_is_unchanged():
    result = run_in_rasa_venv(TRIPWIRE)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == {"changed": [], "unlisted": []}, (
        "bot/rasa_ext/rest_channel.py: re-check its blueprint() against Rasa's and record the "
        f"new sha256 in PATCHED: {found}")
