"""The `language` slot is decided inside Rasa (bot/rasa_ext/language_slot.py): typed requests, the widget's `lang`."""
import json
import textwrap

import pytest

from actions.texts import named_language
from tests.bot.rasa_venv import run_in_rasa_venv

# Each case: the events before the latest message (as [text, metadata] user messages or
# "session" for a new session), the latest message, its intent and metadata, and the slot.
CASES = {
    "switch request": ([], "hi, can we talk in english?", "switch_language", {}, None, "en"),
    "back to Dutch": ([], "Nederlands graag", "switch_language", {}, "en", "nl"),
    "a long message naming a language": (
        [], "ze zeiden bij het sollicitatiegesprek dat mijn Engels niet goed genoeg was voor de klanten daar",
        "switch_language", {}, None, None),
    "another intent naming a language": ([], "ik wil engels leren", "share_interests", {}, None, None),
    "data-lang on the first message": ([], "/greet", "greet", {"lang": "en"}, None, "en"),
    "the same lang again keeps a typed switch": (
        [["hoi", {"lang": "en"}]], "stage zoeken", "seek_internship", {"lang": "en"}, "nl", None),
    "the widget button changes lang": (
        [["hoi", {"lang": "nl"}]], "/switch_language", "switch_language", {"lang": "en"}, None, "en"),
    "a new session honours data-lang again": (
        [["hoi", {"lang": "en"}], "session"], "hoi", "greet", {"lang": "en"}, None, "en"),
    "an unknown lang": ([], "hoi", "greet", {"lang": "xx"}, None, None),
    "already in that language": ([], "english please", "switch_language", {}, "en", None),
}

SCRIPT = textwrap.dedent("""
    import json, sys
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.core.slots import CategoricalSlot
    from bot.rasa_ext import language_slot

    out = {}
    for name, (before, text, intent, metadata, slot, _) in json.loads(sys.argv[1]).items():
        events = [ActionExecuted("action_session_start")]
        for item in before:
            if item == "session":
                events.append(ActionExecuted("action_session_start"))
            else:
                events.append(UserUttered(item[0], {"name": "greet"}, metadata=item[1]))
        if slot:
            events.append(SlotSet("language", slot))
        events.append(UserUttered(text, {"name": intent, "confidence": 1.0}, metadata=metadata))
        slots = [CategoricalSlot("language", [], values=["nl", "en"], influence_conversation=False)]
        tracker = DialogueStateTracker.from_events("t", events, slots=slots)
        out[name] = [e.value for e in language_slot.slot_events(tracker)]
    print(json.dumps(out))
""")


@pytest.fixture(scope="module")
def decided():
    result = run_in_rasa_venv(SCRIPT, json.dumps(CASES))
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("case", CASES)
def test_the_language_slot(decided, case):
    expected = CASES[case][-1]
    assert decided[case] == ([expected] if expected else [])


NAMED = ["hi, can we talk in english?", "in het Engels graag", "english please", "Nederlands graag",
         "can we speak dutch again", "can we talk english instead of dutch", "ik en jij"]


def test_rasa_and_the_action_server_read_the_same_language_names():
    script = ("import json, sys\nfrom bot.rasa_ext.language_slot import named_language\n"
              "print(json.dumps([named_language(t, 'nl') for t in json.loads(sys.argv[1])]))")
    result = run_in_rasa_venv(script, json.dumps(NAMED))
    assert result.returncode == 0, result.stderr[-2000:]
    in_rasa = json.loads(result.stdout.strip().splitlines()[-1])
    assert in_rasa == [named_language(t, current="nl") for t in NAMED] == ["en", "en", "en", "nl", "nl", "en", None]


def test_rasa_runs_the_mapping_itself_and_other_custom_mappings_remotely():
    script = textwrap.dedent("""
        import asyncio
        from unittest import mock
        from rasa.core.actions.action import ActionExtractSlots
        from rasa.shared.core.events import UserUttered
        from rasa.shared.core.trackers import DialogueStateTracker
        from bot.rasa_ext import rasa_patches
        rasa_patches.install()
        tracker = DialogueStateTracker.from_events("t", [UserUttered("english please", {"name": "switch_language"})])
        action = ActionExtractSlots(None)
        events = asyncio.run(action._run_custom_action("action_detect_language", None, None, tracker, None))
        print([(e.key, e.value) for e in events])
        with mock.patch("rasa.core.actions.action.RemoteAction.run", new=mock.AsyncMock(return_value=[])) as remote:
            asyncio.run(action._run_custom_action("action_other", None, None, tracker, None))
            print(remote.await_count)
    """)
    result = run_in_rasa_venv(script)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-2:] == ["[('language', 'en')]", "1"]
