"""Shared helpers for actions: the app database, the conversation id, the school."""
from __future__ import annotations

import functools
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

import appdb
from actions.buttons import button

MENU_BUTTONS: List[Dict[str, str]] = [
    button("Studiekeuze", "ask_study_advice"),
    button("Stage zoeken", "seek_internship"),
    button("Discriminatie melden", "report_discrimination"),
    button("Praten met een mens", "request_human"),
]


def app_db():
    """The app database: one connection per action-server process (and per configured path)."""
    return _open(appdb.settings.load().db_url)


@functools.lru_cache(maxsize=4)
def _open(url: str):
    return appdb.connect(url)


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def school_code(tracker: Tracker) -> Optional[str]:
    """The school code the widget sent as message metadata, most recent first."""
    sources = [(tracker.latest_message or {}).get("metadata")]
    sources += [e.get("metadata") for e in reversed(tracker.events) if e.get("event") == "user"]
    sources.append(tracker.get_slot("session_started_metadata"))
    for metadata in sources:
        if isinstance(metadata, dict) and metadata.get("school"):
            return str(metadata["school"])[:32]
    return None


def is_widget(tracker: Tracker) -> bool:
    """True when the student uses our chat widget (socket.io), which shows cards."""
    return tracker.get_latest_input_channel() == "socketio"


def slot_text(value: Any, limit: int = 500) -> str:
    """Trim a free-text slot value to a sane length for storage."""
    return " ".join(str(value or "").split())[:limit]
