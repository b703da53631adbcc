"""What the libraries say, in the student's language: errors, dates, reasons, report texts.

The libraries keep their own Dutch; a catalogue's ``library`` section (texts/<code>.yml)
translates it by key: internships.messages (``library.errors``), internships.dates
(``library.dates``), labour_outlook.recommend.REASONS (``library.recommend``,
``library.riasec``) and internships.reports (``library.report``).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from actions.programme_texts import interest_words, programme_name
from actions.study_texts import join_names, scale
from actions.texts import DEFAULT, language, library

__all__ = ["date_label", "said", "reasons", "alternative_reason", "report_translation"]


def date_label(code: str, incident: Any) -> str:
    """An internships.dates.IncidentDate as the student reads it: '12 March 2026', 'week of 2 March 2026'."""
    dates = library(code, "dates")
    if not dates:
        return incident.label_nl()
    start = incident.start
    values = {"day": start.day, "month": dates["months"][start.month - 1], "year": start.year}
    return dates[incident.precision if incident.precision in ("day", "week") else "month"].format(**values)


def said(lang_or_tracker: Any, error: BaseException) -> str:
    """A library's error message (internships.messages) in the student's language.

    Dutch, and an error without a key, read as the library wrote it.
    """
    code = lang_or_tracker if isinstance(lang_or_tracker, str) else language(lang_or_tracker)
    key = getattr(error, "key", None)
    template = library(code, "errors").get(key) if key else None
    if template is None:
        return str(error)

    def shown(value: Any) -> str:
        if isinstance(value, (list, tuple)):
            return join_names([str(v) for v in value], code, "or")
        return date_label(code, value) if hasattr(value, "precision") else str(value)

    params = {k: shown(v) for k, v in (getattr(error, "params", None) or {}).items()}
    text = template.format(hint=library(code, "errors").get("date_hint", ""), **params)
    return text[:1].upper() + text[1:] if key.startswith("date_") else text


def _reason(code: str, part: Any) -> str:
    key, values = part
    templates, types = library(code, "recommend"), library(code, "riasec")
    shown = {}
    for name, value in values.items():
        if name in ("types", "type"):
            value = [types.get(v, v) for v in ([value] if isinstance(value, str) else value)]
            shown[name] = join_names(value, code)
        elif name == "words":
            shown[name] = ", ".join(interest_words(code, value))
        elif name == "why" and isinstance(value, list):
            shown[name] = join_names(interest_words(code, value), code)
        elif isinstance(value, tuple):
            shown[name] = _reason(code, value)
        elif name in ("werk", "base_werk"):
            shown[name] = scale(value, code)
        else:
            shown[name] = value
    return templates[key].format(**shown)


def reasons(code: str, recommendation: Any) -> List[str]:
    """Why a programme is recommended, in the student's language (Dutch: as the recommender said it)."""
    if code == DEFAULT or not library(code, "recommend") or not recommendation.reason_parts:
        return list(recommendation.reasons)
    return [_reason(code, part) for part in recommendation.reason_parts]


def alternative_reason(code: str, alternative: Any) -> str:
    """Why a kansrijk alternative is offered: '{name} (level 3) also fits cars, and ...'."""
    if code == DEFAULT or not library(code, "recommend") or not alternative.reason_parts:
        return alternative.reason
    key, values = alternative.reason_parts[0]
    return _reason(code, (key, {**values, "name": programme_name(code, alternative.programme)}))


def report_translation(code: str) -> Optional[Dict[str, Any]]:
    """What internships.reports needs to say a summary or status in this language (None: its own Dutch)."""
    report = library(code, "report")
    if code == DEFAULT or not report:
        return None
    return {**report, "when_label": lambda incident: date_label(code, incident)}
