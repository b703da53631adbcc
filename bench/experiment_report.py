"""Benchmark the experiment report: build it over 100,000 recorded conversations.

Records the facts of simulated conversations (arm, prospects, outcomes, and the other
facts a conversation leaves) into a temporary database through their owners
(``bot.experiments.store.add``, ``bot.facts.record_facts``), then times
``bot.experiments.report.build`` (with CSV and chart, as the portal shows them).

Usage: .venv/bin/python bench/experiment_report.py [--conversations 100000] [--runs 3] [--db PATH]
Target (issue 17): report generation over 100,000 conversations < 5 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import appdb  # noqa: E402
from bot import facts  # noqa: E402
from bot.experiments import chart, definition, report, store  # noqa: E402
from bot.experiments.allocation import draw  # noqa: E402
from bot.experiments.vocabulary import KANS_CLASSES  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "bot" / "experiments" / "examples" / "nudge_demo01.yml"
TODAY = date(2026, 12, 2)
# Per arm: chance to look at an alternative; the other outcomes are the same in every arm.
LOOK = {"standard": 0.30, "no_offer": 0.22, "framed": 0.36}


def simulate(definition_, count: int, seed: int = 17):
    """Yield the facts ``(conversation_id, kind, payload)`` of ``count`` conversations."""
    rng = random.Random(seed)
    for i in range(count):
        cid = f"bench-{seed}-{i:07d}"
        arm = draw(definition_, cid)
        yield cid, "experiment_arm", {"experiment": definition_.name, "arm": arm}
        yield cid, "interests", {"text": "iets met dieren"}
        first = rng.choice(KANS_CLASSES)
        yield cid, "programmes_shown", {"crebos": ["25603", "25602", "25604"]}
        yield cid, "prospects_asked", {"crebo": "25603", "name": "Dierverzorger", "kans_op_werk": first}
        if first in ("gering", "matig") and arm != "no_offer":
            yield cid, "nudge_shown", {"crebo": "25603", "kans_op_werk": first}
            yield cid, "alternatives_shown", {"crebos": ["25602", "25604"]}
        if rng.random() < LOOK[arm]:
            second = rng.choice(KANS_CLASSES[2:])
            yield cid, "alternative_viewed", {"crebo": "25602", "name": "Alternatief"}
            yield cid, "prospects_asked", {"crebo": "25602", "name": "Alternatief", "kans_op_werk": second}
        if rng.random() < 0.5:
            yield cid, "final_interest", {"crebo": "25603", "name": "Dierverzorger", "kans_op_werk": first}
        if rng.random() < 0.25:
            yield cid, "internship_search", {"crebo": "25603", "pc4": "3511"}
        if rng.random() < 0.10:
            yield cid, "summary_shared", {"school": "DEMO01"}
        if rng.random() < 0.60:
            yield cid, "conversation_completed", {}
        if rng.random() < 0.02:
            yield cid, "experiment_opt_out", {"experiment": definition_.name}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", help="use this database file (filled when it has no experiment yet)")
    args = parser.parse_args()

    experiment = definition.load(EXAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        db = appdb.connect(args.db or str(Path(tmp) / "bench.db"))
        if not [e for e in store.list_experiments(db, on=TODAY) if e.name == experiment.name]:
            store.add(db, experiment, on=TODAY)
            t0 = time.perf_counter()
            recorded = facts.record_facts(db, simulate(experiment, args.conversations))
            print(f"recorded {args.conversations:,} conversations ({recorded:,} facts) "
                  f"in {time.perf_counter() - t0:.1f} s")
        db.execute("ANALYZE")

        timings = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            built = report.build(db, experiment.name, on=TODAY)
            report.to_csv(built)
            chart.primary_chart(built)
            timings.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        report.build(db, experiment.name, on=TODAY)
        build_only = time.perf_counter() - t0
        n = sum(arm["n"] or 0 for arm in built["arms"])
        print("arms: " + ", ".join(f"{arm['arm']} n={arm['n']}" for arm in built["arms"])
              + f"; opted out: {built['opted_out']['n']}; analysed: {n:,}")
        print(f"report over {args.conversations:,} conversations: {max(timings):.2f} s (target < 5 s)"
              f" [slowest of {args.runs} runs incl. CSV and chart, first run includes the statsmodels and"
              f" matplotlib imports; median {statistics.median(timings):.2f} s; build alone {build_only:.2f} s]")
        db.close()


if __name__ == "__main__":
    main()
