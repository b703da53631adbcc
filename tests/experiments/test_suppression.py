"""Small cells are suppressed, in JSON, text and CSV, so no report reveals a single student's choices."""
from __future__ import annotations

import csv
import io
import json

from bot.experiments import allocation, explain, report, store
from tests.experiments.helpers import TODAY, make_definition, record_conversations

ALL_SECONDARY = ["final_kans_op_werk", "ended_kansrijk", "asked_internship_search", "shared_summary",
                 "conversation_completed"]


def _report(db, **arms_events):
    store.add(db, make_definition(secondary_outcomes=ALL_SECONDARY), on=TODAY)
    for arm, (n, events) in arms_events.items():
        record_conversations(db, "nudge_test", arm, n, **events)
    return report.build(db, "nudge_test", on=TODAY)


def test_an_arm_with_fewer_than_10_conversations_shows_nothing(fresh_db):
    built = _report(fresh_db, standard=(40, {"alternative_viewed": 20}), no_offer=(9, {"alternative_viewed": 3}),
                    framed=(0, {}))
    no_offer = built["arms"][1]
    assert no_offer["n"] is None and no_offer["suppressed"] is True
    for cell in no_offer["outcomes"].values():
        assert cell["p"] is None and cell["ci"] is None and cell["count"] is None and cell["suppressed"] is True
        assert cell["difference"]["suppressed"] is True and cell["difference"]["diff"] is None
    assert built["arms"][2]["n"] is None  # zero conversations is also "< 10"
    assert built["arms"][0]["n"] == 40
    assert json.loads(json.dumps(built))["arms"][1]["outcomes"]["looked_at_alternative"] == {
        "p": None, "ci": None, "count": None, "suppressed": True,
        "difference": {"diff": None, "ci": None, "p_value": None, "significant": None, "suppressed": True}}


def test_a_cell_with_fewer_than_10_events_or_non_events_is_suppressed(fresh_db):
    built = _report(
        fresh_db,
        standard=(40, {"alternative_viewed": 20, "internship_search": 9, "conversation_completed": 35}),
        no_offer=(40, {"alternative_viewed": 10, "internship_search": 10, "conversation_completed": 30}),
        framed=(40, {"alternative_viewed": 31}),
    )
    standard, no_offer, framed = (arm["outcomes"] for arm in built["arms"])
    assert no_offer["looked_at_alternative"]["count"] == 10  # exactly 10 is shown
    assert no_offer["looked_at_alternative"]["difference"]["suppressed"] is False
    assert framed["looked_at_alternative"]["suppressed"]  # 31 of 40: only 9 did not
    assert framed["looked_at_alternative"]["difference"]["suppressed"]
    assert standard["asked_internship_search"]["suppressed"]  # 9 events
    assert standard["conversation_completed"]["suppressed"]  # 35 of 40: 5 non-events
    # A shown cell compared with a suppressed control cell: no difference either.
    assert no_offer["asked_internship_search"]["count"] == 10
    assert no_offer["asked_internship_search"]["difference"]["suppressed"] is True
    assert no_offer["conversation_completed"]["p"] == 0.75
    assert no_offer["conversation_completed"]["difference"]["suppressed"] is True


def test_one_hidden_class_hides_a_second_so_it_cannot_be_worked_out(fresh_db):
    # 12 + 15 + 20 + 30 + 5 = 82; 18 conversations have no final class (onbekend).
    built = _report(fresh_db, standard=(100, {"kans_gering": 12, "kans_matig": 15, "kans_voldoende": 20,
                                              "kans_ruim_voldoende": 30, "kans_goed": 5}))
    cells = built["arms"][0]["outcomes"]
    hidden = {key for key, cell in cells.items() if key.startswith("final_kans_op_werk.") and cell["suppressed"]}
    assert hidden == {"final_kans_op_werk.goed", "final_kans_op_werk.gering"}  # goed < 10, gering the next smallest
    assert cells["final_kans_op_werk.onbekend"]["count"] == 18


def test_hidden_classes_together_hold_at_least_10(fresh_db):
    # goed 3 and gering 4 are hidden; together 7, which n minus the rest would reveal: hide matig (12) too.
    built = _report(fresh_db, standard=(100, {"kans_gering": 4, "kans_matig": 12, "kans_voldoende": 20,
                                              "kans_ruim_voldoende": 30, "kans_goed": 3}))
    cells = built["arms"][0]["outcomes"]
    hidden = {key.split(".")[1] for key, cell in cells.items() if key.startswith("final_kans_op_werk.") and cell["suppressed"]}
    assert hidden == {"gering", "goed", "matig"}
    assert cells["final_kans_op_werk.onbekend"]["count"] == 31


def test_text_and_csv_show_less_than_10(fresh_db):
    built = _report(fresh_db, standard=(40, {"alternative_viewed": 20}), no_offer=(5, {}), framed=(12, {}))
    text = explain.render_text(built)
    counts = dict(line.rsplit("  ", 1) for line in text.split("Gesprekken\n")[1].split("\n\n")[0].splitlines())
    assert {label.strip(): n for label, n in counts.items()} == {
        "standaard (aanbod van alternatieven)": "40", "geen aanbod": "< 10", "aanbod vanuit de interesses": "12"}
    rows = list(csv.DictReader(io.StringIO(report.to_csv(built))))
    no_offer = [row for row in rows if row["arm"] == "no_offer"]
    assert no_offer and all(row["n"] == "< 10" and row["count"] == "< 10" and row["p"] == "" for row in no_offer)
    assert all(row["suppressed"] == "ja" for row in no_offer)
    assert {row["n"] for row in rows if row["arm"] == "standard"} == {"40"}


def test_opted_out_count_is_suppressed_below_10_and_opt_outs_are_not_counted(fresh_db):
    store.add(fresh_db, make_definition(), on=TODAY)
    ids = record_conversations(fresh_db, "nudge_test", "standard", 20, alternative_viewed=20)
    for cid in ids[:3]:
        allocation.opt_out(fresh_db, cid)
    built = report.build(fresh_db, "nudge_test", on=TODAY)
    assert built["opted_out"] == {"n": None, "suppressed": True}
    assert built["arms"][0]["n"] == 17
