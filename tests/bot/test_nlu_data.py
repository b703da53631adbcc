"""The NLU training data keeps the intent contract of DESIGN.md, and the held-out
messages of `make nlu-report` stay out of it."""
import re
from collections import defaultdict

import yaml

from appdb.settings import REPO
from bot.intents import CONTRACT_INTENTS as CONTRACT

ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]+\)|\{[^}]+\})")


def examples(path):
    found = defaultdict(list)
    for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
        if "intent" in item:
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    text = ANNOTATION.sub(r"\1", line.strip()[2:]).strip().lower()
                    found[item["intent"]].append(text)
    return found


def training():
    merged = defaultdict(list)
    for path in sorted((REPO / "data" / "nlu").glob("*.yml")):
        for intent, texts in examples(path).items():
            merged[intent] += texts
    return merged


def test_every_contract_intent_has_at_least_25_distinct_examples():
    data = training()
    assert CONTRACT <= set(data)
    for intent in CONTRACT:
        assert len(set(data[intent])) >= 25, intent


def test_no_example_is_trained_under_two_intents():
    owners = defaultdict(set)
    for intent, texts in training().items():
        for text in texts:
            owners[text].add(intent)
    assert {text: sorted(o) for text, o in owners.items() if len(o) > 1} == {}


def test_held_out_messages_are_not_training_examples():
    trained = {text for texts in training().values() for text in texts}
    held_out = examples(REPO / "tests" / "nlu" / "heldout.yml")
    assert CONTRACT <= set(held_out)
    leaked = [text for texts in held_out.values() for text in texts if text in trained]
    assert leaked == []
