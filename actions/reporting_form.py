"""Validate the report form's answers and decide which questions apply (issue 6)."""
from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import app_db, school_code, slot_text
from actions.reporting import SKIP

logger = logging.getLogger(__name__)

SKIP_WORDS = ("weet ik niet", "weet niet", "geen idee", "weet ik niet meer", "liever niet", "sla over", "overslaan")
ROLE_WORDS = {
    "witness": ("zag", "getuige", "iemand anders", "ander", "vriend", "klasgenoot", "collega"),
    "self": ("mij", "mezelf", "zelf", "ik", "me", "overkwam"),
}
GROUND_WORDS = [  # checked in this order; the first hit wins
    ("zeg_ik_liever_niet", ("liever niet", "zeg ik niet", "wil ik niet zeggen")),
    ("religie_hoofddoek", ("geloof", "religie", "hoofddoek", "moslim", "islam", "ramadan", "kerk", "joods", "christen")),
    ("huidskleur", ("huidskleur", "kleur", "zwart", "donker")),
    ("naam_afkomst", ("naam", "achternaam", "afkomst", "accent", "buitenland", "cultuur", "land", "taal")),
    ("beperking", ("beperking", "ziekte", "ziek", "rolstoel", "adhd", "autisme", "dyslexie")),
    ("gender", ("gender", "jongen", "meisje", "vrouw", "man", "homo", "lhbt", "trans")),
    ("leeftijd", ("leeftijd", "te jong", "te oud", "jaar oud")),
    ("anders", ("anders", "iets anders", "overig")),
]
CONTACT_WORDS = [
    ("email", ("mail",)),
    ("telefoon", ("telefoon", "bellen", "bel", "whatsapp", "sms", "nummer")),
    ("mentor", ("mentor", "begeleider", "slb")),
    ("zelf_langskomen", ("langs", "zelf", "binnen")),
    (SKIP, ("geen contact", "niet", "geen")),
]
# "Aanpassen": which answer to ask again, and the answers that depend on it.
EDIT_FIELDS = {
    "wat": ("Wat er gebeurde", ["report_what"]),
    "wanneer": ("Wanneer", ["report_when"]),
    "bedrijf": ("Bedrijf", ["report_company", "report_company_pick", "report_company_candidates"]),
    "wie": ("Jij of getuige", ["report_role"]),
    "reden": ("Reden", ["report_ground_consent", "report_ground"]),
    "hulp": ("Hulp of alleen registreren",
             ["report_route", "report_school", "report_contact_route", "report_contact_details"]),
    "contact": ("Contact", ["report_contact_route", "report_contact_details"]),
}


def words(text: str) -> str:
    """Lowercase, punctuation to spaces, padded: so ' ik ' matches the word only."""
    return " " + " ".join(re.sub(r"[^\w@.+-]+", " ", text.lower()).split()) + " "


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
    """True/False from the affirm/deny buttons or plain 'ja'/'nee'."""
    intent = intent_of(tracker)
    if intent in ("affirm", "deny"):
        return intent == "affirm"
    padded = words(str(value or ""))
    if any(f" {w} " in padded for w in ("nee", "niet", "no", "liever niet", "nope")):
        return False
    if any(f" {w} " in padded for w in ("ja", "oke", "oké", "ok", "prima", "mag", "goed", "yes")):
        return True
    return None


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


