"""Hand-off to a human: ask what the student wants to discuss and how, then record it."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answer_misses import ResetsMisses, miss
from actions.button_titles import TypedTitles
from actions.common import app_db, claimed_school, slot_text
from actions.sharing import refused
from actions.typed_answers import choose
from bot import facts, schools

# Checked in this order, as whole words after typed_answers.normalise: "ik loop zelf binnen" is zelf,
# "via mijn mentor" is school. English for students who chat in English.
CONTACT_WORDS = (
    ("zelf", ("zelf", "zelf langs", "binnen", "binnenlopen", "langs", "loop", "ik ga", "ik kom",
              "myself", "walk in", "drop by", "in person", "i will go", "ill go", "i go")),
    ("school", ("mentor", "school", "decaan", "via", "contact", "mail", "email", "bericht", "docent",
                "leraar", "juf", "meester", "teacher", "tutor", "message", "counsellor", "counselor")),
)
CONTACT_TYPOS = {"zelf": ("zelf", "binnen"), "school": ("mentor", "decaan")}


def contact_route(text: str) -> Optional[str]:
    """'school' (via the mentor) or 'zelf' (walk in) for a typed answer; None when it is neither."""
    return choose(text, CONTACT_WORDS, CONTACT_TYPOS)


class ValidateHandoffForm(TypedTitles, ResetsMisses, FormValidationAction):
    def name(self) -> Text:
        return "validate_handoff_form"

    def validate_handoff_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        topic = slot_text(value, limit=300)
        if len(topic) < 2 or not any(ch.isalpha() for ch in topic):
            dispatcher.utter_message(response="utter_handoff_topic_again")
            return {"handoff_topic": None}
        return {"handoff_topic": topic}

    def validate_handoff_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        route = contact_route(str(value or ""))
        if route is None:  # from the second miss on: what to type, and 'stop'
            return miss(dispatcher, tracker, "handoff_contact", first="utter_handoff_contact_again")
        return {"handoff_contact": route}


class ActionAskHandoffTopic(Action):
    def name(self) -> Text:
        return "action_ask_handoff_topic"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_handoff_ask_topic")
        return []


class ActionAskHandoffContact(Action):
    def name(self) -> Text:
        return "action_ask_handoff_contact"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_handoff_ask_contact")
        return []


class ActionSubmitHandoff(Action):
    def name(self) -> Text:
        return "action_submit_handoff"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        topic = tracker.get_slot("handoff_topic")
        route = tracker.get_slot("handoff_contact")
        db = app_db()
        try:
            # Only to a registered, active school, and not more often than bot.schools.LIMITS.
            with schools.admit(db, claimed_school(tracker), tracker.sender_id, "handoff") as school:
                code = facts.create_handoff(
                    db, tracker.sender_id, topic=topic, contact_route=route, school=school.code,
                )
        except schools.SchoolError as error:
            refused(dispatcher, error, "utter_handoff_school_unknown")
            return [SlotSet("handoff_topic", None), SlotSet("handoff_contact", None)]
        ready = "utter_handoff_ready_mentor" if route == "school" else "utter_handoff_ready_self"
        dispatcher.utter_message(response=ready, code=code)
        return [SlotSet("handoff_topic", None), SlotSet("handoff_contact", None)]
