"""Explain what is stored, and really delete a conversation on request."""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import texts
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


def research_text(tracker: Tracker) -> str:
    """The research sentences when an experiment runs at the student's school (in the student's language), else ''."""
    school = school_code(tracker)
    if not school:
        return ""
    try:
        db = app_db()
        if store.active_for(db, school) is None:
            return ""
        key = "research_opted_out" if allocation.opted_out(db, tracker.sender_id) else "research_running"
        return texts.fragment(tracker, key)
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
        research = research_text(tracker)
        dispatcher.utter_message(response="utter_privacy", retention_days=settings.load().retention_days,
                                 research=f" {research}" if research else "")
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
            dispatcher.utter_message(response="utter_delete_failed")
            return []
        dispatcher.utter_message(response="utter_deleted")
        return [SlotSet(FORGET_SLOT, True)]


class ActionUnshareSummary(Action):
    """Withdraw the permission to share this conversation with the school."""

    def name(self) -> Text:
        return "action_unshare_summary"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        if facts.unshare(app_db(), tracker.sender_id):
            dispatcher.utter_message(response="utter_unshared")
        else:
            dispatcher.utter_message(response="utter_not_shared")
        return []
