"""Where shipped data, imported data and the embedding cache live (read from the environment on each call)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SHIPPED_DIR = PACKAGE_DIR / "data"


def override_dir() -> Path:
    """Imported data (``import-kansen``, ``import-programmes``) goes here, never into shipped files."""
    return Path(os.environ.get("KANSRIJK_DATA_DIR") or REPO_DIR / "var" / "labour_outlook")


def cache_dir() -> Path:
    return Path(os.environ.get("KANSRIJK_CACHE_DIR") or REPO_DIR / "var" / "cache")
