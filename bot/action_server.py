"""Run the action server (rasa-sdk) on loopback, answering only calls that carry Rasa's shared secret.

    python -m bot.action_server --actions actions --port 5055

rasa-sdk's own CLI (``python -m rasa_sdk``) listens on every interface and runs any
action for anyone who can reach it: with a forged tracker that means withdrawing
reports, deleting conversations or sharing them with another school. This launcher
builds the same Sanic app (``rasa_sdk.endpoint.create_app_for_serve``) and adds:

- a request check: every path but ``/health`` needs the header
  ``X-Kansrijk-Action-Secret`` with the secret (compared in constant time), else 401
  and nothing runs. Rasa sends the header (``endpoints.yml``: ``action_endpoint.headers``);
- the host: ``--host``, else ``KANSRIJK_ACTION_HOST``, else ``127.0.0.1``;
- no CORS: browsers have no business calling actions.

The secret is ``KANSRIJK_ACTION_SECRET``, else the generated ``var/secrets/action_secret``
(``bot.tokens``); ``python -m bot.run`` hands the same value to Rasa in the environment.
gRPC mode (``--grpc``) is refused: it would bypass the check.
"""
from __future__ import annotations

import hmac
import logging
import os
from functools import partial
from typing import Optional

__all__ = ["DEFAULT_HOST", "OPEN_PATHS", "MissingSecret", "host_from_env", "create_app", "main"]

DEFAULT_HOST = "127.0.0.1"
OPEN_PATHS = frozenset({"/health"})
MIN_SECRET_LENGTH = 16

logger = logging.getLogger(__name__)


class MissingSecret(RuntimeError):
    """No usable shared secret: the action server would accept anyone's calls."""


def host_from_env(environ: Optional[dict] = None) -> str:
    """The interface to listen on: KANSRIJK_ACTION_HOST, default loopback."""
    env = os.environ if environ is None else environ
    return env.get("KANSRIJK_ACTION_HOST") or DEFAULT_HOST


def _check_secret(secret: str) -> bytes:
    if not secret or len(secret) < MIN_SECRET_LENGTH:
        raise MissingSecret(
            f"Het geheim voor de actieserver ontbreekt of is korter dan {MIN_SECRET_LENGTH} tekens. "
            "Zet KANSRIJK_ACTION_SECRET, of laat `python -m bot.run` er een maken in var/secrets/."
        )
    return secret.encode()


def require_secret(app, secret: str) -> None:
    """Answer 401 to every request but OPEN_PATHS that lacks the secret header."""
    from sanic import response

    from bot.tokens import ACTION_SECRET_HEADER

    expected = _check_secret(secret)

    async def check(request):
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(ACTION_SECRET_HEADER, "").encode()
        if hmac.compare_digest(given, expected):
            return None
        logger.warning("action call without the right secret from %s refused", request.ip)
        return response.json({"error": "Not authenticated"}, status=401)

    # Registered before any route runs, so a refused call never reaches an action.
    app.register_middleware(check, "request")


def create_app(action_executor, secret: str, endpoints: str = "endpoints.yml"):
    """rasa-sdk's app with the secret check. Module-level: Sanic's AppLoader pickles it for workers."""
    from rasa_sdk.endpoint import create_app_for_serve

    app = create_app_for_serve(action_executor, cors_origins=None, endpoints=endpoints)
    require_secret(app, secret)
    return app


def main(argv: Optional[list] = None) -> int:
    from rasa_sdk import utils
    from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
    from rasa_sdk.endpoint import create_argument_parser
    from rasa_sdk.executor import ActionExecutor
    from sanic import Sanic
    from sanic.worker.loader import AppLoader

    from bot import tokens

    parser = create_argument_parser()
    parser.prog = "python -m bot.action_server"
    parser.add_argument("--host", default=None,
                        help=f"interface to listen on (default: KANSRIJK_ACTION_HOST or {DEFAULT_HOST})")
    args = parser.parse_args(argv)
    if args.grpc:
        parser.error("--grpc wordt niet ondersteund: daar controleert niemand het geheim.")
    if args.cors:
        parser.error("--cors wordt niet ondersteund: alleen Rasa roept de actieserver aan.")
    try:
        secret = tokens.action_secret()
        _check_secret(secret)
    except MissingSecret as error:
        print(f"Fout: {error}")
        return 1
    host = args.host or host_from_env()

    # What rasa_sdk.__main__.main_from_args and rasa_sdk.endpoint.run do, with our app.
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(
        logging.getLogger(APPLICATION_ROOT_LOGGER_NAME), args.log_file, args.loglevel,
        args.logging_config_file,
    )
    utils.update_sanic_log_level()
    executor = ActionExecutor()
    executor.register_package(args.actions_module or args.actions)
    loader = AppLoader(factory=partial(create_app, executor, secret, endpoints=args.endpoints))
    app = loader.load()
    ssl = {"cert": args.ssl_certificate, "key": args.ssl_keyfile, "password": args.ssl_password} \
        if args.ssl_certificate else None
    logger.info("Action endpoint is up on %s:%s (secret required)", host, args.port)
    app.prepare(host=host, port=args.port, ssl=ssl, workers=utils.number_of_sanic_workers())
    Sanic.serve(primary=app, app_loader=loader)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
