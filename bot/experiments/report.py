"""The outcome report of an experiment: per arm n and each outcome with its interval, the difference to standard, small cells suppressed.

:func:`build` returns a JSON-ready dict (what ``report NAME --json`` prints and the
portal renders)::

    {"experiment": NAME, "status": ..., "primary_outcome": ..., "outcomes": [KEY, ...],
     "min_sample_per_arm": 100, "min_sample_reached": false,
     "opted_out": {"n": 12, "suppressed": false},
     "arms": [{"arm": "standard", "label": ..., "share": 0.333, "n": 120, "suppressed": false,
               "min_sample_reached": true,
               "outcomes": {KEY: {"p": 0.3, "ci": [0.22, 0.39], "count": 36, "suppressed": false,
                                  "difference": null | {"diff": 0.1, "ci": [...], "p_value": 0.1,
                                                        "significant": false, "suppressed": false}}}}],
     "explanation": "...", "methods": "..."}

The outcome keys are the definition's yes/no outcomes, and ``final_kans_op_werk``
expands to one key per class (``final_kans_op_werk.gering`` ... ``.goed`` and
``.onbekend``), each the share of the arm's conversations.

Suppression (no report reveals a single student's choices; ``vocabulary.MIN_CELL`` = 10):

- an arm with fewer than 10 conversations shows no n and no outcomes (``"n": null``,
  ``"suppressed": true``; "< 10" in text and CSV);
- an outcome cell is suppressed when fewer than 10 conversations had it *or* fewer
  than 10 did not: with n shown, either count follows from the proportion;
- the classes of ``final_kans_op_werk`` add up to n, so the suppressed classes of an arm
  could be worked out together: the next smallest classes are suppressed too, until at
  least two are and together they hold 0 or at least 10 conversations;
- a difference is shown only when both its cells are;
- the number of opt-outs is suppressed below 10 as well.

Opted-out conversations are not counted at all.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any, Optional, TextIO

import sqlite_utils

import safetext

from . import explain, outcomes, stats, store
from .vocabulary import (
    ARM_LABELS,
    CATEGORICAL_OUTCOMES,
    CONTROL_ARM,
    KANS_CLASSES,
    MIN_CELL,
    OUTCOME_LABELS,
    UNKNOWN_CLASS,
)

__all__ = ["build", "outcome_keys", "write_csv", "to_csv", "CSV_COLUMNS", "SUPPRESSED"]

SUPPRESSED = explain.SUPPRESSED
CSV_COLUMNS = (
    "experiment", "arm", "arm_label", "n", "outcome", "outcome_label", "count", "p", "ci_low", "ci_high",
    "diff_vs_standard", "diff_ci_low", "diff_ci_high", "p_value", "suppressed",
)


def outcome_keys(outcome_names) -> list[str]:
    """The report's rows for these outcomes: a categorical outcome becomes one row per class."""
    keys: list[str] = []
    for outcome in outcome_names:
        if outcome in CATEGORICAL_OUTCOMES:
            keys += [f"{outcome}.{c}" for c in KANS_CLASSES + (UNKNOWN_CLASS,)]
        else:
            keys.append(outcome)
    return keys


def _suppressed_cells(tally: outcomes.ArmTally, keys: list[str]) -> set[str]:
    if tally.n < MIN_CELL:
        return set(keys)
    hidden = {key for key in keys if tally.counts[key] < MIN_CELL or tally.n - tally.counts[key] < MIN_CELL}
    for outcome in CATEGORICAL_OUTCOMES:
        group = [key for key in keys if key.startswith(outcome + ".")]
        shown = sorted((key for key in group if key not in hidden), key=lambda key: tally.counts[key])
        # The hidden classes add up to n minus the shown ones: hide more until that sum
        # does not single out one class or a group of fewer than MIN_CELL conversations.
        while shown:
            concealed = [key for key in group if key in hidden]
            total = sum(tally.counts[key] for key in concealed)
            if not concealed or (len(concealed) > 1 and not 0 < total < MIN_CELL):
                break
            hidden.add(shown.pop(0))
    return hidden


def _hidden_difference() -> dict[str, Any]:
    return {"diff": None, "ci": None, "p_value": None, "significant": None, "suppressed": True}


