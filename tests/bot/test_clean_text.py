"""One cleaning function for free text at every input boundary: safetext.clean_text (issue 14, item 12)."""
from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
import yaml

from safetext import BIDI_CONTROLS, clean_text

REPO = Path(__file__).resolve().parents[2]


def run_in_rasa_venv(script: str) -> subprocess.CompletedProcess:
    # As tests/bot/rasa_venv.py does; kept here so this file imports nothing from tests/.
    return subprocess.run([str(REPO / ".venv-rasa/bin/python"), "-c", script], cwd=REPO, capture_output=True,
                          text=True, timeout=120, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("raw, clean", [
    ("Bakkerij \u202eLKN\u202c", "Bakkerij LKN"),  # right-to-left override: shows as "NKL"
    ("a\u2066b\u2067c\u2068d\u2069e\u202af\u202bg\u202dh", "abcdefgh"),  # isolates and embeddings
    ("\x1b[31mrood\x00\x07\x7f\x85", "[31mrood"),  # C0, DEL and C1 controls
    ("regel 1\r\nregel 2\rregel 3\nregel 4", "regel 1\nregel 2\nregel 3\nregel 4"),
    ("tab\there\u2028line", "tab here line"),
    ("\ufeffhoi", "hoi"),  # a byte order mark at the start of a pasted text
    ("half \ud83d surrogate", "half  surrogate"),  # JSON can carry one; SQLite cannot store it
    ("ik wil kok worden 👩‍🍳🇳🇱", "ik wil kok worden 👩‍🍳🇳🇱"),  # emoji with joiners stay
    ("مرحبا \u200fhallo", "مرحبا \u200fhallo"),  # Arabic and the right-to-left mark stay
    ("gewoon een zin.", "gewoon een zin."),
])
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean
    assert clean_text(clean) == clean  # running it twice changes nothing


def test_nfd_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "café Zoë één")
    assert decomposed != "café Zoë één"
    assert clean_text(decomposed) == "café Zoë één"


def test_every_bidi_override_and_isolate_is_removed():
    for ch in BIDI_CONTROLS:
        assert unicodedata.bidirectional(ch) in ("LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI")
        assert clean_text(f"a{ch}b") == "ab"


def test_safetext_needs_only_the_standard_library():
    """Both environments import it, also .venv-rasa, where only rasa is installed."""
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    for path in sorted((REPO / "safetext").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
            for name in names:
                assert name.split(".")[0] in stdlib, f"{path.name} imports {name}"


def test_the_cleaner_is_the_first_nlu_component():
    pipeline = yaml.safe_load((REPO / "config.yml").read_text())["pipeline"]
    assert pipeline[0]["name"] == "bot.rasa_ext.nlu_clean.TextCleaner"


PROCESS = textwrap.dedent("""
    import unicodedata
    from rasa.shared.nlu.training_data.message import Message
    from bot.rasa_ext.nlu_clean import TextCleaner

    typed = unicodedata.normalize("NFD", "ik wil \\u202eKOK\\u202c worden\\x00 in Zoetermeer, café")
    [message, empty] = TextCleaner().process([Message(data={"text": typed}), Message(data={"text": "\\x00\\u202e"})])
    assert message.get("text") == "ik wil KOK worden in Zoetermeer, café", repr(message.get("text"))
    assert unicodedata.is_normalized("NFC", message.get("text"))
    assert empty.get("text") == "", repr(empty.get("text"))
    print("ok")
""")


def test_the_nlu_component_cleans_every_message_inside_rasa():
    result = run_in_rasa_venv(PROCESS)
    assert result.stdout.strip().endswith("ok"), result.stderr[-2000:]


def test_the_chat_input_of_the_actions_is_cleaned_too():
    """Slot values come from the tracker's raw text (from_text): the actions clean what they store."""
    from rasa_sdk import Tracker

    from actions.common import latest_text, slot_text

    assert slot_text("twijfel \u202eover\u202c\x00 mijn   opleiding") == "twijfel over mijn opleiding"
    tracker = Tracker("c", {}, {"text": "hoi\u202e\x07"}, [], False, None, {}, "action_listen")
    assert latest_text(tracker) == "hoi"


def test_the_nlu_training_data_is_clean():
    """The cleaner leaves annotated training examples as they are, so they must be clean already."""
    for path in sorted((REPO / "data" / "nlu").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert clean_text(text) == text, path.name
