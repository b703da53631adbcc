"""Explain what is stored, and really delete a conversation on request."""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import app_db, school_code
from appdb import settings
from bot import facts
from bot.experiments import allocation, store
from bot.experiments.errors import ExperimentError
from internships import reports

logger = logging.getLogger(__name__)

# The tracker store (bot/rasa_ext/tracker_store.py) deletes the stored conversation when
# a turn sets this slot.
FORGET_SLOT = "forget_conversation"


def privacy_text(retention_days: int) -> str:
    return (
        "Dit bewaar ik: je berichten in dit gesprek, en wat je kiest, zoals je interesses "
        "en de opleidingen die ik liet zien. Ik vraag nooit je naam. "
        f"Na {retention_days} dagen wis ik het gesprek automatisch. "
        "Niemand op school kan het zien, behalve als jij zegt dat je decaan een samenvatting mag zien. "
        "Een melding van discriminatie is anoniem, tenzij je zelf om hulp vraagt. "
        "Wil je alles nu wissen? Typ dan: verwijder mijn gegevens."
    )


# Said when an experiment with the nudge runs at the student's school (bot/experiments).
RESEARCH_TEXT = (
    "Je school doet mee aan onderzoek naar hoe Kansrijk het beste helpt. "
    "We vergelijken verschillende manieren van vragen stellen. "
    "We gebruiken alleen getallen, nooit wie jij bent. "
    "Wil je niet meedoen? Zeg dan: ik wil niet meedoen aan onderzoek."
)
RESEARCH_OPTED_OUT_TEXT = (
    "Je school doet mee aan onderzoek naar hoe Kansrijk het beste helpt. "
    "Jij doet niet mee, dat heb je gezegd. Dat blijft zo."
)


def research_text(tracker: Tracker) -> str:
    """The research sentences when an experiment runs at the student's school, else ''."""
    school = school_code(tracker)
    if not school:
        return ""
    try:
        db = app_db()
        if store.active_for(db, school) is None:
            return ""
        return RESEARCH_OPTED_OUT_TEXT if allocation.opted_out(db, tracker.sender_id) else RESEARCH_TEXT
    except ExperimentError:
        # A damaged experiment assigns nobody (actions/study_advice.py), so there is nothing to announce.
        logger.exception("reading the experiment of school %s failed", school)
        return ""


class ActionExplainPrivacy(Action):
    def name(self) -> Text:
        return "action_explain_privacy"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = privacy_text(settings.load().retention_days)
        research = research_text(tracker)
        dispatcher.utter_message(text=f"{text} {research}" if research else text)
        return []


class ActionDeleteMyData(Action):
    """Delete every fact recorded for this conversation, then its tracker events."""

    def name(self) -> Text:
        return "action_delete_my_data"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        try:
            db = app_db()
            facts.forget_conversation(db, tracker.sender_id)
            # Follow-up reports are the only reports linked to a conversation.
            reports.delete_for_conversation(db, tracker.sender_id)
        except Exception:  # the student must hear that nothing was deleted
            logger.exception("deleting conversation data failed")
            dispatcher.utter_message(
                text="Het wissen is niet gelukt. Er is niets gewist. Probeer het later nog eens."
            )
            return []
        dispatcher.utter_message(
            text="Klaar. Ik heb dit gesprek en alles wat ik erover had bewaard gewist. Je kunt opnieuw beginnen als je wilt."
        )
        return [SlotSet(FORGET_SLOT, True)]


class ActionUnshareSummary(Action):
    """Withdraw the permission to share this conversation with the school."""

    def name(self) -> Text:
        return "action_unshare_summary"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if facts.unshare(app_db(), tracker.sender_id):
            dispatcher.utter_message(
                text="Oké. Je decaan kan je gesprek nu niet meer zien."
            )
        else:
            dispatcher.utter_message(
                text="Je gesprek wordt niet gedeeld met school. Er is dus niets te stoppen."
            )
        return []
