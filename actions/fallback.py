"""Two-stage fallback in Dutch, with a polite answer for unusable messages."""
from __future__ import annotations

import unicodedata
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button
from actions.common import MENU_BUTTONS, latest_text

MAX_CHARS = 1000  # keep in step with bot.rasa_ext.nlu_guard.InputGuard max_chars in config.yml

# What each intent means, as a question the student can confirm with one tap.
INTENT_QUESTIONS: Dict[str, str] = {
    "greet": "Wil je me gedag zeggen?",
    "goodbye": "Wil je stoppen met praten?",
    "thank": "Wil je me bedanken?",
    "bot_challenge": "Wil je weten of ik een mens ben?",
    "request_human": "Wil je met een mens praten?",
    "ask_study_advice": "Wil je hulp bij het kiezen van een opleiding?",
    "share_interests": "Vertel je wat je leuk vindt?",
    "ask_prospects": "Wil je weten of je met een opleiding werk vindt?",
    "compare_programmes": "Wil je opleidingen vergelijken?",
    "seek_internship": "Zoek je een stage?",
    "report_discrimination": "Wil je discriminatie melden?",
    "ask_privacy": "Wil je weten wat ik bewaar?",
    "delete_my_data": "Wil je dat ik je gegevens wis?",
    "withdraw_report": "Wil je een melding intrekken?",
    "report_status": "Wil je weten hoe het met je melding staat?",
    "unshare_summary": "Wil je je gesprek niet meer delen met school?",
}


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


POLITE_ANSWERS = {
    "empty": "Ik zie geen tekst in je bericht. Typ gerust je vraag, of kies hieronder.",
    "too_long": "Dat is een heel lang bericht. Ik kan alleen korte berichten lezen. Wil je in één of twee zinnen zeggen wat je zoekt?",
    "no_words": "Ik snap alleen woorden, geen plaatjes of emoji. Wat wil je doen?",
    "script": "Sorry, ik begrijp alleen Nederlands en een beetje Engels. Sorry, I only understand Dutch and a little English. Kies hieronder wat je wilt doen.",
}


ASK_REPHRASE = "Sorry, dat snap ik niet goed. Kun je het op een andere manier zeggen?"
GIVE_UP = "Sorry, ik snap het nog steeds niet. Kies hieronder wat je wilt doen, of vraag om een mens."


class ActionDefaultAskAffirmation(Action):
    """First stage of the fallback: ask whether we guessed the intent right."""

    def name(self) -> Text:
        return "action_default_ask_affirmation"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        reason = unusable_reason(latest_text(tracker))
        if reason:
            dispatcher.utter_message(text=POLITE_ANSWERS[reason], buttons=MENU_BUTTONS)
            return []
        guess = self._best_guess(tracker)
        if guess is None:
            dispatcher.utter_message(text=ASK_REPHRASE)
            return []
        dispatcher.utter_message(
            text=f"Ik weet het niet zeker. {INTENT_QUESTIONS[guess]}",
            buttons=[
                button("Ja", guess),
                button("Nee, iets anders", "out_of_scope"),
            ],
        )
        return []

    @staticmethod
    def _best_guess(tracker: Tracker):
        ranking = (tracker.latest_message or {}).get("intent_ranking") or []
        for candidate in ranking:
            name = candidate.get("name")
            if name in INTENT_QUESTIONS:
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
        dispatcher.utter_message(text=POLITE_ANSWERS[reason] if reason else ASK_REPHRASE)
        return []


class ActionDefaultFallback(Action):
    """Give up kindly: offer the menu and forget the message we did not understand."""

    def name(self) -> Text:
        return "action_default_fallback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=GIVE_UP, buttons=MENU_BUTTONS)
        return [UserUtteranceReverted()]
