"""Readability of every Dutch text (texts/nl.yml): Flesch-Douma and LIX per response, hardest first.

    .venv/bin/python scripts/texts_report.py        (make texts-report)

Flesch-Douma (textstat, language nl) = 206.84 - 0.77 x syllables per 100 words - 0.93 x words
per sentence: 60-70 is "makkelijk" (B1), higher is easier. Kansrijk's B1 threshold:
MIN_DOUMA = 60 for every response, and for every fragment of MIN_WORDS words or more
(shorter fragments are labels, such as a button title or a card line, where the formula
says nothing). LIX (words per sentence + 100 x share of words over 6 letters) is shown
next to it. A {variable} counts as one short word. tests/texts/test_readability.py fails
for any text under the threshold.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from actions import texts  # noqa: E402

MIN_DOUMA = 60
MIN_WORDS = 6


def _textstat():
    import textstat

    textstat.set_lang("nl")
    return textstat


def plain(text: str) -> str:
    return re.sub(r"\{[^}]*\}", "x", text).strip()


def douma(text: str) -> float:
    return float(_textstat().flesch_reading_ease(plain(text)))


def lix(text: str) -> float:
    return float(_textstat().lix(plain(text)))


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
