"""Shared helpers for actions: the app database, the conversation id, the school."""
from __future__ import annotations

import functools
from typing import Any, Optional

from rasa_sdk import Tracker

import appdb
from bot import schools
from safetext import clean_text


def app_db():
    """The app database: one connection per action-server process (and per configured path)."""
    return _open(appdb.settings.load().db_url)


@functools.lru_cache(maxsize=4)
def _open(url: str):
    return appdb.connect(url)


def latest_text(tracker: Tracker) -> str:
    return clean_text((tracker.latest_message or {}).get("text") or "")


def school_code(tracker: Tracker) -> Optional[str]:
    """The registered, active school (``bot.schools``) of the widget's school code, else None.

    A code that is not in the registry, or a school that is switched off, counts as no
    school: nothing is shared with it, no experiment runs for it, no report names it.
    """
    claimed = claimed_school(tracker)
    school = schools.find_school(app_db(), claimed) if claimed else None
    return school.code if school is not None and school.active else None


def claimed_school(tracker: Tracker) -> Optional[str]:
    """The school code the widget sent as message metadata, most recent first; unchecked."""
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
    """A free-text slot value for storage: clean (``safetext.clean_text``), one line, trimmed to ``limit``."""
    return " ".join(clean_text(str(value or "")).split())[:limit]