class ValidateReportForm(FormValidationAction):
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
        dispatcher.utter_message(text="Kies een van de twee knoppen. Weet je het niet? Kies dan 'alleen registreren'.")
        return {"report_route": None}

    def validate_report_what(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = slot_text(value, limit=4000)
        if len(text) < 3 or not any(ch.isalpha() for ch in text):
            dispatcher.utter_message(text="Vertel in een paar woorden wat er gebeurde.")
            return {"report_what": None}
        return {"report_what": text}

    def validate_report_when(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        from internships.dates import DateError, parse_incident_date

        text = str(value or "")
        if is_skip(text):
            return {"report_when": SKIP}
        try:
            date = parse_incident_date(text)
        except DateError as error:
            dispatcher.utter_message(text=str(error))  # says what to type instead
            return {"report_when": None}
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
        for candidate in tracker.get_slot("report_company_candidates") or []:
            if text in (str(candidate["id"]), candidate["name"].lower()):
                return {"report_company_pick": str(candidate["id"]), "report_company": candidate["name"]}
        if "geen van" in text or yes_no(tracker, text) is False:
            return {"report_company_pick": "none"}
        dispatcher.utter_message(text="Kies een van de knoppen.")
        return {"report_company_pick": None}

    def validate_report_role(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        role = first_match(str(value or ""), list(ROLE_WORDS.items()))
        if role is None:
            dispatcher.utter_message(text="Kies een van de knoppen.")
        return {"report_role": role}

    def validate_report_ground_consent(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        answer = yes_no(tracker, value)
        if answer is None:
            dispatcher.utter_message(text="Kies 'ja' of 'nee'. Nee is ook goed.")
            return {"report_ground_consent": None}
        # No consent: a ground given earlier (before 'Aanpassen') must go too.
        return {"report_ground_consent": "yes" if answer else "no",
                **({} if answer else {"report_ground": None})}

    def validate_report_ground(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        from internships.reports import GROUND_LABELS

        text = " ".join(str(value or "").lower().split())
        ground = next((key for key, label in GROUND_LABELS.items() if text == label), None)
        ground = ground or first_match(text, GROUND_WORDS)
        if ground is None:
            dispatcher.utter_message(text="Kies een van de knoppen. 'Iets anders' of 'zeg ik liever niet' mag ook.")
        return {"report_ground": ground}

    def validate_report_school(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = slot_text(value, limit=100)
        if any(f" {w} " in words(text) for w in ("registreren", "anoniem")):
            return {"report_school": None, "report_route": "anonymous"}
        code = find_institution(app_db(), text)
        if code is None:
            dispatcher.utter_message(
                text="Die school vind ik niet. Typ de naam van je school, of kies 'alleen registreren'."
            )
        return {"report_school": code}

    def validate_report_contact_route(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        from internships.reports import CONTACT_ROUTES

        text = " ".join(str(value or "").lower().split())
        route = next((key for key, label in CONTACT_ROUTES.items() if text == label.lower()), None)
        route = route or first_match(text, CONTACT_WORDS)
        if route is None:
            dispatcher.utter_message(text="Kies een van de knoppen.")
        return {"report_contact_route": route, "report_contact_details": None}

    def validate_report_contact_details(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        from internships.reports import InvalidReport, ReportDraft, summary_lines

        details = slot_text(value, limit=200)
        draft = ReportDraft(route="follow_up", institution_code="x",
                            contact_route=tracker.get_slot("report_contact_route"), contact_details=details)
        try:
            summary_lines(draft)  # the library's own rules for e-mail addresses and phone numbers
        except InvalidReport as error:
            dispatcher.utter_message(text=str(error))
            return {"report_contact_details": None}
        return {"report_contact_details": details}

    def validate_report_edit(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        text = words(str(value or ""))
        for key, (label, slots) in EDIT_FIELDS.items():
            if f" {key} " in text or f" {label.lower()} " in text:
                return {**{slot: None for slot in slots}, "report_edit": None, "report_confirm": None}
        dispatcher.utter_message(text="Kies een van de knoppen.")
        return {"report_edit": None}

    def validate_report_confirm(self, value, dispatcher, tracker, domain) -> Dict[Text, Any]:
        padded = words(str(value or ""))
        if " aanpassen " in padded or " wijzigen " in padded or " veranderen " in padded:
            return {"report_confirm": "edit"}
        if " opslaan " in padded or intent_of(tracker) == "affirm" or " ja " in padded:
            return {"report_confirm": "save"}
        dispatcher.utter_message(text="Kies 'Opslaan', 'Aanpassen' of 'Stoppen'.")
        return {"report_confirm": None}
