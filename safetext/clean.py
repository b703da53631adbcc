"""Normalise free text at the input boundary: NFC, no control characters, no bidi overrides."""
from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "BIDI_CONTROLS"]

# Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they reorder
# how text is shown, so "Bakkerij \u202eKO" could read as something else in the portal.
# The marks LRM, RLM and ALM only hint a direction and stay (Arabic and Hebrew use them).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# C0 and C1 controls except the newline, DEL, the two Unicode line separators, the byte
# order mark, and lone surrogates (JSON can carry them; SQLite cannot store them).
_DROP = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "\ufeff\ud800-\udfff]"
)
_SPACE = re.compile("[\t\u2028\u2029]")


def clean_text(value: str) -> str:
    """``value`` in NFC without control and bidi-override characters; a tab becomes a space.

    ``\\r\\n`` and ``\\r`` become ``\\n``; nothing else changes (no trimming), so the
    function can run anywhere text enters and running it twice changes nothing.
    """
    text = str(value)
    if text.isascii() and text.isprintable():  # the common case, kept fast for imports
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACE.sub(" ", text)
    text = _DROP.sub("", text)
    return unicodedata.normalize("NFC", text)
