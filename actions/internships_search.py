"""Internship search form: programme, bol/bbl, place or postcode, radius; rejection tips."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import library_texts, programme_texts, texts
from actions.answer_misses import ResetsMisses, miss
from actions.button_titles import TypedTitles
from actions.buttons import reply
from actions.common import slot_text
from actions.internships_results import programme_name
from actions.typed_answers import choose
from labour_outlook.text import names_origin

SLOTS = ["internship_programme", "internship_leerweg", "internship_location", "internship_radius"]
CREBO = re.compile(r"\b\d{5}\b")
REJECTED = re.compile(
    r"\b(afgewezen|afwijzing(en)?|niet aangenomen|weggestuurd|gediscrimineerd|discriminatie|discrimineren|"
    r"oneerlijk\w*|racis\w*|vanwege mijn (naam|afkomst|hoofddoek|geloof|huidskleur))\b"
)
YES = re.compile(r"^\s*(ja|jaa+|yes|ok(e|é)?|klopt|precies|dat is hem|jep|yep)\b", re.IGNORECASE)
BOTH = re.compile(r"\b(allebei|beide|maakt (me )?niet uit|weet (ik )?(het )?niet|geen idee)\b")
NEARBY = re.compile(r"\b(dichtbij|in de buurt|niet ver)\b")
FAR = re.compile(r"\b(ver(der)? weg|maakt niet uit|overal)\b")


def mentions_rejection(text: str) -> bool:
    return bool(REJECTED.search(text.lower()))


def intent_of(tracker: Tracker) -> Optional[str]:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def parse_leerweg(text: str) -> Optional[str]:
    lowered = text.strip().lower()
    if lowered in ("bol", "bbl", "-"):  # also what we stored: the form validates it again on reuse
        return lowered
    has_bol, has_bbl = bool(re.search(r"\bbol\b", lowered)), bool(re.search(r"\bbbl\b", lowered))
    if has_bol and has_bbl or BOTH.search(lowered):
        return "-"
    if has_bol or "school" in lowered:
        return "bol"
    if has_bbl or "werken" in lowered or "leerbaan" in lowered:
        return "bbl"
    # Typos of the buttons ("bool", "bbll", "maak niet uit").
    return choose(lowered, [("bol", ()), ("bbl", ()), ("-", ("maak niet uit", "boeit niet", "allebei"))],
                  {"bol": ("bol",), "bbl": ("bbl",)})


def parse_radius(text: str) -> Optional[str]:
    lowered = text.lower()
    number = re.search(r"\b(\d{1,3}(?:[.,]\d+)?)\b", lowered)
    if number and 1 <= float(number.group(1).replace(",", ".")) <= 300:
        return number.group(1).replace(",", ".")
    if NEARBY.search(lowered):
        return "10"
    if FAR.search(lowered):
        return "50"
    return None


class ValidateInternshipForm(TypedTitles, ResetsMisses, FormValidationAction):
    def name(self) -> Text:
        return "validate_internship_form"

    def _rejected(self, value: Any, slot: str, dispatcher: CollectingDispatcher) -> Optional[Dict[Text, Any]]:
        if mentions_rejection(str(value or "")):
            dispatcher.utter_message(response="utter_internship_rejected_note")
            return {slot: None}
        return None

    def validate_internship_programme(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        from labour_outlook import UnknownCrebo, get_catalogue, resolve_programme

        text = slot_text(value, limit=100)
        rejected = self._rejected(text, "internship_programme", dispatcher)
        if rejected:
            return rejected
        focus = tracker.get_slot("focus_crebo")
        if focus and (YES.match(text) or intent_of(tracker) == "affirm"):
            return {"internship_programme": str(focus), "internship_candidates": None}
        code = CREBO.search(text)
        if code:
            try:
                programme = get_catalogue().get(code.group(0))
            except UnknownCrebo as e:
                dispatcher.utter_message(response="utter_internship_unknown_crebo", crebo=e.crebo)
                return {"internship_programme": None, "internship_candidates": None}
            if programme.crebo != code.group(0):  # an earlier code: say which programme it is now
                from actions.study_advice import code_replaced_note

                dispatcher.utter_message(response="utter_code_replaced",
                                         note=code_replaced_note(tracker, code.group(0)))
            return {"internship_programme": programme.crebo, "internship_candidates": None}
        found = resolve_programme(text, limit=5)
        if not found:
            dispatcher.utter_message(response="utter_internship_unknown_programme")
            return {"internship_programme": None, "internship_candidates": None}
        if len(found) == 1:
            return {"internship_programme": found[0].crebo, "internship_candidates": None}
        # Several fit: action_ask_internship_programme shows them as buttons.
        return {"internship_programme": None, "internship_candidates": [p.crebo for p in found]}

    def validate_internship_leerweg(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        text = slot_text(value, limit=100)
        rejected = self._rejected(text, "internship_leerweg", dispatcher)
        if rejected:
            return rejected
        leerweg = parse_leerweg(text)
        if leerweg is None:
            return miss(dispatcher, tracker, "internship_leerweg", first="utter_internship_choose_leerweg")
        return {"internship_leerweg": leerweg}

    def validate_internship_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        from internships import UnknownLocation, resolve_location

        text = slot_text(value, limit=80)
        rejected = self._rejected(text, "internship_location", dispatcher)
        if rejected:
            return rejected
        latest = tracker.latest_message or {}
        places = [e for e in latest.get("entities") or []
                  if e.get("entity") in ("postcode", "place") and e.get("value")]
        # A place where the student or their family comes from is not where they look for an
        # internship ("mijn ouders komen uit Utrecht"): fair in every word, so it is not used.
        origins = {str(e["value"]) for e in places if names_origin(latest.get("text") or "", int(e.get("start") or 0))}
        entities = [e["value"] for e in places if str(e["value"]) not in origins]
        if text in origins and tracker.get_slot("requested_slot") != "internship_location":
            return {"internship_location": None}
        error: Optional[UnknownLocation] = None
        for candidate in [*entities, text]:
            try:
                location = resolve_location(str(candidate))
            except UnknownLocation as e:
                error = error or e
                continue
            pc4 = re.search(r"\b[1-9]\d{3}\b", str(candidate))
            return {"internship_location": location.pc4 if pc4 else location.place}
        message = library_texts.said(tracker, error) if error else texts.fragment(tracker, "internship_unknown_place")
        dispatcher.utter_message(
            response="utter_internship_unknown_place", error=message,
            buttons=[reply(name, name) for name in (error.suggestions if error else [])],
        )
        return miss(dispatcher, tracker, "internship_location")  # the help only from the second miss

    def validate_internship_radius(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        text = slot_text(value, limit=60)
        rejected = self._rejected(text, "internship_radius", dispatcher)
        if rejected:
            return rejected
        radius = parse_radius(text)
        if radius is None:
            return miss(dispatcher, tracker, "internship_radius", first="utter_internship_choose_radius")
        return {"internship_radius": radius}


def ask_programme(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    candidates = tracker.get_slot("internship_candidates") or []
    focus = tracker.get_slot("focus_crebo")
    if candidates:
        from labour_outlook import get_catalogue

        catalogue = get_catalogue()
        dispatcher.utter_message(
            response="utter_internship_which_programme",
            buttons=[reply(texts.fragment(tracker, "programme_with_niveau", niveau=catalogue.get(c).niveau,
                                          name=programme_texts.programme_name(texts.language(tracker), catalogue.get(c))), c)
                     for c in candidates if c in catalogue],
        )
    elif focus:
        name = programme_name(focus, texts.language(tracker))
        dispatcher.utter_message(
            response="utter_internship_for_focus", programme=name,
            buttons=[reply(texts.fragment(tracker, "internship_yes_focus", programme=name), str(focus))],
        )
    else:
        dispatcher.utter_message(response="utter_internship_ask_programme")


class ActionAsk_internship_programme(Action):
    """The programme question depends on what we already know (a focus programme)."""

    def name(self) -> Text:
        return "action_ask_internship_programme"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        ask_programme(dispatcher, tracker)
        return []


class ActionInternshipIntro(Action):
    def name(self) -> Text:
        return "action_internship_intro"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if all(tracker.get_slot(s) for s in SLOTS):
            dispatcher.utter_message(response="utter_internship_continue")
        else:
            dispatcher.utter_message(response="utter_internship_intro")
        return [SlotSet("internship_offset", 0.0)]


class ActionInternshipOtherProgramme(Action):
    def name(self) -> Text:
        return "action_internship_other_programme"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        # The form asks only the programme again; place, leerweg and radius stay.
        return [SlotSet("internship_programme", None), SlotSet("internship_candidates", None),
                SlotSet("internship_extra", None), SlotSet("internship_offset", 0.0)]


class ActionInternshipRejected(Action):
    def name(self) -> Text:
        return "action_internship_rejected"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_internship_rejected")
        return []
