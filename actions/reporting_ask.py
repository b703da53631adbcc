"""The questions of the report form: one action_ask_<slot> per question (B1 Dutch)."""
from __future__ import annotations

import types
from abc import ABCMeta, abstractmethod
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.buttons import button, reply
from actions.common import app_db
from actions.reporting import draft_from
from actions.reporting_form import EDIT_FIELDS

Buttons = Optional[List[Dict[str, str]]]


def ask_route(tracker: Tracker) -> Tuple[str, Buttons]:
    return (
        "Je kunt kiezen uit twee manieren:\n"
        "1. Alleen registreren. Je melding is anoniem en telt mee in de cijfers. "
        "Niemand neemt contact op met jou of met het bedrijf.\n"
        "2. Hulp vragen. Het stagebureau van je school helpt je verder, samen met het Meldpunt "
        "Stagediscriminatie van SBB of een antidiscriminatiebureau in je regio. "
        "Dat gebeurt alleen als jij het goed vindt, en op de manier die jij kiest.\n"
        "Wat wil je?",
        [reply("Alleen registreren (anoniem)", "alleen registreren"), reply("Hulp vragen aan school", "hulp vragen")],
    )


def ask_what(tracker: Tracker) -> Tuple[str, Buttons]:
    return "Vertel in je eigen woorden wat er gebeurde. Namen van mensen hoef je niet te noemen.", None


def ask_when(tracker: Tracker) -> Tuple[str, Buttons]:
    return (
        "Wanneer gebeurde het? Bijvoorbeeld 'vorige week', 'in maart' of '12 maart'. "
        "Weet je het niet precies? Een maand is ook goed.",
        [reply("Weet ik niet", "weet ik niet")],
    )


def ask_company(tracker: Tracker) -> Tuple[str, Buttons]:
    return (
        "Bij welk bedrijf gebeurde het? Typ de naam van het bedrijf.",
        [reply("Zeg ik liever niet", "liever niet")],
    )


def ask_company_pick(tracker: Tracker) -> Tuple[str, Buttons]:
    candidates = tracker.get_slot("report_company_candidates") or []
    buttons = [
        reply(f"{c['name']} ({c['place']})" if c.get("place") else c["name"], str(c["id"])) for c in candidates
    ]
    return "Ik vond deze bedrijven. Bedoel je een van deze?", buttons + [button("Nee, een ander bedrijf", "deny")]


def ask_role(tracker: Tracker) -> Tuple[str, Buttons]:
    return (
        "Overkwam het jou, of zag je het bij iemand anders?",
        [reply("Het overkwam mij"), reply("Ik zag het bij iemand anders")],
    )


def ask_ground_consent(tracker: Tracker) -> Tuple[str, Buttons]:
    return (
        "Nog een vraag over de reden, bijvoorbeeld je naam, geloof of huidskleur. "
        "Die helpt om te zien waar en waarom discriminatie gebeurt. "
        "Het is wel gevoelige informatie. Daarom bewaren we de reden alleen als jij 'ja' zegt. "
        "Zeg je 'nee'? Dan telt je melding net zo goed mee.\n"
        "Mogen we de reden bewaren?",
        [button("Ja, dat mag", "affirm"), button("Nee, liever niet", "deny")],
    )


def ask_ground(tracker: Tracker) -> Tuple[str, Buttons]:
    from internships.reports import GROUND_LABELS

    return (
        "Waardoor denk je dat het gebeurde?",
        [reply(label[0].upper() + label[1:], label) for label in GROUND_LABELS.values()],
    )


def ask_school(tracker: Tracker) -> Tuple[str, Buttons]:
    from internships.register import institution_names

    schools: List[Dict[str, str]] = []
    rows = institution_names(app_db())
    if len(rows) <= 8:  # a short list fits on buttons; otherwise the student types the name
        schools = [reply(name or code, code) for code, name in rows]
    return (
        "Voor hulp moet ik weten op welke school je zit. Alleen het stagebureau van die school ziet je melding. "
        "Typ de naam van je school. Wil je dat liever niet? Kies dan 'alleen registreren'.",
        schools + [reply("Toch alleen registreren", "alleen registreren")],
    )


def ask_contact_route(tracker: Tracker) -> Tuple[str, Buttons]:
    from internships.reports import CONTACT_ROUTES

    return (
        "Hoe mag het stagebureau contact met je opnemen?",
        [reply(label[0].upper() + label[1:], label) for label in CONTACT_ROUTES.values()]
        + [reply("Geen contact, ik kijk zelf met mijn code", "geen contact")],
    )


def ask_contact_details(tracker: Tracker) -> Tuple[str, Buttons]:
    what = "e-mailadres" if tracker.get_slot("report_contact_route") == "email" else "telefoonnummer"
    return f"Wat is je {what}? Alleen het stagebureau van je school ziet het.", None


def ask_edit(tracker: Tracker) -> Tuple[str, Buttons]:
    keys = [k for k in EDIT_FIELDS if k != "contact" or tracker.get_slot("report_route") == "follow_up"]
    return "Wat wil je aanpassen?", [reply(EDIT_FIELDS[k][0]) for k in keys]


def ask_confirm(tracker: Tracker) -> Tuple[str, Buttons]:
    from internships.reports import InvalidReport, summary_lines

    choices = [reply("Opslaan"), reply("Aanpassen"), button("Stoppen", "stop")]
    try:
        lines = summary_lines(draft_from(tracker, app_db()))
    except InvalidReport as error:
        return f"{error}\nKies 'Aanpassen' om het te veranderen.", choices[1:]
    return "\n".join(lines) + "\n\nKlopt dit? Kies 'Opslaan' om je melding te bewaren.", choices


QUESTIONS: Dict[str, Callable[[Tracker], Tuple[str, Buttons]]] = {
    "report_route": ask_route,
    "report_what": ask_what,
    "report_when": ask_when,
    "report_company": ask_company,
    "report_company_pick": ask_company_pick,
    "report_role": ask_role,
    "report_ground_consent": ask_ground_consent,
    "report_ground": ask_ground,
    "report_school": ask_school,
    "report_contact_route": ask_contact_route,
    "report_contact_details": ask_contact_details,
    "report_edit": ask_edit,
    "report_confirm": ask_confirm,
}


class _Ask(Action, metaclass=ABCMeta):
    """Abstract (the executor skips it); one subclass per question below."""

    @property
    @abstractmethod
    def slot(self) -> str:
        """The slot this action asks for."""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        text, buttons = QUESTIONS[self.slot](tracker)
        dispatcher.utter_message(text=text, buttons=buttons or [])
        return []


def _ask_class(slot: str) -> type:
    name = f"ActionAsk_{slot}"
    return types.new_class(name, (_Ask,), exec_body=lambda ns: ns.update(
        slot=slot, __module__=__name__, __qualname__=name))


# Module-level names: the executor registers every concrete Action subclass, and
# Sanic pickles them by qualified name when it starts its worker process.
ASK_ACTIONS = {slot: _ask_class(slot) for slot in QUESTIONS}
globals().update({cls.__name__: cls for cls in ASK_ACTIONS.values()})
