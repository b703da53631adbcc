"""Size limits the input channels check before any NLU runs, and their polite answer (runs inside Rasa).

Why: the NLU pipeline featurizes every message before bot.rasa_ext.nlu_guard can send an
over-long one to the fallback, and that work blocks Rasa's single event loop (a
400,000-character message took 14 s, and every other conversation waited). So the
channels (rest_channel, socketio_channel) stop oversized input themselves, and
nlu_guard stays as a second line:

- a message longer than MAX_MESSAGE_CHARS never reaches Rasa: the channel answers
  TOO_LONG itself (``guard_length``), so the conversation's tracker gets no event for it;
- a REST body over MAX_BODY_BYTES is answered with 413 before it is parsed; engine.io
  drops a socket.io packet over it;
- Sanic refuses any request body over MAX_REQUEST_BYTES (bot.rasa_ext.serve sets
  ``SANIC_REQUEST_MAX_SIZE``), before Rasa's HTTP API checks the token.

TOO_LONG is a constant, not a domain response: the channels answer before Rasa's agent
handles the message, so no tracker, no prediction and no response template is involved
(a domain response is only sent as the outcome of a predicted action). When the texts
move into one message catalogue, this sentence moves with them; the channels only need
a string per language.
"""
from __future__ import annotations

import functools
from typing import Any, Awaitable, Callable

import structlog
from rasa.core.channels.channel import UserMessage

__all__ = [
    "MAX_MESSAGE_CHARS", "MAX_BODY_BYTES", "MAX_REQUEST_BYTES", "TOO_LONG",
    "is_too_long", "guard_length",
]

structlogger = structlog.get_logger()

# Longer messages are answered by the channel and never parsed. Twice the 1,000
# characters of nlu_guard's max_chars (config.yml) and of the widget's input field, so
# every message a student can type still reaches the NLU and its polite fallback
# (utter_unusable_too_long, in the student's language).
MAX_MESSAGE_CHARS = 2_000
# A body that can hold a message of MAX_MESSAGE_CHARS even with every character escaped
# as \uXXXX (6 bytes), plus metadata; larger REST bodies and socket.io packets are refused.
MAX_BODY_BYTES = 64 * 1024
# Every other request to Rasa (its HTTP API): enough for a tracker's events; Sanic's
# default is 100 MB, read whole before Rasa checks the token.
MAX_REQUEST_BYTES = 1024 * 1024
# The words of utter_unusable_too_long (texts/nl.yml), which nlu_guard's fallback sends.
TOO_LONG = ("Dat is een heel lang bericht. Ik kan alleen korte berichten lezen. "
            "Zeg in één of twee zinnen wat je zoekt.")


def is_too_long(text: Any) -> bool:
    """True for a text the channels answer themselves instead of passing it to Rasa."""
    return isinstance(text, str) and len(text) > MAX_MESSAGE_CHARS


def guard_length(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
) -> Callable[[UserMessage], Awaitable[Any]]:
    """`on_new_message` for messages of at most MAX_MESSAGE_CHARS; longer ones get TOO_LONG."""

    @functools.wraps(on_new_message)
    async def guarded(message: UserMessage) -> Any:
        if not is_too_long(message.text):
            return await on_new_message(message)
        structlogger.info("channel.message.too_long", chars=len(message.text),
                          input_channel=message.input_channel)
        if message.output_channel is not None:
            await message.output_channel.send_text_message(message.sender_id, TOO_LONG)
        return None

    return guarded
