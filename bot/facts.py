"""Record and read structured facts about a conversation, and forget them on request.

Facts are the material for counsellor summaries and for measuring whether the
study-choice nudge works. They hold only what the student typed or chose, never
names or other identifying details.

This module is the one owner of the ``facts``, ``shares`` and ``handoffs`` tables
(``appdb.migrations``): the actions and the portal read and write them only through
the functions below. Every write runs in ``appdb.transaction``.
"""
from __future__ import annotations

import json
import secrets
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Set

import sqlite_utils

from appdb import now_iso, transaction

__all__ = [
    "record_fact",
    "facts_for",
    "create_handoff",
    "handoffs_for",
    "school_handoffs",
    "set_handoff_status",
    "share_with_school",
    "unshare",
    "shared_conversations",
    "shared_conversation",
    "shared_ids",
    "forget_conversation",
    "purge_older_than",
]

HANDOFF_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_SHARE_COLUMNS = "conversation_id, school, shared_at"


def _rows(db: sqlite_utils.Database, sql: str, params: List[Any]) -> List[Dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# ---------------------------------------------------------------------------------- facts


def record_fact(
    db: sqlite_utils.Database, conversation_id: str, kind: str, payload: Dict[str, Any]
) -> None:
    """Store one fact (kind + JSON payload) for a conversation."""
    with transaction(db):
        db.execute(
            "INSERT INTO facts (conversation_id, kind, payload, created_at) VALUES (?, ?, ?, ?)",
            [conversation_id, kind, json.dumps(payload, ensure_ascii=False), now_iso()],
        )


def facts_for(
    db: sqlite_utils.Database, conversation_id: str, kind: Optional[str] = None
) -> List[Dict[str, Any]]:
    """All facts of a conversation in the order they were recorded."""
    sql, params = "SELECT * FROM facts WHERE conversation_id = ?", [conversation_id]
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    rows = _rows(db, sql + " ORDER BY id", params)
    return [{**row, "payload": json.loads(row["payload"])} for row in rows]


# ------------------------------------------------------------------------------- hand-offs


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
        now = now_iso()
        try:
            with transaction(db):
                db.execute(
                    "INSERT INTO handoffs (code, conversation_id, school, topic, contact_route, status,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)",
                    [code, conversation_id, school, topic, contact_route, now, now],
                )
            return code
        except sqlite_utils.db.IntegrityError:  # the code is taken: draw another
            continue


def handoffs_for(db: sqlite_utils.Database, conversation_id: str) -> List[Dict[str, Any]]:
    """The hand-off requests of one conversation, oldest first."""
    return _rows(db, "SELECT * FROM handoffs WHERE conversation_id = ? ORDER BY id", [conversation_id])


def school_handoffs(
    db: sqlite_utils.Database, school: str, status: Optional[str] = None
) -> List[Dict[str, Any]]:
    """The hand-off requests for `school` (optionally only one status), newest first."""
    sql, params = "SELECT * FROM handoffs WHERE school = ?", [school]
    if status:
        sql += " AND status = ?"
        params.append(status)
    return _rows(db, sql + " ORDER BY created_at DESC", params)


def set_handoff_status(db: sqlite_utils.Database, handoff_id: int, school: str, status: str) -> bool:
    """Set the status of a hand-off of `school`; False if there is none with this id at that school."""
    with transaction(db):
        cursor = db.execute(
            "UPDATE handoffs SET status = ?, updated_at = ? WHERE id = ? AND school = ?",
            [status, now_iso(), handoff_id, school],
        )
    return cursor.rowcount > 0


# ---------------------------------------------------------------------------------- shares


def share_with_school(db: sqlite_utils.Database, conversation_id: str, school: str) -> None:
    """Let the school's counsellors see this conversation's summary (the student said yes)."""
    with transaction(db):
        db.execute(
            "INSERT INTO shares (conversation_id, school, shared_at) VALUES (?, ?, ?)"
            " ON CONFLICT (conversation_id) DO UPDATE SET school = excluded.school, shared_at = excluded.shared_at",
            [conversation_id, school, now_iso()],
        )


def unshare(db: sqlite_utils.Database, conversation_id: str) -> bool:
    """Withdraw the permission to share this conversation; False if it was not shared."""
    with transaction(db):
        cursor = db.execute("DELETE FROM shares WHERE conversation_id = ?", [conversation_id])
    return cursor.rowcount > 0


def shared_conversations(
    db: sqlite_utils.Database, school: str, *, since: Optional[str] = None, until: Optional[str] = None
) -> List[Dict[str, Any]]:
    """The shares of `school` as ``{conversation_id, school, shared_at}``, newest first.

    ``since`` and ``until`` are days (``YYYY-MM-DD``); both ends are included.
    """
    sql, params = f"SELECT {_SHARE_COLUMNS} FROM shares WHERE school = ?", [school]
    if since:
        sql += " AND shared_at >= ?"
        params.append(since)
    if until:
        # A time stamp of that day sorts before "T99": all of `until` is included.
        sql += " AND shared_at < ?"
        params.append(until + "T99")
    return _rows(db, sql + " ORDER BY shared_at DESC, conversation_id", params)


def shared_conversation(
    db: sqlite_utils.Database, school: str, conversation_id: str
) -> Optional[Dict[str, Any]]:
    """The share of one conversation with `school`, or None (also when shared with another school)."""
    rows = _rows(
        db, f"SELECT {_SHARE_COLUMNS} FROM shares WHERE conversation_id = ? AND school = ?",
        [conversation_id, school],
    )
    return rows[0] if rows else None


def shared_ids(db: sqlite_utils.Database, school: str) -> Set[str]:
    """The ids of the conversations shared with `school`."""
    return {row[0] for row in db.execute("SELECT conversation_id FROM shares WHERE school = ?", [school])}


# ------------------------------------------------------------------------------ forgetting


def forget_conversation(db: sqlite_utils.Database, conversation_id: str) -> int:
    """Delete every fact, hand-off and share of a conversation, and its rate events; returns rows deleted."""
    from bot import schools  # its rate events count this conversation (as a hash) for a day

    deleted = 0
    with transaction(db):
        for table in ("facts", "handoffs", "shares"):
            cursor = db.execute(f"DELETE FROM [{table}] WHERE conversation_id = ?", [conversation_id])
            deleted += cursor.rowcount
        deleted += schools.forget_conversation(db, conversation_id)
    return deleted


def purge_older_than(db: sqlite_utils.Database, days: int, now: Optional[datetime] = None) -> int:
    """Delete facts, finished hand-offs and shares older than `days`, and school rate events older than a day (retention).

    A hand-off that is still open or picked up (``open``, ``opgepakt``) stays however old
    it is: a student is waiting for an answer. It goes `days` after it was set to ``klaar``.
    """
    cutoff = ((now or datetime.now(timezone.utc)) - timedelta(days=days)).isoformat(
        timespec="seconds"
    )
    deleted = 0
    with transaction(db):
        deleted += db.execute("DELETE FROM facts WHERE created_at < ?", [cutoff]).rowcount
        deleted += db.execute(
            "DELETE FROM handoffs WHERE status = 'klaar' AND COALESCE(updated_at, created_at) < ?",
            [cutoff],
        ).rowcount
        deleted += db.execute("DELETE FROM shares WHERE shared_at < ?", [cutoff]).rowcount
    from bot import schools  # the counts behind the limits on shares and hand-offs: a day

    deleted += schools.purge_rate_events(db, now)
    return deleted


# ----------------------------------------------------------------- bulk and experiment reads
# Appended for bot.experiments (issue 17): one transaction for many facts, and one query
# for everything an experiment report needs.

from typing import Iterable, Iterator, Sequence, Tuple  # noqa: E402  (kept with the appended code)

__all__ += ["record_facts", "experiment_facts"]


def record_facts(db: sqlite_utils.Database, rows: Iterable[Tuple[str, str, Dict[str, Any]]]) -> int:
    """Store many facts ``(conversation_id, kind, payload)`` in one transaction; returns how many."""
    now = now_iso()
    values = (
        (conversation_id, kind, json.dumps(payload, ensure_ascii=False), now)
        for conversation_id, kind, payload in rows
    )
    with transaction(db):
        cursor = db.conn.executemany(
            "INSERT INTO facts (conversation_id, kind, payload, created_at) VALUES (?, ?, ?, ?)", values
        )
    return cursor.rowcount


def experiment_facts(
    db: sqlite_utils.Database, experiment: str, kinds: Sequence[str], fields: Optional[Sequence[str]] = None
) -> Iterator[Tuple[str, str, Dict[str, Any]]]:
    """``(conversation_id, kind, payload)`` of the facts of ``kinds`` of every conversation that
    has an ``experiment_arm`` fact naming ``experiment``, oldest first, in one query.

    With ``fields``, a payload holds just those top-level fields, None where unset (SQLite's
    ``json_extract`` reads them, much faster than parsing every payload in Python).
    If ``kinds`` holds ``summary_shared``, a row in ``shares`` counts as such a fact too
    (listed after the facts, with an empty payload).
    """
    kinds = list(kinds)
    fields = list(fields) if fields is not None else None
    marks = ", ".join("?" for _ in kinds) or "NULL"
    if fields is None:
        columns, shared = "f.payload", "'{}'"
    else:
        columns = ", ".join("json_extract(f.payload, ?)" for _ in fields) or "NULL"
        shared = ", ".join("NULL" for _ in fields) or "NULL"
    paths = [f"$.{name}" for name in fields or []]
    sql = (
        "WITH members AS (SELECT DISTINCT conversation_id FROM facts"
        " WHERE kind = 'experiment_arm' AND json_extract(payload, '$.experiment') = ?)"
        f" SELECT * FROM (SELECT 0 AS part, f.id, f.conversation_id, f.kind, {columns}"
        f" FROM facts f JOIN members m ON m.conversation_id = f.conversation_id WHERE f.kind IN ({marks})"
    )
    params: List[Any] = [experiment, *paths, *kinds]
    if "summary_shared" in kinds:
        sql += (
            f" UNION ALL SELECT 1, 0, s.conversation_id, 'summary_shared', {shared}"
            " FROM shares s JOIN members m ON m.conversation_id = s.conversation_id"
        )
    sql += ") ORDER BY part, id"
    for _, _, conversation_id, kind, *values in db.execute(sql, params):
        if fields is None:
            yield conversation_id, kind, json.loads(values[0]) if values[0] else {}
        else:
            # Not strict: with no fields the query still selects one placeholder column.
            yield conversation_id, kind, dict(zip(fields, values, strict=False))


# -------------------------------------------------------------------- school overview reads
# Appended for the portal's school overview (issue 17): what a school's counsellors may
# count. Only shares and hand-offs say which school a conversation belongs to.

__all__ += ["shared_facts", "handoff_counts"]


def shared_facts(
    db: sqlite_utils.Database, school: str, kinds: Sequence[str]
) -> Iterator[Tuple[str, str, Dict[str, Any]]]:
    """``(conversation_id, kind, payload)`` of the facts of ``kinds`` in the conversations
    shared with ``school``, oldest first, in one query."""
    kinds = list(kinds)
    if not kinds:
        return
    marks = ", ".join("?" for _ in kinds)
    sql = (
        "SELECT f.conversation_id, f.kind, f.payload FROM facts f"
        " JOIN shares s ON s.conversation_id = f.conversation_id"
        f" WHERE s.school = ? AND f.kind IN ({marks}) ORDER BY f.id"
    )
    for conversation_id, kind, payload in db.execute(sql, [school, *kinds]):
        yield conversation_id, kind, json.loads(payload) if payload else {}


def handoff_counts(db: sqlite_utils.Database, school: str) -> Dict[str, int]:
    """How many hand-off requests ``school`` has per status, e.g. ``{"open": 3, "klaar": 12}``."""
    rows = db.execute("SELECT status, COUNT(*) FROM handoffs WHERE school = ? GROUP BY status", [school])
    return {status: count for status, count in rows}
