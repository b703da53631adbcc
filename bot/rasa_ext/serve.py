"""Start `rasa run` with its secrets from the environment, bound to loopback, CORS only for configured origins.

    .venv-rasa/bin/python -m bot.rasa_ext.serve --port 5005 --model models \\
        --endpoints endpoints.yml --credentials credentials.yml

Every user of the machine can read a process's command line (``ps``), so the API token
and the JWT secret never go there: this wrapper reads them and calls Rasa's CLI entry in
this same process, whose command line stays the one above. It adds:

- ``--enable-api`` with ``--jwt-secret`` (the portal sends ``Authorization: Bearer <JWT>``,
  see ``bot.tokens.rasa_api_jwt``) and ``--auth-token`` (accepted by Rasa only as a
  ``?token=`` query parameter, for scripts);
- ``-i`` from ``KANSRIJK_RASA_HOST``, default ``127.0.0.1``;
- ``--cors`` from ``KANSRIJK_CORS_ORIGINS`` (space- or comma-separated), default the web
  app's own origins ``http://localhost:8000 http://127.0.0.1:8000``.

Secrets: ``KANSRIJK_RASA_TOKEN`` and ``KANSRIJK_RASA_JWT_SECRET``, else the files
``rasa_token`` and ``rasa_jwt_secret`` in ``KANSRIJK_SECRETS`` (default
``$KANSRIJK_VAR/secrets``), which ``bot.tokens`` (.venv) generates. The key that signs the
widget's conversations (bot/rasa_ext/session_keys.py) is ``KANSRIJK_SESSION_KEY``, else the
file ``session_key`` there, made here (0600) when missing; the channels read it from this
process's environment.

Request sizes (bot/rasa_ext/input_limits.py): Sanic reads a whole body, up to 100 MB by
default, before Rasa's HTTP API checks the token. ``SANIC_REQUEST_MAX_SIZE`` (1 MiB) and
``SANIC_WEBSOCKET_MAX_SIZE`` (64 KiB) are set here unless the environment sets them, so a
bigger body gets 413 as soon as its Content-Length is read. Runs in .venv-rasa: stdlib and
rasa only.
"""
from __future__ import annotations

import os
import re
import secrets
import sys
from pathlib import Path
from typing import Dict, List, Optional

__all__ = ["DEFAULT_HOST", "DEFAULT_CORS_ORIGINS", "rasa_arguments", "rasa_environment", "main"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_CORS_ORIGINS = ("http://localhost:8000", "http://127.0.0.1:8000")
REPO = Path(__file__).resolve().parents[2]
# Options that carry a secret: refused here, because this command line is public.
SECRET_OPTIONS = ("-t", "--auth-token", "--jwt-secret", "--jwt-private-key")
SECRETS = {"KANSRIJK_RASA_TOKEN": "rasa_token", "KANSRIJK_RASA_JWT_SECRET": "rasa_jwt_secret",
           "KANSRIJK_SESSION_KEY": "session_key"}
# Made here when missing: nothing outside Rasa needs it (bot/tokens.py makes it too).
MADE_HERE = ("KANSRIJK_SESSION_KEY",)
# 1 MiB for Rasa's HTTP API and the channels; 64 KiB for one socket.io packet
# (input_limits.MAX_REQUEST_BYTES, MAX_BODY_BYTES; kept here as numbers so this
# module imports nothing from Rasa before Rasa starts).
SANIC_LIMITS = {"SANIC_REQUEST_MAX_SIZE": str(1024 * 1024), "SANIC_WEBSOCKET_MAX_SIZE": str(64 * 1024)}


class MissingSecret(RuntimeError):
    """A secret Rasa needs is neither in the environment nor in the secrets folder."""


def _secrets_dir(env: Dict[str, str]) -> Path:
    if env.get("KANSRIJK_SECRETS"):
        return Path(env["KANSRIJK_SECRETS"])
    return Path(env.get("KANSRIJK_VAR") or REPO / "var") / "secrets"


def _secret(env: Dict[str, str], variable: str) -> str:
    if env.get(variable):
        return env[variable]
    path = _secrets_dir(env) / SECRETS[variable]
    try:
        value = path.read_text().strip()
    except FileNotFoundError:
        value = ""
    if not value and variable in MADE_HERE:
        value = _make_secret(path)
    if not value:
        raise MissingSecret(
            f"{variable} is niet gezet en {path} bestaat niet. Start Kansrijk met "
            "`python -m bot.run` (make run), of maak de geheimen met `.venv/bin/python -m bot.tokens`."
        )
    return value


def _make_secret(path: Path) -> str:
    # As bot.tokens.ensure_token: folder 0700, file 0600, written before anyone can read it.
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value + "\n")
    return value


def rasa_environment(env: Dict[str, str]) -> Dict[str, str]:
    """The variables this process adds to its own environment before Rasa starts."""
    added = {name: value for name, value in SANIC_LIMITS.items() if not env.get(name)}
    key = added["KANSRIJK_SESSION_KEY"] = _secret(env, "KANSRIJK_SESSION_KEY")
    if len(key) < 32:  # as session_keys.WeakSessionKey, but before Rasa loads its model
        raise MissingSecret(
            f"KANSRIJK_SESSION_KEY is te kort ({len(key)} tekens, minstens 32). Maak een nieuwe, "
            "bijvoorbeeld met `python -c 'import secrets; print(secrets.token_urlsafe(32))'`."
        )
    return added


def cors_origins(env: Dict[str, str]) -> List[str]:
    """The origins that may call Rasa from a browser (KANSRIJK_CORS_ORIGINS)."""
    configured = [o for o in re.split(r"[\s,]+", env.get("KANSRIJK_CORS_ORIGINS", "")) if o]
    return configured or list(DEFAULT_CORS_ORIGINS)


def rasa_arguments(argv: List[str], env: Dict[str, str]) -> List[str]:
    """The full `rasa run` argument list (secrets included) for our own arguments `argv`."""
    for argument in argv:
        if argument.split("=", 1)[0] in SECRET_OPTIONS:
            raise MissingSecret(
                f"{argument.split('=', 1)[0]} hoort niet op de opdrachtregel (iedereen ziet die met `ps`). "
                "Zet KANSRIJK_RASA_TOKEN of KANSRIJK_RASA_JWT_SECRET in de omgeving."
            )
    return [
        "run", "--enable-api", *argv,
        "--interface", env.get("KANSRIJK_RASA_HOST") or DEFAULT_HOST,
        # With "=": a generated secret may start with "-", which argparse would read as an option.
        "--auth-token=" + _secret(env, "KANSRIJK_RASA_TOKEN"),
        "--jwt-secret=" + _secret(env, "KANSRIJK_RASA_JWT_SECRET"),
        "--cors", *cors_origins(env),
    ]


def main(argv: Optional[List[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        arguments = rasa_arguments(argv, dict(os.environ))
        environment = rasa_environment(dict(os.environ))
    except MissingSecret as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    # Sanic reads SANIC_* when Rasa creates its app; the channels read the session key.
    os.environ.update(environment)
    from rasa.__main__ import main as rasa_main

    # Rasa parses sys.argv; replacing the list changes nothing in /proc/PID/cmdline.
    sys.argv = ["rasa", *arguments]
    rasa_main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
