"""Bar charts as PNG with a Dutch text alternative: the experiment's primary outcome by arm, and any bars with intervals.

Drawn with matplotlib's object API on an Agg canvas (no pyplot, no global backend
switch, safe in a web server's threads); matplotlib is imported on the first chart,
not when this module is imported. A bar whose value is None is a suppressed cell:
it is drawn as "< 10" with no bar, and the text alternative says so.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from .explain import SUPPRESSED, percent
from .vocabulary import MIN_CELL

__all__ = ["Chart", "bar_chart", "primary_chart"]

_BAR = "#1d5b8f"  # dark blue: contrast above 4.5:1 on white


@dataclass(frozen=True)
class Chart:
    """A PNG image and the sentence that says the same in words (for ``alt``)."""

    png: bytes
    alt_text: str


def _count(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def bar_chart(
    labels: Sequence[str],
    values: Sequence[Optional[float]],
    intervals: Optional[Sequence[Optional[Sequence[float]]]] = None,
    *,
    title: str,
    ylabel: str = "",
    as_percent: bool = True,
    unit: str = "gesprekken",
) -> Chart:
    """Bars with optional 95% intervals; ``None`` values are suppressed cells ("< 10", no bar)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import PercentFormatter

    if len(values) != len(labels) or (intervals is not None and len(intervals) != len(labels)):
        raise ValueError("labels, values and intervals must have the same length")
    shown = lambda v: percent(v) if as_percent else _count(v)  # noqa: E731
    intervals = list(intervals) if intervals is not None else [None] * len(labels)
    tops = [
        (interval[1] if interval else value) for value, interval in zip(values, intervals, strict=True) if value is not None
    ]
    top = max(tops, default=0) or (1.0 if as_percent else 1)
    top = min(1.0, top * 1.25) if as_percent else top * 1.2

    figure = Figure(figsize=(7.0, 4.2), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for x, (value, interval) in enumerate(zip(values, intervals, strict=True)):
        if value is None:
            axes.text(x, top * 0.03, SUPPRESSED, ha="center", va="bottom", fontsize=12, color="#333333")
            continue
        error = None
        if interval:
            error = [[max(0.0, value - interval[0])], [max(0.0, interval[1] - value)]]
        axes.bar(x, value, width=0.6, color=_BAR, yerr=error, capsize=8, error_kw={"ecolor": "#000000"})
        label_y = (interval[1] if interval else value) + top * 0.02
        axes.text(x, label_y, shown(value), ha="center", va="bottom", fontsize=10)
    axes.set_xticks(range(len(labels)), [textwrap.fill(str(label), 20) for label in labels])
    axes.set_xlim(-0.6, len(labels) - 0.4)
    axes.set_ylim(0, top)
    if as_percent:
        axes.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    axes.set_title(textwrap.fill(title, 70), fontsize=12)
    if ylabel:
        axes.set_ylabel(ylabel)
    if any(intervals):
        axes.set_xlabel("zwarte lijn: 95%-betrouwbaarheidsinterval", fontsize=9, color="#333333")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")

    parts = []
    for label, value, interval in zip(labels, values, intervals, strict=True):
        if value is None:
            parts.append(f"{label}: minder dan {MIN_CELL} {unit}, niet getoond")
        elif interval:
            parts.append(f"{label}: {shown(value)} (95%-interval {shown(interval[0])} tot {shown(interval[1])})")
        else:
            parts.append(f"{label}: {shown(value)}")
    alt = f"Staafdiagram: {title}. " + "; ".join(parts) + "."
    return Chart(buffer.getvalue(), alt)


def primary_chart(report: dict[str, Any]) -> Chart:
    """The primary outcome per arm of a report from ``report.build``, with its intervals."""
    key = report["primary_outcome"]
    cells = [arm["outcomes"][key] for arm in report["arms"]]
    return bar_chart(
        [arm["label"] for arm in report["arms"]],
        [cell["p"] for cell in cells],
        [cell["ci"] for cell in cells],
        title=f"{report['outcome_labels'][key].capitalize()}, per groep (experiment {report['experiment']})",
        ylabel="aandeel van de gesprekken",
    )
