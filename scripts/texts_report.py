"""Readability of every Dutch text (texts/nl.yml): Flesch-Douma and LIX per response, hardest first.

    .venv/bin/python scripts/texts_report.py        (make texts-report)

Flesch-Douma = 206.84 - 0.77 x syllables per 100 words - 0.93 x words per sentence, with
syllables from pyphen's Dutch hyphenation (pinned; computed here, not with textstat, whose
wheel installs a top-level `tests` package that hides this repository's tests/): 60-70 is
"makkelijk" (B1), higher is easier. Kansrijk's B1 threshold:
MIN_DOUMA = 60 for every response, and for every fragment of MIN_WORDS words or more
(shorter fragments are labels, such as a button title or a card line, where the formula
says nothing). LIX (words per sentence + 100 x share of words over 6 letters) is shown
next to it. A {variable} counts as one short word. tests/texts/test_readability.py fails
for any text under the threshold.
"""
from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from actions import texts  # noqa: E402

MIN_DOUMA = 60
MIN_WORDS = 6


_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9'-]*")
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)|\n+")


@functools.lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="nl_NL")


def plain(text: str) -> str:
    return re.sub(r"\{[^}]*\}", "x", text).strip()


def _counts(text: str) -> tuple[int, int, int, int]:
    """Words, sentences, syllables and long words (more than 6 letters) of a text."""
    text = plain(text)
    words = _WORD.findall(text)
    sentences = max(1, sum(1 for part in _SENTENCE_END.split(text) if _WORD.search(part)))
    hyphen = _hyphenator()
    syllables = sum(max(1, len(hyphen.positions(w.lower())) + 1) for w in words)
    long_words = sum(1 for w in words if len(w.replace("-", "").replace("'", "")) > 6)
    return len(words), sentences, syllables, long_words


def douma(text: str) -> float:
    """Flesch-Douma: 206.84 - 0.93 x words per sentence - 77 x syllables per word (pyphen's Dutch hyphenation)."""
    words, sentences, syllables, _ = _counts(text)
    if not words:
        return 100.0
    return 206.84 - 0.93 * words / sentences - 77.0 * syllables / words


def lix(text: str) -> float:
    words, sentences, _, long_words = _counts(text)
    if not words:
        return 0.0
    return words / sentences + 100.0 * long_words / words


def scored_texts() -> dict[str, str]:
    """The Dutch texts the threshold applies to, by key: every response, and fragments that are sentences."""
    cat = texts.catalogue(texts.DEFAULT)
    out = {}
    for name, entry in cat["responses"].items():
        text = entry if isinstance(entry, str) else entry.get("text", "")
        if len(plain(text).split()) > 1:
            out[name] = text
    for name, text in cat.get("fragments", {}).items():
        if len(plain(text).split()) >= MIN_WORDS and name != "months":
            out[f"fragment {name}"] = text
    return out


def main() -> int:
    rows = sorted((douma(t), lix(t), k) for k, t in scored_texts().items())
    under = [k for d, _, k in rows if d < MIN_DOUMA]
    print(" Douma   LIX  text")
    for d, score, key in rows:
        print(f"{d:6.1f} {score:5.1f}  {key}{'  <- TE MOEILIJK' if d < MIN_DOUMA else ''}")
    print(f"{len(rows)} Dutch texts; B1 = Flesch-Douma >= {MIN_DOUMA}: {len(rows) - len(under)} pass, {len(under)} under")
    return 1 if under else 0


if __name__ == "__main__":
    raise SystemExit(main())
