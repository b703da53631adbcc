"""Start the real Rasa server and action server once for all integration tests."""
from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any, Dict, List, Optional

import httpx
import pytest

from bot.run import Stack
from bot.settings import REPO

# KANSRIJK_TEST_MODEL: run against another trained model (e.g. a feature branch's).
MODEL = Path(os.environ.get("KANSRIJK_TEST_MODEL") or REPO / "models" / "kansrijk.tar.gz")


class Chat:
    """Talks to the running Rasa over the REST channel, as curl would."""

    def __init__(self, stack: Stack):
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
def stack(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail("Geen getraind model: draai eerst `make train` (make test doet dat zelf).")
    var_dir = tmp_path_factory.mktemp("var")
    with Stack(var_dir=Path(var_dir), rasa_port=15005, action_port=15055, web_port=18000,
               model=MODEL) as running:
        yield running


@pytest.fixture(scope="session")
def chat(stack):
    return Chat(stack)


@pytest.fixture
def sender():
    return f"test-{uuid.uuid4().hex}"


