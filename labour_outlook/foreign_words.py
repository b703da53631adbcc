"""Interest words in other languages -> the Dutch words the catalogue knows ("animals" -> "dieren").

One file per language, ``data/words.<code>.yml`` (English: ``words.en.yml``), with four
lists: ``fillers`` (dropped), ``words`` (word -> Dutch word), ``breaks`` (end a "not ...")
and ``negators`` / ``negate_after`` (what the student does not want). ``recommend.analyse``
reads every language at once, so a student may mix them ("ik hou van animals"). Adding a
language is adding its file.
"""
from __future__ import annotations

import functools

import yaml

from . import paths
from .errors import DataError

__all__ = ["WORDS", "BREAKS", "NEGATORS", "NEGATE_AFTER", "languages", "shown_in"]


@functools.lru_cache(maxsize=None)
def _read(code: str) -> dict:
    path = paths.SHIPPED_DIR / f"words.{code}.yml"
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
    except (OSError, yaml.YAMLError) as e:
        raise DataError(f"kan {path} niet lezen: {e}") from None
    return data


def languages() -> list[str]:
    """The languages with a word file."""
    return sorted(p.name.split(".")[1] for p in paths.SHIPPED_DIR.glob("words.*.yml"))


def _merged() -> tuple[dict[str, str], frozenset, frozenset, frozenset]:
    words: dict[str, str] = {}
    breaks, negators, after = set(), set(), set()
    for code in languages():
        data = _read(code)
        words.update({str(w): "" for w in data.get("fillers") or []})
        words.update({str(k): str(v) for k, v in (data.get("words") or {}).items()})
        breaks |= set(data.get("breaks") or [])
        negators |= set(data.get("negators") or [])
        after |= set(data.get("negate_after") or [])
    return words, frozenset(breaks), frozenset(negators), frozenset(after)


WORDS, BREAKS, NEGATORS, NEGATE_AFTER = _merged()


@functools.lru_cache(maxsize=None)
def shown_in(code: str) -> dict[str, str]:
    """Dutch word -> the first word of language ``code`` that means it ({} without a word file)."""
    if code not in languages():
        return {}
    shown: dict[str, str] = {}
    for word, dutch in (_read(code).get("words") or {}).items():
        shown.setdefault(str(dutch), str(word))
    return shown
