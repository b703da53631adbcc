"""Count typed answers a form question could not use; from the second one on, say what to type and offer 'stop'.

The count lives in the slot ``answer_misses`` (``{"slot", "count", "texts"}``) and is
cleared as soon as the question gets an answer (``ResetsMisses``).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_text

__all__ = ["MISSES", "HELP_AFTER", "misses_of", "miss", "ResetsMisses"]

MISSES = "answer_misses"
HELP_AFTER = 2  # the second miss on the same question gets the help


def misses_of(tracker: Tracker, key: str) -> Dict[str, Any]:
    """``{"count": n, "texts": [...]}`` for question ``key`` (0 and [] when it has no misses)."""
    state = tracker.get_slot(MISSES)
    if isinstance(state, dict) and state.get("slot") == key:
        return {"count": int(state.get("count") or 0), "texts": list(state.get("texts") or [])}
    return {"count": 0, "texts": []}


def miss(dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, *, first: Optional[str] = None,
         key: Optional[str] = None, help: Optional[str] = None,
         **variables: Any) -> Dict[Text, Any]:
    """Tell the student the answer did not fit; returns the slot updates for the validator.

    The first miss gets response ``first``; from the
    second one on, ``help`` (default ``utter_typed_help_<key>``) says what can be typed and offers 'stop'.
    """
    key = key or slot
    state = misses_of(tracker, key)
    count = state["count"] + 1
    typed = " ".join(latest_text(tracker).split())[:300]
    texts = state["texts"] + ([typed] if typed and not typed.startswith("/") else [])
    if count >= HELP_AFTER:
        dispatcher.utter_message(response=help or f"utter_typed_help_{key}", **variables)
    elif first:
        dispatcher.utter_message(response=first, **variables)
    return {slot: None, MISSES: {"slot": key, "count": count, "texts": texts[-3:]}}


class ResetsMisses:
    """Mixin for a FormValidationAction: an answered question starts its next miss count at zero."""

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[Dict[Text, Any]]:
        had_misses = bool(tracker.get_slot(MISSES))
        requested = tracker.get_slot("requested_slot")
        events = await super().get_validation_events(dispatcher, tracker, domain)
        answered = any(e.get("name") == requested and e.get("value") is not None for e in events)
        sets_misses = any(e.get("name") == MISSES for e in events)
        if had_misses and answered and not sets_misses:
            events.append(SlotSet(MISSES, None))
        return events
