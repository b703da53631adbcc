"""Allocation: balanced over many conversations, stable through reloads, recorded once, and opt-out honoured."""
from __future__ import annotations

import secrets
from collections import Counter
from datetime import timedelta

import pytest

import appdb
from bot import facts
from bot.experiments import allocation, outcomes, store
from tests.experiments.helpers import TODAY, make_definition


@pytest.mark.parametrize(
    "arms",
    [
        {"standard": 1, "no_offer": 1, "framed": 1},
        {"standard": 2, "no_offer": 1, "framed": 1},
        {"standard": 1, "framed": 1},
    ],
)
def test_shares_within_two_points_over_10000_conversations(arms):
    d = make_definition(arms=arms)
    ids = [secrets.token_urlsafe(16) for _ in range(10_000)]  # like the server-issued ids
    counts = Counter(allocation.draw(d, cid) for cid in ids)
    assert set(counts) == set(arms)
    for arm in d.arms:
        # Binomial sd at n=10,000 is at most 0.5 points, so 2 points is four sd.
        assert abs(counts[arm.name] / 10_000 - float(arm.share)) < 0.02, (arm.name, counts)


def test_the_draw_is_deterministic_and_depends_on_the_experiment():
    d = make_definition()
    other = make_definition(name="nudge_other")
    ids = [f"conversation-{i}" for i in range(300)]
    assert [allocation.draw(d, cid) for cid in ids] == [allocation.draw(d, cid) for cid in ids]
    assert [allocation.draw(d, cid) for cid in ids] != [allocation.draw(other, cid) for cid in ids]


def test_pinned_arms():
    """The scheme (sha256 of name + 0x1f + id, first 8 bytes / 2**64, cumulative shares) must not change."""
    import hashlib

    d = make_definition()
    # Literal: a change of scheme would move running conversations to another arm.
    assert [allocation.draw(d, cid) for cid in "abcdefgh"] == [
        "standard", "no_offer", "no_offer", "framed", "framed", "standard", "no_offer", "standard"]
    for cid in "abcdefgh":
        u = int.from_bytes(hashlib.sha256(f"nudge_test\x1f{cid}".encode()).digest()[:8], "big") / 2**64
        expected = "standard" if u < 1 / 3 else "no_offer" if u < 2 / 3 else "framed"
        assert allocation.draw(d, cid) == expected


def test_assign_records_the_arm_once_and_is_stable_through_reloads(fresh_db, tmp_path):
    d = make_definition()
    store.add(fresh_db, d, on=TODAY)
    first = allocation.assign(fresh_db, "c1", "DEMO01", TODAY)
    assert first == allocation.Assignment("nudge_test", allocation.draw(d, "c1"))
    assert allocation.assign(fresh_db, "c1", "DEMO01", TODAY) == first
    reopened = appdb.connect(tmp_path / "kansrijk.db")  # another process, after a reload
    assert allocation.assign(reopened, "c1", "DEMO01", TODAY) == first
    assert allocation.arm_for(reopened, "c1") == first.arm
    recorded = facts.facts_for(fresh_db, "c1", "experiment_arm")
    assert [f["payload"] for f in recorded] == [{"experiment": "nudge_test", "arm": first.arm}]
    # Stopped later: the conversation keeps its arm (the flow must not change mid-conversation).
    store.stop(fresh_db, "nudge_test")
    assert allocation.assign(fresh_db, "c1", "DEMO01", TODAY) == first
    assert allocation.assign(fresh_db, "c2", "DEMO01", TODAY) is None
    reopened.close()


def test_off_by_default(fresh_db):
    assert allocation.assign(fresh_db, "c1", "DEMO01", TODAY) is None
    assert allocation.arm_for(fresh_db, "c1") == "standard"
    assert facts.facts_for(fresh_db, "c1") == []
    store.add(fresh_db, make_definition(start=TODAY + timedelta(days=5)), on=TODAY)
    assert allocation.assign(fresh_db, "c1", "DEMO01", TODAY) is None  # not started yet
    assert allocation.assign(fresh_db, "c1", "ROC02", TODAY + timedelta(days=5)) is None  # other school


def test_opt_out_gives_standard_and_leaves_the_conversation_out_of_the_analysis(fresh_db):
    d = make_definition()
    store.add(fresh_db, d, on=TODAY)
    not_standard = next(f"c{i}" for i in range(100) if allocation.draw(d, f"c{i}") != "standard")
    assignment = allocation.assign(fresh_db, not_standard, "DEMO01", TODAY)
    assert allocation.arm_for(fresh_db, not_standard) == assignment.arm != "standard"
    allocation.opt_out(fresh_db, not_standard)
    allocation.opt_out(fresh_db, not_standard)  # saying it twice records it once
    assert len(facts.facts_for(fresh_db, not_standard, "experiment_opt_out")) == 1
    assert allocation.opted_out(fresh_db, not_standard)
    assert allocation.arm_for(fresh_db, not_standard) == "standard"
    assert allocation.assign(fresh_db, not_standard, "DEMO01", TODAY) is None
    counted = outcomes.tally(fresh_db, "nudge_test", d.arm_names)
    assert counted.opted_out == 1 and sum(arm.n for arm in counted.arms.values()) == 0


def test_opt_out_before_any_assignment_keeps_the_conversation_out(fresh_db):
    allocation.opt_out(fresh_db, "early")
    store.add(fresh_db, make_definition(), on=TODAY)
    assert allocation.assign(fresh_db, "early", "DEMO01", TODAY) is None
    assert facts.facts_for(fresh_db, "early", "experiment_arm") == []
    assert facts.facts_for(fresh_db, "early", "experiment_opt_out")[0]["payload"] == {"experiment": None}
