"""Where shipped data, imported data and the embedding cache live (read from the environment on each call)."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
SHIPPED_DIR = PACKAGE_DIR / "data"


def override_dir() -> Path:
    """Imported data (``import-kansen``, ``import-programmes``) goes here, never into shipped files."""
    from appdb import settings  # here, not at import: labour_outlook loads nothing heavy on import

    return settings.load().data_dir


def cache_dir() -> Path:
    """Cached catalogue embeddings (``KANSRIJK_CACHE_DIR``, else ``KANSRIJK_VAR/cache``)."""
    from appdb import settings

    return settings.load().cache_dir
