"""Generate and read secrets kept outside git (var/secrets by default), and sign Rasa API tokens.

    python -m bot.tokens                  # make the secrets that are missing
    python -m bot.tokens jwt              # print a JWT for Rasa's HTTP API (5 minutes)

Each secret comes from its environment variable, else from a file in the secrets folder
that is made (mode 0600, folder 0700) on first use:

| secret | variable | file | who uses it |
| --- | --- | --- | --- |
| Rasa HTTP API token | ``KANSRIJK_RASA_TOKEN`` | ``rasa_token`` | scripts, as ``?token=`` |
| Rasa JWT secret | ``KANSRIJK_RASA_JWT_SECRET`` | ``rasa_jwt_secret`` | the portal: ``Authorization: Bearer`` |
| action-server secret | ``KANSRIJK_ACTION_SECRET`` | ``action_secret`` | Rasa sends it; the action server checks it |
| conversation key | ``KANSRIJK_SESSION_KEY`` | ``session_key`` | Rasa only: signs the widget's conversation ids (bot/rasa_ext/session_keys.py) |

Secrets travel between processes in the environment (owner-only in ``/proc``), never on a
command line, which every user of the machine can read with ``ps``.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path
from typing import Optional

from appdb import settings as settings_module

__all__ = [
    "ensure_token", "rasa_token", "rasa_jwt_secret", "action_secret", "session_key", "rasa_api_jwt",
    "ACTION_SECRET_HEADER",
]

# The header Rasa sends to the action server (endpoints.yml) and bot.action_server checks.
ACTION_SECRET_HEADER = "X-Kansrijk-Action-Secret"


def ensure_token(path: Path) -> str:
    """Return the token stored at `path`, creating it (mode 0600, folder 0700) on first use."""
    if path.exists():
        token = path.read_text().strip()
        if token:
            return token
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(token + "\n")
    return token


def _secret(variable: str, filename: str) -> str:
    from_env = os.environ.get(variable)
    if from_env:
        return from_env
    return ensure_token(settings_module.load().secrets_dir / filename)


def rasa_token() -> str:
    """The Rasa HTTP API token: KANSRIJK_RASA_TOKEN, else the generated file."""
    return _secret("KANSRIJK_RASA_TOKEN", "rasa_token")


def rasa_jwt_secret() -> str:
    """The key Rasa checks JWTs with (``--jwt-secret``): KANSRIJK_RASA_JWT_SECRET, else the generated file."""
    return _secret("KANSRIJK_RASA_JWT_SECRET", "rasa_jwt_secret")


def action_secret() -> str:
    """The secret Rasa sends to the action server: KANSRIJK_ACTION_SECRET, else the generated file."""
    return _secret("KANSRIJK_ACTION_SECRET", "action_secret")


def session_key() -> str:
    """The key Rasa signs conversation ids with: KANSRIJK_SESSION_KEY, else the generated file.

    bot.rasa_ext.serve reads (or makes) the same file; no other process needs it.
    """
    return _secret("KANSRIJK_SESSION_KEY", "session_key")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def rasa_api_jwt(
    conversation_id: Optional[str] = None,
    *,
    secret: Optional[str] = None,
    lifetime: float = 60,
    now: Optional[float] = None,
) -> str:
    """A short-lived HS256 JWT for Rasa's HTTP API, sent as ``Authorization: Bearer``.

    With a conversation id it is a "user" token that Rasa accepts only for that
    conversation's endpoints (the portal reads one transcript at a time); without, an
    "admin" token for every endpoint (the supervisor's health check, an operator's curl).
    """
    if conversation_id:
        user = {"username": conversation_id, "role": "user"}
    else:
        user = {"username": "kansrijk", "role": "admin"}
    issued = time.time() if now is None else now
    header = {"alg": "HS256", "typ": "JWT"}
    payload = {"user": user, "exp": int(issued + lifetime)}
    signing_input = ".".join(
        _b64(json.dumps(part, separators=(",", ":")).encode()) for part in (header, payload)
    )
    key = (secret or rasa_jwt_secret()).encode()
    signature = hmac.new(key, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def main(argv: Optional[list] = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bot.tokens", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    jwt = sub.add_parser("jwt", help="print a JWT for Rasa's HTTP API")
    jwt.add_argument("--conversation", help="only for this conversation (default: every endpoint)")
    jwt.add_argument("--minutes", type=float, default=5)
    args = parser.parse_args(argv)
    if args.command == "jwt":
        print(rasa_api_jwt(args.conversation, lifetime=args.minutes * 60))
        return 0
    rasa_token()
    rasa_jwt_secret()
    action_secret()
    session_key()
    print(f"geheimen in {settings_module.load().secrets_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
