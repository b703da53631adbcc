"""A typed button title counts as a tap: "Someone else" at the report's role question is "ik zag het bij iemand anders".

Buttons that answer a form question send a Dutch text (their payload is the same in every
language, so the validators read one set of words). A student who types the title they see,
in English or with a typo, means that button; ``TypedTitles`` gives the validators the
button's text instead of what was typed. Buttons that send an intent (``/affirm``) are left
to the NLU.
"""
from __future__ import annotations

import copy
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker

from actions.common import latest_text
from actions.typed_answers import normalise

__all__ = ["TITLE_SCORE", "shown_buttons", "titled_answer", "TypedTitles"]

# How close (rapidfuzz ratio, 0-100) a typed text must be to a title: "somone else" counts.
TITLE_SCORE = 85


def shown_buttons(tracker: Tracker) -> List[Dict[str, Any]]:
    """The buttons of the bot's messages since the student's previous message (the question they answer)."""
    buttons: List[Dict[str, Any]] = []
    events = list(tracker.events)
    # The latest user event is the answer itself; the question is what the bot said before it.
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    for event in reversed(events[:last_user]):
        if event.get("event") == "user":
            break
        if event.get("event") == "bot":
            buttons = list(((event.get("data") or {}).get("buttons")) or []) + buttons
    return buttons


def titled_answer(tracker: Tracker) -> Optional[str]:
    """The text payload of the shown button whose title the student typed, else None."""
    from rapidfuzz import fuzz  # lazy: nothing heavy at import time

    typed = normalise(latest_text(tracker))
    if not typed:
        return None
    best, best_score = None, 0.0
    for b in shown_buttons(tracker):
        payload = str(b.get("payload") or "")
        title = normalise(str(b.get("title") or ""))
        if not payload or payload.startswith("/") or not title:
            continue
        if normalise(payload) == typed:
            return None  # the button's own text (a tap, or typed in Dutch): nothing to change
        if re.findall(r"\d+", title) != re.findall(r"\d+", typed):
            continue  # numbers must be the same: "5 km" is not the button "25 km"
        score = 100.0 if title == typed else fuzz.ratio(title, typed)
        if score > best_score:
            best, best_score = payload, score
    return best if best_score >= TITLE_SCORE else None


def _as_typed(tracker: Tracker, slot: str, text: str) -> Tracker:
    """A copy of the tracker in which the student typed ``text`` as the answer to ``slot``."""
    changed = copy.copy(tracker)
    changed.latest_message = dict(tracker.latest_message or {}, text=text)
    events = list(tracker.events)
    for i in range(len(events) - 1, -1, -1):
        e = events[i]
        if e.get("event") == "user":
            events[i] = dict(e, text=text)
            break
    for i in range(len(events) - 1, -1, -1):
        e = events[i]
        if e.get("event") == "slot" and e.get("name") == slot:
            events[i] = dict(e, value=text)
            break
    changed.events = events
    changed.slots = dict(tracker.slots, **{slot: text})
    return changed


class TypedTitles:
    """Mixin for a FormValidationAction: the requested slot gets the payload of a button whose title was typed."""

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        requested = tracker.get_slot("requested_slot")
        answer = titled_answer(tracker) if requested else None
        typed = (tracker.latest_message or {}).get("text")
        if answer is not None and tracker.slots_to_validate().get(requested) == typed:  # a free-text answer
            tracker = _as_typed(tracker, requested, answer)
        return await super().get_validation_events(dispatcher, tracker, domain)
