"""The school overview: counts over the conversations shared with a school, small numbers hidden, with charts.

Which school a conversation belongs to is known only when the student shared a summary
with it (``shares``) or asked for a talk (``handoffs``); the widget's school code is not
stored for other conversations. So the overview counts shared conversations only, and
the page says so; open hand-offs are counted from the hand-off queue.

Every number below 10 (``MIN_CELL``) shows as "< 10", zero included. The weeks add up to
a total, so when the hidden weeks together could be worked out and hold fewer than 10,
more weeks are hidden (as ``bot.experiments.report`` does for the classes of an
outcome). A share is shown only when both the group and the rest hold 10 or more.
Counsellors and researchers of the school may read it; it changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Sequence, Set
from zoneinfo import ZoneInfo

import sqlite_utils
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from bot import accounts, facts
from bot.experiments import MIN_CELL
from bot.experiments.explain import SUPPRESSED, percent
from bot.web.portal import charts
from bot.web.portal.auth import Database, require_role
from bot.web.portal.pages import render
from bot.web.portal.research import READERS, dutch_date

__all__ = ["Overview", "school_overview", "suppress", "suppress_parts", "create_router", "WEEKS", "WEAK"]

WEEKS = 8  # more bars do not fit their labels ("week 49") in the chart
WEAK = ("gering", "matig")
_KNOWN = ("gering", "matig", "voldoende", "ruim voldoende", "goed")
_SCHOOL_TIME = ZoneInfo("Europe/Amsterdam")
FACT_KINDS = ("programmes_shown", "prospects_asked", "alternative_viewed")


def suppress(value: int) -> Optional[int]:
    """``value``, or None (shown as "< 10") when it is below ``MIN_CELL``."""
    return value if value >= MIN_CELL else None


def suppress_parts(values: Sequence[int]) -> List[Optional[int]]:
    """Parts of a known total: hide the small ones, and more until the hidden ones cannot be worked out.

    Hidden parts add up to the total minus the shown ones; so hide the next smallest
    until at least two are hidden and together they hold 0 or at least ``MIN_CELL``.
    """
    hidden: Set[int] = {i for i, v in enumerate(values) if v < MIN_CELL}
    shown = sorted((i for i in range(len(values)) if i not in hidden), key=lambda i: values[i])
    while hidden and shown:
        total = sum(values[i] for i in hidden)
        if len(hidden) > 1 and not 0 < total < MIN_CELL:
            break
        hidden.add(shown.pop(0))
    return [None if i in hidden else v for i, v in enumerate(values)]


def _share(part: int, whole: int) -> Optional[float]:
    """part/whole, or None when the part or the rest has fewer than ``MIN_CELL``."""
    if part < MIN_CELL or whole - part < MIN_CELL:
        return None
    return part / whole


def _day(moment: str) -> Optional[date]:
    try:
        parsed = datetime.fromisoformat(moment)
    except (TypeError, ValueError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(_SCHOOL_TIME).date()


@dataclass
class Overview:
    """The exact counts of one school; the page shows them through ``view()``, suppressed."""

    school: str
    today: date
    shared: int = 0
    weeks: List[tuple] = field(default_factory=list)  # (monday, count), oldest first
    with_programmes: int = 0
    domains: Dict[str, int] = field(default_factory=dict)  # domain -> conversations
    first_choice: int = 0  # conversations that asked about a programme with a known kans op werk
    weak_first: int = 0  # ... whose first one had kans op werk gering or matig
    weak_looked: int = 0  # ... and who looked at an alternative
    open_handoffs: int = 0

    def view(self) -> Dict[str, Any]:
        """Every figure as the page shows it: counts under 10 as "< 10", shares only when safe."""
        weeks = suppress_parts([count for _, count in self.weeks])
        domains = sorted(self.domains.items(), key=lambda item: (-item[1], item[0]))
        weak_share = _share(self.weak_first, self.first_choice) if suppress(self.first_choice) else None
        looked_share = _share(self.weak_looked, self.weak_first) if weak_share is not None else None
        shown = lambda value: SUPPRESSED if value is None else str(value)  # noqa: E731
        return {
            "shared": shown(suppress(self.shared)),
            "weeks": [
                {"label": f"week {monday.isocalendar()[1]}", "from": dutch_date(monday), "count": count,
                 "text": shown(count)}
                for (monday, _), count in zip(self.weeks, weeks, strict=True)
            ],
            "with_programmes": shown(suppress(self.with_programmes)),
            "domains": [
                {"label": name, "count": suppress(count), "text": shown(suppress(count))} for name, count in domains
            ],
            "first_choice": shown(suppress(self.first_choice)),
            "weak_first": shown(self.weak_first if weak_share is not None else None),
            "weak_share": weak_share,
            "weak_share_text": percent(weak_share),
            "weak_looked": shown(self.weak_looked if looked_share is not None else None),
            "looked_share": looked_share,
            "looked_share_text": percent(looked_share),
            "open_handoffs": shown(suppress(self.open_handoffs)),
        }


def _mondays(today: date, weeks: int) -> List[date]:
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def school_overview(db: sqlite_utils.Database, school: str, today: Optional[date] = None) -> Overview:
    """The exact counts of ``school`` (read through ``bot.facts``); show them only via ``view()``."""
    from labour_outlook import get_catalogue

    today = today or datetime.now(_SCHOOL_TIME).date()
    found = Overview(school=school, today=today)
    shares = facts.shared_conversations(db, school)
    found.shared = len(shares)
    per_week = dict.fromkeys(_mondays(today, WEEKS), 0)
    for share in shares:
        day = _day(share["shared_at"])
        if day is not None:
            monday = day - timedelta(days=day.weekday())
            if monday in per_week:
                per_week[monday] += 1
    found.weeks = list(per_week.items())

    catalogue = get_catalogue()
    domains: Dict[str, Set[str]] = {}
    with_programmes: Set[str] = set()
    first: Dict[str, str] = {}  # conversation -> class of its first programme asked about
    looked: Set[str] = set()
    for conversation, kind, payload in facts.shared_facts(db, school, FACT_KINDS):
        if kind == "programmes_shown":
            with_programmes.add(conversation)
            for programme in payload.get("programmes") or []:
                crebo = programme.get("crebo") if isinstance(programme, dict) else None
                if crebo is not None and crebo in catalogue:
                    domains.setdefault(catalogue.get(crebo).domain, set()).add(conversation)
        elif kind == "prospects_asked":
            klass = str(payload.get("kans_op_werk") or "").strip().lower()
            if klass in _KNOWN:
                first.setdefault(conversation, klass)
        elif kind == "alternative_viewed":
            looked.add(conversation)
    found.with_programmes = len(with_programmes)
    found.domains = {name: len(ids) for name, ids in domains.items()}
    weak = {conversation for conversation, klass in first.items() if klass in WEAK}
    found.first_choice = len(first)
    found.weak_first = len(weak)
    found.weak_looked = len(weak & looked)
    found.open_handoffs = facts.handoff_counts(db, school).get("open", 0)
    return found


def weeks_chart(view: Dict[str, Any]):
    return charts.bars([w["label"] for w in view["weeks"]], [w["count"] for w in view["weeks"]],
                       title="Gedeelde gesprekken per week", ylabel="gesprekken", as_percent=False)


def domains_chart(view: Dict[str, Any]):
    shown = [d for d in view["domains"] if d["count"] is not None][:8]
    if not shown:
        return None
    return charts.bars([d["label"] for d in shown], [d["count"] for d in shown],
                       title="Domeinen van de getoonde opleidingen", ylabel="gesprekken", as_percent=False)


def choice_chart(view: Dict[str, Any]):
    return charts.bars(
        ["eerste keuze: kans op werk gering of matig", "daarvan: keek naar een alternatief"],
        [view["weak_share"], view["looked_share"]],
        title="Eerste keuze met weinig kans op werk, en wie daarna een alternatief bekeek",
        ylabel="aandeel van de gesprekken",
    )


CHARTS = {"weken": weeks_chart, "domeinen": domains_chart, "eerste-keuze": choice_chart}


def create_router(db: Database) -> APIRouter:
    """``/portaal/overzicht`` and its chart images, for counsellors and researchers."""
    router = APIRouter(prefix="/portaal", include_in_schema=False)
    reader = require_role(db, *READERS)

    @router.get("/overzicht", response_class=HTMLResponse)
    def overview_page(request: Request, account: accounts.Account = Depends(reader),
                      connection: sqlite_utils.Database = Depends(db)):
        view = school_overview(connection, account.school).view()
        drawn = {name: make(view) for name, make in CHARTS.items()}
        alts = {name: chart.alt_text for name, chart in drawn.items() if chart is not None}
        return render(request, "overview.html", view=view, alts=alts, min_cell=MIN_CELL, weeks=WEEKS)

    @router.get("/overzicht/{name}.png")
    def overview_chart(name: str, account: accounts.Account = Depends(reader),
                       connection: sqlite_utils.Database = Depends(db)):
        make = CHARTS.get(name)
        chart = make(school_overview(connection, account.school).view()) if make else None
        if chart is None:
            raise HTTPException(status_code=404, detail="Deze grafiek is er niet.")
        return charts.png_response(chart)

    return router
