"""Study-choice intake form: school, leerweg or niveau, interests, optional place."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answer_misses import ResetsMisses, miss
from actions.button_titles import TypedTitles
from actions.common import app_db, slot_text
from actions.typed_answers import choose, normalise
from bot import facts
from labour_outlook.interest_words import carries_interest

SKIPPED = "-"

DONT_KNOW = re.compile(r"\b(weet (ik )?(het )?niet|weetniet|geen idee|idk|ik weet het niet|no idea|dunno|geen flauw)\b")
SKIP = re.compile(r"\b(sla over|overslaan|skip|liever niet|zeg ik niet|hoeft niet|nee)\b")

# Typos of the button words ("vbmo", "kadr", "gemend"): see actions/typed_answers.py.
SCHOOL_TYPOS = [("vmbo", ("vmbo", "mavo")), ("mbo", ("mbo",))]
LEERWEG_TYPOS = [("basis", ("basis",)), ("kader", ("kader",)), ("gemengd", ("gemengd",)),
                 ("theoretisch", ("theoretisch", "theorie", "mavo"))]


def _typo(text: str, table) -> Optional[str]:
    return choose(text, [(key, ()) for key, _words in table], dict(table))


def parse_school_type(text: str) -> Optional[str]:
    lowered = normalise(text)
    if re.search(r"\bvmbo\b|\bmavo\b|\b(basis|kader|gemengd|theoretisch|tl|gl|kb|bb)\b", lowered):
        return "vmbo"
    if re.search(r"\bmbo\b|\bniveau\b|\broc\b|\bmbo ?[1-4]\b", lowered):
        return "mbo"
    return _typo(lowered, SCHOOL_TYPOS)


def parse_leerweg(text: str) -> Optional[str]:
    lowered = normalise(text)
    for pattern, leerweg in (
        (r"\b(basis\w*|bb|bbl)\b", "basis"),
        (r"\b(kader\w*|kb|kbl)\b", "kader"),
        (r"\b(gemengd\w*|gl)\b", "gemengd"),
        (r"\b(theoretisch\w*|tl|mavo)\b", "theoretisch"),
    ):
        if re.search(pattern, lowered):
            return leerweg
    return _typo(lowered, LEERWEG_TYPOS)


def parse_niveau(text: str) -> Optional[str]:
    lowered = normalise(text)
    match = re.search(r"(?<![0-9])([1-4])(?![0-9])", lowered) or re.search(
        r"\b(een|twee|drie|vier|entree)\b", lowered
    )
    if not match:
        return None
    word = match.group(1)
    return {"een": "1", "entree": "1", "twee": "2", "drie": "3", "vier": "4"}.get(word, word)


def is_dont_know(tracker: Tracker, text: str) -> bool:
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    return intent == "dont_know" or bool(DONT_KNOW.search(text.lower()))


class ValidateStudyForm(TypedTitles, ResetsMisses, FormValidationAction):
    def name(self) -> Text:
        return "validate_study_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        school = tracker.get_slot("school_type")
        level = {"vmbo": ["vmbo_leerweg"], "mbo": ["mbo_niveau"]}.get(school, [])
        return ["school_type", *level, "interests", "place"]

    def validate_school_type(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        school = parse_school_type(str(value or ""))
        if school is None:
            return miss(dispatcher, tracker, "school_type", first="utter_typed_retry_school_type")
        slots: Dict[Text, Any] = {"school_type": school}
        # "vmbo kader" answers two questions at once.
        if school == "vmbo" and parse_leerweg(str(value)):
            slots["vmbo_leerweg"] = parse_leerweg(str(value))
        if school == "mbo" and parse_niveau(str(value)):
            slots["mbo_niveau"] = parse_niveau(str(value))
        return slots

    def validate_vmbo_leerweg(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        leerweg = parse_leerweg(str(value or ""))
        if leerweg is None:
            return miss(dispatcher, tracker, "vmbo_leerweg", first="utter_typed_retry_vmbo_leerweg")
        return {"vmbo_leerweg": leerweg}

    def validate_mbo_niveau(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        niveau = parse_niveau(str(value or ""))
        if niveau is None:
            return miss(dispatcher, tracker, "mbo_niveau", first="utter_typed_retry_mbo_niveau")
        return {"mbo_niveau": niveau}

    def validate_interests(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = slot_text(value)
        if value == "quiz":  # filled by the interest quiz
            return {"interests": "quiz"}
        if is_dont_know(tracker, text) or text.startswith("/"):
            dispatcher.utter_message(response="utter_interests_examples")
            return {"interests": None}
        if not carries_interest(text):  # "vmbo kader", "ok": no interest in it
            dispatcher.utter_message(response="utter_interests_none")
            return {"interests": None}
        texts = list(tracker.get_slot("interest_texts") or [])
        if not texts or texts[-1] != text:  # action_add_interests may have kept it already
            texts.append(text)
            facts.record_fact(app_db(), tracker.sender_id, "interests", {"text": text})
        return {"interests": text, "interest_texts": texts[-5:]}

    def validate_place(self, value: Any, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = slot_text(value, limit=80)
        if text == SKIPPED or SKIP.search(text.lower()) or is_dont_know(tracker, text):
            return {"place": SKIPPED}
        from internships import UnknownLocation, resolve_location

        try:
            location = resolve_location(text)
        except UnknownLocation:
            return miss(dispatcher, tracker, "place", first="utter_typed_retry_place")
        return {"place": location.place}

