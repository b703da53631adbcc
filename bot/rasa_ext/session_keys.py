"""Server-issued conversation ids and their secrets, for the input channels (runs inside Rasa).

DESIGN.md, "Trust boundaries": conversation ids are server-issued and unguessable. Stock
Rasa lets a client name any conversation, so whoever knows or guesses an id reads and
writes it. Here the socket.io channel issues every widget conversation:

- the id is ISSUED_PREFIX plus ``secrets.token_urlsafe`` (192 bits);
- its secret is the HMAC-SHA256 of the id under the server key; the widget keeps both
  (sessionStorage) and shows the secret to nobody else;
- a conversation with an issued id is resumed only with its secret, over socket.io
  (``session_request``) and over REST (``session_secret`` in the body). REST clients
  (curl, tests) may still name their own conversations, outside ISSUED_PREFIX.

The key is ``KANSRIJK_SESSION_KEY`` (at least 32 characters; every Rasa replica needs the
same one). bot.rasa_ext.serve sets it from the secrets folder (``session_key``, made on
first use like the other secrets of bot/tokens.py), never from the command line. A Rasa
started without it draws a random key per process: conversations then cannot be resumed
after a restart (fine for tests and development only).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
from typing import Any, Dict, Mapping, Optional, Text

__all__ = [
    "SESSION_KEY_VARIABLE", "ISSUED_PREFIX", "WeakSessionKey", "SessionKeys",
    "is_issued", "default_keys",
]

logger = logging.getLogger(__name__)

SESSION_KEY_VARIABLE = "KANSRIJK_SESSION_KEY"
MIN_KEY_CHARS = 32
# Marks the ids the server issued; nobody may open a conversation under it without its secret.
ISSUED_PREFIX = "s_"
# 24 random bytes: 192 bits, 32 URL-safe characters.
ID_BYTES = 24
# Longer ids or secrets than ours are not even hashed.
MAX_CREDENTIAL_CHARS = 128


class WeakSessionKey(ValueError):
    """KANSRIJK_SESSION_KEY is set but shorter than 32 characters."""


def is_issued(conversation_id: Any) -> bool:
    """True for an id in the server's space: it needs its secret in every channel."""
    return isinstance(conversation_id, str) and conversation_id.startswith(ISSUED_PREFIX)


class SessionKeys:
    """Issues conversation ids with their secrets, and checks a secret against its id."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    @classmethod
    def from_environment(cls, env: Optional[Mapping[str, str]] = None) -> "SessionKeys":
        configured = (os.environ if env is None else env).get(SESSION_KEY_VARIABLE, "")
        if configured:
            if len(configured) < MIN_KEY_CHARS:
                raise WeakSessionKey(
                    f"{SESSION_KEY_VARIABLE} is te kort ({len(configured)} tekens, minstens "
                    f"{MIN_KEY_CHARS}). Maak een nieuwe, bijvoorbeeld met "
                    "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`."
                )
            return cls(configured.encode())
        logger.warning(
            "%s is not set: conversations are signed with a key of this process only "
            "and cannot be resumed after a restart.", SESSION_KEY_VARIABLE,
        )
        return cls(secrets.token_bytes(32))

    def secret(self, session_id: Text) -> Text:
        digest = hmac.new(self._key, b"kansrijk-session:" + session_id.encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()

    def issue(self) -> Dict[Text, Text]:
        session_id = ISSUED_PREFIX + secrets.token_urlsafe(ID_BYTES)
        return {"session_id": session_id, "session_secret": self.secret(session_id)}

    def verify(self, session_id: Any, secret: Any) -> bool:
        """True only for an issued id with its own secret."""
        if not (is_issued(session_id) and isinstance(secret, str)):
            return False
        if not (len(session_id) <= MAX_CREDENTIAL_CHARS and len(secret) <= MAX_CREDENTIAL_CHARS):
            return False
        return hmac.compare_digest(self.secret(session_id).encode(), secret.encode())


_default: Optional[SessionKeys] = None


def default_keys() -> SessionKeys:
    """The process's keys from the environment, the same for every channel (made on first use)."""
    global _default
    if _default is None:
        _default = SessionKeys.from_environment()
    return _default
