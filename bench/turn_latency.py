"""Turn latency, throughput and memory of Kansrijk's Rasa server, beside Rasa's example assistant.

Measures REST turns from outside the process: median and p95 over 200 turns,
sequential and with 8 concurrent conversations, plus the Rasa process's resident
memory. The example assistant (`rasa init`, default config) goes through the same
script in the same run. With --train it also times a full training of our model.

    .venv/bin/python bench/turn_latency.py [--train] [--turns 200]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, List

import httpx
import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.run import Stack  # noqa: E402

RASA = REPO / ".venv-rasa" / "bin" / "rasa"
OUR_MESSAGES = ["hoi", "ben jij een bot?", "dankjewel", "wat doen jullie met mijn gegevens", "doei"]
EXAMPLE_MESSAGES = ["hello", "are you a bot?", "I am happy", "great", "bye"]
STUDY_CHOICE = ["hoi", "/ask_study_advice", "vmbo", "kader", "ik sleutel graag aan scooters",
                "utrecht", "/compare_programmes", "heb je werk met juridisch medewerker?",
                "/other_options", "doei"]


def percentile(values: List[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def run_turns(url: str, conversations: List[List[str]], workers: int) -> Dict[str, float]:
    """Play conversations (lists of messages) with `workers` in parallel; time each turn."""
    latencies: List[float] = []

    def play(messages: List[str]) -> List[float]:
        sender = f"bench-{uuid.uuid4().hex}"
        timings = []
        with httpx.Client(timeout=60) as client:
            for text in messages:
                start = time.perf_counter()
                response = client.post(url, json={"sender": sender, "message": text})
                response.raise_for_status()
                timings.append((time.perf_counter() - start) * 1000)
        return timings

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for timings in pool.map(play, conversations):
            latencies.extend(timings)
    elapsed = time.perf_counter() - started
    return {
        "turns": len(latencies),
        "median_ms": statistics.median(latencies),
        "p95_ms": percentile(latencies, 0.95),
        "throughput_turns_s": len(latencies) / elapsed,
    }


def conversations_of(messages: List[str], turns: int, per_conversation: int = 10) -> List[List[str]]:
    flat = [messages[i % len(messages)] for i in range(turns)]
    return [flat[i:i + per_conversation] for i in range(0, turns, per_conversation)]


def rss_mb(pid: int) -> float:
    process = psutil.Process(pid)
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 1e6


def measure(name: str, url: str, pid: int, scenarios: Dict[str, List[str]], turns: int) -> Dict:
    result: Dict = {"assistant": name}
    run_turns(url, conversations_of(next(iter(scenarios.values())), 20), workers=1)  # warm-up
    for scenario, messages in scenarios.items():
        result[scenario] = {
            "sequential": run_turns(url, conversations_of(messages, turns), workers=1),
            "concurrent_8": run_turns(url, conversations_of(messages, turns), workers=8),
        }
    result["rasa_rss_mb"] = rss_mb(pid)
    return result


def example_assistant(workdir: Path) -> Path:
    """`rasa init` in a folder of its own (trained once, then reused)."""
    model_dir = workdir / "models"
    if not any(model_dir.glob("*.tar.gz")):
        workdir.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(RASA), "init", "--no-prompt", "--init-dir", str(workdir)],
                       cwd=workdir, check=True, env=quiet_env(), stdout=subprocess.DEVNULL)
    return workdir


def quiet_env() -> Dict[str, str]:
    env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")
    env["PYTHONPATH"] = str(REPO)
    return env


def wait_for(url: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up")


def time_training() -> float:
    out = Path(tempfile.mkdtemp())
    start = time.perf_counter()
    subprocess.run([str(RASA), "train", "--domain", "domain", "--data", "data", "--config",
                    "config.yml", "--out", str(out), "--force"], cwd=REPO, check=True,
                   env=quiet_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(out, ignore_errors=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--train", action="store_true", help="also time a full training")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    results = []
    scenarios = {"greeting": ["hoi"] * 10, "base": OUR_MESSAGES, "study_choice": STUDY_CHOICE}
    with tempfile.TemporaryDirectory() as tmp:
        with Stack(var_dir=Path(tmp), rasa_port=25005, action_port=25055, with_web=False,
                   model=REPO / "models" / "kansrijk.tar.gz") as stack:
            results.append(measure("kansrijk", f"{stack.rasa_url}/webhooks/rest/webhook",
                                   stack.processes["rasa"].pid, scenarios, args.turns))

    workdir = example_assistant(REPO / "var" / "bench" / "rasa-init")
    process = subprocess.Popen([str(RASA), "run", "--port", "25006"], cwd=workdir, env=quiet_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        wait_for("http://localhost:25006/")
        results.append(measure("rasa init example", "http://localhost:25006/webhooks/rest/webhook",
                               process.pid, {"greeting": ["hello"] * 10, "base": EXAMPLE_MESSAGES},
                               args.turns))
    finally:
        os.killpg(process.pid, 15)
        process.wait()

    if args.train:
        results.append({"assistant": "kansrijk", "training_s": time_training()})

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'assistant':<20}{'scenario':<14}{'mode':<14}{'median ms':>10}{'p95 ms':>9}{'turns/s':>9}")
    for result in results:
        for scenario, modes in result.items():
            if not isinstance(modes, dict):
                continue
            for mode, figures in modes.items():
                print(f"{result['assistant']:<20}{scenario:<14}{mode:<14}"
                      f"{figures['median_ms']:>10.1f}{figures['p95_ms']:>9.1f}"
                      f"{figures['throughput_turns_s']:>9.1f}")
        if "rasa_rss_mb" in result:
            print(f"{result['assistant']:<20}Rasa memory: {result['rasa_rss_mb']:.0f} MB")
        if "training_s" in result:
            print(f"{result['assistant']:<20}full training: {result['training_s']:.0f} s")
    ours, example = results[0], results[1]
    ratio = ours["greeting"]["sequential"]["median_ms"] / example["greeting"]["sequential"]["median_ms"]
    print(f"median greeting turn, ours / example: {ratio:.2f} (target <= 0.6)")
    study = ours["study_choice"]["sequential"]["median_ms"] / ours["greeting"]["sequential"]["median_ms"]
    print(f"median study-choice turn / greeting turn: {study:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
