"""The English held-out messages stay apart from the training data, and cover every contract intent."""
import yaml

from appdb.settings import REPO
from bot.intents import CONTRACT_INTENTS


def _examples(path):
    out = {}
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        if "intent" in item:
            out[item["intent"]] = [line[2:].strip() for line in item["examples"].splitlines() if line.startswith("- ")]
    return out


def _plain(text):
    import re

    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).lower()


def test_english_held_out_messages_are_not_training_examples():
    trained = {_plain(t) for path in (REPO / "data" / "nlu").glob("*.yml") for ts in _examples(path).values() for t in ts}
    held_out = _examples(REPO / "tests" / "nlu" / "heldout_english.yml")
    assert CONTRACT_INTENTS <= set(held_out)
    assert [t for ts in held_out.values() for t in ts if _plain(t) in trained] == []
