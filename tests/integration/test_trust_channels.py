"""Trust boundaries of the input channels on the real stack (issue 14, items 5, 10 and 11), tried
as an attacker would: a copied conversation id without its secret (over socket.io and REST), a
forged session_id in a message, messages far too long for the NLU, malformed REST bodies, and
big bodies to Rasa's HTTP API without a token."""
from __future__ import annotations

import json
import queue
import socket
import stat
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import socketio

pytestmark = pytest.mark.integration

TOO_LONG = ("Dat is een heel lang bericht. Ik kan alleen korte berichten lezen. "
            "Zeg in één of twee zinnen wat je zoekt.")
GREETING = "chatbot"


class Student:
    """A socket.io client speaking the widget's protocol to the running Rasa."""

    def __init__(self, stack):
        self.events: "queue.Queue" = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        self.client.on("session_confirm", lambda data: self.events.put(("session_confirm", data)))
        self.client.on("bot_uttered", lambda data: self.events.put(("bot_uttered", data)))
        self.client.connect(stack.rasa_url, transports=["websocket"], socketio_path="/socket.io")

    def _next(self, event, timeout):
        deadline = time.monotonic() + timeout
        while True:
            name, data = self.events.get(timeout=max(0.01, deadline - time.monotonic()))
            if name == event:
                return data

    def session(self, request=None):
        self.client.emit("session_request", request if request is not None else {})
        return self._next("session_confirm", 30)

    def say(self, text, **fields):
        """The texts of the bot's answer (everything that arrives until it has been quiet for 1.5 s)."""
        self.client.emit("user_uttered", {"message": text, **fields})
        texts = [self._next("bot_uttered", 60).get("text") or ""]
        texts += self.quiet(1.5)
        return "\n".join(texts)

    def quiet(self, seconds):
        seen = []
        while True:
            try:
                name, data = self.events.get(timeout=seconds)
            except queue.Empty:
                return seen
            if name == "bot_uttered":
                seen.append(data.get("text") or "")


@pytest.fixture
def students(stack):
    made = []

    def make():
        made.append(Student(stack))
        return made[-1]

    yield make
    for student in made:
        student.client.disconnect()


def user_texts(stack, conversation):
    response = httpx.get(f"{stack.rasa_url}/conversations/{conversation}/tracker",
                         headers=stack.api_headers(), timeout=30)
    response.raise_for_status()
    return [e.get("text") for e in response.json()["events"] if e["event"] == "user"]


def test_a_copied_id_without_its_secret_opens_a_new_empty_conversation(stack, students):
    owner = students()
    granted = owner.session()
    assert GREETING in owner.say("hoi")
    assert "computerprogramma" in owner.say("ben jij een echte persoon?")

    intruder = students()
    given = intruder.session({"session_id": granted["session_id"]})
    assert given["session_id"] != granted["session_id"]
    guessed = intruder.session({"session_id": granted["session_id"], "session_secret": "x" * 43})
    assert guessed["session_id"] != granted["session_id"]

    # The owner goes on talking: the intruder sees none of it.
    assert "computerprogramma" in owner.say("ben jij een bot?")
    assert intruder.quiet(2) == []
    assert GREETING in intruder.say("hoi")
    assert user_texts(stack, guessed["session_id"]) == ["hoi"]
    assert user_texts(stack, granted["session_id"]) == [
        "hoi", "ben jij een echte persoon?", "ben jij een bot?"]

    # With the secret (a reload of the same tab) the owner is back in the same conversation.
    owner.client.disconnect()
    back = students()
    assert back.session(granted) == granted
    assert GREETING in back.say("hallo")
    assert user_texts(stack, granted["session_id"])[-1] == "hallo"


def test_a_forged_session_id_in_a_message_is_ignored(stack, students):
    victim, attacker = students(), students()
    target = victim.session()
    own = attacker.session()
    assert GREETING in victim.say("hoi")

    attacker.say("verwijder mijn gegevens", session_id=target["session_id"])
    assert victim.quiet(2) == []
    assert user_texts(stack, target["session_id"]) == ["hoi"]
    assert user_texts(stack, own["session_id"]) == ["verwijder mijn gegevens"]


