"""Speed fixes for Rasa 3.6 itself, installed in the Rasa server process.

Imported by bot/tracker_store.py, which Rasa loads from endpoints.yml when the
server starts, so every `rasa run` with our endpoints gets them. Each patch keeps
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
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Dict, Optional, Text

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


def install() -> None:
    global _installed
    if _installed:
        return
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_remembering(Event.resolve_by_type))
    _installed = True
