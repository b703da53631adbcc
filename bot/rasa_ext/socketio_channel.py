"""Rasa's socket.io input channel with server-issued conversations and the fixes the chat widget needs (runs inside Rasa).

Use it in credentials.yml instead of `socketio:`::

    bot.rasa_ext.socketio_channel.SocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true

Conversations (bot/rasa_ext/session_keys.py; DESIGN.md, "Trust boundaries": ids are
server-issued and unguessable). Stock Rasa lets a socket name any session id and joins
it to that room, so whoever knows or guesses an id reads and writes that conversation.
Here:

- ``session_request`` ``{session_id, session_secret}`` resumes a conversation only with
  the id's own secret; anything else (no id, a guessed or copied id without its secret,
  an id the server did not issue) gets a new conversation: ``session_confirm``
  ``{session_id, session_secret}``. The widget keeps both in sessionStorage.
- The socket is bound to that conversation (its socket.io session) and joins its room;
  a socket that asks again leaves the old room. A ``user_uttered`` counts for the bound
  conversation only: a ``session_id`` in the message is ignored, and a socket that is
  bound to nothing is not heard.

Input size (bot/rasa_ext/input_limits.py): a message over MAX_MESSAGE_CHARS is answered
with TOO_LONG and never reaches Rasa, and engine.io refuses packets over MAX_BODY_BYTES.

Fixes for Rasa 3.6 on python-socketio 5.10+:

1. Rasa calls `sio.enter_room()` without `await`; since python-socketio 5.10 that is a
   coroutine, so the socket never joined the conversation's room and, with
   session_persistence, every bot answer was lost. Here it is awaited when needed.
2. Rasa's `send_custom_json` passes the JSON as keyword arguments to `sio.emit()`, which
   fails for anything but `data`/`room`. Here custom JSON is sent as
   `{"custom": {...}}`, the same shape the REST channel returns.
"""
from __future__ import annotations

import inspect
import json
import logging
from typing import Any, Dict, Optional, Text

from rasa.core.channels import socketio as rasa_socketio
from rasa.core.channels.channel import UserMessage

from bot.rasa_ext.input_limits import MAX_BODY_BYTES, guard_length
from bot.rasa_ext.session_keys import default_keys

__all__ = ["SocketIOInput", "SocketIOOutput"]

logger = logging.getLogger(__name__)

# sha256 of the source of each Rasa 3.6.21 method the classes below override. The
# replaced handlers copy the stock ones inside blueprint(), so a change there must be
# carried over by hand; tests/bot/test_rasa_patches.py fails when one differs.
PATCHED = {
    "rasa.core.channels.socketio.SocketIOOutput.send_custom_json":
        "d777390bb194448a27d3afdfa73285728e5b85d0cb5de6a16f80363cba57e2c5",
    "rasa.core.channels.socketio.SocketIOInput.name":
        "c1395b273b94febc706c996b0eeea994d4fcbc94f3277987531703abdd9258bb",
    "rasa.core.channels.socketio.SocketIOInput.blueprint":
        "1246d69fa05c3b1f3dcc77d4ef78e992674cc3d9f7077e9793fd578563b9ee73",
}


async def _maybe_await(result: Any) -> None:
    # python-socketio 5.10 made enter_room/leave_room coroutines; older ones return None.
    if inspect.isawaitable(result):
        await result


class SocketIOOutput(rasa_socketio.SocketIOOutput):
    async def send_custom_json(
        self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class SocketIOInput(rasa_socketio.SocketIOInput):
    """The stock channel, with the session request and message handlers replaced."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message):  # type: ignore[override]
        on_new_message = guard_length(on_new_message)
        keys = default_keys()
        webhook = super().blueprint(on_new_message)
        sio = self.sio
        namespace = self.namespace
        # A message of MAX_MESSAGE_CHARS is far below this; engine.io drops the
        # connection of a client that sends a bigger packet.
        sio.eio.max_http_buffer_size = MAX_BODY_BYTES

        async def bound_conversation(sid: Text) -> Optional[Text]:
            try:
                return (await sio.get_session(sid, namespace=namespace)).get("conversation")
            except KeyError:  # the socket is gone
                return None

        # Registering again replaces the stock handlers for these events.
        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            if not self.session_persistence:
                # Stock behaviour: the conversation is this socket's own (random) sid.
                await sio.emit("session_confirm", {"session_id": sid}, room=sid, namespace=namespace)
                return
            if keys.verify(data.get("session_id"), data.get("session_secret")):
                granted = {"session_id": data["session_id"], "session_secret": data["session_secret"]}
            else:
                granted = keys.issue()
            previous = await bound_conversation(sid)
            if previous and previous != granted["session_id"]:
                await _maybe_await(sio.leave_room(sid, previous, namespace=namespace))
            await sio.save_session(sid, {"conversation": granted["session_id"]}, namespace=namespace)
            await _maybe_await(sio.enter_room(sid, granted["session_id"], namespace=namespace))
            await sio.emit("session_confirm", granted, room=sid, namespace=namespace)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: Text, data: Dict) -> None:
            if not isinstance(data, dict):
                return
            output_channel = SocketIOOutput(sio, self.bot_message_evt)
            # Whatever session_id the message names: only the bound conversation counts.
            sender_id = await bound_conversation(sid) if self.session_persistence else sid
            if not sender_id:
                logger.debug("Socket %s sent a message before its session_request; ignored.", sid)
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            if not isinstance(metadata, dict):
                metadata = {}
            await on_new_message(
                UserMessage(
                    str(data.get("message", "")), output_channel, sender_id,
                    input_channel=self.name(), metadata=metadata,
                )
            )

        return webhook
