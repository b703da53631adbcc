"""'Andere opties', 'meer', 'laat de alternatieven zien': show more of what was offered last.

Actions set the `offer` slot when they show something a student can ask more of:
recommended programmes, kansrijke alternatieven after the nudge, or internships.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import internships_results, study_advice


class ActionOtherOptions(Action):
    def name(self) -> Text:
        return "action_other_options"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        offer = tracker.get_slot("offer")
        # The nudge's "Ja, laat zien" button names the programme.
        if offer == "alternatives" or next(tracker.get_latest_entity_values("crebo"), None):
            return study_advice.show_alternatives(dispatcher, tracker)
        if offer == "internships":
            return internships_results.more_results(dispatcher, tracker)
        return study_advice.more_recommendations(dispatcher, tracker)