def _cell(tally, key, hidden, control, control_hidden) -> dict[str, Any]:
    if key in hidden:
        cell: dict[str, Any] = {"p": None, "ci": None, "count": None, "suppressed": True}
    else:
        found = stats.proportion(tally.counts[key], tally.n)
        cell = {"p": found.p, "ci": list(found.ci), "count": tally.counts[key], "suppressed": False}
    if control is None:  # the control arm itself
        cell["difference"] = None
    elif key in hidden or key in control_hidden:
        cell["difference"] = _hidden_difference()
    else:
        diff = stats.difference(tally.counts[key], tally.n, control.counts[key], control.n)
        cell["difference"] = {
            "diff": diff.diff, "ci": list(diff.ci), "p_value": diff.p_value,
            "significant": diff.significant, "suppressed": False,
        }
    return cell


def build(db: sqlite_utils.Database, name: str, *, on: Optional[date] = None) -> dict[str, Any]:
    """The report of experiment ``name`` as a JSON-ready dict (see the module docstring)."""
    experiment = store.get(db, name, on=on)
    definition = experiment.definition
    counted = outcomes.tally(db, name, definition.arm_names)
    keys = outcome_keys(definition.outcomes)
    hidden = {arm: _suppressed_cells(counted.arms[arm], keys) for arm in definition.arm_names}
    control = counted.arms[CONTROL_ARM]
    arms = []
    for arm in definition.arms:
        tally = counted.arms[arm.name]
        is_control = arm.name == CONTROL_ARM
        arm_hidden = tally.n < MIN_CELL
        arms.append({
            "arm": arm.name,
            "label": ARM_LABELS[arm.name],
            "share": float(arm.share),
            "n": None if arm_hidden else tally.n,
            "suppressed": arm_hidden,
            "min_sample_reached": tally.n >= definition.min_sample_per_arm,
            "outcomes": {
                key: _cell(tally, key, hidden[arm.name], None if is_control else control, hidden[CONTROL_ARM])
                for key in keys
            },
        })
    report = {
        "experiment": name,
        "status": experiment.status,
        "schools": list(definition.schools),
        "start": definition.start.isoformat(),
        "end": definition.end.isoformat(),
        "content_hash": experiment.content_hash,
        "hypothesis": definition.hypothesis,
        "primary_outcome": definition.primary_outcome,
        "secondary_outcomes": list(definition.secondary_outcomes),
        "outcomes": keys,
        "outcome_labels": {key: OUTCOME_LABELS[key] for key in keys},
        "min_sample_per_arm": definition.min_sample_per_arm,
        "min_sample_reached": all(arm["min_sample_reached"] for arm in arms),
        "opted_out": {
            "n": counted.opted_out if counted.opted_out >= MIN_CELL else None,
            "suppressed": counted.opted_out < MIN_CELL,
        },
        "arms": arms,
    }
    report["explanation"] = explain.explanation(report)
    report["methods"] = explain.METHODS
    return report


def _csv_rows(report: dict[str, Any]):
    for arm in report["arms"]:
        for key in report["outcomes"]:
            cell = arm["outcomes"][key]
            diff = cell["difference"] or {}
            yield {
                "experiment": report["experiment"],
                "arm": arm["arm"],
                "arm_label": arm["label"],
                "n": SUPPRESSED if arm["suppressed"] else arm["n"],
                "outcome": key,
                "outcome_label": report["outcome_labels"][key],
                "count": SUPPRESSED if cell["suppressed"] else cell["count"],
                "p": cell["p"],
                "ci_low": cell["ci"][0] if cell["ci"] else None,
                "ci_high": cell["ci"][1] if cell["ci"] else None,
                "diff_vs_standard": diff.get("diff"),
                "diff_ci_low": diff["ci"][0] if diff.get("ci") else None,
                "diff_ci_high": diff["ci"][1] if diff.get("ci") else None,
                "p_value": diff.get("p_value"),
                "suppressed": "ja" if cell["suppressed"] else "nee",
            }


def write_csv(report: dict[str, Any], out: TextIO) -> None:
    """The aggregated table, one row per arm and outcome; suppressed cells read "< 10" and stay empty."""
    # safetext: a cell a spreadsheet would run as a formula gets a leading ' (numbers stay numbers).
    writer = safetext.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in _csv_rows(report):
        writer.writerow({key: "" if value is None else value for key, value in row.items()})


def to_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    write_csv(report, out)
    return out.getvalue()
