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


TRIM = textwrap.dedent("""
    import asyncio, tempfile
    from bot.rasa_ext.tracker_store import ForgettingSQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    DAY = 86400.0
    NOW = 2_000_000_000.0  # the fake clock: purge(now=NOW)

    def session(days_ago, *texts):
        start = NOW - days_ago * DAY
        events = [ActionExecuted("action_session_start", timestamp=start),
                  SessionStarted(timestamp=start + 1), ActionExecuted("action_listen", timestamp=start + 2)]
        events += [UserUttered(text, timestamp=start + 3 + i) for i, text in enumerate(texts)]
        return events

    def texts(tracker):
        return [e.text for e in tracker.events if isinstance(e, UserUttered)]

    async def main(path):
        domain = Domain.from_yaml('''
        version: "3.1"
        slots:
          level:
            type: text
            mappings: [{type: custom}]
        ''')
        store = ForgettingSQLTrackerStore(domain, dialect="sqlite", db=path)
        # A conversation that came back every few weeks for half a year.
        events = (session(180, "heel oud") + [SlotSet("level", "vmbo", timestamp=NOW - 180 * DAY + 9)]
                  + session(120, "oud") + session(91, "net te oud")
                  + session(89, "net op tijd") + session(1, "nu", "nog steeds"))
        await store.save(DialogueStateTracker.from_events("long", events, domain.slots))
        # One session that began before the cutoff and is still going on: kept whole.
        await store.save(DialogueStateTracker.from_events("straddling", session(95, "begin")
                          + [UserUttered("vandaag", timestamp=NOW - 3600)]))
        # Nothing since long ago: the whole conversation goes.
        await store.save(DialogueStateTracker.from_events("gone", session(100, "weg")))
        # A conversation without any event: nothing to trim, nothing breaks.
        assert await store.retrieve("none") is None

        # With the real clock nothing is old yet (the events lie in 2033).
        assert store.purge(90) == (0, 0)
        removed, trimmed = store.purge(90, now=NOW)
        assert removed == 1, removed
        assert trimmed == 3 * 4 + 1, trimmed  # three whole sessions (4 events each) and the slot

        full = await store.retrieve_full_tracker("long")
        assert texts(full) == ["net op tijd", "nu", "nog steeds"], texts(full)
        assert full.events[0].action_name == "action_session_start", full.events[0]
        assert full.get_slot("level") is None  # set in a session that is gone
        latest = await store.retrieve("long")
        assert texts(latest) == ["nu", "nog steeds"], texts(latest)
        # Rasa still adds the next turn to the running session.
        latest.update(UserUttered("verder", timestamp=NOW))
        await store.save(latest)
        assert texts(await store.retrieve("long")) == ["nu", "nog steeds", "verder"]

        assert texts(await store.retrieve_full_tracker("straddling")) == ["begin", "vandaag"]
        assert await store.retrieve("gone") is None
        # Purging again finds nothing more.
        assert store.purge(90, now=NOW) == (0, 0)
        print("ok")

    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(tmp + "/tracker.db"))
""")


def test_the_purge_trims_old_sessions_of_running_conversations_with_a_fake_clock():
    result = run_in_rasa_venv(TRIM)
    assert result.stdout.strip().endswith("ok"), result.stdout + result.stderr[-3000:]
