"""The research pages: the experiments that run at a school, each one's report and chart, and its CSV.

Who sees what: researchers and counsellors of a school read the experiments whose
definition names their school; any other experiment answers 404, the same as one that
does not exist. Both roles may also download the aggregated CSV: it holds only the
report's figures, with small cells already suppressed. The pages change nothing, so
there is nothing that only a researcher may do: experiments are registered and stopped
on the server with ``python -m bot.experiments``. Institution staff get 403.

Every figure comes from ``bot.experiments`` (``build_report``, ``primary_chart``,
``to_csv``); this module only formats it for people.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any, Dict, List, Optional

import sqlite_utils
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

import safetext
from bot import accounts, experiments
from bot.experiments.explain import STATUS_LABELS, SUPPRESSED, percent, points
from bot.experiments.vocabulary import ARM_LABELS, CONTROL_ARM, OUTCOME_LABELS
from bot.web.portal import charts
from bot.web.portal.auth import Database, require_role
from bot.web.portal.pages import render

__all__ = ["create_router", "READERS", "csv_cell", "safe_csv", "dutch_date", "p_value_text", "report_view"]

READERS = ("researcher", "counsellor")
# The names bot.experiments accepts; anything else cannot be an experiment.
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{2,63}$")
NOT_FOUND = "Dit onderzoek loopt niet op jouw school."
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def dutch_date(value: Any) -> str:
    """'2026-09-01' or a date -> '1 september 2026'."""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def p_value_text(value: Optional[float]) -> str:
    if value is None:
        return "niet te berekenen"
    if value < 0.001:
        return "< 0,001"
    return f"{value:.3f}".replace(".", ",")


# The one CSV helper of the project (safetext): a cell a spreadsheet would run as a formula
# gets a leading apostrophe; a plain number such as -0.052 stays a number for researchers.
csv_cell = safetext.csv_cell


def safe_csv(text: str) -> str:
    """The CSV ``text`` again, with every cell through :func:`csv_cell` (``bot.experiments`` already does so)."""
    out = io.StringIO()
    writer = safetext.writer(out, lineterminator="\n")
    writer.writerows(csv.reader(io.StringIO(text)))
    return out.getvalue()


def _runs_at(experiment: experiments.Experiment, school: str) -> bool:
    return school.strip().upper() in experiment.definition.schools


def _experiment_of_school(db: sqlite_utils.Database, name: str, school: str) -> experiments.Experiment:
    """The experiment ``name`` if it runs at ``school``; 404 otherwise (also for unknown names)."""
    if not _NAME.match(name):
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    try:
        experiment = experiments.get(db, name)
    except experiments.UnknownExperiment:
        raise HTTPException(status_code=404, detail=NOT_FOUND) from None
    except experiments.ExperimentTampered as error:
        raise HTTPException(status_code=409, detail=f"Dit onderzoek is niet te tonen: {error}.") from None
    if not _runs_at(experiment, school):
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    return experiment


def _share(value: Any) -> str:
    return f"{float(value) * 100:.0f}%"


def _listing(experiment: experiments.Experiment) -> Dict[str, Any]:
    definition = experiment.definition
    return {
        "name": experiment.name,
        "status": STATUS_LABELS.get(experiment.status, experiment.status),
        "start": dutch_date(definition.start),
        "end": dutch_date(definition.end),
        "arms": [f"{ARM_LABELS.get(arm.name, arm.name)}: {_share(arm.share)}" for arm in definition.arms],
        "primary": OUTCOME_LABELS.get(definition.primary_outcome, definition.primary_outcome),
    }


def _count(value: Optional[int]) -> str:
    return SUPPRESSED if value is None else str(value)


def _interval(ci) -> str:
    return f"{percent(ci[0])} tot {percent(ci[1])}"


def _row(arm: Dict[str, Any], cell: Dict[str, Any]) -> Dict[str, str]:
    row = {
        "arm": arm["label"],
        "n": _count(arm["n"]),
        "p": SUPPRESSED if cell["suppressed"] else percent(cell["p"]),
        "ci": "" if cell["suppressed"] else _interval(cell["ci"]),
        "count": _count(cell["count"]),
    }
    diff = cell["difference"]
    if diff is None:
        row.update(diff="vergelijkingsgroep", diff_ci="", p_value="")
    elif diff["suppressed"]:
        row.update(diff=SUPPRESSED, diff_ci="", p_value="")
    else:
        row.update(
            diff=points(diff["diff"]),
            diff_ci=f"{points(diff['ci'][0], unit=False)} tot {points(diff['ci'][1], unit=False)} procentpunt",
            p_value=p_value_text(diff["p_value"]),
        )
    return row


def report_view(report: Dict[str, Any]) -> Dict[str, Any]:
    """The figures of a ``build_report`` dict as the strings the report page shows."""
    outcomes: List[Dict[str, Any]] = []
    for key in report["outcomes"]:
        outcomes.append({
            "key": key,
            "label": report["outcome_labels"][key],
            "primary": key == report["primary_outcome"],
            "rows": [_row(arm, arm["outcomes"][key]) for arm in report["arms"]],
        })
    return {
        "name": report["experiment"],
        "status": STATUS_LABELS.get(report["status"], report["status"]),
        "schools": ", ".join(report["schools"]),
        "start": dutch_date(report["start"]),
        "end": dutch_date(report["end"]),
        "hypothesis": report["hypothesis"],
        "primary": report["outcome_labels"][report["primary_outcome"]],
        "min_sample": report["min_sample_per_arm"],
        "min_sample_reached": report["min_sample_reached"],
        "opted_out": _count(report["opted_out"]["n"]),
        "arms": [
            {"label": arm["label"], "share": _share(arm["share"]), "n": _count(arm["n"]),
             "control": arm["arm"] == CONTROL_ARM, "min_sample_reached": arm["min_sample_reached"]}
            for arm in report["arms"]
        ],
        "outcomes": outcomes,
        "explanation": report["explanation"],
        "methods": report["methods"],
    }


def create_router(db: Database) -> APIRouter:
    """Routes under /portaal/onderzoek for researchers and counsellors."""
    router = APIRouter(prefix="/portaal", include_in_schema=False)
    reader = require_role(db, *READERS)

    @router.get("/onderzoek", response_class=HTMLResponse)
    def experiment_list(request: Request, account: accounts.Account = Depends(reader),
                        connection: sqlite_utils.Database = Depends(db)):
        error = None
        try:
            found = [_listing(e) for e in experiments.list_experiments(connection) if _runs_at(e, account.school)]
        except experiments.ExperimentError as problem:
            found, error = [], f"De lijst is nu niet te tonen: {problem}."
        return render(request, "research.html", experiments=found, error=error)

    # Before /onderzoek/{name}: that pattern would also match "name.csv".
    @router.get("/onderzoek/{name}.csv")
    def report_csv(name: str, account: accounts.Account = Depends(reader),
                   connection: sqlite_utils.Database = Depends(db)):
        experiment = _experiment_of_school(connection, name, account.school)
        report = experiments.build_report(connection, experiment.name)
        filename = "kansrijk-onderzoek-" + re.sub(r"[^a-z0-9_-]", "_", experiment.name) + ".csv"
        return Response(
            safe_csv(experiments.to_csv(report)), media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    @router.get("/onderzoek/{name}/grafiek.png")
    def report_chart(name: str, account: accounts.Account = Depends(reader),
                     connection: sqlite_utils.Database = Depends(db)):
        experiment = _experiment_of_school(connection, name, account.school)
        return charts.png_response(charts.primary(experiments.build_report(connection, experiment.name)))

    @router.get("/onderzoek/{name}", response_class=HTMLResponse)
    def report_page(request: Request, name: str, account: accounts.Account = Depends(reader),
                    connection: sqlite_utils.Database = Depends(db)):
        experiment = _experiment_of_school(connection, name, account.school)
        report = experiments.build_report(connection, experiment.name)
        base = f"/portaal/onderzoek/{experiment.name}"
        return render(request, "research_report.html", report=report_view(report),
                      chart_alt=charts.primary(report).alt_text, chart_url=f"{base}/grafiek.png",
                      csv_url=f"{base}.csv")

    return router
