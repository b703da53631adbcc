"""Talk to the shared running stack (tests/conftest.py) over REST, as curl would."""
from __future__ import annotations

import uuid
from typing import Any, Dict, List, Optional

import httpx
import pytest


class Chat:
    """Talks to the running Rasa over the REST channel, as curl would."""

    def __init__(self, stack):
        self.stack = stack
        self.client = httpx.Client(timeout=60)

    def say(self, sender: str, text: str, metadata: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        body: Dict[str, Any] = {"sender": sender, "message": text}
        if metadata:
            body["metadata"] = metadata
        response = self.client.post(f"{self.stack.rasa_url}/webhooks/rest/webhook", json=body)
        response.raise_for_status()
        return response.json()

    def text(self, sender: str, text: str, metadata: Optional[Dict[str, Any]] = None) -> str:
        """All bot texts of one turn, joined."""
        return "\n".join(m.get("text") or "" for m in self.say(sender, text, metadata))

    def tracker(self, sender: str) -> Dict[str, Any]:
        response = self.client.get(
            f"{self.stack.rasa_url}/conversations/{sender}/tracker",
            params={"token": self.stack.token},
        )
        response.raise_for_status()
        return response.json()


@pytest.fixture(scope="session")
def chat(stack):
    return Chat(stack)


@pytest.fixture
def sender():
    return f"test-{uuid.uuid4().hex}"


