"""Configuration read from the environment, with defaults for a local checkout."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value) if value else default


@dataclass(frozen=True)
class Settings:
    """Everything the run-time glue needs to know about this deployment."""

    var_dir: Path
    db_path: Path
    tracker_db: Path
    secrets_dir: Path
    rasa_url: str
    action_url: str
    retention_days: int

    @property
    def rasa_token_file(self) -> Path:
        return self.secrets_dir / "rasa_token"


def load() -> Settings:
    var_dir = _env_path("KANSRIJK_VAR", REPO / "var")
    return Settings(
        var_dir=var_dir,
        db_path=_env_path("KANSRIJK_DB", var_dir / "kansrijk.db"),
        tracker_db=_env_path("KANSRIJK_TRACKER_DB", var_dir / "rasa_tracker.db"),
        secrets_dir=_env_path("KANSRIJK_SECRETS", var_dir / "secrets"),
        rasa_url=os.environ.get("KANSRIJK_RASA_URL", "http://localhost:5005"),
        action_url=os.environ.get(
            "KANSRIJK_ACTION_URL", "http://localhost:5055/webhook"
        ),
        retention_days=int(os.environ.get("KANSRIJK_RETENTION_DAYS", "90")),
    )
