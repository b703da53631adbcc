"""Hand-off to a human: ask what the student wants to discuss and how, then record it."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.buttons import reply
from actions.common import app_db, claimed_school, slot_text
from actions.sharing import refused
from bot import facts, schools

CONTACT_WORDS = {
    "school": ("mentor", "school", "decaan", "via", "contact", "mail", "bericht"),
    "zelf": ("zelf", "binnen", "langs", "loop", "ik ga"),
}


def contact_route(text: str) -> Optional[str]:
    lowered = text.lower()
    for route, words in (("zelf", CONTACT_WORDS["zelf"]), ("school", CONTACT_WORDS["school"])):
        if any(word in lowered for word in words):
            return route
    return None


class ValidateHandoffForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_handoff_form"

    def validate_handoff_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        topic = slot_text(value, limit=300)
        if len(topic) < 2 or not any(ch.isalpha() for ch in topic):
            dispatcher.utter_message(
                text="Schrijf in een paar woorden waar je over wilt praten."
            )
            return {"handoff_topic": None}
        return {"handoff_topic": topic}

    def validate_handoff_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        route = contact_route(str(value or ""))
        if route is None:
            dispatcher.utter_message(text="Kies een van de knoppen, dan weet ik hoe.")
        return {"handoff_contact": route}


class ActionAskHandoffTopic(Action):
    def name(self) -> Text:
        return "action_ask_handoff_topic"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(
            text="Waar wil je over praten? Een paar woorden is genoeg, bijvoorbeeld 'twijfel over mijn opleiding'. Je naam hoeft er niet bij."
        )
        return []


class ActionAskHandoffContact(Action):
    def name(self) -> Text:
        return "action_ask_handoff_contact"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(
            text="Hoe wil je contact? De decaan weet niet wie je bent. Je krijgt zo een code.",
            buttons=[
                reply("Via mijn mentor op school", "via mijn mentor"),
                reply("Ik loop zelf binnen bij de decaan", "ik loop zelf binnen"),
            ],
        )
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
        how = (
            "Geef deze code aan je mentor. Die zoekt contact met de decaan."
            if route == "school"
            else "Loop binnen bij de decaan en noem deze code."
        )
        dispatcher.utter_message(
            text=f"Je vraag staat klaar voor de decaan. Je code is {code}. {how}"
        )
        return [SlotSet("handoff_topic", None), SlotSet("handoff_contact", None)]
