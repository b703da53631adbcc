"""Come back to an interrupted flow ("waar waren we?")."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.common import MENU_BUTTONS

# Forms a student can return to: a short Dutch name and the action that ends it.
RESUMABLE_FORMS = {
    "handoff_form": ("je vraag voor de decaan", "action_submit_handoff"),
    "study_form": ("je studiekeuze", "action_recommend"),
    "quiz_form": ("de quiz", "action_quiz_result"),
    "internship_form": ("je zoektocht naar een stage", "action_internship_search"),
}


def interrupted_form(events: List[Dict[str, Any]]) -> Optional[str]:
    """The last resumable form that was started and neither finished nor stopped."""
    finished = set()
    for event in reversed(events):
        kind = event.get("event")
        if kind == "action" and event.get("name") in {f for _, f in RESUMABLE_FORMS.values()}:
            finished.update(form for form, (_, f) in RESUMABLE_FORMS.items() if f == event["name"])
        elif kind == "user" and (event.get("parse_data") or {}).get("intent", {}).get("name") == "stop":
            return None
        elif kind == "active_loop" and event.get("name") in RESUMABLE_FORMS:
            if event["name"] not in finished:
                return event["name"]
    return None


class ActionResume(Action):
    def name(self) -> Text:
        return "action_resume"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        form = interrupted_form(tracker.events)
        if form:
            dispatcher.utter_message(
                text=f"We waren bezig met {RESUMABLE_FORMS[form][0]}. We gaan verder."
            )
            return [FollowupAction(form)]
        dispatcher.utter_message(
            text="We waren nog nergens mee bezig. Waar wil je mee beginnen?",
            buttons=MENU_BUTTONS,
        )
        return []
