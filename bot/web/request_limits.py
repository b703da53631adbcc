"""Request bodies of the web app: the API token is checked first, and every body is capped.

FastAPI reads and parses a request body before any dependency runs, and the institution
API checked its token inside the endpoint, so an unauthenticated 48 MB body cost 321 MB of
memory before its 401. ``BodyLimit`` is ASGI middleware in front of everything:

- a body to ``/api/`` without a valid institution token gets 401 before one byte of it is
  read (``authenticate`` is the same check the API does: ``institution_for_token``);
- a body over ``max_bytes`` gets 413: at once when its Content-Length says so, else as
  soon as the bytes read pass the cap (chunked bodies);
- both answers close the connection, so the server does not read the rest.

Requests without a body (GET) pass untouched; the API checks their token as before.
"""
from __future__ import annotations

import json
from typing import Awaitable, Callable, Optional

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["MAX_BODY_BYTES", "BodyLimit"]

# One listing is at most ~6,500 characters of fields (internships/validate.py), about
# 40 KB even with every character escaped; portal forms are far smaller.
MAX_BODY_BYTES = 64 * 1024
TOO_LARGE = "Het verzoek is te groot: maximaal 64 KB. Stuur minder tegelijk."


class BodyLimit:
    """ASGI middleware: token before body for ``api_prefix``, and at most ``max_bytes`` of body anywhere."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        authenticate: Callable[[Optional[str]], Awaitable[Optional[str]]],
        max_bytes: int = MAX_BODY_BYTES,
        api_prefix: str = "/api/",
    ) -> None:
        # authenticate(token) returns None for a valid token, else the Dutch 401 message.
        self.app, self.authenticate = app, authenticate
        self.max_bytes, self.api_prefix = max_bytes, api_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers") or []}
        length = headers.get(b"content-length")
        chunked = b"chunked" in headers.get(b"transfer-encoding", b"").lower()
        has_body = chunked or (length is not None and length.strip() not in (b"", b"0"))
        if not has_body:
            await self.app(scope, receive, send)
            return

        if scope["path"].startswith(self.api_prefix):
            problem = await self.authenticate(_bearer(headers.get(b"authorization")))
            if problem is not None:
                await _answer(send, 401, problem, {b"www-authenticate": b"Bearer"})
                return
        if length is not None and (not length.strip().isdigit() or int(length) > self.max_bytes):
            await _answer(send, 413, TOO_LARGE)
            return

        received = 0
        refused = False

        async def capped_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes and not refused:
                    refused = True
                    await _answer(send, 413, TOO_LARGE)
                    # The app sees a client that went away; whatever it answers is dropped.
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not refused:
                await send(message)

        try:
            await self.app(scope, capped_receive, guarded_send)
        except Exception:
            if not refused:
                raise


def _bearer(value: Optional[bytes]) -> Optional[str]:
    if not value:
        return None
    scheme, _, token = value.decode("latin-1").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


async def _answer(send: Send, status: int, detail: str, extra: Optional[dict] = None) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        (b"x-content-type-options", b"nosniff"),
        *((extra or {}).items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
