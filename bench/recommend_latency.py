"""Recommend latency over the whole catalogue: p50/p95 of 200 queries (model loaded) and the cold start.

Run: .venv/bin/python bench/recommend_latency.py   (cold start is measured in a fresh process)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

COLD = """
import time, json
t0 = time.perf_counter()
import labour_outlook
labour_outlook.warm_up()
t1 = time.perf_counter()
labour_outlook.recommend("ik sleutel graag aan scooters")
t2 = time.perf_counter()
print(json.dumps({"cold_start_s": t1 - t0, "first_query_ms": (t2 - t1) * 1000}))
"""


def queries() -> list[str]:
    """200 distinct queries: the eval sets plus variations, so no query is answered from a cache."""
    from labour_outlook.evaluate import load_set

    base = [i["text"] for i in load_set(REPO / "tests" / "labour_outlook" / "eval_interests.yml")]
    base += [i["text"] for i in load_set(REPO / "tests" / "labour_outlook" / "eval_holdout.yml")]
    extra = ["en ik ben best handig", "maar niet op kantoor", "en ik wil later veel geld verdienen",
             "of iets met mensen"]
    out = list(base)
    k = 0
    while len(out) < 200:
        out.append(f"{base[k % len(base)]} {extra[k % len(extra)]} {k}")
        k += 1
    return out[:200]


def main() -> int:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    cold = json.loads(subprocess.run([sys.executable, "-c", COLD], cwd=REPO, env=env, capture_output=True,
                                     text=True, check=True).stdout.strip().splitlines()[-1])
    import labour_outlook

    labour_outlook.warm_up()
    qs = queries()
    for q in qs[:5]:
        labour_outlook.recommend(q)
    times = []
    for q in qs:
        t = time.perf_counter()
        labour_outlook.recommend(q, top=5)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(round(0.95 * len(times))) - 1]
    print(f"catalogue: {len(labour_outlook.get_catalogue())} programmes, {len(times)} queries")
    print(f"warm recommend latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms (target p95 < 15 ms)")
    print(f"cold start (import, load model and cached vectors): {cold['cold_start_s']:.2f} s (target < 3 s); "
          f"first query {cold['first_query_ms']:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
