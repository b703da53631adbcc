"""Rasa's socket.io input channel with two fixes the chat widget needs (runs inside Rasa).

Use it in credentials.yml instead of `socketio:`::

    bot.rasa_ext.socketio_channel.SocketIOInput:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true

1. Rasa 3.6 calls `sio.enter_room()` without `await`; since python-socketio 5.10 that
   is a coroutine, so the socket never joins the conversation's room and, with
   session_persistence, every bot answer is lost. Here it is awaited when needed.
2. Rasa's `send_custom_json` passes the JSON as keyword arguments to `sio.emit()`, which
   fails for anything but `data`/`room`. Here custom JSON is sent as
   `{"custom": {...}}`, the same shape the REST channel returns.
"""
from __future__ import annotations

import inspect
import json
import uuid
from typing import Any, Dict, Optional, Text

from rasa.core.channels import socketio as rasa_socketio
from rasa.core.channels.channel import UserMessage

__all__ = ["SocketIOInput", "SocketIOOutput"]

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
        webhook = super().blueprint(on_new_message)
        sio = self.sio

        # Registering again replaces the stock handlers for these events.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            data = data if isinstance(data, dict) else {}
            if not data.get("session_id"):
                data["session_id"] = uuid.uuid4().hex
            session_id = str(data["session_id"])[:64]
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):
                    await joined
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Dict) -> None:
            if not isinstance(data, dict):
                return
            output_channel = SocketIOOutput(sio, self.bot_message_evt)
            if self.session_persistence:
                if not data.get("session_id"):
                    return
                sender_id = str(data["session_id"])[:64]
            else:
                sender_id = sid
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
