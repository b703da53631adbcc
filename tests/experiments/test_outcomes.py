"""Outcomes come from recorded facts only: the derivation rules, and the counts per arm read in one query."""
from __future__ import annotations

import pytest

from bot import facts
from bot.experiments import outcomes


def derive(*conversation_facts):
    return outcomes.derive(list(conversation_facts))


def test_presence_outcomes():
    got = derive(("alternative_viewed", {"crebo": "2"}), ("internship_search", {}), ("summary_shared", {}),
                 ("conversation_completed", {}))
    assert got == {"looked_at_alternative": True, "asked_internship_search": True, "shared_summary": True,
                   "conversation_completed": True, "final_kans_op_werk": "onbekend", "ended_kansrijk": False}
    assert derive() == {"looked_at_alternative": False, "asked_internship_search": False, "shared_summary": False,
                        "conversation_completed": False, "final_kans_op_werk": "onbekend", "ended_kansrijk": False}


@pytest.mark.parametrize(
    "conversation, expected",
    [
        # The last final interest's own class wins.
        ([("prospects_asked", {"crebo": "1", "kans_op_werk": "gering"}),
          ("final_interest", {"crebo": "1", "kans_op_werk": "matig"}),
          ("final_interest", {"crebo": "2", "kans_op_werk": "goed"})], "goed"),
        # A final interest without a class: the last prospects of that programme.
        ([("prospects_asked", {"crebo": "1", "kans_op_werk": "gering"}),
          ("prospects_asked", {"crebo": "2", "kans_op_werk": "ruim voldoende"}),
          ("prospects_asked", {"crebo": "3", "kans_op_werk": "matig"}),
          ("final_interest", {"crebo": "2", "name": "X", "after_nudge": True})], "ruim voldoende"),
        # ... and not another programme's class when that programme's prospects are unknown.
        ([("prospects_asked", {"crebo": "1", "kans_op_werk": "goed"}),
          ("final_interest", {"crebo": "9"})], "onbekend"),
        # No final interest: the last prospects asked.
        ([("prospects_asked", {"crebo": "1", "kans_op_werk": "gering"}),
          ("prospects_asked", {"crebo": "2", "kans_op_werk": "voldoende"})], "voldoende"),
        # A value off SBB's scale is not a class; spelling is normalised.
        ([("prospects_asked", {"crebo": "1", "kans_op_werk": "super"})], "onbekend"),
        ([("prospects_asked", {"crebo": "1", "kans_op_werk": " Ruim Voldoende "})], "ruim voldoende"),
        ([("prospects_asked", {"crebo": 1, "kans_op_werk": "matig"}), ("final_interest", {"crebo": "1"})], "matig"),
    ],
)
def test_final_class(conversation, expected):
    assert outcomes.final_class(conversation) == expected
    assert derive(*conversation)["ended_kansrijk"] == (expected in ("voldoende", "ruim voldoende", "goed"))


def test_free_text_never_counts():
    got = derive(("interests", {"text": "ik keek naar een alternatief en deelde de samenvatting"}),
                 ("prospects_asked", {"crebo": "1", "kans_op_werk": "gering", "text": "goed"}))
    assert got["looked_at_alternative"] is False and got["shared_summary"] is False
    assert got["final_kans_op_werk"] == "gering"


def test_tally_counts_per_arm_from_one_query(fresh_db):
    rows = [
        ("s1", "experiment_arm", {"experiment": "e1", "arm": "standard"}),
        ("s1", "alternative_viewed", {}),
        ("s1", "prospects_asked", {"crebo": "1", "kans_op_werk": "goed"}),
        ("s2", "experiment_arm", {"experiment": "e1", "arm": "standard"}),
        ("s2", "prospects_asked", {"crebo": "1", "kans_op_werk": "matig"}),
        ("f1", "experiment_arm", {"experiment": "e1", "arm": "framed"}),
        ("f1", "final_interest", {"crebo": "5", "kans_op_werk": "voldoende"}),
        ("f1", "conversation_completed", {}),
        ("f2", "experiment_arm", {"experiment": "e1", "arm": "framed"}),
        ("f2", "experiment_opt_out", {"experiment": "e1"}),
        ("f2", "alternative_viewed", {}),
        ("x1", "experiment_arm", {"experiment": "other", "arm": "framed"}),  # another experiment
        ("x1", "alternative_viewed", {}),
        ("n1", "alternative_viewed", {}),  # in no experiment
    ]
    facts.record_facts(fresh_db, rows)
    facts.share_with_school(fresh_db, "s2", "DEMO01")  # a share counts as a shared summary
    counted = outcomes.tally(fresh_db, "e1", ("standard", "framed"))
    assert counted.opted_out == 1
    standard, framed = counted.arms["standard"], counted.arms["framed"]
    assert (standard.n, framed.n) == (2, 1)
    assert standard.counts["looked_at_alternative"] == 1 and framed.counts["looked_at_alternative"] == 0
    assert standard.counts["shared_summary"] == 1
    assert standard.counts["ended_kansrijk"] == 1 and framed.counts["ended_kansrijk"] == 1
    assert standard.counts["final_kans_op_werk.goed"] == 1 and standard.counts["final_kans_op_werk.matig"] == 1
    assert framed.counts["conversation_completed"] == 1
    assert sum(v for k, v in standard.counts.items() if k.startswith("final_kans_op_werk.")) == standard.n


def test_experiment_facts_reads_only_the_experiments_conversations(fresh_db):
    facts.record_facts(fresh_db, [
        ("a", "experiment_arm", {"experiment": "e1", "arm": "standard"}),
        ("a", "interests", {"text": "dieren"}),
        ("a", "prospects_asked", {"crebo": "1", "kans_op_werk": "goed", "name": "X"}),
        ("b", "prospects_asked", {"crebo": "2", "kans_op_werk": "matig"}),
    ])
    facts.share_with_school(fresh_db, "a", "DEMO01")
    got = list(facts.experiment_facts(fresh_db, "e1", ["experiment_arm", "prospects_asked", "summary_shared"]))
    assert got == [
        ("a", "experiment_arm", {"experiment": "e1", "arm": "standard"}),
        ("a", "prospects_asked", {"crebo": "1", "kans_op_werk": "goed", "name": "X"}),
        ("a", "summary_shared", {}),
    ]
    narrow = list(facts.experiment_facts(fresh_db, "e1", ["prospects_asked"], fields=["kans_op_werk", "arm"]))
    assert narrow == [("a", "prospects_asked", {"kans_op_werk": "goed", "arm": None})]
    assert list(facts.experiment_facts(fresh_db, "nope", ["prospects_asked"])) == []
