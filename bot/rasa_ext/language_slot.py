"""The `language` slot's custom mapping, run inside the Rasa server instead of on the action server.

Rasa runs a slot's custom mapping (`action_detect_language`, domain/texts.yml) after every
message. As a remote action that was one action-server call per turn, also for "hoi"
(about 6 ms of a 18 ms greeting turn on this machine). The decision needs only the
tracker and the catalogues' language names, so `install()` (called by rasa_patches)
makes Rasa's ActionExtractSlots answer it here. The rule:

- a switch request (intent switch_language, at most MAX_REQUEST_WORDS words) that names a
  language wins ("hi, can we talk in english?", "Nederlands graag");
- otherwise a `lang` in the message metadata (the widget's data-lang and language button,
  or a REST client) counts when it is new in this session: the widget sends it with every
  message, so "Nederlands graag" typed in an English widget holds.

The language names come from each catalogue's `language.names` (texts/<code>.yml), as in
actions/texts.py (`named_language`); tests/bot/test_language_slot.py checks that both
read the same languages from the same messages.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import yaml

SLOT = "language"
ACTION = "action_detect_language"
INTENT = "switch_language"
METADATA_KEY = "lang"
MAX_REQUEST_WORDS = 12
DEFAULT = "nl"
TEXTS_DIR = Path(__file__).resolve().parents[2] / "texts"


@functools.lru_cache(maxsize=1)
def language_names() -> Dict[Text, List[Text]]:
    """code -> the words that name it, from every texts/<code>.yml (the default first)."""
    names = {}
    for path in sorted(TEXTS_DIR.glob("*.yml")):
        with open(path, encoding="utf-8") as f:
            about = (yaml.safe_load(f) or {}).get("language") or {}
        names[path.stem] = [str(n).lower() for n in about.get("names") or []]
    return {DEFAULT: names.pop(DEFAULT, []), **names}


def named_language(text: Text, current: Optional[Text] = None) -> Optional[Text]:
    """The language a message names; of two, the one that is not `current`."""
    words = set(re.findall(r"\w+", text.lower()))
    named = [code for code, names in language_names().items() if words.intersection(names)]
    if len(named) > 1:
        named = [code for code in named if code != current] or named
    return named[0] if named else None


def _metadata_lang(metadata: Any) -> Optional[Text]:
    if isinstance(metadata, dict):
        value = str(metadata.get(METADATA_KEY) or "").strip().lower()[:8]
        if value in language_names():
            return value
    return None


def _previous_metadata_lang(events: List[Any]) -> Optional[Text]:
    """The `lang` of the user message before the latest one, in this session only."""
    from rasa.shared.core.events import ActionExecuted, UserUttered

    seen_latest = False
    for event in reversed(events):
        if isinstance(event, ActionExecuted) and event.action_name == "action_session_start":
            return None
        if isinstance(event, UserUttered):
            if seen_latest:
                return _metadata_lang(event.metadata)
            seen_latest = True
    return None


def wanted_language(tracker: Any) -> Optional[Text]:
    """The language this message asks for, or None to keep the current one."""
    latest = tracker.latest_message
    current = tracker.get_slot(SLOT)
    meta = _metadata_lang(getattr(latest, "metadata", None))
    text = getattr(latest, "text", None) or ""
    intent = (getattr(latest, "intent", None) or {}).get("name")
    if intent == INTENT and len(text.split()) <= MAX_REQUEST_WORDS:
        named = named_language(text, current)
        if named:
            return named
        if meta:
            return meta
    if meta and meta != _previous_metadata_lang(list(tracker.events)):
        return meta
    return None


def slot_events(tracker: Any) -> List[Any]:
    """What action_detect_language returns: a SlotSet when the language changes, else nothing."""
    from rasa.shared.core.events import SlotSet

    wanted = wanted_language(tracker)
    return [SlotSet(SLOT, wanted)] if wanted and wanted != tracker.get_slot(SLOT) else []


def _running_here(run_custom_action):
    @functools.wraps(run_custom_action)
    async def _run_custom_action(self, custom_action: Text, output_channel, nlg, tracker, domain):
        if custom_action == ACTION:
            return slot_events(tracker)
        return await run_custom_action(self, custom_action, output_channel, nlg, tracker, domain)

    return _run_custom_action


def install() -> None:
    """Make ActionExtractSlots run action_detect_language in this process (rasa_patches.install calls it)."""
    from rasa.core.actions.action import ActionExtractSlots

    ActionExtractSlots._run_custom_action = _running_here(ActionExtractSlots._run_custom_action)
