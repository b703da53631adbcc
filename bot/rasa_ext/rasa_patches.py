"""Speed fixes for Rasa 3.6 itself, installed in the Rasa server process.

Imported by bot/rasa_ext/tracker_store.py, which Rasa loads from endpoints.yml when
the server starts, so every `rasa run` with our endpoints gets them. Each patch keeps
Rasa's behaviour and only removes repeated work.

- RemoteAction._validate_action_result calls jsonschema.validate() on every
  custom-action response. validate() first checks the schema itself against the
  JSON-Schema meta-schema, every time; with jsonschema 4.17 that took about a
  third of the Rasa server's CPU time in a turn with one custom action. The
  schema is a constant, so we build its validator once.
- Event.resolve_by_type walks every subclass of Event (and asks `inspect` whether
  each is abstract) to turn a type name like "slot" into a class. The tracker
  store calls it for every stored event of a conversation, every turn, so its
  cost grew with the conversation. We remember the classes it found.
- ActionExtractSlots._run_custom_action calls the action server for every custom slot
  mapping, every turn. The `language` slot's mapping needs no database and no library,
  so it runs here (bot/rasa_ext/language_slot.py): one action-server call less per turn.
- RemoteAction._action_call_format puts the whole domain into every call to the action
  server (selective domain stays off): 94 KB of JSON, 77 KB of it the responses, in both
  languages. The action server never reads responses (Rasa renders them), so we leave them
  out: less to encode here and to parse there, every action call.
- EndpointConfig.request opens a new aiohttp ClientSession, and so a new TCP connection,
  for every call to the action server. We keep one session per event loop and endpoint
  settings (headers, auth), so calls reuse their connections (keep-alive).

The patches are written against one Rasa release: install() refuses any other, and
PATCHED records the source of each Rasa function they rely on, so a Rasa upgrade
makes tests/bot/test_rasa_patches.py fail until every patch was re-checked.
"""
from __future__ import annotations

import functools
import hashlib
import importlib
import inspect
from typing import Any, Callable, Dict, Optional, Text

# The Rasa release these patches (and the overrides in tracker_store.py and
# socketio_channel.py) were written and checked against.
RASA_VERSION = "3.6.21"

# sha256 of `inspect.getsource()` of each Rasa function a patch replaces or relies on,
# in RASA_VERSION. A different hash means Rasa changed that code: re-check the patch
# against it, then record the new hash (tests/bot/test_rasa_patches.py).
PATCHED = {
    "rasa.core.actions.action.RemoteAction._validate_action_result":
        "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42",
    # The validator is built once because this spec is a constant.
    "rasa.core.actions.action.RemoteAction.action_response_format_spec":
        "091b74aa3738d1262cf3c028386aaf9dd4f0d5c1374b62392411d70a79104a46",
    "rasa.shared.core.events.Event.resolve_by_type":
        "b5cf570fa7f286c7059ec73d8880528d03a78b28cf4e80285a46079c0fa65968",
    # action_detect_language runs in the server; every other custom mapping as before.
    "rasa.core.actions.action.ActionExtractSlots._run_custom_action":
        "a20d71ee74b1cd5c0eb2c8853b3433085b144828fcc0c92c850dded44f1cd1e4",
    # The request body of a custom action: "domain" is domain.as_dict().
    "rasa.core.actions.action.RemoteAction._action_call_format":
        "428795b944f22edba142d278ec47a30098975b01463ba337ec447dade52a0492",
    # request() uses `async with self.session() as session`; session() is replaced.
    "rasa.utils.endpoints.EndpointConfig.session":
        "e55aa13d9d4fb4bc440ac33b870a97ee162b76dda7ccb6bf68433567475fdffb",
    "rasa.utils.endpoints.EndpointConfig.request":
        "ccdb778aed8208e23cde3c3f47eac7fbbbb735dac8f7ef7254d54451c64ad608",
}

# The Rasa functions install() replaced, so their source can still be checked.
_originals: Dict[Text, Any] = {}
_installed = False


