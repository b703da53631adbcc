"""Load test: simulated students hold whole conversations with Kansrijk over Rasa's REST channel.

Each simulated student, again and again, picks one of three conversations (the message
paths of tests/integration): a study choice from "hoi" to a comparison, an internship
search through the four questions to the results, or an anonymous discrimination report
to its code. Every turn is checked (HTTP 200, a JSON list of messages, the expected
words); a turn that fails the check counts as a failed request in locust's statistics.
Each report code the bot returned is appended to $KANSRIJK_LOAD_CODES (one per line) if
set, so a test can check afterwards that every one of them was stored.

    .venv/bin/locust -f bench/locustfile.py --headless -u 50 -r 10 -t 60s \
        --host http://localhost:5005 --csv var/results/load/load

`make load-test` runs 5 minutes against `make run`'s stack and prints p50/p95 and throughput.
"""
from __future__ import annotations

import os
import random
import re
import threading
import uuid
from typing import List, Optional, Sequence

import gevent
from locust import HttpUser, between, events, task

WEBHOOK = "/webhooks/rest/webhook"
REPORT_CODE = re.compile(r"Je code is ([A-Z0-9][A-Z0-9-]{5,})")
TIMEOUT = 60  # seconds: a slower turn counts as failed
# A student reads the answer and types: a pause between two turns of one conversation.
THINK = (0.5, 2.0)

CODES_FILE = os.environ.get("KANSRIJK_LOAD_CODES")
_codes_lock = threading.Lock()
counts = {"conversations": 0, "reports": 0}


class TurnFailed(Exception):
    """A turn got an answer that the conversation does not expect: stop this conversation."""


def texts(messages: List[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def buttons(messages: List[dict]) -> List[dict]:
    return [b for m in messages for b in m.get("buttons") or []]


def record_code(code: str) -> None:
    counts["reports"] += 1
    if CODES_FILE:
        with _codes_lock, open(CODES_FILE, "a", encoding="utf-8") as out:
            out.write(code + "\n")


class Student(HttpUser):
    # Between two conversations.
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.sender = ""

    def say(self, step: str, text: str, expect: Sequence[str] = (), *, any_of: bool = False) -> List[dict]:
        """One turn; ``expect``: words the answer must hold (all of them, or one with ``any_of``)."""
        with self.client.post(WEBHOOK, json={"sender": self.sender, "message": text}, name=step,
                              timeout=TIMEOUT, catch_response=True) as response:
            problem: Optional[str] = None
            messages: List[dict] = []
            if response.status_code != 200:
                problem = f"HTTP {response.status_code}"
            else:
                try:
                    messages = response.json()
                except ValueError:
                    problem = "answer is not JSON"
                if not problem and not (isinstance(messages, list) and messages):
                    problem = "answer is not a non-empty list of messages"
                if not problem and expect:
                    reply = texts(messages) + "\n" + " ".join(b.get("title", "") for b in buttons(messages))
                    found = [word in reply for word in expect]
                    if not (any(found) if any_of else all(found)):
                        problem = f"expected {list(expect)} in {reply[:300]!r}"
            if problem:
                response.failure(problem)
                raise TurnFailed(problem)
            response.success()
        self.think()
        return messages

    def think(self) -> None:
        gevent.sleep(random.uniform(*THINK))

    def conversation(self, kind: str) -> None:
        self.sender = f"load-{kind}-{uuid.uuid4().hex[:12]}"
        counts["conversations"] += 1

    @task(2)
    def study_choice(self) -> None:
        self.conversation("study")
        try:
            greeting = self.say("study: hoi", "hoi", ["chatbot"])
            study = next(b for b in buttons(greeting) if b["title"] == "Studiekeuze")
            self.say("study: Studiekeuze", study["payload"], ["vmbo of op het mbo"])
            self.say("study: vmbo", "vmbo", ["leerweg"])
            self.say("study: kader", "kader", ["leuk om te doen"])
            self.say("study: interests", random.choice([
                "ik sleutel graag aan scooters en brommers", "ik kook graag voor mijn familie",
                "ik help graag kleine kinderen", "ik werk graag met computers",
            ]), ["regio"])
            self.say("study: place", random.choice(["utrecht", "rotterdam", "groningen"]),
                     ["Kans op werk:", "Vergelijk"])
            self.say("study: compare", "/compare_programmes", ["Vergelijking"])
        except TurnFailed:
            pass

    @task(2)
    def internship_search(self) -> None:
        self.conversation("stage")
        try:
            self.say("stage: ik zoek een stage", "ik zoek een stage", ["opleiding"])
            self.say("stage: crebo", "25180", ["bol of de bbl"])
            self.say("stage: leerweg", random.choice(["maakt niet uit", "bol", "bbl"]), ["Waar wil je stage lopen"])
            self.say("stage: place", random.choice(["Utrecht", "3511", "Amsterdam"]), ["Hoe ver"])
            self.say("stage: radius", random.choice(["25 km", "50 km"]), ["Verder weg zoeken", "Andere opleiding"],
                     any_of=True)
        except TurnFailed:
            pass

    @task(1)
    def report(self) -> None:
        self.conversation("report")
        try:
            self.say("report: start", "ze wilden me niet vanwege mijn hoofddoek", ["mag niet"])
            self.say("report: route", "alleen registreren", ["Vertel in je eigen woorden"])
            self.say("report: what", "ze zeiden dat de plek vol was maar mijn klasgenoot mocht wel komen",
                     ["Wanneer"])
            self.say("report: when", "vorige week", ["welk bedrijf"])
            reply = self.say("report: company", "Kapsalon Zus", ["iemand anders", "Bedoel je"], any_of=True)
            if "Bedoel je" in texts(reply):  # the register holds a look-alike: keep the typed name
                self.say("report: not that company", "/deny", ["iemand anders"])
            self.say("report: role", "het overkwam mij", ["gevoelige"])
            self.say("report: ground", "/deny", ["Dit slaan we op"])
            confirmation = self.say("report: save", "opslaan", ["Je code is"])
            match = REPORT_CODE.search(texts(confirmation))
            if match is None:
                raise TurnFailed("no report code in the confirmation")
            record_code(match.group(1))
        except TurnFailed:
            pass


@events.quitting.add_listener
def _summary(environment, **kwargs) -> None:
    print(f"conversations started: {counts['conversations']}, report codes returned: {counts['reports']}",
          flush=True)
