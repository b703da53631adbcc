"""SQL tracker store that can forget a conversation and purge old ones.

Runs inside the Rasa server (.venv-rasa) and is selected in endpoints.yml. It is
Rasa's SQLTrackerStore (SQLite by default, PostgreSQL in a scaled deployment)
plus two things Rasa 3.6 lacks:

- when a turn sets the slot `forget_conversation` (set by action_delete_my_data
  only after the app database was cleaned), every stored event of that
  conversation is deleted instead of saving the turn;
- retention, run by `python -m bot.rasa_ext.tracker_store purge --days N` (and daily by
  `python -m bot.run`): `purge_inactive(days)` deletes conversations with no event in
  that period, and `trim_old_sessions(days)` deletes the old sessions of conversations
  that are still in use, so a long-lived conversation keeps nothing past the period
  either. It removes whole sessions only, and never the latest one: Rasa rebuilds a
  conversation from its latest session (`action_session_start` onwards), and a session
  cut in half would leave forms and slots in a state no turn ever had.

Report codes never reach the database: every event is written with each report code
(`bot.rasa_ext.nlu_codes.CODE`, 10 or 8 characters) replaced by "[meldcode]", in its
text, its parse data (the `report_code` entity), slot values and bot data alike. The
student still sees the code: Rasa sends a turn's messages to the channel before it saves
the tracker, and the actions of the turn get the tracker from memory. Nothing later needs
a code from an earlier turn (the withdrawal confirmation keeps a one-time ticket, see
actions/reporting_codes.py). `python -m bot.rasa_ext.tracker_store scrub` does the same
to events stored before this existed.

It also saves a turn without first counting the conversation's stored events:
Rasa's SQLTrackerStore runs a COUNT query on every save to find which events are
new. A tracker this store loaded or saved remembers how many of its events are
stored, so only the ones after that are written. (Rasa's lock store makes sure
no other process adds events to a conversation between its load and its save.)
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import time
from typing import Any, Dict, Iterator, Optional, Text, Tuple

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext import rasa_patches
from bot.rasa_ext.nlu_codes import CODE

# Rasa loads this module from endpoints.yml at server start: the moment to
# install the speed fixes for the server process (see bot/rasa_ext/rasa_patches.py).
# It also refuses a Rasa other than the one the overrides below were checked against.
rasa_patches.install()

# sha256 of the source of each SQLTrackerStore method the class below overrides (or,
# for __init__, whose engine and sessionmaker it replaces), in Rasa 3.6.21: the
# overrides rely on how these work. tests/bot/test_rasa_patches.py fails when one differs.
PATCHED = {
    "rasa.core.tracker_store.SQLTrackerStore.__init__":
        "64e704d159dfa35b86175cccdc9d08b05cbf91b2e0779bccf115671106ad9314",
    "rasa.core.tracker_store.SQLTrackerStore.save":
        "57165e46eab3de0866e77f03df0bf7fd5eac2c1de617ed431b934c9a4edfeef6",
    "rasa.core.tracker_store.SQLTrackerStore._retrieve":
        "c8adbf6f4b61ddd1124690944ebdf2ebc82d0723bd07c6704caab0b80120a0ef",
    "rasa.core.tracker_store.SQLTrackerStore._additional_events":
        "d22f99eb863acb07afee63d9fe3a04ca8464251e67a43eb7d36c2d65ffc1653f",
}

FORGET_SLOT = "forget_conversation"
# The action that opens a session; Rasa splits a conversation into sessions there.
SESSION_START = "action_session_start"
# Attribute on a tracker object: how many of its events are in the database.
STORED = "_kansrijk_stored_events"
# What a report code becomes in the stored events.
SCRUBBED = "[meldcode]"


def scrub(value: Any) -> Any:
    """``value`` with every report code in its strings (also inside dicts and lists) replaced by SCRUBBED."""
    if isinstance(value, str):
        return CODE.sub(SCRUBBED, value) if CODE.search(value) else value
    if isinstance(value, dict):
        return {key: scrub(item) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub(item) for item in value]
    return value


class _ScrubbedEvent:
    """What SQLTrackerStore.save reads of an event (``as_dict()`` and ``type_name``), without its codes."""

    def __init__(self, type_name: Text, data: Dict[Text, Any]) -> None:
        self.type_name = type_name
        self._data = data

    def as_dict(self) -> Dict[Text, Any]:
        return self._data


def _for_storage(event):
    data = event.as_dict()
    clean = scrub(data)
    return event if clean == data else _ScrubbedEvent(event.type_name, clean)


class ForgettingSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with conversation deletion and retention purge."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self._use_pooled_sqlite()

    def _use_pooled_sqlite(self) -> None:
        """SQLAlchemy 1.4 opens a new SQLite connection for every session (NullPool);
        a turn opens three. Keep connections open instead, in WAL mode."""
        import sqlalchemy as sa
        from sqlalchemy.orm.session import sessionmaker

        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url, poolclass=sa.pool.QueuePool, pool_size=2, max_overflow=4,
            connect_args={"check_same_thread": False},
        )
        _tune_sqlite(self.engine)
        self.sessionmaker = sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        # The slot is only ever set in the turn that deletes the conversation:
        # afterwards nothing of it is stored, so a later turn starts empty.
        if tracker.get_slot(FORGET_SLOT):
            self.forget(tracker.sender_id)
            return
        await super().save(tracker)
        _remember_stored(tracker)

    async def _retrieve(
        self, sender_id: Text, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        if tracker is not None:
            _remember_stored(tracker)
        return tracker

    def _additional_events(self, session, tracker: DialogueStateTracker) -> Iterator:
        """The tracker's events that are not stored yet, without report codes (save writes these)."""
        stored = getattr(tracker, STORED, None)
        if stored is None:
            new = super()._additional_events(session, tracker)
        else:
            new = itertools.islice(tracker.events, stored, len(tracker.events))
        return (_for_storage(event) for event in new)

    def scrub_stored(self, batch: int = 500) -> int:
        """Replace report codes in events stored before scrubbing existed; returns the events changed."""
        changed, last = 0, 0
        while True:
            with self.session_scope() as session:
                rows = (
                    session.query(self.SQLEvent)
                    .filter(self.SQLEvent.id > last)
                    .order_by(self.SQLEvent.id)
                    .limit(batch)
                    .all()
                )
                if not rows:
                    return changed
                for row in rows:
                    stored = json.loads(row.data)
                    clean = scrub(stored)
                    if clean != stored:
                        row.data = json.dumps(clean)
                        changed += 1
                last = rows[-1].id
                session.commit()

    def forget(self, sender_id: Text) -> int:
        """Delete every stored event of one conversation; returns the count."""
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        return deleted

    def purge_inactive(self, days: float, now: Optional[float] = None) -> int:
        """Delete conversations whose last event is older than `days`."""
        import sqlalchemy as sa

        cutoff = (now if now is not None else time.time()) - days * 86400
        with self.session_scope() as session:
            stale = (
                session.query(self.SQLEvent.sender_id)
                .group_by(self.SQLEvent.sender_id)
                .having(sa.func.max(self.SQLEvent.timestamp) < cutoff)
            )
            stale_ids = [sender_id for (sender_id,) in stale.all()]
            if stale_ids:
                session.query(self.SQLEvent).filter(
                    self.SQLEvent.sender_id.in_(stale_ids)
                ).delete(synchronize_session=False)
            session.commit()
        return len(stale_ids)

    def trim_old_sessions(self, days: float, now: Optional[float] = None) -> int:
        """Delete the sessions that ended before `days` ago; returns the events deleted.

        A session runs from one `action_session_start` to the next. Per conversation
        with a recent event, everything before the start of the session that holds its
        first recent event goes: those sessions ended before the cutoff. That session,
        and every later one, stays whole.
        """
        import sqlalchemy as sa

        cutoff = (now if now is not None else time.time()) - days * 86400
        events = self.SQLEvent.__table__
        recent = (
            sa.select(events.c.sender_id, sa.func.min(events.c.id).label("first_recent"))
            .where(events.c.timestamp >= cutoff)
            .group_by(events.c.sender_id)
            .subquery()
        )
        starts = events.alias("starts")
        boundaries = (
            sa.select(recent.c.sender_id, sa.func.max(starts.c.id))
            .join(starts, sa.and_(
                starts.c.sender_id == recent.c.sender_id,
                starts.c.type_name == "action",
                starts.c.action_name == SESSION_START,
                starts.c.id <= recent.c.first_recent,
            ))
            .group_by(recent.c.sender_id)
        )
        deleted = 0
        with self.session_scope() as session:
            for sender_id, boundary in session.execute(boundaries).all():
                deleted += session.execute(
                    events.delete().where(events.c.sender_id == sender_id, events.c.id < boundary)
                ).rowcount
            session.commit()
        return deleted

    def purge(self, days: float, now: Optional[float] = None) -> Tuple[int, int]:
        """Retention: (conversations deleted, events of old sessions deleted)."""
        return self.purge_inactive(days, now=now), self.trim_old_sessions(days, now=now)


