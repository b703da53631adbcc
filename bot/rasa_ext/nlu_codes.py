"""Rasa NLU component that hides report codes from the intent classifier.

Runs inside the Rasa server (.venv-rasa), first in the pipeline. A report code
("K7PQ2XHM4B"; 8 characters for reports made before 2026-12-02) is random characters:
as character n-grams it is noise that pulls "status van K7PQ2XHM4B" and "trek
K7PQ2XHM4B in" towards whichever intent had similar-looking codes in training. This
component

- extracts each code as a `report_code` entity (upper case, without a dash), and
- replaces it in the text the classifier sees by the word "meldcode", padded with
  spaces to the code's length (so the positions of other entities stay right), in
  training and at run time. Codes of either length give the same word, so training
  examples with 8-character codes teach the classifier about 10-character ones too.

The conversation keeps the original text; only NLU features change. `CODE` is also
what the tracker store (bot/rasa_ext/tracker_store.py) scrubs from stored events.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# A copy of internships.reports.CODE_ALPHABET, CODE_LENGTH and CODE_LENGTHS (no I, O,
# 0, 1): this module runs in .venv-rasa, where the libraries may not be imported.
# tests/bot/test_nlu_codes.py checks that the copy still equals the original.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CODE_LENGTHS = (10, 8)

# Either case, optionally with a dash in the middle ("k7pq2-xhm4b", "k7pq-2xhm"); at
# least one digit and one letter, so an ordinary word or a number is never taken for a code.
_LETTERS = "".join(c for c in CODE_ALPHABET if c.isalpha())
_LETTERS += _LETTERS.lower()
_DIGITS = "".join(c for c in CODE_ALPHABET if c.isdigit())
_CHARS = _LETTERS + _DIGITS
_SHAPES = "|".join(
    rf"[{_CHARS}]{{{n // 2}}}-?[{_CHARS}]{{{n - n // 2}}}" for n in sorted(CODE_LENGTHS, reverse=True)
)
CODE = re.compile(
    rf"(?<![\w-])(?=[{_CHARS}-]*[{_DIGITS}])(?=[{_CHARS}-]*[{_LETTERS}])"
    rf"((?:{_SHAPES}))(?![\w-])"
)
# The word that replaces a code, padded with spaces to the code's length, so later
# entity positions stay right.
MASK = "meldcode"
assert all(len(MASK) <= n for n in CODE_LENGTHS)


def _mask(code: Text) -> Text:
    # "k7pq-2xhm" -> "meld-code", "K7PQ2XHM4B" -> "meldcode  ": the classifier sees one word.
    return ("meld-code" if "-" in code else MASK).ljust(len(code))


def mask_codes(text: Text) -> tuple[Text, List[Dict[Text, Any]]]:
    """The text with every code replaced by 'meldcode' (same length), and the codes as entities."""
    entities = []
    for match in CODE.finditer(text):
        code = match.group(1)
        entities.append({
            "entity": "report_code", "value": code.replace("-", "").upper(),
            "start": match.start(1), "end": match.end(1), "extractor": "ReportCodeMasker",
        })
    return CODE.sub(lambda m: _mask(m.group(1)), text), entities


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class ReportCodeMasker(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "ReportCodeMasker":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            text = message.get(TEXT)
            if text:
                message.set(TEXT, mask_codes(text)[0])
            # Annotated codes now point at "meldcode": drop them, so no later
            # component learns "meldcode" as a synonym of a code.
            if message.get(ENTITIES):
                message.set(ENTITIES, [e for e in message.get(ENTITIES) if e.get("entity") != "report_code"])
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith("/"):
                continue
            masked, entities = mask_codes(text)
            if entities:
                message.set(TEXT, masked)
                message.set(ENTITIES, (message.get(ENTITIES) or []) + entities)
        return messages
