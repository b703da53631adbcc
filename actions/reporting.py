"""Report internship discrimination: the draft the slots describe, and saving it (issue 6).

The report is stored by ``internships.reports`` only; nothing of it goes into
conversation facts, and nothing about a report is logged.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import texts
from actions.common import app_db, school_code

logger = logging.getLogger(__name__)

SKIP = "-"  # a question the student chose not to answer: filled, but stored as empty
FORM_SLOTS = [
    "report_route", "report_what", "report_when", "report_company", "report_company_pick",
    "report_role", "report_ground_consent", "report_ground", "report_school",
    "report_contact_route", "report_contact_details", "report_edit", "report_confirm",
]
REPORT_SLOTS = FORM_SLOTS + ["report_company_candidates"]


def real(value: Any) -> Optional[str]:
    return None if value in (None, "", SKIP, "none") else str(value)


def draft_from(tracker: Tracker, db=None):
    """The ReportDraft the slots describe; what the summary shows is what gets stored."""
    from internships.register import institution_name
    from internships.reports import GROUNDS, IncidentDate, ReportDraft

    get = tracker.get_slot
    route = get("report_route") if get("report_route") in ("anonymous", "follow_up") else "anonymous"
    follow_up = route == "follow_up"
    incident = None
    when = real(get("report_when"))
    if when and ":" in when:
        precision, iso = when.split(":", 1)
        incident = IncidentDate.from_iso(iso, precision)
    pick = real(get("report_company_pick"))
    consent = get("report_ground_consent") == "yes"
    ground = get("report_ground") if consent and get("report_ground") in GROUNDS else None
    school = school_code(tracker) or (real(get("report_school")) if follow_up else None)
    contact = real(get("report_contact_route")) if follow_up else None
    return ReportDraft(
        what_happened=real(get("report_what")),
        route=route,
        incident_date=incident,
        leerbedrijf_id=int(pick) if pick and pick.isdigit() else None,
        company_name=real(get("report_company")),
        role=get("report_role") if get("report_role") in ("self", "witness") else None,
        ground=ground,
        ground_consent=consent,
        institution_code=school,
        institution_name=institution_name(db, school) if db is not None else None,
        # Stored only for follow-up reports; for an anonymous one the library keeps only a
        # keyed hash per company, so one conversation counts once in the company counts.
        conversation_id=tracker.sender_id,
        contact_route=contact,
        contact_details=real(get("report_contact_details")) if contact in ("email", "telefoon") else None,
    )


class ActionReportIntro(Action):
    def name(self) -> Text:
        return "action_report_intro"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        # Slots still filled: a save failed or the report was interrupted. Nothing is lost.
        dispatcher.utter_message(response="utter_report_intro_again" if tracker.get_slot("report_what")
                                 else "utter_report_intro")
        return []


class SchoolRefused(Exception):
    """bot.schools refused a follow-up report; ``response`` says why to the student."""

    def __init__(self, response: str):
        super().__init__(response)
        self.response = response


def file_report(db, draft, conversation_id: str, submit) -> str:
    """``submit(db, draft)``; a follow-up report only to a registered, active school under its limits."""
    from bot import schools

    if draft.route != "follow_up":
        return submit(db, draft)
    try:
        with schools.admit(db, draft.institution_code, conversation_id, "follow_up_report"):
            return submit(db, draft)
    except schools.RateLimited:
        raise SchoolRefused("utter_report_limited") from None
    except schools.SchoolError:
        raise SchoolRefused("utter_report_school_unknown") from None


class ActionSubmitReport(Action):
    """Save the report; the code is shown only after the library returned it (after COMMIT)."""

    def name(self) -> Text:
        return "action_submit_report"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        from internships.reports import ReportError, submit_report

        try:
            db = app_db()
            draft = draft_from(tracker, db)
            code = file_report(db, draft, tracker.sender_id, submit_report)
        except SchoolRefused as refusal:  # nothing stored; the answers stay for "anoniem"
            dispatcher.utter_message(response=refusal.response)
            return [SlotSet("report_confirm", None)]
        except Exception as error:  # every failure: no confirmation, keep the answers for a retry
            logger.warning("report not saved: %s", type(error).__name__)  # never the content
            # The library's message is Dutch; another language says it in its own words.
            reason = str(error) if isinstance(error, ReportError) else texts.fragment(tracker, "report_failed_reason")
            dispatcher.utter_message(response="utter_report_failed", reason=reason)
            return [SlotSet("report_confirm", None)]
        saved = "utter_report_saved_follow_up" if draft.route == "follow_up" else "utter_report_saved_anonymous"
        dispatcher.utter_message(response=saved, code=code)
        dispatcher.utter_message(response="utter_report_internship_offer")
        return [SlotSet(slot, None) for slot in REPORT_SLOTS] + [SlotSet("prefer_inclusive", True)]


class ActionReportStopped(Action):
    def name(self) -> Text:
        return "action_report_stopped"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_report_stopped")
        return [SlotSet(slot, None) for slot in REPORT_SLOTS]
