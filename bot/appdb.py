"""Open the app database (SQLite through sqlite-utils) with the conversation-fact tables.

Tables owned here:
- facts(id, conversation_id, kind, payload, created_at): structured facts that
  actions record per conversation (interests given, programmes shown, ...).
- handoffs(id, code, conversation_id, school, topic, contact_route, status,
  created_at, updated_at): requests to talk to a counsellor.
- shares(conversation_id, school, shared_at): conversations a student chose to
  share with their school.
The internships package adds its own tables to the same file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import sqlite_utils

from bot import settings


def connect(path: Optional[Path] = None) -> sqlite_utils.Database:
    """Open (and if needed create) the app database at `path` or KANSRIJK_DB."""
    if path is None:
        path = settings.load().db_path
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.execute("PRAGMA journal_mode=WAL")
    else:
        db = sqlite_utils.Database(memory=True)
    db.execute("PRAGMA busy_timeout=5000")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the conversation tables if they are missing (idempotent)."""
    if "facts" not in db.table_names():
        db["facts"].create(
            {
                "id": int,
                "conversation_id": str,
                "kind": str,
                "payload": str,
                "created_at": str,
            },
            pk="id",
            not_null={"conversation_id", "kind", "created_at"},
        )
        db["facts"].create_index(["conversation_id"])
    if "handoffs" not in db.table_names():
        db["handoffs"].create(
            {
                "id": int,
                "code": str,
                "conversation_id": str,
                "school": str,
                "topic": str,
                "contact_route": str,
                "status": str,
                "created_at": str,
                "updated_at": str,
            },
            pk="id",
            not_null={"code", "conversation_id", "status", "created_at"},
        )
        db["handoffs"].create_index(["code"], unique=True)
        db["handoffs"].create_index(["conversation_id"])
    if "shares" not in db.table_names():
        db["shares"].create(
            {"conversation_id": str, "school": str, "shared_at": str},
            pk="conversation_id",
        )
