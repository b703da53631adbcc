"""Build counsellor summaries of shared conversations from recorded facts and hand-offs.

Only conversations shared with the counsellor's school are ever read here
(``bot.facts.shared_conversations``). Fact kinds are rendered generically: known kinds
get a Dutch label, unknown kinds are shown by their name, so a new kind shows up in the
portal without a code change.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional

import sqlite_utils

from bot import facts

__all__ = [
    "KIND_LABELS", "TOPIC_LABELS", "HANDOFF_STATUSES", "Summary", "shared_summaries",
    "summary_for", "summaries_csv", "payload_lines", "transcript_from_tracker",
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
    recorded = facts.facts_for(db, conversation)
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
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["gedeeld_op", "gesprek", "onderwerpen", "status", "samenvatting"])
    for s in summaries:
        text = " | ".join(f"{i['label']}: {'; '.join(i['lines'])}" for i in s.items)
        writer.writerow([
            s.shared_at, s.conversation_id, ", ".join(TOPIC_LABELS.get(t, t) for t in s.topics),
            s.status, _csv_safe(text),
        ])
    return out.getvalue()


def _csv_safe(text: str) -> str:
    # Spreadsheet programs run cells that start with these as formulas (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def transcript_from_tracker(tracker: Dict[str, Any]) -> List[Dict[str, str]]:
    """User and bot turns of a Rasa tracker as {who, text, at} for display."""
    lines = []
    for event in tracker.get("events") or []:
        kind = event.get("event")
        if kind not in ("user", "bot"):
            continue
        text = event.get("text") or ""
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

