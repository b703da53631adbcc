"""Validate the report form's answers and decide which questions apply (issue 6)."""
from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import library_texts
from actions.answer_misses import ResetsMisses, miss
from actions.button_titles import TypedTitles
from actions.common import app_db, school_code, slot_text
from actions.reporting import SKIP
from actions.typed_answers import choose
from actions.typed_answers import yes_no as typed_yes_no

logger = logging.getLogger(__name__)

# English too, for students who chat in English (the button payloads are Dutch in every language).
SKIP_WORDS = ("weet ik niet", "weet niet", "geen idee", "weet ik niet meer", "liever niet", "sla over", "overslaan",
              "dont know", "i dont know", "no idea", "not sure", "rather not", "skip", "id rather not say")
ROLE_WORDS = {
    "witness": ("zag", "getuige", "iemand anders", "ander", "vriend", "klasgenoot", "collega",
                "someone else", "somebody else", "saw", "witness", "friend", "classmate", "colleague", "other person"),
    "self": ("mij", "mezelf", "zelf", "ik", "me", "overkwam", "myself", "happened to me", "it was me", "i was"),
}
# Typed answers to the buttons that the word tables above miss ("1", "registeren", "opslaa").
ROUTE_TYPOS = {"follow_up": ("hulp", "school"), "anonymous": ("registreren", "anoniem", "alleen")}
ROUTE_NUMBERS = [("anonymous", ("1", "een", "eerste", "nummer 1", "optie 1")),
                 ("follow_up", ("2", "twee", "tweede", "nummer 2", "optie 2"))]
CONFIRM_TYPOS = {"save": ("opslaan", "bewaren", "bewaar"), "edit": ("aanpassen", "wijzigen", "veranderen")}
ORDINALS = {"1": 0, "een": 0, "eerste": 0, "2": 1, "twee": 1, "tweede": 1, "3": 2, "drie": 2, "derde": 2}
GROUND_WORDS = [  # checked in this order; the first hit wins
    ("zeg_ik_liever_niet", ("liever niet", "zeg ik niet", "wil ik niet zeggen", "rather not", "prefer not")),
    ("religie_hoofddoek", ("geloof", "religie", "hoofddoek", "moslim", "islam", "ramadan", "kerk", "joods", "christen",
                           "religion", "faith", "headscarf", "hijab", "muslim", "church", "jewish", "christian")),
    ("huidskleur", ("huidskleur", "kleur", "zwart", "donker", "skin", "colour", "color", "black", "dark")),
    ("naam_afkomst", ("naam", "achternaam", "afkomst", "accent", "buitenland", "cultuur", "land", "taal",
                      "name", "surname", "origin", "background", "country", "culture", "language", "foreign")),
    ("beperking", ("beperking", "ziekte", "ziek", "rolstoel", "adhd", "autisme", "dyslexie",
                    "disability", "disabled", "illness", "sick", "wheelchair", "autism", "dyslexia")),
    ("gender", ("gender", "jongen", "meisje", "vrouw", "man", "homo", "lhbt", "trans",
                "girl", "boy", "woman", "gay", "lgbt", "lgbtq")),
    ("leeftijd", ("leeftijd", "te jong", "te oud", "jaar oud", "age", "too young", "too old", "years old")),
    ("anders", ("anders", "iets anders", "overig", "something else", "other")),
]
CONTACT_WORDS = [
    ("email", ("mail", "email", "e-mail")),
    ("telefoon", ("telefoon", "bellen", "bel", "whatsapp", "sms", "nummer", "phone", "call", "text", "number")),
    ("mentor", ("mentor", "begeleider", "slb", "teacher", "tutor")),
    ("zelf_langskomen", ("langs", "zelf", "binnen", "myself", "walk in", "drop by", "in person")),
    (SKIP, ("geen contact", "niet", "geen", "no contact", "none", "not")),
]
# "Aanpassen": which answer to ask again, and the answers that depend on it.
# The words are what a student may type; the button titles are the fragments edit_<key>.
EDIT_FIELDS = {
    "wat": ("wat er gebeurde", ["report_what"]),
    "wanneer": ("wanneer", ["report_when"]),
    "bedrijf": ("bedrijf", ["report_company", "report_company_pick", "report_company_candidates"]),
    "wie": ("jij of getuige", ["report_role"]),
    "reden": ("reden", ["report_ground_consent", "report_ground"]),
    "hulp": ("hulp of alleen registreren",
             ["report_route", "report_school", "report_contact_route", "report_contact_details"]),
    "contact": ("contact", ["report_contact_route", "report_contact_details"]),
}


