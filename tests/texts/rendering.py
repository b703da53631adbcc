"""Render what an action sent (a response name and its variables) as the student would read it.

RenderingDispatcher is the action tests' dispatcher: every message keeps its response name
and variables (assert those where it makes a test sturdier), and also gets the Dutch text
and buttons Rasa would send, so a test can say what a student reads.
"""
from __future__ import annotations

import functools
from typing import Any, Dict, List

import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions import texts

_NOT_VARIABLES = ("text", "response", "buttons", "elements", "attachment", "image", "custom",
                  "template", "_catalogue_buttons")


@functools.lru_cache(maxsize=1)
def _domain_responses() -> Dict[str, Dict[str, Any]]:
    """Dutch responses still written in domain/*.yml (not yet in a catalogue)."""
    found = {}
    for path in sorted((texts.TEXTS_DIR.parent / "domain").glob("*.yml")):
        for name, variations in (yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}).items():
            plain = [v for v in variations if not v.get("condition")]
            found.setdefault(name, (plain or variations)[0])
    return found


def entry(name: str, lang: str = texts.DEFAULT) -> Dict[str, Any]:
    value = texts.catalogue(lang)["responses"].get(name)
    if value is None:
        value = texts.catalogue(texts.DEFAULT)["responses"].get(name) or _domain_responses()[name]
    return {"text": value} if isinstance(value, str) else dict(value)


def variables(message: Dict[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in message.items() if k not in _NOT_VARIABLES}


def render(message: Dict[str, Any], lang: str = texts.DEFAULT) -> Dict[str, Any]:
    """A dispatcher message with its response filled in (text and buttons), like Rasa does."""
    name = message.get("response")
    if not name:
        return message
    values = variables(message)
    e = entry(name, lang)
    extra = list(message.get("buttons") or [])[message.get("_catalogue_buttons", 0):]
    out = dict(message)
    out["text"] = e["text"].format(**values)
    out["buttons"] = [{"title": b["title"].format(**values), "payload": b["payload"].format(**values)}
                      for b in e.get("buttons", [])] + extra
    out["_catalogue_buttons"] = len(e.get("buttons", []))
    return out


def texts_of(messages: List[Dict[str, Any]], lang: str = texts.DEFAULT) -> List[str]:
    return [render(m, lang).get("text") or "" for m in messages]


class RenderingDispatcher(CollectingDispatcher):
    """A CollectingDispatcher whose messages also carry the Dutch text and buttons."""

    def utter_message(self, *args: Any, **kwargs: Any) -> None:
        super().utter_message(*args, **kwargs)
        self.messages[-1] = render(self.messages[-1])
