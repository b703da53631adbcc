"""The TF-IDF linear intent classifier: learns, mixes with DIET's ranking, survives storage."""
import json
import textwrap

import pytest

from tests.bot.rasa_venv import run_in_rasa_venv

SCRIPT = textwrap.dedent("""
    import json, sys, tempfile
    from pathlib import Path
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData
    from bot.rasa_ext.nlu_linear import LinearIntentClassifier

    EXAMPLES = {
        "seek_internship": ["ik zoek een stage", "stageplek zoeken", "heb je stages voor mij",
                            "waar kan ik stage lopen", "ik wil een bbl plek"],
        "greet": ["hoi", "hallo daar", "hey", "goeiemorgen", "yo"],
        "thank": ["dankje", "bedankt!", "thanks", "thx man", "top, dank je wel"],
    }

    def run(config):
        storage = LocalModelStorage(Path(tempfile.mkdtemp()))
        resource = Resource("linear")
        context = ExecutionContext(GraphSchema({}), "test")
        component = LinearIntentClassifier.create(config, storage, resource, context)
        component.train(TrainingData([Message(data={"text": t, "intent": i})
                                      for i, texts in EXAMPLES.items() for t in texts]))

        def classify(classifier, text, diet=None):
            message = Message(data={"text": text})
            if diet:
                message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in diet.items()])
            classifier.process([message])
            return message.get("intent"), message.get("intent_ranking")

        loaded = LinearIntentClassifier.load(config, storage, resource, context)
        untrained = LinearIntentClassifier.create(config, storage, Resource("nothing"), context)
        return {
            "alone": classify(component, "ik zoek stage in utrecht"),
            "loaded": classify(loaded, "ik zoek stage in utrecht"),
            "typo": classify(component, "dankjewel!!"),
            "mixed": classify(component, "ik zoek stage in utrecht", {"greet": 1.0}),
            "untrained": classify(untrained, "hoi", {"greet": 0.9}),
        }

    print(json.dumps({"linear": run({"diet_weight": 0.0}), "mix": run({"diet_weight": 0.25})}))
""")


@pytest.fixture(scope="module")
def results():
    result = run_in_rasa_venv(SCRIPT)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_learns_intents_and_generalises_to_new_wording(results):
    out = results["linear"]
    intent, ranking = out["alone"]
    assert intent["name"] == "seek_internship"
    assert [r["name"] for r in ranking][0] == "seek_internship"
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6
    # A spelling it never saw, through shared character n-grams.
    assert out["typo"][0]["name"] == "thank"


def test_a_stored_model_predicts_the_same_after_loading(results):
    out = results["linear"]
    assert out["loaded"] == out["alone"]


def test_mixes_its_confidence_with_the_ranking_diet_made(results):
    alone = results["linear"]["alone"][1]
    linear = {r["name"]: r["confidence"] for r in alone}
    intent, ranking = results["mix"]["mixed"]
    mixed = {r["name"]: r["confidence"] for r in ranking}
    assert abs(mixed["greet"] - (0.25 + 0.75 * linear["greet"])) < 1e-6
    assert abs(mixed["seek_internship"] - 0.75 * linear["seek_internship"]) < 1e-6
    assert intent["name"] == ranking[0]["name"]


def test_an_untrained_classifier_leaves_diets_answer_alone(results):
    intent, ranking = results["mix"]["untrained"]
    assert intent is None and ranking == [{"name": "greet", "confidence": 0.9}]
