"""Greeting turns of 8 conversations while one client floods Rasa with 10,000-character messages.

The input channels answer a message over MAX_MESSAGE_CHARS themselves
(bot/rasa_ext/input_limits.py), so it never reaches the NLU that blocked Rasa's single
event loop. This bench starts its own stack (as bench/turn_latency.py does) and plays 8
concurrent conversations of greeting turns: alone, while one client (its own process)
sends 10,000-character messages in a loop over REST, alone again, the same over
socket.io, and alone once more. It prints the median greeting turn of each phase and the
ratio of each flood phase to the mean of the quiet phases around it (target <= 1.5).
With --stock it does the same on a second stack with Rasa's plain `rest:` channel, to
show what the check saves.

    .venv/bin/python bench/oversized_messages.py [--turns 200] [--stock] [--json]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List

import httpx
import socketio

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from turn_latency import conversations_of, run_turns  # noqa: E402

from bot.run import Stack  # noqa: E402

WORKERS = 8
LONG_MESSAGE = "lang bericht " * 770  # 10,010 characters
MODEL = REPO / "models" / "kansrijk.tar.gz"
STOCK_CREDENTIALS = "rest:\n"


class StockRestStack(Stack):
    """The same stack with Rasa's own REST channel instead of ours (credentials in var_dir)."""

    def commands(self) -> Dict[str, List[str]]:
        commands = super().commands()
        credentials = self.var_dir / "stock-credentials.yml"
        credentials.write_text(STOCK_CREDENTIALS)
        rasa = commands["rasa"]
        rasa[rasa.index("--credentials") + 1] = str(credentials)
        return commands


def _flood(url: str, via: str, stop, results) -> None:
    """Send LONG_MESSAGE in a loop, each as soon as the last was answered (runs in its own process)."""
    answers: Dict[str, int] = {}
    sent = 0

    def note(text: str) -> None:
        nonlocal sent
        sent += 1
        answers[text[:40]] = answers.get(text[:40], 0) + 1

    if via == "rest":
        sender = f"flood-{uuid.uuid4().hex}"
        with httpx.Client(timeout=120) as client:
            while not stop.is_set():
                response = client.post(f"{url}/webhooks/rest/webhook",
                                       json={"sender": sender, "message": LONG_MESSAGE})
                note(" ".join(m.get("text") or "" for m in response.json()))
    else:
        answered = threading.Event()
        client = socketio.Client(reconnection=False)
        client.on("session_confirm", lambda data: answered.set())

        def on_bot(data):
            note(data.get("text") or "")
            answered.set()

        client.on("bot_uttered", on_bot)
        client.connect(url, transports=["websocket"], socketio_path="/socket.io")
        try:
            client.emit("session_request", {})
            answered.wait(30)
            while not stop.is_set():
                answered.clear()
                client.emit("user_uttered", {"message": LONG_MESSAGE})
                answered.wait(120)
        finally:
            client.disconnect()
    results.put({"sent": sent, "answers": answers})


class Flood:
    """One client, in a process of its own (so it takes no time from the measuring threads),
    that sends LONG_MESSAGE in a loop over REST or socket.io."""

    def __init__(self, stack: Stack, via: str):
        context = multiprocessing.get_context("spawn")
        self._stop, self._results = context.Event(), context.Queue()
        self._process = context.Process(target=_flood, args=(stack.rasa_url, via, self._stop, self._results),
                                        daemon=True)

    def __enter__(self) -> "Flood":
        self.started = time.perf_counter()
        self._process.start()
        time.sleep(3)  # let it start and get going
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.started
        self._stop.set()
        found = self._results.get(timeout=150)
        self._process.join(30)
        self.sent, self.answers = found["sent"], found["answers"]


def greeting_turns(stack: Stack, turns: int) -> Dict[str, float]:
    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    return run_turns(url, conversations_of(["hoi"], turns, per_conversation=max(1, turns // WORKERS)),
                     workers=WORKERS)


@contextmanager
def running(stack_class, tmp: str, port: int) -> Iterator[Stack]:
    stack = stack_class(var_dir=Path(tmp), rasa_port=port, action_port=port + 50,
                        with_web=False, model=MODEL)
    stack.start(timeout=600)  # loading the model takes minutes on a busy 2-core machine
    try:
        yield stack
    finally:
        stack.stop()


def measure(stack: Stack, turns: int, floods: List[str]) -> Dict:
    """Quiet, flood, quiet, flood, ..., quiet: each flood is compared with the quiet phases
    just before and after it, so a machine that gets busier meanwhile does not count as the flood."""
    run_turns(f"{stack.rasa_url}/webhooks/rest/webhook", conversations_of(["hoi"], 40), workers=WORKERS)
    result: Dict = {"quiet_1": greeting_turns(stack, turns)}
    for number, via in enumerate(floods, start=1):
        with Flood(stack, via) as flood:
            figures = greeting_turns(stack, turns)
        after = result[f"quiet_{number + 1}"] = greeting_turns(stack, turns)
        quiet = (result[f"quiet_{number}"]["median_ms"] + after["median_ms"]) / 2
        figures["flood_messages"] = flood.sent
        figures["flood_messages_s"] = flood.sent / flood.seconds
        figures["flood_answers"] = flood.answers
        figures["ratio"] = figures["median_ms"] / quiet
        result[f"flood_{via}"] = figures
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=200, help="greeting turns per phase")
    parser.add_argument("--stock", action="store_true", help="also measure Rasa's plain REST channel")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    results = {}
    with tempfile.TemporaryDirectory() as tmp, running(Stack, tmp, 25105) as stack:
        results["kansrijk channels"] = measure(stack, args.turns, ["rest", "socketio"])
    if args.stock:
        # Fewer turns: with Rasa's channel every long message costs NLU time.
        with tempfile.TemporaryDirectory() as tmp, running(StockRestStack, tmp, 25205) as stack:
            results["stock rest channel"] = measure(stack, max(WORKERS, args.turns // 4), ["rest"])

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'channels':<20}{'phase':<16}{'median ms':>10}{'p95 ms':>9}{'ratio':>7}{'flood msg/s':>13}")
    for name, phases in results.items():
        for phase, figures in phases.items():
            ratio = f"{figures['ratio']:.2f}" if "ratio" in figures else "-"
            flood = f"{figures['flood_messages_s']:.1f}" if "flood_messages_s" in figures else "-"
            print(f"{name:<20}{phase:<16}{figures['median_ms']:>10.1f}{figures['p95_ms']:>9.1f}"
                  f"{ratio:>7}{flood:>13}")
    ours = results["kansrijk channels"]
    worst = max(ours[p]["ratio"] for p in ours if p.startswith("flood_"))
    print(f"median greeting turn under a flood of 10,000-character messages / quiet: "
          f"{worst:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
