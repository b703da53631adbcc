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
``$KANSRIJK_VAR/secrets``), which ``bot.tokens`` (.venv) generates. Runs in .venv-rasa:
stdlib and rasa only.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Dict, List, Optional

__all__ = ["DEFAULT_HOST", "DEFAULT_CORS_ORIGINS", "rasa_arguments", "main"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_CORS_ORIGINS = ("http://localhost:8000", "http://127.0.0.1:8000")
REPO = Path(__file__).resolve().parents[2]
# Options that carry a secret: refused here, because this command line is public.
SECRET_OPTIONS = ("-t", "--auth-token", "--jwt-secret", "--jwt-private-key")
SECRETS = {"KANSRIJK_RASA_TOKEN": "rasa_token", "KANSRIJK_RASA_JWT_SECRET": "rasa_jwt_secret"}


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
    if not value:
        raise MissingSecret(
            f"{variable} is niet gezet en {path} bestaat niet. Start Kansrijk met "
            "`python -m bot.run` (make run), of maak de geheimen met `.venv/bin/python -m bot.tokens`."
        )
    return value


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
        "--auth-token", _secret(env, "KANSRIJK_RASA_TOKEN"),
        "--jwt-secret", _secret(env, "KANSRIJK_RASA_JWT_SECRET"),
        "--cors", *cors_origins(env),
    ]


def main(argv: Optional[List[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        arguments = rasa_arguments(argv, dict(os.environ))
    except MissingSecret as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    from rasa.__main__ import main as rasa_main

    # Rasa parses sys.argv; replacing the list changes nothing in /proc/PID/cmdline.
    sys.argv = ["rasa", *arguments]
    rasa_main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
