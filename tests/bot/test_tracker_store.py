"""The app's tracker store (bot/rasa_ext/tracker_store.py) inside the Rasa venv: it stores every
event exactly once, over several turns and a new session, and forgets a conversation."""
import textwrap

from tests.bot.rasa_venv import run_in_rasa_venv

SCRIPT = textwrap.dedent("""
    import asyncio, tempfile
    from bot.rasa_ext.tracker_store import ForgettingSQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import (
        ActionExecuted, BotUttered, Event, SessionStarted, SlotSet, UserUttered)

    domain = Domain.from_yaml('''
    version: "3.1"
    intents: [greet]
    slots:
      level:
        type: text
        mappings: [{type: custom}]
    ''')

    def texts(tracker):
        return [(e.type_name, getattr(e, "text", None) or getattr(e, "value", None))
                for e in tracker.events]

    async def main(path):
        store = ForgettingSQLTrackerStore(domain, dialect="sqlite", db=path)
        tracker = await store.get_or_create_tracker("c1")
        tracker.update(UserUttered("hoi"))
        tracker.update(BotUttered("Hoi!"))
        await store.save(tracker)
        await store.save(tracker)  # nothing new: nothing written twice
        first = texts(tracker)

        again = await store.retrieve("c1")
        assert texts(again) == first, (texts(again), first)
        again.update(SlotSet("level", "vmbo"))
        await store.save(again)
        again.update(UserUttered("kader"))
        await store.save(again)  # a second save in the same turn
        third = await store.retrieve("c1")
        assert texts(third) == texts(again), (texts(third), texts(again))
        assert third.get_slot("level") == "vmbo"

        # A new session: only its events come back, and none of them twice.
        third.update(ActionExecuted("action_session_start"))
        third.update(SessionStarted())
        third.update(UserUttered("weer hoi"))
        await store.save(third)
        fourth = await store.retrieve("c1")
        assert texts(fourth) == [("session_started", None), ("user", "weer hoi")], texts(fourth)
        full = await store.retrieve_full_tracker("c1")
        assert len(full.events) == len(third.events), (len(full.events), len(third.events))

        assert store.forget("c1") == len(third.events)
        assert await store.retrieve("c1") is None

        # The remembered event classes: same answers as Rasa's own lookup.
        assert Event.resolve_by_type("slot") is SlotSet
        assert Event.resolve_by_type("slot") is SlotSet
        assert Event.resolve_by_type("nonsense", default=SlotSet) is SlotSet
        try:
            Event.resolve_by_type("nonsense")
        except ValueError as error:
            assert "Unknown event name 'nonsense'" in str(error)
        else:
            raise AssertionError("unknown event name accepted")
        print("ok")

    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(tmp + "/tracker.db"))
""")


def test_tracker_store_saves_each_event_once_and_forgets():
    result = run_in_rasa_venv(SCRIPT)
    assert result.stdout.strip().endswith("ok"), result.stderr[-3000:]


PURGE = textwrap.dedent("""
    import asyncio, os, runpy, sys, tempfile, time
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(KANSRIJK_TRACKER_DIALECT="sqlite", KANSRIJK_TRACKER_DB=tmp + "/t.db",
                          KANSRIJK_ACTION_URL="http://localhost:5055/webhook")
        from bot.rasa_ext.tracker_store import ForgettingSQLTrackerStore

        store = ForgettingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=tmp + "/t.db")
        for sender, age_days in (("old", 100), ("new", 1)):
            event = UserUttered("hoi", timestamp=time.time() - age_days * 86400)
            asyncio.run(store.save(DialogueStateTracker.from_events(sender, [event])))

        # As the README runs it: `python -m bot.rasa_ext.tracker_store purge --days 90`.
        sys.argv = ["tracker_store", "purge", "--days", "90"]
        try:
            runpy.run_module("bot.rasa_ext.tracker_store", run_name="__main__", alter_sys=True)
        except SystemExit as exit:
            assert exit.code == 0, exit.code
        assert asyncio.run(store.retrieve("old")) is None
        assert asyncio.run(store.retrieve("new")) is not None
        print("ok")
""")


def test_the_purge_command_deletes_only_old_conversations():
    result = run_in_rasa_venv(PURGE)
    assert "1 gesprekken verwijderd" in result.stdout, result.stdout + result.stderr[-3000:]
    assert result.stdout.strip().endswith("ok"), result.stderr[-3000:]
