"""The message catalogues (texts/<code>.yml): languages, and fragments that actions put into responses.

Whole messages are domain responses, generated from the catalogues by scripts/make_texts.py
(one conditional variation per language on the `language` slot); actions send them by name.
A fragment is a piece of text an action fills into a response variable (a line of a list,
a card label); it is looked up here in the student's language. Adding a language is adding
texts/<code>.yml (and English-style NLU examples in data/nlu/): no code changes.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

__all__ = ["DEFAULT", "TEXTS_DIR", "catalogue", "codes", "fragment", "language", "named_language", "library"]

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
