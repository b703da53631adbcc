"""Fixtures for action unit tests: saved trackers and a dispatcher (``fresh_db`` is in tests/conftest.py)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker

from tests.texts.rendering import RenderingDispatcher


@pytest.fixture
def dispatcher():
    # Messages keep the response name and variables, and get the Dutch text and buttons.
    return RenderingDispatcher()


def make_tracker(
    text: str = "",
    intent: str = "greet",
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
    sender_id: str = "test-conversation",
    intent_ranking: Optional[List[Dict[str, Any]]] = None,
    metadata: Optional[Dict[str, Any]] = None,
    active_loop: Optional[str] = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "intent_ranking": intent_ranking or [{"name": intent, "confidence": 1.0}],
        "entities": [],
        "metadata": metadata or {},
    }
    return Tracker(
        sender_id=sender_id,
        slots=slots or {},
        latest_message=latest,
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


@pytest.fixture
def tracker():
    return make_tracker
