"""A short locust run (bench/locustfile.py): 50 simulated students hold study-choice,
internship and report conversations against the shared stack for about a minute.
No request may fail, and every report code the bot showed must be stored."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

import appdb
import internships
from appdb.settings import REPO
from bench.load_summary import lost_reports, read_codes, read_stats

pytestmark = pytest.mark.integration

USERS = 50
SPAWN_RATE = 10
DURATION = "60s"
STOP_TIMEOUT = 30  # seconds for the running conversations to finish after the run time


def test_fifty_students_for_a_minute_no_failures_no_lost_reports(stack, tmp_path):
    db = appdb.connect(stack.var_dir / "kansrijk.db")
    internships.seed_demo(db)  # as `make run` does: the internship searches find listings
    prefix = tmp_path / "load"
    codes_file = tmp_path / "codes.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO), "KANSRIJK_LOAD_CODES": str(codes_file)}
    run = subprocess.run(
        [str(REPO / ".venv/bin/locust"), "-f", str(REPO / "bench/locustfile.py"), "--headless",
         "-u", str(USERS), "-r", str(SPAWN_RATE), "-t", DURATION, "--stop-timeout", str(STOP_TIMEOUT),
         "--host", stack.rasa_url, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )
    sys.stdout.write(run.stdout[-6000:])
    failures = (tmp_path / "load_failures.csv").read_text(encoding="utf-8") \
        if (tmp_path / "load_failures.csv").exists() else ""
    figures = read_stats(prefix)
    print(f"\nload: {figures.requests} turns, {figures.failures} failed, {figures.requests_per_s:.1f} turns/s, "
          f"p50 {figures.p50_ms:.0f} ms, p95 {figures.p95_ms:.0f} ms")

    assert figures.requests > 500, "the students hardly talked: is the stack answering?"
    assert figures.failures == 0, f"{figures.failures} failed turns:\n{failures[:3000]}"
    assert run.returncode == 0, f"locust exited with {run.returncode}:\n{run.stderr[-3000:]}"

    codes = read_codes(codes_file)
    assert len(codes) >= 10, f"only {len(codes)} reports were completed"
    assert len(set(codes)) == len(codes), "the bot gave two reports the same code"
    assert lost_reports(db, codes) == []
    print(f"reports: {len(codes)} codes returned, all stored")
