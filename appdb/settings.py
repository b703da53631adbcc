"""Every path and address of a deployment, read from the environment the same way in every process."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["REPO", "Settings", "load"]

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    """What the libraries, actions, web app and supervisor need to know about this deployment.

    Every path follows ``KANSRIJK_VAR`` unless its own variable is set, so one variable
    moves the whole run-time state (``KANSRIJK_VAR=DIR`` gives ``DIR/kansrijk.db``,
    ``DIR/cache``, ``DIR/labour_outlook`` ...) in every process alike.
    """

    var_dir: Path
    db_url: str  # a path, ":memory:" or sqlite:///PATH (see appdb.backends)
    tracker_db: Path
    secrets_dir: Path
    cache_dir: Path
    data_dir: Path
    rasa_url: str
    action_url: str
    retention_days: int

    @property
    def db_path(self) -> Path:
        """The app database file (SQLite)."""
        from appdb.backends import sqlite_path

        return sqlite_path(self.db_url)

    @property
    def rasa_token_file(self) -> Path:
        return self.secrets_dir / "rasa_token"


def _path(env: dict, name: str, default: Path) -> Path:
    value = env.get(name)
    return Path(value) if value else default


def load(environ: dict | None = None) -> Settings:
    """Read the settings from ``environ`` (default: ``os.environ``) now, not at import time."""
    env = os.environ if environ is None else environ
    var_dir = _path(env, "KANSRIJK_VAR", REPO / "var")
    return Settings(
        var_dir=var_dir,
        db_url=env.get("KANSRIJK_DB") or str(var_dir / "kansrijk.db"),
        tracker_db=_path(env, "KANSRIJK_TRACKER_DB", var_dir / "rasa_tracker.db"),
        secrets_dir=_path(env, "KANSRIJK_SECRETS", var_dir / "secrets"),
        cache_dir=_path(env, "KANSRIJK_CACHE_DIR", var_dir / "cache"),
        data_dir=_path(env, "KANSRIJK_DATA_DIR", var_dir / "labour_outlook"),
        rasa_url=env.get("KANSRIJK_RASA_URL", "http://localhost:5005"),
        action_url=env.get("KANSRIJK_ACTION_URL", "http://localhost:5055/webhook"),
        retention_days=int(env.get("KANSRIJK_RETENTION_DAYS", "90")),
    )
