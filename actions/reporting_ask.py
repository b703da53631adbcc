"""The questions of the report form: one action_ask_<slot> per question (texts/<language>.yml)."""
from __future__ import annotations

import types
from abc import ABCMeta, abstractmethod
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import library_texts, texts
from actions.buttons import button, reply
from actions.common import app_db
from actions.reporting import draft_from
from actions.reporting_form import EDIT_FIELDS

Buttons = Optional[List[Dict[str, str]]]
# A question: its response, the buttons the action adds (titles from texts/<language>.yml,
# payloads the Dutch words the form reads), and the response's variables.
Question = Tuple[str, Buttons, Dict[str, Any]]


def ask_route(tracker: Tracker) -> Question:
    return "utter_report_ask_route", None, {}


def ask_what(tracker: Tracker) -> Question:
    return "utter_report_ask_what", None, {}


def ask_when(tracker: Tracker) -> Question:
    return "utter_report_ask_when", None, {}


def ask_company(tracker: Tracker) -> Question:
    return "utter_report_ask_company", None, {}


def ask_company_pick(tracker: Tracker) -> Question:
    candidates = tracker.get_slot("report_company_candidates") or []
    buttons = [
        reply(f"{c['name']} ({c['place']})" if c.get("place") else c["name"], str(c["id"])) for c in candidates
    ]
    return "utter_report_ask_company_pick", buttons + [button(texts.fragment(tracker, "report_company_other"), "deny")], {}


def ask_role(tracker: Tracker) -> Question:
    return "utter_report_ask_role", None, {}


def ask_ground_consent(tracker: Tracker) -> Question:
    return "utter_report_ask_ground_consent", None, {}


def ask_ground(tracker: Tracker) -> Question:
    from internships.reports import GROUND_LABELS

    return "utter_report_ask_ground", [
        reply(texts.fragment(tracker, f"ground_{key}"), label) for key, label in GROUND_LABELS.items()
    ], {}


def ask_school(tracker: Tracker) -> Question:
    from internships.register import institution_names

    schools: List[Dict[str, str]] = []
    rows = institution_names(app_db())
    if len(rows) <= 8:  # a short list fits on buttons; otherwise the student types the name
        schools = [reply(name or code, code) for code, name in rows]
    return "utter_report_ask_school", schools + [
        reply(texts.fragment(tracker, "report_school_anonymous"), "alleen registreren")], {}


def ask_contact_route(tracker: Tracker) -> Question:
    from internships.reports import CONTACT_ROUTES

    return "utter_report_ask_contact_route", [
        reply(texts.fragment(tracker, f"contact_{key}"), label) for key, label in CONTACT_ROUTES.items()
    ] + [reply(texts.fragment(tracker, "report_no_contact"), "geen contact")], {}


def ask_contact_details(tracker: Tracker) -> Question:
    email = tracker.get_slot("report_contact_route") == "email"
    return ("utter_report_ask_contact_email" if email else "utter_report_ask_contact_phone"), None, {}


def ask_edit(tracker: Tracker) -> Question:
    keys = [k for k in EDIT_FIELDS if k != "contact" or tracker.get_slot("report_route") == "follow_up"]
    return "utter_report_ask_edit", [reply(texts.fragment(tracker, f"edit_{k}"), k) for k in keys], {}


def ask_confirm(tracker: Tracker) -> Question:
    from internships.reports import InvalidReport, summary_lines

    t = texts.fragment
    choices = [reply(t(tracker, "report_save"), "opslaan"), reply(t(tracker, "report_edit"), "aanpassen"),
               button(t(tracker, "report_stop"), "stop")]
    try:
        # The summary is what is stored, in the student's language (internships.reports).
        lines = summary_lines(draft_from(tracker, app_db()), translation=library_texts.report_translation(texts.language(tracker)))
    except InvalidReport as error:
        return "utter_report_ask_confirm_invalid", choices[1:], {"error": library_texts.said(tracker, error)}
    return "utter_report_ask_confirm", choices, {"summary": "\n".join(lines)}


QUESTIONS: Dict[str, Callable[[Tracker], Question]] = {
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
        response, buttons, variables = QUESTIONS[self.slot](tracker)
        dispatcher.utter_message(response=response, buttons=buttons or [], **variables)
        return []


def _ask_class(slot: str) -> type:
    name = f"ActionAsk_{slot}"
    return types.new_class(name, (_Ask,), exec_body=lambda ns: ns.update(
        slot=slot, __module__=__name__, __qualname__=name))


# Module-level names: the executor registers every concrete Action subclass, and
# Sanic pickles them by qualified name when it starts its worker process.
ASK_ACTIONS = {slot: _ask_class(slot) for slot in QUESTIONS}
globals().update({cls.__name__: cls for cls in ASK_ACTIONS.values()})
