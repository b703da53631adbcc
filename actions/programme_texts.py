"""Programmes in the student's language: names with their meaning, descriptions, fields, jobs and search words.

The catalogue (labour_outlook) is Dutch; another language adds tables beside its catalogue:
texts/programmes.<code>.csv (crebo, name, description), texts/fields.<code>.csv,
texts/jobs.<code>.csv and texts/search_words.<code>.csv (dutch, translation). What is missing
reads in Dutch; tests/texts/test_programme_texts.py keeps the English tables complete.
"""
from __future__ import annotations

import csv
import functools
from typing import Any, Dict, List

from actions.texts import DEFAULT, TEXTS_DIR, library

__all__ = ["programme_name", "programme_description", "field_name", "interest_words", "job_names", "table"]


@functools.lru_cache(maxsize=None)
def table(name: str, code: str) -> Dict[str, Dict[str, str]]:
    """texts/<name>.<code>.csv by its first column ({} when the language has none)."""
    path = TEXTS_DIR / f"{name}.{code}.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {next(iter(row.values())): row for row in rows}


def programme_name(code: str, programme: Any) -> str:
    """The official (Dutch) name, which a student needs at school, with what it means: 'Kok (cook)'."""
    gloss = table("programmes", code).get(programme.crebo, {}).get("name") if code != DEFAULT else None
    return f"{programme.name} ({gloss})" if gloss else programme.name


def field_name(code: str, field: str) -> str:
    """A domain or studierichting of the register ('Horeca') in the student's language."""
    if code == DEFAULT:
        return field
    return (table("fields", code).get(field) or {}).get("name") or field


def programme_description(code: str, programme: Any) -> str:
    """What the work is, in the student's language; the Dutch one when no translation exists yet."""
    if code == DEFAULT:
        return programme.description
    translated = (table("programmes", code).get(programme.crebo) or {}).get("description")
    if translated:
        return translated
    unwritten = library(code, "programmes").get("unwritten")
    if unwritten and not getattr(programme, "profile_written", True):
        return unwritten.format(niveau=programme.niveau, field=field_name(code, programme.studierichting or programme.domain))
    return programme.description


def interest_words(code: str, words: Any) -> List[str]:
    """The recommender's (Dutch) interest words as the student said them: 'dieren' is 'animals' in English."""
    if code == DEFAULT:
        return [str(w) for w in words]
    from labour_outlook.foreign_words import shown_in

    shown, fields = shown_in(code), _fields_by_lower(code)
    searched = table("search_words", code)  # the programmes' search words (texts/search_words.<code>.csv)
    return [shown.get(str(w)) or (searched.get(str(w).lower()) or {}).get("translation") or fields.get(str(w).lower())
            or str(w) for w in words]


@functools.lru_cache(maxsize=None)
def _fields_by_lower(code: str) -> Dict[str, str]:
    """A field's translation by its name in lower case (the recommender's shared words are lower case)."""
    return {k.lower(): row.get("name") for k, row in table("fields", code).items()}


def job_names(code: str, jobs: Any) -> List[str]:
    """The programmes' beroepen in the student's language (texts/jobs.<code>.csv); Dutch when missing."""
    found = table("jobs", code) if code != DEFAULT else {}
    return [(found.get(str(j)) or {}).get("translation") or str(j) for j in jobs]
