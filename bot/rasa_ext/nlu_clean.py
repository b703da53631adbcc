"""Rasa NLU component that cleans the text of every message before anything else reads it.

Runs inside the Rasa server (.venv-rasa), first in the pipeline. The text becomes NFC,
without control characters and without the bidi embedding, override and isolate
characters that make text show in another order than it was typed
(``safetext.clean_text``, the same function the actions and the libraries use). The
classifier, the entity extractors and the actions (``latest_message["text"]``) then see
the cleaned text; the tracker keeps what the channel received, and the actions clean the
slot values they store (``actions.common.slot_text``).
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from safetext import clean_text


def _clean(message: Message) -> None:
    text = message.get(TEXT)
    if isinstance(text, str) and text:
        cleaned = clean_text(text)
        if cleaned != text:
            message.set(TEXT, cleaned)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class TextCleaner(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TextCleaner":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        # Features in training match those at run time. An annotated example keeps its
        # text: removing characters would move its entities' positions.
        for message in training_data.training_examples:
            if not message.get(ENTITIES):
                _clean(message)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            _clean(message)
        return messages
