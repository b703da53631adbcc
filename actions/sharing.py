"""At the end of a conversation: may the student's counsellor see a summary?"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import app_db, claimed_school, school_code
from bot import facts, schools

# Only conversations with advice or a search in them are worth a summary.
SUMMARY_KINDS = {"interests", "quiz_profile", "programmes_shown", "prospects_asked",
                 "internship_search", "programmes_compared"}


def has_summary(tracker: Tracker) -> bool:
    return any(f["kind"] in SUMMARY_KINDS for f in facts.facts_for(app_db(), tracker.sender_id))


def record_completed(tracker: Tracker) -> None:
    """The student said goodbye: an outcome of the nudge experiments (bot/experiments), once."""
    db = app_db()
    if not facts.facts_for(db, tracker.sender_id, "conversation_completed"):
        facts.record_fact(db, tracker.sender_id, "conversation_completed", {})


class ActionGoodbye(Action):
    """Say goodbye; the first time after advice, ask about sharing a summary first."""

    def name(self) -> Text:
        return "action_goodbye"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        record_completed(tracker)
        if tracker.get_slot("share_asked") or not school_code(tracker) or not has_summary(tracker):
            dispatcher.utter_message(response="utter_goodbye")
            return []
        dispatcher.utter_message(response="utter_goodbye_ask_share")
        return [SlotSet("share_asked", True)]


def refused(dispatcher: CollectingDispatcher, error: schools.SchoolError, unknown_response: str) -> None:
    """Tell the student why nothing went to the school (bot.schools refused it)."""
    if isinstance(error, schools.RateLimited):
        dispatcher.utter_message(response="utter_limit_today" if error.scope == "conversation" else "utter_limit_school_busy")
    else:
        dispatcher.utter_message(response=unknown_response)


class ActionShareSummary(Action):
    """Link this conversation to the widget's school, on 'ja' only, if the school is registered."""

    def name(self) -> Text:
        return "action_share_summary"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        claimed = claimed_school(tracker)
        if not claimed:
            dispatcher.utter_message(response="utter_share_no_school")
            return []
        if not has_summary(tracker):
            dispatcher.utter_message(response="utter_share_nothing")
            return []
        db = app_db()
        try:
            # Registered, active and under the limits, or nothing is stored at all.
            with schools.admit(db, claimed, tracker.sender_id, "share") as school:
                facts.share_with_school(db, tracker.sender_id, school.code)
                # The school is in the shares table, not repeated here.
                facts.record_fact(db, tracker.sender_id, "summary_shared", {})
        except schools.SchoolError as error:
            refused(dispatcher, error, "utter_share_school_unknown")
            return []
        dispatcher.utter_message(response="utter_shared")
        return [SlotSet("share_asked", True)]
