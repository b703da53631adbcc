"""Rasa NLU component that routes unusable messages to the fallback intent.

Runs inside the Rasa server (.venv-rasa). A message that is empty, has no letters
or digits (emoji only), or is longer than `max_chars` gets `nlu_fallback` with full
confidence, so the dialogue answers it politely instead of guessing an intent.
The fallback action (actions/fallback.py) explains what went wrong.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text, Type

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message


def is_unusable(text: Text, max_chars: int) -> bool:
    """True when a message cannot carry a request we could understand."""
    stripped = (text or "").strip()
    if not stripped or len(stripped) > max_chars:
        return True
    return not any(ch.isalnum() for ch in stripped)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class InputGuard(GraphComponent, IntentClassifier):
    """Overrides the predicted intent for empty, emoji-only and over-long messages."""

    @classmethod
    def required_components(cls) -> List[Type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_chars": 1000}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.max_chars = int(config["max_chars"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "InputGuard":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if not is_unusable(message.get(TEXT) or "", self.max_chars):
                continue
            fallback = {
                INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME,
                PREDICTED_CONFIDENCE_KEY: 1.0,
            }
            message.data[INTENT] = fallback
            message.data[INTENT_RANKING_KEY] = [fallback]
            # Entities from a 10,000-character paste are noise, not slot values.
            message.data[ENTITIES] = []
        return messages
