"""Shared fixtures for labour_outlook tests: the real catalogue, the model loaded once, an isolated data dir."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def catalogue():
    from labour_outlook import get_catalogue

    return get_catalogue()


@pytest.fixture(scope="session")
def model():
    """The embedding model and the catalogue vectors, loaded once per test session."""
    from labour_outlook import load_model
    from labour_outlook.index import embedding_index

    m = load_model()
    from labour_outlook import get_catalogue

    embedding_index(get_catalogue(), m)
    return m


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty override dir, so imports never touch var/ and caches start clean."""
    import labour_outlook

    d = tmp_path / "lo-data"
    monkeypatch.setenv("KANSRIJK_DATA_DIR", str(d))
    labour_outlook.reload()
    yield d
    monkeypatch.delenv("KANSRIJK_DATA_DIR")
    labour_outlook.reload()


@pytest.fixture
def write(tmp_path):
    """Write a text file and return its path: write("name.csv", "a;b\\n1;2\\n")."""

    def _write(name: str, text: str):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        return p

    return _write
