"""Two-stage fallback in the student's language, with a polite answer for unusable messages."""
from __future__ import annotations

import unicodedata
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions import texts
from actions.common import latest_text

MAX_CHARS = 1000  # keep in step with bot.rasa_ext.nlu_guard.InputGuard max_chars in config.yml

# Intents the first fallback stage may offer as its best guess ("Zoek je een stage?"):
# each has a fragment fallback_question_<intent> in texts/<language>.yml.
GUESSABLE_INTENTS = (
    "greet", "goodbye", "thank", "bot_challenge", "request_human", "ask_study_advice",
    "share_interests", "ask_prospects", "compare_programmes", "seek_internship",
    "report_discrimination", "ask_privacy", "delete_my_data", "withdraw_report",
    "report_status", "unshare_summary", "switch_language",
)


def non_latin_share(text: Text) -> float:
    """Share of letters that are not Latin script (Arabic, Cyrillic, ...)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    other = sum(1 for ch in letters if "LATIN" not in unicodedata.name(ch, ""))
    return other / len(letters)


def unusable_reason(text: Text) -> str:
    """Why a message cannot be understood: '', 'empty', 'too_long', 'no_words', 'script'."""
    stripped = text.strip()
    if not stripped:
        return "empty"
    if len(stripped) > MAX_CHARS:
        return "too_long"
    if not any(ch.isalnum() for ch in stripped):
        return "no_words"
    if non_latin_share(stripped) > 0.5:
        return "script"
    return ""


def polite_answer(reason: str) -> str:
    """The response for an unusable message (see unusable_reason)."""
    return f"utter_unusable_{reason}"


class ActionDefaultAskAffirmation(Action):
    """First stage of the fallback: ask whether we guessed the intent right."""

    def name(self) -> Text:
        return "action_default_ask_affirmation"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        reason = unusable_reason(latest_text(tracker))
        if reason:
            dispatcher.utter_message(response=polite_answer(reason))
            return []
        guess = self._best_guess(tracker)
        if guess is None:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        dispatcher.utter_message(
            response="utter_fallback_guess",
            question=texts.fragment(tracker, f"fallback_question_{guess}"),
            intent=guess,
        )
        return []

    @staticmethod
    def _best_guess(tracker: Tracker):
        ranking = (tracker.latest_message or {}).get("intent_ranking") or []
        for candidate in ranking:
            name = candidate.get("name")
            if name in GUESSABLE_INTENTS:
                return name
        return None


class ActionDefaultAskRephrase(Action):
    """Second stage of the fallback: ask the student to say it differently."""

    def name(self) -> Text:
        return "action_default_ask_rephrase"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        reason = unusable_reason(latest_text(tracker))
        dispatcher.utter_message(response=polite_answer(reason) if reason else "utter_ask_rephrase")
        return []


class ActionDefaultFallback(Action):
    """Give up kindly: offer the menu and forget the message we did not understand."""

    def name(self) -> Text:
        return "action_default_fallback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_give_up")
        return [UserUtteranceReverted()]
