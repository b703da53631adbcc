"""Generate and read secrets kept outside git (var/secrets by default)."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from appdb import settings as settings_module


def ensure_token(path: Path) -> str:
    """Return the token stored at `path`, creating it (mode 0600) on first use."""
    if path.exists():
        token = path.read_text().strip()
        if token:
            return token
    path.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(token + "\n")
    return token


def rasa_token() -> str:
    """The Rasa HTTP API token: KANSRIJK_RASA_TOKEN, else the generated file."""
    from_env = os.environ.get("KANSRIJK_RASA_TOKEN")
    if from_env:
        return from_env
    return ensure_token(settings_module.load().rasa_token_file)


if __name__ == "__main__":
    rasa_token()
    print(f"token in {settings_module.load().rasa_token_file}")
