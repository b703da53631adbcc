"""An action the supervisor calls once at start, to load models before the first student."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

import labour_outlook
from actions.common import app_db


class ActionWarmUp(Action):
    def name(self) -> Text:
        return "action_warm_up"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        app_db()
        labour_outlook.warm_up()
        return []
