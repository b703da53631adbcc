"""'Ik wil niet meedoen aan onderzoek': leave the experiment of the school, get the standard nudge."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import app_db
from bot.experiments import allocation


class ActionOptOutResearch(Action):
    """Record the opt-out (also when no experiment runs: a later one leaves this conversation out too)."""

    def name(self) -> Text:
        return "action_opt_out_research"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        allocation.opt_out(app_db(), tracker.sender_id)
        dispatcher.utter_message(response="utter_research_opted_out")
        return []
