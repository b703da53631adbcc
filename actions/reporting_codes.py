"""A report's code: show its status, or withdraw it after the student confirms.

Look-ups go through ``internships.reports.lookup_status`` and ``withdrawal_ticket``, which
throttle codes that do not exist (per conversation and in total). Between "trek mijn
melding in <code>" and "ja" the slot ``report_pending_code`` holds a one-time withdrawal
ticket, never the code: the tracker store scrubs every code from the stored events
(``bot/rasa_ext/tracker_store.py``), and the ticket still works on the next turn.
"""
from __future__ import annotations

import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import texts
from actions.common import app_db, latest_text

logger = logging.getLogger(__name__)

_CODE_CHARS = "A-HJ-NP-Z2-9"
# New codes have 10 characters; reports made before 2026-12-02 have 8 (internships.reports.CODE_LENGTHS).
_CODE_TOKEN = re.compile(
    rf"(?i)(?<![\w-])(?:[{_CODE_CHARS}]{{5}}-?[{_CODE_CHARS}]{{5}}|[{_CODE_CHARS}]{{4}}-?[{_CODE_CHARS}]{{4}})(?![\w-])"
)


def report_code(tracker: Tracker) -> Optional[str]:
    """The code in the latest message: the NLU entity, else a 10- or 8-character token from the code alphabet.

    The fallback matters: the NLU regex needs a digit and a letter, but a code may be all letters.
    """
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == "report_code" and entity.get("value"):
            return str(entity["value"]).upper()
    tokens = _CODE_TOKEN.findall(latest_text(tracker))
    # Prefer what looks typed as a code (capitals or digits) over an ordinary 8-letter word.
    tokens.sort(key=lambda t: not (t.isupper() or any(ch.isdigit() for ch in t)))
    return tokens[0].replace("-", "").upper() if tokens else None


def throttled(dispatcher: CollectingDispatcher, error) -> None:
    """Say why no look-up was done, and when to try again."""
    response = "utter_report_lookup_throttled" if error.scope == "conversation" else "utter_report_lookups_paused"
    dispatcher.utter_message(response=response, minutes=error.minutes)


class ActionReportStatus(Action):
    def name(self) -> Text:
        return "action_report_status"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        from internships.reports import LookupThrottled, UnknownReportCode, lookup_status, status_name, status_text

        code = report_code(tracker)
        if code is None:
            dispatcher.utter_message(response="utter_report_ask_code_status")
            return []
        try:
            status = lookup_status(app_db(), code, tracker.sender_id)
        except UnknownReportCode as error:
            dispatcher.utter_message(response="utter_report_code_unknown", error=str(error))
            return []
        except LookupThrottled as error:
            throttled(dispatcher, error)
            return []
        except Exception as error:
            logger.warning("report status failed: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_report_lookup_failed")
            return []
        words = texts.library(texts.language(tracker), "report")
        names, meanings = words.get("statuses"), words.get("status_texts")
        steps = ", ".join(f"{change.on}: {status_name(change.status, names)}" for change in status.history)
        dispatcher.utter_message(response="utter_report_status", code=status.code,
                                 status=status_name(status.status, names),
                                 status_text=status_text(status.status, meanings), steps=steps)
        return []


class ActionAskWithdraw(Action):
    """Find the report and ask 'are you sure?' before anything is deleted; keep a ticket, not the code."""

    def name(self) -> Text:
        return "action_ask_withdraw"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        from internships.reports import LookupThrottled, UnknownReportCode, withdrawal_ticket

        code = report_code(tracker)
        if code is None:
            dispatcher.utter_message(response="utter_report_ask_code_withdraw")
            return [SlotSet("report_pending_code", None)]
        try:
            ticket = withdrawal_ticket(app_db(), code, tracker.sender_id)
        except UnknownReportCode as error:
            dispatcher.utter_message(response="utter_report_code_unknown", error=str(error))
            return [SlotSet("report_pending_code", None)]
        except LookupThrottled as error:
            throttled(dispatcher, error)
            return [SlotSet("report_pending_code", None)]
        dispatcher.utter_message(response="utter_withdraw_confirm", code=code)
        return [SlotSet("report_pending_code", ticket)]


class ActionWithdrawReport(Action):
    def name(self) -> Text:
        return "action_withdraw_report"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        from internships.reports import ReportError, UnknownReportCode, withdraw_by_ticket

        ticket = tracker.get_slot("report_pending_code")
        if not ticket:
            dispatcher.utter_message(response="utter_report_ask_code_withdraw")
            return []
        try:
            withdraw_by_ticket(app_db(), ticket)
        except UnknownReportCode:  # the ticket expired or was used: ask for the code again
            dispatcher.utter_message(response="utter_withdraw_expired")
            return [SlotSet("report_pending_code", None)]
        except ReportError as error:  # the database failed: say so, keep nothing pending
            dispatcher.utter_message(response="utter_withdraw_error", error=str(error))
            return [SlotSet("report_pending_code", None)]
        except Exception as error:
            logger.warning("withdraw failed: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_withdraw_failed")
            return [SlotSet("report_pending_code", None)]
        dispatcher.utter_message(response="utter_withdrawn")
        return [SlotSet("report_pending_code", None)]
