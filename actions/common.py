"""Shared helpers for actions: the app database, the conversation id, the school."""
from __future__ import annotations

import functools
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from bot import appdb

MENU_BUTTONS: List[Dict[str, str]] = [
    {"title": "Studiekeuze", "payload": "/ask_study_advice"},
    {"title": "Stage zoeken", "payload": "/seek_internship"},
    {"title": "Discriminatie melden", "payload": "/report_discrimination"},
    {"title": "Praten met een mens", "payload": "/request_human"},
]


@functools.lru_cache(maxsize=1)
def app_db():
    """The app database, opened once per action-server process."""
    return appdb.connect()


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def school_code(tracker: Tracker) -> Optional[str]:
    """The school code the widget sent as metadata, if any."""
    for source in (
        (tracker.latest_message or {}).get("metadata") or {},
        tracker.get_slot("session_started_metadata") or {},
    ):
        code = source.get("school") if isinstance(source, dict) else None
        if code:
            return str(code)[:32]
    return None


def slot_text(value: Any, limit: int = 500) -> str:
    """Trim a free-text slot value to a sane length for storage."""
    return " ".join(str(value or "").split())[:limit]
