"""Assign a conversation to an arm of the experiment at its school, record it once, and honour opt-outs.

The arm is drawn from a seeded hash: sha256 of the experiment name and the
conversation id gives a number in [0, 1), and the arms' cumulative shares cut that
interval. The same conversation always gets the same arm (through reloads and on
every replica) with no state but the recorded fact, and over many conversations each
arm's share approaches its allocation share. The conversation ids are random and
server-issued, so nobody can pick an arm by choosing an id.

Recorded facts (via ``bot.facts``):

- ``experiment_arm`` ``{"experiment": NAME, "arm": ARM}``: at most once per conversation;
- ``experiment_opt_out`` ``{"experiment": NAME or null}``: the student said "ik wil niet
  meedoen aan onderzoek"; from then on the conversation gets ``standard`` and is left
  out of every analysis.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Optional

import sqlite_utils

import appdb
from bot import facts

from . import store
from .definition import Definition
from .outcomes import ARM_FACT, OPT_OUT_FACT
from .vocabulary import CONTROL_ARM

__all__ = ["Assignment", "draw", "assign", "assignment_of", "arm_for", "opt_out", "opted_out"]

_SCALE = float(2**64)


@dataclass(frozen=True)
class Assignment:
    """The experiment a conversation takes part in and the arm it got."""

    experiment: str
    arm: str


def draw(definition: Definition, conversation_id: str) -> str:
    """The arm that ``conversation_id`` gets in this experiment (pure, deterministic)."""
    digest = hashlib.sha256(f"{definition.name}\x1f{conversation_id}".encode("utf-8")).digest()
    u = int.from_bytes(digest[:8], "big") / _SCALE
    cumulative = 0.0
    for arm in definition.arms:
        cumulative += float(arm.share)
        if u < cumulative:
            return arm.name
    return definition.arms[-1].name  # u just below 1 and shares summing to 0.999...


def opted_out(db: sqlite_utils.Database, conversation_id: str) -> bool:
    """True if the student of this conversation said they do not want to take part in research."""
    return bool(facts.facts_for(db, conversation_id, OPT_OUT_FACT))


def assignment_of(db: sqlite_utils.Database, conversation_id: str) -> Optional[Assignment]:
    """The recorded assignment of this conversation (opt-out or not), or None."""
    recorded = facts.facts_for(db, conversation_id, ARM_FACT)
    if not recorded:
        return None
    payload = recorded[0]["payload"]
    return Assignment(payload["experiment"], payload["arm"])


def assign(
    db: sqlite_utils.Database, conversation_id: str, school: str, today: Optional[date] = None
) -> Optional[Assignment]:
    """Put the conversation in an arm of the experiment that runs at ``school``, once.

    Returns the recorded assignment if there is one, a new one if an experiment is
    active at ``school`` today, and None if none is or the student opted out.
    ``school`` must come from the school registry, not from the client.
    """
    if opted_out(db, conversation_id):
        return None
    recorded = assignment_of(db, conversation_id)
    if recorded is not None:
        return recorded
    experiment = store.active_for(db, school, today)
    if experiment is None:
        return None
    with appdb.transaction(db):
        # Again under the write lock: two turns of one conversation may race here.
        recorded = assignment_of(db, conversation_id)
        if recorded is not None:
            return recorded
        arm = draw(experiment.definition, conversation_id)
        facts.record_fact(db, conversation_id, ARM_FACT, {"experiment": experiment.name, "arm": arm})
    return Assignment(experiment.name, arm)


def arm_for(db: sqlite_utils.Database, conversation_id: str) -> str:
    """The arm whose behaviour this conversation gets: its assigned arm, else ``standard``."""
    if opted_out(db, conversation_id):
        return CONTROL_ARM
    recorded = assignment_of(db, conversation_id)
    return recorded.arm if recorded is not None else CONTROL_ARM


def opt_out(db: sqlite_utils.Database, conversation_id: str) -> None:
    """Record that the student does not want to take part: ``standard`` from now on, left out of analysis."""
    with appdb.transaction(db):
        if opted_out(db, conversation_id):
            return
        recorded = assignment_of(db, conversation_id)
        facts.record_fact(
            db, conversation_id, OPT_OUT_FACT, {"experiment": recorded.experiment if recorded else None}
        )
