"""Derive each conversation's outcomes from its recorded facts (never from free text), and count them per arm.

The outcomes, each from the facts that the conversation flow records:

- ``looked_at_alternative``: an ``alternative_viewed`` fact.
- ``final_kans_op_werk``: the kans-op-werk class of the final interest, on SBB's scale
  (gering, matig, voldoende, ruim voldoende, goed). It is ``kans_op_werk`` of the last
  ``final_interest`` fact; if that fact has none, the class from the last
  ``prospects_asked`` fact for the same crebo; without a ``final_interest`` fact, the
  class from the last ``prospects_asked`` fact. Otherwise it is ``onbekend``. A report
  gives the share of each class, ``onbekend`` included, among all conversations of
  the arm (so the shares add up to 1 and no arm loses conversations).
- ``ended_kansrijk``: that final class is voldoende, ruim voldoende or goed; a
  conversation with no known class did not end kansrijk.
- ``asked_internship_search``: an ``internship_search`` fact.
- ``shared_summary``: a ``summary_shared`` fact, or a row in ``shares``.
- ``conversation_completed``: a ``conversation_completed`` fact (recorded at goodbye).

A conversation belongs to an experiment through its ``experiment_arm`` fact; one with
an ``experiment_opt_out`` fact is left out entirely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional

import sqlite_utils

from bot import facts

from .vocabulary import ARMS, BINARY_OUTCOMES, KANS_CLASSES, KANSRIJK_CLASSES, UNKNOWN_CLASS

__all__ = ["FACT_KINDS", "derive", "final_class", "ArmTally", "Tally", "tally", "count_keys"]

ARM_FACT = "experiment_arm"
OPT_OUT_FACT = "experiment_opt_out"

# Outcome -> the fact kind whose presence means "yes".
_PRESENCE = {
    "looked_at_alternative": "alternative_viewed",
    "asked_internship_search": "internship_search",
    "shared_summary": "summary_shared",
    "conversation_completed": "conversation_completed",
}
FACT_KINDS = (ARM_FACT, OPT_OUT_FACT, "final_interest", "prospects_asked", *_PRESENCE.values())
# The only payload fields any outcome reads.
PAYLOAD_FIELDS = ("experiment", "arm", "crebo", "kans_op_werk")


def count_keys() -> tuple[str, ...]:
    """The names counted per arm: every yes/no outcome, then ``final_kans_op_werk.<class>``."""
    return BINARY_OUTCOMES + tuple(f"final_kans_op_werk.{c}" for c in KANS_CLASSES + (UNKNOWN_CLASS,))


def _class(payload: Mapping[str, Any]) -> Optional[str]:
    value = payload.get("kans_op_werk")
    value = value.strip().lower() if isinstance(value, str) else None
    return value if value in KANS_CLASSES else None


def final_class(conversation_facts: Iterable[tuple[str, Mapping[str, Any]]]) -> str:
    """The kans-op-werk class of the final interest (see the module docstring), or ``onbekend``."""
    final = None
    prospects: list[Mapping[str, Any]] = []
    for kind, payload in conversation_facts:
        if kind == "final_interest":
            final = payload
        elif kind == "prospects_asked":
            prospects.append(payload)
    if final is not None:
        found = _class(final)
        if found is None and final.get("crebo") is not None:
            crebo = str(final["crebo"])
            same = [p for p in prospects if str(p.get("crebo")) == crebo and _class(p)]
            found = _class(same[-1]) if same else None
        return found or UNKNOWN_CLASS
    if prospects:
        return _class(prospects[-1]) or UNKNOWN_CLASS
    return UNKNOWN_CLASS


def derive(conversation_facts: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, Any]:
    """Every outcome of one conversation from its facts ``(kind, payload)``, in recorded order."""
    listed = list(conversation_facts)
    kinds = {kind for kind, _ in listed}
    final = final_class(listed)
    derived: dict[str, Any] = {outcome: kind in kinds for outcome, kind in _PRESENCE.items()}
    derived["final_kans_op_werk"] = final
    derived["ended_kansrijk"] = final in KANSRIJK_CLASSES
    return derived


@dataclass
class ArmTally:
    """Counts for one arm: ``n`` conversations and, per count key, how many had it."""

    arm: str
    n: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(count_keys(), 0))

    def add(self, derived: Mapping[str, Any]) -> None:
        self.n += 1
        for key in BINARY_OUTCOMES:
            if derived[key]:
                self.counts[key] += 1
        self.counts[f"final_kans_op_werk.{derived['final_kans_op_werk']}"] += 1


@dataclass
class Tally:
    """The counts of an experiment: per arm, plus how many conversations opted out."""

    experiment: str
    arms: dict[str, ArmTally]
    opted_out: int = 0


def tally(db: sqlite_utils.Database, experiment: str, arms: Iterable[str] = ARMS) -> Tally:
    """Count the outcomes per arm of every conversation assigned to ``experiment`` (opt-outs left out)."""
    per_conversation: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    arm_of: dict[str, str] = {}
    opted_out: set[str] = set()
    rows = facts.experiment_facts(db, experiment, FACT_KINDS, fields=PAYLOAD_FIELDS)
    for conversation_id, kind, payload in rows:
        if kind == ARM_FACT:
            if payload.get("experiment") == experiment:
                arm_of.setdefault(conversation_id, payload.get("arm"))
        elif kind == OPT_OUT_FACT:
            opted_out.add(conversation_id)
        else:
            per_conversation.setdefault(conversation_id, []).append((kind, payload))
    result = Tally(experiment, {arm: ArmTally(arm) for arm in arms})
    for conversation_id, arm in arm_of.items():
        if conversation_id in opted_out:
            result.opted_out += 1
            continue
        if arm not in result.arms:  # an arm the definition lacks: not analysable
            continue
        result.arms[arm].add(derive(per_conversation.get(conversation_id, ())))
    return result
