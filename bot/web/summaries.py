"""Build counsellor summaries of shared conversations from recorded facts and hand-offs.

Only conversations shared with the counsellor's school are ever read here
(``bot.facts.shared_conversations``). What a counsellor never sees of a shared
conversation (issue 14): anything of a discrimination report (``counsellor_events``
leaves out every turn from "ik wil discriminatie melden" to the end of the report flow,
every status or withdrawal turn, and every turn with a report code in it), and nothing
of an experiment (its facts, and the arm in other facts; ``HIDDEN_KINDS``). Fact kinds are rendered generically: known kinds
get a Dutch label, unknown kinds are shown by their name, so a new kind shows up in the
portal without a code change.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional

import sqlite_utils

import safetext
from bot import facts

__all__ = [
    "KIND_LABELS", "TOPIC_LABELS", "HANDOFF_STATUSES", "Summary", "shared_summaries",
    "summary_for", "summaries_csv", "payload_lines", "transcript_from_tracker",
    "counsellor_events", "HIDDEN_KINDS",
]

KIND_LABELS: Dict[str, str] = {
    "interests": "Interesses",
    "quiz_profile": "Uitslag keuzetest",
    "programmes_shown": "Getoonde opleidingen en kansen",
    "nudge_shown": "Kansrijk alternatief voorgesteld",
    "alternative_viewed": "Alternatief bekeken",
    "final_interest": "Waar de student voor kiest",
    "internship_search": "Stage gezocht",
}
TOPIC_OF_KIND = {
    "interests": "studiekeuze", "quiz_profile": "studiekeuze", "programmes_shown": "studiekeuze",
    "nudge_shown": "studiekeuze", "alternative_viewed": "studiekeuze",
    "final_interest": "studiekeuze", "internship_search": "stage",
}
TOPIC_LABELS = {"studiekeuze": "Studiekeuze", "stage": "Stage", "gesprek": "Gesprek gevraagd"}
HANDOFF_STATUSES = {"open": "Open", "opgepakt": "Opgepakt", "klaar": "Klaar"}
# Experiment facts, and the one that exists only in an experiment's no-offer arm: a
# counsellor must not learn who is in which arm (bot/experiments/outcomes.py).
HIDDEN_KINDS = frozenset({"experiment_arm", "experiment_opt_out", "nudge_withheld"})
HIDDEN_FIELDS = frozenset({"arm", "experiment"})
CONTACT_LABELS = {"school": "via de mentor", "zelf": "loopt zelf binnen"}
FIELD_LABELS = {
    "text": "", "name": "", "title": "", "crebo": "crebo", "prospects": "kansen",
    "programme": "opleiding", "programmes": "opleidingen", "place": "plaats",
    "postcode": "postcode", "radius_km": "straal (km)", "leerweg": "leerweg",
    "count": "aantal", "results": "resultaten", "domain": "domein", "level": "niveau",
    "niveau": "niveau", "profile": "profiel", "answers": "antwoorden",
}


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(
            f"{FIELD_LABELS.get(k, k)}: {_value(v)}" if FIELD_LABELS.get(k, k) else _value(v)
            for k, v in value.items() if v not in (None, "", [], {})
        )
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def payload_lines(payload: Any) -> List[str]:
    """A fact payload as short lines of text (never HTML; the template escapes them)."""
    if isinstance(payload, dict):
        lines = []
        for key, value in payload.items():
            if value in (None, "", [], {}):
                continue
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                lines.extend(_value(v) for v in value)
                continue
            label = FIELD_LABELS.get(key, key)
            lines.append(f"{label}: {_value(value)}" if label else _value(value))
        return lines or ["(geen details)"]
    if isinstance(payload, list):
        return [_value(v) for v in payload] or ["(geen details)"]
    return [_value(payload)]


@dataclass
class Summary:
    conversation_id: str
    school: str
    shared_at: str
    topics: List[str]
    items: List[Dict[str, Any]] = field(default_factory=list)   # label, kind, lines, at
    handoffs: List[Dict[str, Any]] = field(default_factory=list)

    @property
    def open_handoffs(self) -> int:
        return sum(1 for h in self.handoffs if h["status"] != "klaar")

    @property
    def status(self) -> str:
        if any(h["status"] == "open" for h in self.handoffs):
            return "Gesprek gevraagd: open"
        if any(h["status"] == "opgepakt" for h in self.handoffs):
            return "Gesprek gevraagd: opgepakt"
        return "Gedeeld"


def _build(db: sqlite_utils.Database, share: Dict[str, Any]) -> Summary:
    conversation = share["conversation_id"]
    recorded = [
        {**f, "payload": {k: v for k, v in f["payload"].items() if k not in HIDDEN_FIELDS}
         if isinstance(f["payload"], dict) else f["payload"]}
        for f in facts.facts_for(db, conversation) if f["kind"] not in HIDDEN_KINDS
    ]
    handoffs = facts.handoffs_for(db, conversation)
    topics: List[str] = []
    for fact in recorded:
        topic = TOPIC_OF_KIND.get(fact["kind"])
        if topic and topic not in topics:
            topics.append(topic)
    if handoffs:
        topics.append("gesprek")
    items = [
        {"kind": f["kind"], "label": KIND_LABELS.get(f["kind"], f["kind"]),
         "lines": payload_lines(f["payload"]), "at": f["created_at"]}
        for f in recorded
    ]
    for h in handoffs:
        items.append({
            "kind": "handoff", "label": "Wil praten over",
            "lines": [h["topic"] or "(geen onderwerp)",
                      f"contact: {CONTACT_LABELS.get(h['contact_route'], h['contact_route'] or '-')}",
                      f"code: {h['code']} ({HANDOFF_STATUSES.get(h['status'], h['status'])})"],
            "at": h["created_at"],
        })
    return Summary(conversation, share["school"], share["shared_at"], topics, items, handoffs)


def shared_summaries(
    db: sqlite_utils.Database,
    school: str,
    *,
    since: Optional[str] = None,
    until: Optional[str] = None,
    topic: Optional[str] = None,
    open_handoffs: bool = False,
) -> List[Summary]:
    """Summaries of the conversations shared with `school`, newest first, filtered."""
    result = []
    for share in facts.shared_conversations(db, school, since=since, until=until):
        summary = _build(db, share)
        if topic and topic not in summary.topics:
            continue
        if open_handoffs and not summary.open_handoffs:
            continue
        result.append(summary)
    return result


def summary_for(db: sqlite_utils.Database, school: str, conversation_id: str) -> Optional[Summary]:
    """One shared conversation of `school`, or None (also when shared with another school)."""
    share = facts.shared_conversation(db, school, conversation_id)
    return _build(db, share) if share else None


def summaries_csv(summaries: Iterable[Summary]) -> str:
    """CSV (semicolon, for Dutch spreadsheet settings) with one row per conversation."""
    out = io.StringIO()
    # Every cell, not only the free text: a spreadsheet runs any cell that looks like a formula.
    writer = safetext.writer(out, delimiter=";")
    writer.writerow(["gedeeld_op", "gesprek", "onderwerpen", "status", "samenvatting"])
    for s in summaries:
        text = " | ".join(f"{i['label']}: {'; '.join(i['lines'])}" for i in s.items)
        # The short label the portal shows ("Gesprek ab12cd34"), never the conversation id (issue 14, item 5).
        writer.writerow([
            s.shared_at, s.conversation_id[:8], ", ".join(TOPIC_LABELS.get(t, t) for t in s.topics),
            s.status, text,
        ])
    return out.getvalue()


# The report flow (domain/reporting.yml, data/rules/reporting.yml): its intents, its actions.
REPORT_INTENTS = frozenset({"report_discrimination", "report_status", "withdraw_report"})
REPORT_FORM = "report_form"
REPORT_ACTIONS = frozenset({
    "action_report_intro", REPORT_FORM, "validate_report_form", "action_submit_report",
    "action_report_stopped", "action_report_status", "action_ask_withdraw", "action_withdraw_report",
    "utter_withdraw_cancelled",
})


def _code_pattern() -> re.Pattern:
    from internships.reports import CODE_ALPHABET, CODE_LENGTHS

    letters = "".join(c for c in CODE_ALPHABET if c.isalpha())
    digits = "".join(c for c in CODE_ALPHABET if c.isdigit())
    shapes = "|".join(f"[{CODE_ALPHABET}]{{{n // 2}}}-?[{CODE_ALPHABET}]{{{n - n // 2}}}" for n in CODE_LENGTHS)
    # The tracker store writes "[meldcode]" where a code was: that turn was about a report too.
    return re.compile(
        rf"\[meldcode\]|(?<![\w-])(?=[{CODE_ALPHABET}-]*[{digits}])(?=[{CODE_ALPHABET}-]*[{letters}])"
        rf"(?:{shapes})(?![\w-])",
        re.IGNORECASE,
    )


_CODE = None


def _holds_code(text: str) -> bool:
    global _CODE
    if _CODE is None:
        _CODE = _code_pattern()
    return bool(_CODE.search(text))


def _is_report_event(event: Dict[str, Any]) -> bool:
    kind = event.get("event")
    if kind == "user":
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        return intent in REPORT_INTENTS or _holds_code(str(event.get("text") or ""))
    if kind == "bot":
        return _holds_code(str(event.get("text") or ""))
    if kind == "action":
        name = str(event.get("name") or "")
        return name in REPORT_ACTIONS or name.startswith("action_ask_report_")
    if kind == "active_loop":
        return event.get("name") == REPORT_FORM
    return False


def counsellor_events(events: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """The tracker events a counsellor may see: every turn of a discrimination report left out.

    A turn is a student message and everything up to the next one. A turn goes when the
    report form is active in it, when the student asked to report, for a status or to
    withdraw, when a report action ran in it, or when any message in it holds a report
    code. So the report's answers, its summary, the confirmation with the code, and any
    look-up by code never reach the counsellor; the turns before and after stay.
    """
    kept: List[Dict[str, Any]] = []
    turn: List[Dict[str, Any]] = []
    in_form = hide = False
    for event in events:
        if event.get("event") == "user":
            if not hide:
                kept.extend(turn)
            turn, hide = [], in_form
        turn.append(event)
        if event.get("event") == "active_loop":
            in_form = event.get("name") == REPORT_FORM
        hide = hide or in_form or _is_report_event(event)
    if not hide:
        kept.extend(turn)
    return kept


def transcript_from_tracker(tracker: Dict[str, Any]) -> List[Dict[str, str]]:
    """User and bot turns of a Rasa tracker as {who, text, at} for display, without report turns."""
    lines = []
    for event in counsellor_events(tracker.get("events") or []):
        kind = event.get("event")
        if kind not in ("user", "bot"):
            continue
        # Rasa stores what the channel received; a counsellor reads it without control or
        # bidi-override characters (safetext.clean_text), as everything else typed.
        text = safetext.clean_text(event.get("text") or "")
        if kind == "user" and text.startswith("/"):
            text = f"(knop: {text[1:]})"
        buttons = (event.get("data") or {}).get("buttons") or []
        if kind == "bot" and buttons:
            text += "\n[" + " | ".join(str(b.get("title", "")) for b in buttons) + "]"
        if not text:
            continue
        stamp = event.get("timestamp")
        at = (datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%d %H:%M")
              if isinstance(stamp, (int, float)) else "")
        lines.append({"who": "Student" if kind == "user" else "Kansrijk", "text": text, "at": at})
    return lines

