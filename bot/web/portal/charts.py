"""Charts for the portal: the chart code of ``bot.experiments``, cached per set of figures, sent as PNG.

A page needs a chart's text alternative and its image route needs the PNG; both ask for
the same figures, so the chart is drawn once and kept (by its figures, never by who
asked). New data gives new figures and so a new chart; matplotlib loads on first use.
"""
from __future__ import annotations

import functools
import json
from typing import Any, Optional, Sequence

from fastapi.responses import Response

from bot.experiments import Chart

__all__ = ["primary", "bars", "png_response"]

_KEPT = 64  # charts of about 30 kB each


@functools.lru_cache(maxsize=_KEPT)
def _primary(report_json: str) -> Chart:
    from bot.experiments import primary_chart

    return primary_chart(json.loads(report_json))


def primary(report: dict[str, Any]) -> Chart:
    """``bot.experiments.primary_chart`` of a report from ``build_report``."""
    return _primary(json.dumps(report, sort_keys=True))


@functools.lru_cache(maxsize=_KEPT)
def _bars(labels: tuple, values: tuple, intervals: Optional[tuple], options: tuple) -> Chart:
    from bot.experiments import bar_chart

    return bar_chart(labels, values, intervals, **dict(options))


def bars(
    labels: Sequence[str],
    values: Sequence[Optional[float]],
    intervals: Optional[Sequence[Optional[Sequence[float]]]] = None,
    **options: Any,
) -> Chart:
    """``bot.experiments.bar_chart`` with the same arguments (``None`` is a suppressed cell)."""
    frozen = None if intervals is None else tuple(None if i is None else tuple(i) for i in intervals)
    return _bars(tuple(labels), tuple(values), frozen, tuple(sorted(options.items())))


def png_response(chart: Chart) -> Response:
    return Response(chart.png, media_type="image/png")