def _remember_stored(tracker: DialogueStateTracker) -> None:
    # A tracker with a cap on its event history drops old events, so its length
    # no longer says how many are stored: such trackers keep Rasa's COUNT query.
    if getattr(tracker, "_max_event_history", None) is None:
        setattr(tracker, STORED, len(tracker.events))


def _tune_sqlite(engine) -> None:
    """WAL journal and normal sync: a turn's commit no longer waits for a full
    fsync of the rollback journal (it stays crash-safe; at worst the last turn
    is lost on power failure). Readers do not block the writer."""
    import sqlalchemy as sa

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def _store_from_endpoints(endpoints: Text) -> SQLTrackerStore:
    from rasa.core.tracker_store import TrackerStore
    from rasa.core.utils import read_endpoints_from_path

    config = read_endpoints_from_path(endpoints).tracker_store
    store = TrackerStore.create(config)
    # TrackerStore.create wraps the configured store; unwrap to reach purge.
    while not isinstance(store, ForgettingSQLTrackerStore):
        inner = getattr(store, "_tracker_store", None) or getattr(store, "tracker_store", None)
        if inner is None:
            raise SystemExit(
                "De tracker store in endpoints.yml is geen ForgettingSQLTrackerStore."
            )
        store = inner
    return store


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.rasa_ext.tracker_store")
    sub = parser.add_subparsers(dest="command", required=True)
    purge = sub.add_parser(
        "purge", help="delete conversations, and old sessions of running ones, past the retention period"
    )
    purge.add_argument("--days", type=float, required=True)
    purge.add_argument("--endpoints", default="endpoints.yml")
    scrub_parser = sub.add_parser("scrub", help="replace report codes in events stored before scrubbing existed")
    scrub_parser.add_argument("--endpoints", default="endpoints.yml")
    args = parser.parse_args(argv)
    # endpoints.yml also names the action server; the purge never calls it, so its
    # variables need not be set to run this from a shell.
    for name in ("KANSRIJK_ACTION_URL", "KANSRIJK_ACTION_SECRET"):
        os.environ.setdefault(name, "unused")
    store = _store_from_endpoints(args.endpoints)
    if args.command == "scrub":
        print(f"{store.scrub_stored()} gebeurtenissen met een meldcode opgeschoond")
        return 0
    removed, trimmed = store.purge(args.days)
    print(f"{removed} gesprekken verwijderd (ouder dan {args.days:g} dagen); "
          f"{trimmed} gebeurtenissen uit oude sessies van lopende gesprekken verwijderd")
    return 0


if __name__ == "__main__":
    # Under `python -m` this file is __main__, while Rasa imports the store class from
    # endpoints.yml by its dotted name: run that module's main(), whose class it is.
    from bot.rasa_ext import tracker_store

    raise SystemExit(tracker_store.main())
