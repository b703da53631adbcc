"""Every Dutch text is B1: Flesch-Douma at or above the threshold of scripts/texts_report.py."""
import importlib.util

import pytest

from appdb.settings import REPO

_spec = importlib.util.spec_from_file_location("texts_report", REPO / "scripts" / "texts_report.py")
report = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(report)

TEXTS = report.scored_texts()


def test_every_response_is_scored():
    assert len(TEXTS) > 40


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_dutch_text_is_b1(key):
    score = report.douma(TEXTS[key])
    assert score >= report.MIN_DOUMA, f"{key}: Flesch-Douma {score:.0f}: use shorter sentences and commoner words"


def test_the_formula_tells_easy_from_hard():
    easy = "Ik weet het niet zeker. Wil je me gedag zeggen?"
    hard = ("Ten behoeve van de arbeidsmarktpositionering wordt geadviseerd om beroepsopleidingen "
            "met gunstige perspectieven te prioriteren.")
    assert report.douma(easy) >= report.MIN_DOUMA > report.douma(hard)
