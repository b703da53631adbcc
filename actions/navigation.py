"""Come back to an interrupted flow ("waar waren we?")."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions import texts

# Forms a student can return to, and the action that ends each. Each has a short name,
# the fragment resume_<form> in texts/<language>.yml.
RESUMABLE_FORMS = {
    "handoff_form": ("resume_handoff_form", "action_submit_handoff"),
    "study_form": ("resume_study_form", "action_recommend"),
    "quiz_form": ("resume_quiz_form", "action_quiz_result"),
    "internship_form": ("resume_internship_form", "action_internship_search"),
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
                response="utter_resume_form", what=texts.fragment(tracker, RESUMABLE_FORMS[form][0])
            )
            return [FollowupAction(form)]
        dispatcher.utter_message(response="utter_resume_nothing")
        return []
