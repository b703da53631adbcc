"""The message catalogues (texts/<code>.yml): languages, and fragments that actions put into responses.

Whole messages are domain responses, generated from the catalogues by scripts/make_texts.py
(one conditional variation per language on the `language` slot); actions send them by name.
A fragment is a piece of text an action fills into a response variable (a line of a list,
a card label); it is looked up here in the student's language. Adding a language is adding
texts/<code>.yml (and English-style NLU examples in data/nlu/): no code changes.
"""
from __future__ import annotations

import csv
import functools
import re
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

__all__ = ["DEFAULT", "TEXTS_DIR", "catalogue", "codes", "fragment", "language", "named_language", "library",
           "date_label", "said", "programme_name", "programme_description", "field_name", "interest_words",
           "reasons", "alternative_reason", "report_translation", "job_names"]

TEXTS_DIR = Path(__file__).resolve().parent.parent / "texts"
DEFAULT = "nl"  # the language of the default (unconditioned) response variations


@functools.lru_cache(maxsize=None)
def catalogue(code: str) -> Dict[str, Any]:
    """One catalogue file, parsed: {'language': {...}, 'responses': {...}, 'fragments': {...}}."""
    with open(TEXTS_DIR / f"{code}.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@functools.lru_cache(maxsize=1)
def codes() -> List[str]:
    """Every language with a catalogue file, the default first."""
    found = sorted(p.stem for p in TEXTS_DIR.glob("*.yml"))
    return [DEFAULT] + [c for c in found if c != DEFAULT]


def language(tracker: Any) -> str:
    """The student's language: the `language` slot when it names a catalogue, else the default."""
    value = tracker.get_slot("language")
    return value if value in codes() else DEFAULT


def fragment(lang_or_tracker: Any, key: str, **variables: Any) -> str:
    """A fragment in the student's language (a tracker or a code), filled with its variables."""
    code = lang_or_tracker if isinstance(lang_or_tracker, str) else language(lang_or_tracker)
    text = catalogue(code).get("fragments", {}).get(key)
    if text is None:
        text = catalogue(DEFAULT)["fragments"][key]
    return text.format(**variables)


def _names_of(code: str) -> list:
    """The words that name a catalogue's language ("Engels", "English")."""
    about = catalogue(code).get("language") or {}
    return list(about.get("names") or [])


def named_language(text: str, current: Optional[str] = None) -> Optional[str]:
    """The language a message names ("in het Engels graag" -> 'en'), by each catalogue's `names`.

    When it names two ("English instead of Dutch"), the one that is not `current` wins.
    """
    words = set(re.findall(r"\w+", text.lower()))
    named = [code for code in codes()
             if words.intersection(str(n).lower() for n in _names_of(code))]
    if len(named) > 1:
        named = [code for code in named if code != current] or named
    return named[0] if named else None


def library(code: str, section: str) -> Dict[str, Any]:
    """A catalogue's translation of a library's texts (``library.<section>``); {} for Dutch, the libraries' own."""
    return (catalogue(code).get("library") or {}).get(section) or {}


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
            words = [str(v) for v in value]
            return ", ".join(words[:-1]) + f" {fragment(code, 'or')} " + words[-1] if len(words) > 1 else "".join(words)
        return date_label(code, value) if hasattr(value, "precision") else str(value)

    params = {k: shown(v) for k, v in (getattr(error, "params", None) or {}).items()}
    text = template.format(hint=library(code, "errors").get("date_hint", ""), **params)
    return text[:1].upper() + text[1:] if key.startswith("date_") else text


@functools.lru_cache(maxsize=None)
def _table(name: str, code: str) -> Dict[str, Dict[str, str]]:
    """texts/<name>.<code>.csv by its first column ({} when the language has none)."""
    path = TEXTS_DIR / f"{name}.{code}.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {next(iter(row.values())): row for row in rows}


def programme_name(code: str, programme: Any) -> str:
    """The official (Dutch) name, which a student needs at school, with what it means: 'Kok (cook)'."""
    gloss = _table("programmes", code).get(programme.crebo, {}).get("name") if code != DEFAULT else None
    return f"{programme.name} ({gloss})" if gloss else programme.name


def field_name(code: str, field: str) -> str:
    """A domain or studierichting of the register ('Horeca') in the student's language."""
    return (_table("fields", code).get(field) or {}).get("name") or field if code != DEFAULT else field


def programme_description(code: str, programme: Any) -> str:
    """What the work is, in the student's language; the Dutch one when no translation exists yet."""
    if code == DEFAULT:
        return programme.description
    translated = (_table("programmes", code).get(programme.crebo) or {}).get("description")
    if translated:
        return translated
    unwritten = library(code, "programmes").get("unwritten")
    if unwritten and not getattr(programme, "profile_written", True):
        return unwritten.format(niveau=programme.niveau, field=field_name(code, programme.studierichting or programme.domain))
    return programme.description


def interest_words(code: str, words: Any) -> List[str]:
    """The recommender's (Dutch) interest words as the student said them: 'dieren' is 'animals' in English."""
    from labour_outlook.english_words import DUTCH_TO_ENGLISH

    if code == DEFAULT:
        return [str(w) for w in words]
    shown = {"en": DUTCH_TO_ENGLISH}.get(code, {})
    fields = {k.lower(): row.get("name") for k, row in _table("fields", code).items()}
    searched = _table("words", code)  # the programmes' search words (texts/words.<code>.csv)
    return [shown.get(str(w)) or (searched.get(str(w).lower()) or {}).get("translation") or fields.get(str(w).lower())
            or str(w) for w in words]


def job_names(code: str, jobs: Any) -> List[str]:
    """The programmes' beroepen in the student's language (texts/jobs.<code>.csv); Dutch when missing."""
    table = _table("jobs", code) if code != DEFAULT else {}
    return [(table.get(str(j)) or {}).get("translation") or str(j) for j in jobs]


def _joined(code: str, words: List[str], joiner: str) -> str:
    return (", ".join(words[:-1]) + f" {fragment(code, joiner)} " + words[-1]) if len(words) > 1 else "".join(words)


def _reason(code: str, part: Any) -> str:
    key, values = part
    templates, types = library(code, "recommend"), library(code, "riasec")
    shown = {}
    for name, value in values.items():
        if name in ("types", "type"):
            value = [types.get(v, v) for v in ([value] if isinstance(value, str) else value)]
            shown[name] = _joined(code, value, "and")
        elif name == "words":
            shown[name] = ", ".join(interest_words(code, value))
        elif name == "why" and isinstance(value, list):
            shown[name] = _joined(code, interest_words(code, value), "and")
        elif isinstance(value, tuple):
            shown[name] = _reason(code, value)
        elif name in ("werk", "base_werk"):
            shown[name] = fragment(code, "scale_" + str(value).replace(" ", "_")) if value else fragment(code, "scale_onbekend")
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
