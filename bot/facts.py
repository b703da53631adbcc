"""Record and read structured facts about a conversation, and forget them on request.

Facts are the material for counsellor summaries and for measuring whether the
study-choice nudge works. They hold only what the student typed or chose, never
names or other identifying details.
"""
from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional

import sqlite_utils

__all__ = [
    "record_fact",
    "facts_for",
    "create_handoff",
    "handoffs_for",
    "share_with_school",
    "forget_conversation",
    "purge_older_than",
]

HANDOFF_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def record_fact(
    db: sqlite_utils.Database, conversation_id: str, kind: str, payload: Dict[str, Any]
) -> None:
    """Store one fact (kind + JSON payload) for a conversation."""
    db["facts"].insert(
        {
            "conversation_id": conversation_id,
            "kind": kind,
            "payload": json.dumps(payload, ensure_ascii=False),
            "created_at": _now(),
        }
    )


def facts_for(
    db: sqlite_utils.Database, conversation_id: str, kind: Optional[str] = None
) -> List[Dict[str, Any]]:
    """All facts of a conversation in the order they were recorded."""
    where, params = "conversation_id = ?", [conversation_id]
    if kind:
        where += " and kind = ?"
        params.append(kind)
    rows = db["facts"].rows_where(where, params, order_by="id")
    return [{**row, "payload": json.loads(row["payload"])} for row in rows]


def create_handoff(
    db: sqlite_utils.Database,
    conversation_id: str,
    topic: str,
    contact_route: str,
    school: Optional[str] = None,
) -> str:
    """Record a request to talk to a counsellor; returns the code the student keeps."""
    while True:
        code = "".join(secrets.choice(HANDOFF_CODE_ALPHABET) for _ in range(6))
        try:
            db["handoffs"].insert(
                {
                    "code": code,
                    "conversation_id": conversation_id,
                    "school": school,
                    "topic": topic,
                    "contact_route": contact_route,
                    "status": "open",
                    "created_at": _now(),
                    "updated_at": _now(),
                }
            )
            return code
        except sqlite_utils.db.IntegrityError:
            continue


def handoffs_for(db: sqlite_utils.Database, conversation_id: str) -> List[Dict[str, Any]]:
    return list(db["handoffs"].rows_where("conversation_id = ?", [conversation_id]))


def share_with_school(db: sqlite_utils.Database, conversation_id: str, school: str) -> None:
    """Let the school's counsellors see this conversation's summary (the student said yes)."""
    db["shares"].upsert(
        {"conversation_id": conversation_id, "school": school, "shared_at": _now()},
        pk="conversation_id",
    )


def forget_conversation(db: sqlite_utils.Database, conversation_id: str) -> int:
    """Delete every fact, hand-off and share of a conversation; returns rows deleted."""
    deleted = 0
    with db.conn:
        for table in ("facts", "handoffs", "shares"):
            cursor = db.execute(
                f"delete from [{table}] where conversation_id = ?", [conversation_id]
            )
            deleted += cursor.rowcount
    return deleted


def purge_older_than(db: sqlite_utils.Database, days: int, now: Optional[datetime] = None) -> int:
    """Delete facts and closed hand-offs older than `days` (retention)."""
    cutoff = ((now or datetime.now(timezone.utc)) - timedelta(days=days)).isoformat(
        timespec="seconds"
    )
    deleted = 0
    with db.conn:
        deleted += db.execute("delete from facts where created_at < ?", [cutoff]).rowcount
        deleted += db.execute(
            "delete from handoffs where updated_at < ?", [cutoff]
        ).rowcount
        deleted += db.execute("delete from shares where shared_at < ?", [cutoff]).rowcount
    return deleted
