"""Build Rasa button payloads: ``/intent`` or ``/intent{"entity":"value"}``, never by hand.

Rasa reads a payload that starts with ``/`` as that intent plus JSON entities, without
NLU. The compact JSON here is byte for byte what the test stories and the action tests
already contain (``/deny{"crebo":"25180"}``).
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, Optional, Tuple

__all__ = ["COMPACT", "SPACED", "payload", "button", "reply"]

COMPACT: Tuple[str, str] = (",", ":")
# json.dumps' default. Only the widening buttons use it: tests and test stories know
# their payloads in this form (/internship_widen{"widening": "radius"}).
SPACED: Tuple[str, str] = (", ", ": ")
_INTENT = re.compile(r"^[a-z][a-z0-9_]*$")


def payload(intent: str, *, separators: Tuple[str, str] = COMPACT, **entities: Any) -> str:
    """The payload that triggers `intent` with these entities, e.g. ``payload("deny", crebo="25180")``."""
    if not _INTENT.match(intent):
        raise ValueError(f"{intent!r} is no intent name (lower case, digits and _; no leading '/').")
    if not entities:
        return f"/{intent}"
    return f"/{intent}" + json.dumps(entities, ensure_ascii=False, separators=separators)


def button(title: str, intent: str, *, separators: Tuple[str, str] = COMPACT, **entities: Any) -> Dict[str, str]:
    """A button that triggers `intent` (with entities) when tapped."""
    return {"title": title, "payload": payload(intent, separators=separators, **entities)}


def reply(title: str, text: Optional[str] = None) -> Dict[str, str]:
    """A button that sends `text` as if the student typed it (default: the title in lower case).

    For answers that a form validates or the NLU reads, such as a school or a leerweg.
    """
    if (text or "").startswith("/"):
        raise ValueError(f"{text!r} is an intent payload: use button() for it.")
    return {"title": title, "payload": title.lower() if text is None else text}