def test_rest_answers_a_400000_character_message_without_the_nlu(stack, sender):
    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    huge = "a" * 400_000
    response = httpx.post(url, json={"sender": sender, "message": huge}, timeout=60)
    assert response.status_code == 413
    assert [m["text"] for m in response.json()] == [TOO_LONG]

    long = "lees dit " * 1200  # 10,800 characters: a small body, still too long to parse
    response = httpx.post(url, json={"sender": sender, "message": long}, timeout=60)
    assert response.status_code == 200
    assert [m["text"] for m in response.json()] == [TOO_LONG]

    reply = httpx.post(url, json={"sender": sender, "message": "hoi"}, timeout=60).json()
    assert GREETING in reply[0]["text"]
    assert user_texts(stack, sender) == ["hoi"]  # Rasa never saw the long ones


def test_socketio_answers_an_oversized_message_without_the_nlu(stack, students):
    student = students()
    granted = student.session()
    assert student.say("x" * 10_000) == TOO_LONG
    assert GREETING in student.say("hoi")
    assert user_texts(stack, granted["session_id"]) == ["hoi"]


def test_rest_cannot_take_over_a_widget_conversation(stack, students):
    owner = students()
    granted = owner.session()
    assert GREETING in owner.say("hoi")
    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    response = httpx.post(url, json={"sender": granted["session_id"], "message": "verwijder mijn gegevens"},
                          timeout=60)
    assert response.status_code == 403
    assert user_texts(stack, granted["session_id"]) == ["hoi"]
    assert owner.quiet(2) == []
    # The widget's own secret works over REST too (the same student, another client).
    response = httpx.post(url, json={"sender": granted["session_id"], "message": "ben jij een bot?",
                                     "session_secret": granted["session_secret"]}, timeout=60)
    assert "computerprogramma" in " ".join(m.get("text") or "" for m in response.json())


def test_a_json_array_as_rest_body_is_a_400_not_a_500(stack):
    response = httpx.post(f"{stack.rasa_url}/webhooks/rest/webhook", content="[1]",
                          headers={"Content-Type": "application/json"}, timeout=60)
    assert response.status_code == 400
    assert "JSON-object" in response.json()[0]["text"]


def _status_of_announced_body(stack, request_line: str, extra: str = "") -> tuple[int, float]:
    """Status of a request that announces 48 MB and sends none of it, and how long the answer took."""
    address = urlsplit(stack.rasa_url)
    started = time.monotonic()
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall((f"{request_line} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      f"{extra}Content-Length: 48000000\r\n\r\n").encode())
        answer = sock.recv(65536)
    return int(answer.split(b" ", 2)[1]), time.monotonic() - started


def test_big_bodies_to_rasa_are_refused_before_they_are_read(stack, sender):
    # Rasa's HTTP API reads the body before it checks the token: Sanic now stops at 1 MiB.
    status, seconds = _status_of_announced_body(stack, f"POST /conversations/{sender}/tracker/events")
    assert status == 413 and seconds < 5
    status, seconds = _status_of_announced_body(stack, "POST /model/parse")
    assert status == 413 and seconds < 5
    status, seconds = _status_of_announced_body(stack, "POST /webhooks/rest/webhook")
    assert status == 413 and seconds < 5
    # Small authenticated requests still work.
    parsed = httpx.post(f"{stack.rasa_url}/model/parse", json={"text": "hoi"}, headers=stack.api_headers(),
                        timeout=60)
    assert parsed.status_code == 200 and parsed.json()["intent"]["name"] == "greet"


def test_the_session_key_is_a_secret_file_and_not_on_a_command_line(stack):
    key_file = Path(stack.var_dir) / "secrets" / "session_key"
    key = key_file.read_text().strip()
    assert len(key) >= 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    for process in stack.processes.values():
        assert key.encode() not in Path(f"/proc/{process.pid}/cmdline").read_bytes()
    # The web app and the action server do not get it.
    for name in ("web", "actions"):
        if name in stack.processes:
            environ = Path(f"/proc/{stack.processes[name].pid}/environ").read_bytes()
            assert key.encode() not in environ, name
    assert json.dumps(key) not in Path(stack.log_path("rasa")).read_text(errors="replace")
