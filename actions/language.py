"""The answer to a language switch ("can we talk in English?", "Nederlands graag", the widget's button).

The `language` slot itself is set inside the Rasa server (bot/rasa_ext/language_slot.py, the
slot's custom mapping action_detect_language), before this action runs.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import texts

SLOT = "language"
METADATA_KEY = "lang"  # sent by the widget (data-lang, language button); REST clients may send it too


def _metadata_lang(metadata: Any) -> Optional[str]:
    if isinstance(metadata, dict):
        value = str(metadata.get(METADATA_KEY) or "").strip().lower()[:8]
        if value in texts.codes():
            return value
    return None


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
