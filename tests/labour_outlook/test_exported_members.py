"""``__all__`` of the package and of each module lists exactly names that exist (in the style of httpx's test)."""

from __future__ import annotations

import importlib
import subprocess
import sys
import types
from pathlib import Path

import pytest

import labour_outlook

REPO = Path(__file__).resolve().parents[2]
MODULES = sorted(p.stem for p in (REPO / "labour_outlook").glob("*.py") if p.stem not in ("__init__", "__main__"))


def test_all_imports_are_exported():
    public = {
        name
        for name, value in vars(labour_outlook).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert len(labour_outlook.__all__) == len(set(labour_outlook.__all__)), "a name is listed twice"
    assert set(labour_outlook.__all__) == public


def test_star_import_in_a_fresh_interpreter():
    code = ("from labour_outlook import *; import labour_outlook as lo; "
            "g = globals(); assert [n for n in lo.__all__ if n not in g] == []")
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=120)


@pytest.mark.parametrize("name", MODULES)
def test_module_all_names_exist(name):
    module = importlib.import_module(f"labour_outlook.{name}")
    exported = getattr(module, "__all__", [])
    assert len(exported) == len(set(exported)), "a name is listed twice"
    assert [n for n in exported if not hasattr(module, n)] == []