@functools.lru_cache(maxsize=1)
def _action_response_validator():
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    return validator_for(schema)(schema)


def _validate_action_result(self, result: Dict[Text, Any]) -> bool:
    from jsonschema import ValidationError, exceptions
    from rasa.shared.constants import DOCS_BASE_URL

    error = exceptions.best_match(_action_response_validator().iter_errors(result))
    if error is None:
        return True
    assert isinstance(error, ValidationError)
    error.message += (
        ". Failed to validate Action server response from API, make sure your response "
        f"from the Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def _remembering(resolve: Callable) -> Callable:
    """Event.resolve_by_type that looks each found type name up only once."""
    found: Dict[Text, Any] = {}

    def resolve_by_type(type_name: Text, default: Optional[Any] = None) -> Optional[Any]:
        cls = found.get(type_name)
        if cls is None:
            cls = resolve(type_name, default)  # raises for unknown names, as before
            if cls is not None and cls is not default:
                found[type_name] = cls
        return cls

    return resolve_by_type


_slim: Dict[Text, Any] = {}


def _without_responses(action_call_format: Callable) -> Callable:
    """RemoteAction._action_call_format that sends the domain without its responses."""

    def _action_call_format(self, tracker: Any, domain: Any) -> Dict[Text, Any]:
        result = action_call_format(self, tracker, domain)
        full = result.get("domain")
        if full is not None:
            if _slim.get("of") is not full:  # as_dict() is cached per domain: build once per model
                _slim.update({"of": full, "domain": {k: v for k, v in full.items() if k != "responses"}})
            result["domain"] = _slim["domain"]
        return result

    return _action_call_format


class _Kept:
    """``async with`` over a shared ClientSession that leaves it open."""

    def __init__(self, session: Any) -> None:
        self._session = session

    async def __aenter__(self) -> Any:
        return self._session

    async def __aexit__(self, *exc: Any) -> None:
        return None


_sessions: Dict[Any, Any] = {}


def _kept_session(session: Callable) -> Callable:
    """EndpointConfig.session that hands out one open session per event loop and settings."""

    def kept(self):
        import asyncio

        loop = asyncio.get_running_loop()
        key = (id(loop), tuple(sorted((self.headers or {}).items())),
               tuple(sorted((self.basic_auth or {}).items())))
        found = _sessions.get(key)
        if found is None or found.closed or found._loop is not loop:
            found = _sessions[key] = session(self)
        return _Kept(found)

    return kept


def resolve(name: Text) -> Any:
    """The object a dotted name like "rasa.core.tracker_store.SQLTrackerStore.save" names."""
    parts = name.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attr in parts[split:]:
            obj = getattr(obj, attr)
        return obj
    raise ModuleNotFoundError(name)


def source_sha256(name: Text) -> Text:
    """sha256 of the source of Rasa's own `name`, also after install() replaced it."""
    obj = _originals.get(name) or resolve(name)
    return hashlib.sha256(inspect.getsource(obj).encode()).hexdigest()


def install() -> None:
    """Install the patches in this process. Later calls do nothing.

    Raises RuntimeError when the installed Rasa is not RASA_VERSION: the patches
    replace that release's code and may break (or silently undo) a newer one.
    """
    global _installed
    if _installed:
        return
    import rasa

    if rasa.__version__ != RASA_VERSION:
        raise RuntimeError(
            f"bot/rasa_ext/rasa_patches.py is written for Rasa {RASA_VERSION}, but Rasa "
            f"{rasa.__version__} is installed: re-check every patch in bot/rasa_ext/ against "
            f"the new Rasa (tests/bot/test_rasa_patches.py), then update RASA_VERSION."
        )
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    for name in PATCHED:
        _originals[name] = resolve(name)
    from rasa.utils.endpoints import EndpointConfig

    from bot.rasa_ext import language_slot

    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_remembering(Event.resolve_by_type))
    language_slot.install()
    EndpointConfig.session = _kept_session(EndpointConfig.session)
    RemoteAction._action_call_format = _without_responses(RemoteAction._action_call_format)
    _installed = True