def words(text: str) -> str:
    """Lowercase, no apostrophes ("don't" is "dont"), punctuation to spaces, padded: so ' ik ' matches the word only."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return " " + " ".join(re.sub(r"[^\w@.+-]+", " ", text).split()) + " "


def first_match(text: str, table) -> Optional[str]:
    padded = words(text)
    for key, options in table:
        if any(f" {option} " in padded for option in options):
            return key
    return None


def is_skip(text: str) -> bool:
    return first_match(text, [("skip", SKIP_WORDS)]) is not None


def intent_of(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def yes_no(tracker: Tracker, value: Any) -> Optional[bool]:
    """True/False from the affirm/deny buttons or a typed 'ja'/'nee' in any spelling ('jaa', 'Nee!')."""
    intent = intent_of(tracker)
    if intent in ("affirm", "deny"):
        return intent == "affirm"
    return typed_yes_no(str(value or ""))


def find_institution(db, text: str) -> Optional[str]:
    """The code of the school the student named (code or part of the name); None if unsure."""
    from internships.register import institution_names

    text = " ".join(text.split())
    rows = institution_names(db)
    exact = [code for code, name in rows if text.lower() in (str(code).lower(), str(name or "").lower())]
    if exact:
        return exact[0]
    partial = [code for code, name in rows if len(text) >= 3 and text.lower() in str(name or "").lower()]
    return partial[0] if len(partial) == 1 else None


def parse_role(tracker: Tracker, value: Any) -> Optional[str]:
    """'self' or 'witness'; a plain 'ja' to "Overkwam het jou?" means it happened to them."""
    role = first_match(str(value or ""), list(ROLE_WORDS.items()))
    if role:
        return role
    answer = yes_no(tracker, value)
    return None if answer is None else ("self" if answer else "witness")


def pick_candidate(text: str, candidates: List[dict]) -> Optional[dict]:
    """The candidate the student typed: its number on the list ('1', 'de eerste') or its name with a typo."""
    from rapidfuzz import fuzz

    padded = words(text)
    numbers = [index for word, index in ORDINALS.items() if f" {word} " in padded]
    if len(set(numbers)) == 1 and numbers[0] < len(candidates):
        return candidates[numbers[0]]
    scored = sorted(((fuzz.WRatio(text, c["name"].lower()), i) for i, c in enumerate(candidates)), reverse=True)
    if scored and scored[0][0] >= 85 and (len(scored) == 1 or scored[1][0] < scored[0][0] - 5):
        return candidates[scored[0][1]]
    return None


class ValidateReportForm(TypedTitles, ResetsMisses, FormValidationAction):
    def name(self) -> Text:
        return "validate_report_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        get = tracker.get_slot
        slots = ["report_route", "report_what", "report_when", "report_company"]
        if get("report_company_candidates") and not get("report_company_pick"):
            slots.append("report_company_pick")
        slots += ["report_role", "report_ground_consent"]
        if get("report_ground_consent") == "yes":
            slots.append("report_ground")
        if get("report_route") == "follow_up":
            if not school_code(tracker):
                slots.append("report_school")
            slots.append("report_contact_route")
            if get("report_contact_route") in ("email", "telefoon"):
                slots.append("report_contact_details")
        if get("report_confirm") == "edit":
            slots.append("report_edit")
        return slots + ["report_confirm"]

    def validate_report_route(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        padded = words(str(value or ""))
        if any(f" {w} " in padded for w in ("hulp", "opvolging", "contact", "school", "help")):
            return {"report_route": "follow_up"}
        if any(f" {w} " in padded for w in ("registreren", "anoniem", "alleen", "anonymous")):
            return {"report_route": "anonymous"}
        route = choose(str(value or ""), ROUTE_NUMBERS, ROUTE_TYPOS)
        if route:
            return {"report_route": route}
        return miss(dispatcher, tracker, "report_route", first="utter_typed_retry_report_route")

    def validate_report_what(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = slot_text(value, limit=4000)
        if len(text) < 3 or not any(ch.isalpha() for ch in text):
            dispatcher.utter_message(response="utter_report_what_again")
            return {"report_what": None}
        return {"report_what": text}

    def validate_report_when(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        from internships.dates import DateError, parse_incident_date

        text = str(value or "")
        if is_skip(text):
            return {"report_when": SKIP}
        try:
            date = parse_incident_date(text)
        except DateError as error:  # its message says what to type instead
            return miss(dispatcher, tracker, "report_when", first="utter_report_when_unclear", error=library_texts.said(tracker, error))
        return {"report_when": f"{date.precision}:{date.iso()}"}

    def validate_report_company(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        from internships.reports import match_company

        text = slot_text(value, limit=200)
        if is_skip(text) or not text:
            return {"report_company": SKIP, "report_company_candidates": None, "report_company_pick": None}
        try:
            found = match_company(app_db(), text)
        except Exception:  # matching is a help, not a must: keep what they typed
            logger.warning("company matching failed")
            found = []
        candidates = [{"id": c["id"], "name": c["name"], "place": c.get("place")} for c in found]
        return {"report_company": text, "report_company_candidates": candidates or None,
                "report_company_pick": None}

    def validate_report_company_pick(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = " ".join(str(value or "").split()).lower()
        candidates = tracker.get_slot("report_company_candidates") or []
        for candidate in candidates:
            if text in (str(candidate["id"]), candidate["name"].lower()):
                return {"report_company_pick": str(candidate["id"]), "report_company": candidate["name"]}
        if "geen van" in text or "ander bedrijf" in text or yes_no(tracker, text) is False:
            return {"report_company_pick": "none"}
        picked = pick_candidate(text, candidates)
        if picked is None and len(candidates) == 1 and yes_no(tracker, text):
            picked = candidates[0]
        if picked is not None:
            return {"report_company_pick": str(picked["id"]), "report_company": picked["name"]}
        return miss(dispatcher, tracker, "report_company_pick", first="utter_typed_retry_report_company_pick")

    def validate_report_role(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        role = parse_role(tracker, value)
        if role is None:
            return miss(dispatcher, tracker, "report_role", first="utter_typed_retry_report_role")
        return {"report_role": role}

    def validate_report_ground_consent(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        answer = yes_no(tracker, value)
        if answer is None:
            return miss(dispatcher, tracker, "report_ground_consent", first="utter_typed_retry_report_ground_consent")
        # No consent: a ground given earlier (before 'Aanpassen') must go too.
        return {"report_ground_consent": "yes" if answer else "no",
                **({} if answer else {"report_ground": None})}

    def validate_report_ground(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        from internships.reports import GROUND_LABELS

        text = " ".join(str(value or "").lower().split())
        ground = next((key for key, label in GROUND_LABELS.items() if text == label), None)
        ground = ground or first_match(text, GROUND_WORDS)
        ground = ground or choose(text, [(key, ()) for key, _ in GROUND_WORDS], dict(GROUND_WORDS))
        if ground is None:
            return miss(dispatcher, tracker, "report_ground", first="utter_typed_retry_report_ground")
        return {"report_ground": ground}

    def validate_report_school(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = slot_text(value, limit=100)
        if any(f" {w} " in words(text) for w in ("registreren", "anoniem")):
            return {"report_school": None, "report_route": "anonymous"}
        code = find_institution(app_db(), text)
        if code is None:
            return miss(dispatcher, tracker, "report_school", first="utter_report_school_not_found")
        return {"report_school": code}

    def validate_report_contact_route(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        from internships.reports import CONTACT_ROUTES

        text = " ".join(str(value or "").lower().split())
        route = next((key for key, label in CONTACT_ROUTES.items() if text == label.lower()), None)
        route = route or first_match(text, CONTACT_WORDS)
        route = route or choose(text, [(key, ()) for key, _ in CONTACT_WORDS], dict(CONTACT_WORDS[:-1]))
        if route is None:
            return {**miss(dispatcher, tracker, "report_contact_route", first="utter_typed_retry_report_contact_route"),
                    "report_contact_details": None}
        return {"report_contact_route": route, "report_contact_details": None}

    def validate_report_contact_details(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        from internships.reports import InvalidReport, ReportDraft, summary_lines

        details = slot_text(value, limit=200)
        draft = ReportDraft(route="follow_up", institution_code="x",
                            contact_route=tracker.get_slot("report_contact_route"), contact_details=details)
        try:
            summary_lines(draft)  # the library's own rules for e-mail addresses and phone numbers
        except InvalidReport as error:
            dispatcher.utter_message(response="utter_report_invalid", error=library_texts.said(tracker, error))
            return {"report_contact_details": None}
        return {"report_contact_details": details}

    def validate_report_edit(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = words(str(value or ""))
        for key, (label, slots) in EDIT_FIELDS.items():
            if f" {key} " in text or f" {label.lower()} " in text:
                return {**{slot: None for slot in slots}, "report_edit": None, "report_confirm": None}
        typo = choose(str(value or ""), [(key, ()) for key in EDIT_FIELDS],
                      {key: (key, *EDIT_FIELDS[key][0].lower().split()) for key in EDIT_FIELDS})
        if typo:
            return {**{slot: None for slot in EDIT_FIELDS[typo][1]}, "report_edit": None, "report_confirm": None}
        return miss(dispatcher, tracker, "report_edit", first="utter_typed_retry_report_edit")

    def validate_report_confirm(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        padded = words(str(value or ""))
        if " aanpassen " in padded or " wijzigen " in padded or " veranderen " in padded:
            return {"report_confirm": "edit"}
        if " opslaan " in padded or intent_of(tracker) == "affirm" or " ja " in padded:
            return {"report_confirm": "save"}
        typed = choose(str(value or ""), [("save", ()), ("edit", ())], CONFIRM_TYPOS)
        answer = yes_no(tracker, value)
        if typed or answer is not None:  # "klopt" saves, "nee" ("klopt niet") lets them change it
            return {"report_confirm": typed or ("save" if answer else "edit")}
        return miss(dispatcher, tracker, "report_confirm", first="utter_typed_retry_report_confirm")
