"""Rasa's REST input channel that checks size, shape and conversation before any NLU runs (runs inside Rasa).

Use it in credentials.yml instead of `rest:`; Rasa names a channel's routes after
`name()`, which stays "rest", so the URL stays ``/webhooks/rest/webhook``::

    bot.rasa_ext.rest_channel.RestInput:

What it adds to the stock channel, each answered before Rasa sees the message:

- a body over MAX_BODY_BYTES gets 413 and TOO_LONG unparsed (bot/rasa_ext/input_limits.py).
  What is left of it is read and dropped up to MAX_REQUEST_BYTES, so the client still
  gets that answer; a longer body ends the connection. A message over
  MAX_MESSAGE_CHARS gets TOO_LONG (status 200) and leaves no event in the tracker;
- a body that is not a JSON object with a text ``sender`` and ``message`` gets 400 (the
  stock channel answered ``[1]`` with a 500);
- a conversation the socket.io channel issued (bot/rasa_ext/session_keys.py) is reached
  only with its ``session_secret`` in the body, else 403: its id alone is no credential.
"""
from __future__ import annotations

import copy
import inspect
import json
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Union

import rasa.utils.endpoints
import structlog
from rasa.core.channels import rest as rasa_rest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot.rasa_ext.input_limits import MAX_BODY_BYTES, MAX_REQUEST_BYTES, TOO_LONG, guard_length
from bot.rasa_ext.session_keys import default_keys, is_issued

__all__ = ["BadBody", "RestInput"]

structlogger = structlog.get_logger()

MAX_SENDER_CHARS = 128
BAD_BODY = ('Stuur een JSON-object met een tekst als "sender" en als "message", '
            'bijvoorbeeld {"sender": "demo-1", "message": "hoi"}.')
NOT_YOURS = ("Dit gesprek is begonnen in de chat op de website. Ga daar verder, "
             "of begin hier een nieuw gesprek met een andere sender.")

# sha256 of the source of each Rasa 3.6.21 method RestInput overrides: blueprint() below
# is the stock one with the checks added, so a change there must be carried over.
# tests/bot/test_socketio_channel.py fails when one differs.
PATCHED = {
    "rasa.core.channels.rest.RestInput.blueprint":
        "886a9338e4c2505a0d2e70242c27887311d1529a18037dbd6d1dbfe77f699d0f",
}


class BadBody(ValueError):
    """The REST body is not a JSON object with a text sender and message."""


def _json_answer(status: int, text: Text) -> HTTPResponse:
    # The shape of a normal answer, so a client that shows bot texts shows this one.
    return response.json([{"text": text}], status=status)


async def _read_body(request: Request) -> bool:
    """Read the body into request.body; False (and nothing kept) when it is over MAX_BODY_BYTES."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_REQUEST_BYTES:
        return False
    # Sanic lifts its size limit for streaming routes; this one also holds when Sanic
    # drains what we leave unread after answering.
    request.stream.request_max_size = MAX_REQUEST_BYTES
    chunks, size = [], 0
    try:
        while True:
            chunk = await request.stream.read()
            if chunk is None:
                break
            size += len(chunk)
            if size <= MAX_BODY_BYTES:
                chunks.append(chunk)
    except PayloadTooLarge:
        return False
    if size > MAX_BODY_BYTES:
        return False
    request.body = b"".join(chunks)
    return True


def parse_body(raw: bytes) -> Dict[Text, Any]:
    """The fields of a REST body, checked; BadBody for anything the stock channel would choke on."""
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise BadBody("not JSON") from None
    if not isinstance(body, dict):
        raise BadBody("not an object")
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        raise BadBody("sender")
    if not isinstance(message, str):
        raise BadBody("message")
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadBody("metadata")
    input_channel = body.get("input_channel")
    if input_channel is not None and not isinstance(input_channel, str):
        raise BadBody("input_channel")
    secret = body.get("session_secret")
    return {"sender": sender, "message": message, "metadata": metadata,
            "input_channel": input_channel, "session_secret": secret if isinstance(secret, str) else None}


class RestInput(rasa_rest.RestInput):
    """The stock REST channel (name "rest"), refusing oversized, malformed and foreign requests before the NLU."""

    def blueprint(  # type: ignore[override]
        self, on_new_message: Callable[[UserMessage], Awaitable[None]]
    ) -> Blueprint:
        on_new_message = guard_length(on_new_message)
        keys = default_keys()
        module_type = inspect.getmodule(self)
        module_name = module_type.__name__ if module_type is not None else None
        custom_webhook = Blueprint(f"custom_webhook_{type(self).__name__}", module_name)

        @custom_webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        # stream=True: Sanic calls the handler before reading the body, so its size is
        # checked here before it is held in memory or parsed.
        @custom_webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> Union[ResponseStream, HTTPResponse]:
            if not await _read_body(request):
                structlogger.info("rest.message.body_too_large",
                                  content_length=request.headers.get("content-length"))
                return _json_answer(413, TOO_LONG)
            try:
                fields = parse_body(request.body)
            except BadBody as error:
                structlogger.info("rest.message.bad_body", problem=str(error))
                return _json_answer(400, BAD_BODY)
            sender_id: Optional[Text] = fields["sender"]
            if is_issued(sender_id) and not keys.verify(sender_id, fields["session_secret"]):
                structlogger.info("rest.message.issued_id_without_secret")
                return _json_answer(403, NOT_YOURS)
            text = fields["message"]
            should_use_stream = rasa.utils.endpoints.bool_arg(request, "stream", default=False)
            input_channel = fields["input_channel"] or self.name()
            metadata = fields["metadata"]

            if should_use_stream:
                return response.stream(
                    self.stream_response(on_new_message, text, sender_id, input_channel, metadata),
                    content_type="text/event-stream",
                )
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(text, collector, sender_id, input_channel=input_channel,
                                metadata=metadata)
                )
            except CancelledError:
                structlogger.error("rest.message.received.timeout", text=copy.deepcopy(text))
            except Exception:
                structlogger.exception("rest.message.received.failure", text=copy.deepcopy(text))
            return response.json(collector.messages)

        return custom_webhook
