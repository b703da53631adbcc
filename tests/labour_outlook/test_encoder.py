"""The numpy MiniLM encoder gives the same vectors as sentence-transformers, and nothing loads on import."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]


def test_import_is_lazy():
    code = ("import sys, labour_outlook; "
            "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules; "
            "assert 'pandas' not in sys.modules; "
            "from labour_outlook import catalogue; assert catalogue.get_catalogue.cache_info().currsize == 0")
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=60)


@pytest.mark.skipif(not os.environ.get("KANSRIJK_TEST_TORCH"),
                    reason="imports torch (20-30 s); run with KANSRIJK_TEST_TORCH=1")
def test_numpy_encoder_matches_sentence_transformers(model):
    from labour_outlook.encoder import SentenceTransformerEncoder

    texts = ["ik sleutel graag aan scooters", "Kok. Je maakt gerechten klaar in een restaurantkeuken.", "dieren"]
    ours = model.encode(texts)
    theirs = SentenceTransformerEncoder().encode(texts)
    assert ours.shape == theirs.shape == (3, 384)
    assert np.allclose(ours, theirs, atol=1e-4)


def test_catalogue_vectors_are_cached_on_disk(model, catalogue, tmp_path, monkeypatch):
    from labour_outlook.index import build_embedding_index, lexical_index

    lex = lexical_index(catalogue)

    class Counting:
        name = model.name
        calls = 0

        def encode(self, texts):
            Counting.calls += 1
            return model.encode(texts)

    first = build_embedding_index(catalogue, model, lex)  # from the shared cache
    assert first.cache_file.exists()
    again = build_embedding_index(catalogue, Counting(), lex)
    assert Counting.calls == 0 and np.array_equal(first.sentence, again.sentence)
