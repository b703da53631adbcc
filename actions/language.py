"""The student's language: "can we talk in English?", "Nederlands graag", the widget's button and data-lang."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import texts

SLOT = "language"
INTENT = "switch_language"
METADATA_KEY = "lang"  # sent by the widget (data-lang, language button); REST clients may send it too
# A switch request is short ("hi, can we talk in english?"); a longer message that names a
# language is about something else ("ze zeiden dat mijn Nederlands niet goed genoeg was").
MAX_REQUEST_WORDS = 12


def _metadata_lang(metadata: Any) -> Optional[str]:
    if isinstance(metadata, dict):
        value = str(metadata.get(METADATA_KEY) or "").strip().lower()[:8]
        if value in texts.codes():
            return value
    return None


def _previous_metadata_lang(events: List[Dict[str, Any]]) -> Optional[str]:
    """The `lang` of the user message before the latest one, in this session only."""
    seen_latest = False
    for event in reversed(events):
        if event.get("event") == "action" and event.get("name") == "action_session_start":
            return None
        if event.get("event") == "user":
            if seen_latest:
                return _metadata_lang(event.get("metadata"))
            seen_latest = True
    return None


def wanted_language(tracker: Tracker) -> Optional[str]:
    """The language this message asks for, or None to keep the current one.

    A switch request naming a language wins; then a `lang` in the metadata that is new in
    this session (the widget sends it with every message, so only a change counts, and
    "Nederlands graag" typed in an English widget holds).
    """
    latest = tracker.latest_message or {}
    current = tracker.get_slot(SLOT)
    meta = _metadata_lang(latest.get("metadata"))
    text = latest.get("text") or ""
    if (latest.get("intent") or {}).get("name") == INTENT and len(text.split()) <= MAX_REQUEST_WORDS:
        named = texts.named_language(text, current)
        if named:
            return named
        if meta:
            return meta
    if meta and meta != _previous_metadata_lang(tracker.events):
        return meta
    return None


class ActionDetectLanguage(Action):
    """The custom slot mapping of `language`: Rasa runs it after every message (action_extract_slots)."""

    def name(self) -> Text:
        return "action_detect_language"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        wanted = wanted_language(tracker)
        if wanted and wanted != tracker.get_slot(SLOT):
            return [SlotSet(SLOT, wanted)]
        return []


class ActionLanguageSwitched(Action):
    """Answer a switch request in the language now chosen, or ask which language when none was named."""

    def name(self) -> Text:
        return "action_language_switched"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        latest = tracker.latest_message or {}
        named = texts.named_language(latest.get("text") or "", tracker.get_slot(SLOT))
        if not (named or _metadata_lang(latest.get("metadata"))):
            dispatcher.utter_message(response="utter_language_choose")
            return []
        dispatcher.utter_message(response="utter_language_switched")
        if not (tracker.active_loop or {}).get("name"):  # inside a form, the form asks its question again
            dispatcher.utter_message(response="utter_menu")
        return []
