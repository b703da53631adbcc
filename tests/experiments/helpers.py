"""Helpers for the experiment tests: a valid definition to vary, and facts recorded in bulk."""
from __future__ import annotations

from datetime import date, timedelta

from bot import facts
from bot.experiments import definition

TODAY = date(2026, 12, 2)


def definition_data(**changes) -> dict:
    """A valid definition as a YAML file would give it; ``changes`` replace fields (None removes one)."""
    data = {
        "name": "nudge_test",
        "schools": ["DEMO01"],
        "start": TODAY - timedelta(days=30),
        "end": TODAY + timedelta(days=300),
        "arms": {"standard": 1, "no_offer": 1, "framed": 1},
        "primary_outcome": "looked_at_alternative",
        "secondary_outcomes": ["ended_kansrijk", "final_kans_op_werk"],
        "min_sample_per_arm": 100,
        "hypothesis": "Een aanbod vanuit de interesses helpt leerlingen vaker naar een alternatief te kijken.",
    }
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def make_definition(**changes) -> definition.Definition:
    return definition.parse(definition_data(**changes))


def record_conversations(db, experiment: str, arm: str, n: int, *, prefix: str = "", **events: int) -> list[str]:
    """Record ``n`` conversations in ``arm``; ``events`` gives, per fact kind, how many of them have it.

    ``kans_<class>=k`` gives the first k (after the previous classes) a final interest of that class.
    """
    ids = [f"{prefix}{arm}-{i:05d}" for i in range(n)]
    rows = [(cid, "experiment_arm", {"experiment": experiment, "arm": arm}) for cid in ids]
    start = 0
    for kind, count in events.items():
        if kind.startswith("kans_"):
            klass = kind[len("kans_"):].replace("_", " ")
            rows += [(cid, "final_interest", {"crebo": "1", "kans_op_werk": klass}) for cid in ids[start:start + count]]
            start += count
        else:
            rows += [(cid, kind, {}) for cid in ids[:count]]
    facts.record_facts(db, rows)
    return ids
