"""The one owner of the ``experiments`` table: register, list, start, stop and load experiments.

An experiment is *registered* when added, *running* from its start date (the store
notes that the first time it is read on or after that day) and *stopped* when someone
stops it; after its end date it is no longer active but keeps its status. Once
started it is frozen: its definition can never change (a trigger in
``appdb.migrations`` refuses it too), and every load recomputes the content hash and
compares it with the stored one, so an edited row is refused instead of analysed.

Writes go through ``appdb.transaction``. The table comes from ``appdb.migrations``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional
from zoneinfo import ZoneInfo

import sqlite_utils

import appdb

from . import definition as definitions
from .definition import Definition
from .errors import (
    ExperimentExists,
    ExperimentFrozen,
    ExperimentOverlap,
    ExperimentTampered,
    InvalidDate,
    InvalidDefinition,
    UnknownExperiment,
)

__all__ = ["Experiment", "today", "add", "get", "list_experiments", "stop", "active_for"]

_COLUMNS = "name, definition, content_hash, status, registered_at, started_at, stopped_at"
_SCHOOL_TIME = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    """The date at the schools (Dutch time), which decides whether an experiment runs."""
    return datetime.now(_SCHOOL_TIME).date()


@dataclass(frozen=True)
class Experiment:
    """A registered experiment: its definition plus what the store knows about it."""

    definition: Definition
    content_hash: str
    status: str  # 'registered' | 'running' | 'stopped'
    registered_at: str
    started_at: Optional[str]
    stopped_at: Optional[str]

    @property
    def name(self) -> str:
        return self.definition.name

    @property
    def started(self) -> bool:
        """True once it has run (also when stopped after that): the definition is frozen."""
        return self.started_at is not None

    def active_on(self, day: date) -> bool:
        """Running (not stopped) and ``day`` between its start and end date."""
        return self.status != "stopped" and self.definition.runs_on(day)

    def to_dict(self) -> dict:
        return {
            **self.definition.to_dict(),
            "content_hash": self.content_hash,
            "status": self.status,
            "registered_at": self.registered_at,
            "started_at": self.started_at,
            "stopped_at": self.stopped_at,
        }


def _experiment(row: tuple) -> Experiment:
    name, text, stored_hash, status, registered_at, started_at, stopped_at = row
    try:
        parsed = definitions.from_json(text)
    except (ValueError, InvalidDefinition) as error:
        raise ExperimentTampered(
            f"de opgeslagen definitie van experiment '{name}' is beschadigd; registreer een nieuw experiment"
        ) from error
    if parsed.content_hash != stored_hash or parsed.name != name:
        raise ExperimentTampered(
            f"de inhoud van experiment '{name}' klopt niet meer met de opgeslagen vingerafdruk; "
            "het is na registratie veranderd, dus de analyse is niet te vertrouwen; stop het en maak een nieuw experiment"
        )
    return Experiment(parsed, stored_hash, status, registered_at, started_at, stopped_at)


def _start_due(db: sqlite_utils.Database, day: date) -> None:
    """Mark registered experiments whose start date has come as running (the moment they freeze)."""
    due = "status = 'registered' AND json_extract(definition, '$.start') <= ?"
    # Read first: most calls find nothing due and should not queue for the write lock.
    if db.execute(f"SELECT 1 FROM experiments WHERE {due} LIMIT 1", [day.isoformat()]).fetchone() is None:
        return
    with appdb.transaction(db):
        db.execute(
            f"UPDATE experiments SET status = 'running', started_at = ? WHERE {due}",
            [appdb.now_iso(), day.isoformat()],
        )


def _load(db: sqlite_utils.Database, name: str) -> Optional[Experiment]:
    row = db.execute(f"SELECT {_COLUMNS} FROM experiments WHERE name = ?", [name]).fetchone()
    return _experiment(row) if row else None


def get(db: sqlite_utils.Database, name: str, *, on: Optional[date] = None) -> Experiment:
    """The experiment called ``name``; :class:`UnknownExperiment` if there is none."""
    _start_due(db, on or today())
    found = _load(db, name)
    if found is None:
        raise UnknownExperiment(
            f"er is geen experiment '{name}'; bekijk de namen met: python -m bot.experiments list"
        )
    return found


def list_experiments(db: sqlite_utils.Database, *, on: Optional[date] = None) -> list[Experiment]:
    """Every registered experiment, oldest registration first."""
    _start_due(db, on or today())
    rows = db.execute(f"SELECT {_COLUMNS} FROM experiments ORDER BY registered_at, name").fetchall()
    return [_experiment(row) for row in rows]


def _check_overlap(db: sqlite_utils.Database, new: Definition, day: date) -> None:
    for other in list_experiments(db, on=day):
        if other.name == new.name or other.status == "stopped":
            continue
        schools = set(other.definition.schools) & set(new.schools)
        if schools and other.definition.start <= new.end and new.start <= other.definition.end:
            raise ExperimentOverlap(
                f"school {sorted(schools)[0]} heeft van {other.definition.start} tot en met {other.definition.end} "
                f"al experiment '{other.name}'; stop dat eerst of kies andere datums"
            )


def add(
    db: sqlite_utils.Database, definition: Definition, *, replace: bool = False, on: Optional[date] = None
) -> Experiment:
    """Register ``definition``; adding the same content again changes nothing.

    An experiment with the same name and other content is refused: with
    :class:`ExperimentFrozen` once it has started, otherwise with
    :class:`ExperimentExists` unless ``replace`` (allowed until the start date).
    """
    day = on or today()
    with appdb.transaction(db):
        _start_due(db, day)
        existing = _load(db, definition.name)
        if existing is not None and existing.content_hash == definition.content_hash:
            return existing
        if definition.end < day:
            raise InvalidDate(
                f"de einddatum {definition.end} is al voorbij; kies een einddatum vanaf vandaag ({day})"
            )
        if existing is not None and (existing.started or existing.status != "registered"):
            raise ExperimentFrozen(
                f"een gestart experiment kan niet veranderen; maak een nieuw experiment (met een andere naam dan "
                f"'{definition.name}')"
            )
        if existing is not None and not replace:
            raise ExperimentExists(
                f"experiment '{definition.name}' bestaat al met een andere inhoud; kies een nieuwe naam, "
                "of vervang het met --replace (kan tot de startdatum)"
            )
        _check_overlap(db, definition, day)
        text, content = definitions.canonical_json(definition), definition.content_hash
        if existing is None:
            db.execute(
                "INSERT INTO experiments (name, definition, content_hash, status, registered_at) "
                "VALUES (?, ?, ?, 'registered', ?)",
                [definition.name, text, content, appdb.now_iso()],
            )
        else:
            db.execute(
                "UPDATE experiments SET definition = ?, content_hash = ?, registered_at = ? "
                "WHERE name = ? AND status = 'registered' AND started_at IS NULL",
                [text, content, appdb.now_iso(), definition.name],
            )
    return get(db, definition.name, on=day)


def stop(db: sqlite_utils.Database, name: str) -> Experiment:
    """Stop the experiment now: no new conversations join it; stopping twice changes nothing."""
    with appdb.transaction(db):
        get(db, name)  # unknown or tampered experiments are refused
        db.execute(
            "UPDATE experiments SET status = 'stopped', stopped_at = ? WHERE name = ? AND status <> 'stopped'",
            [appdb.now_iso(), name],
        )
    return get(db, name)


def active_for(db: sqlite_utils.Database, school: str, on: Optional[date] = None) -> Optional[Experiment]:
    """The experiment that runs at ``school`` on ``on`` (default: today), or None (the default: off)."""
    day = on or today()
    _start_due(db, day)
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM experiments WHERE status = 'running' "
        "AND json_extract(definition, '$.start') <= ? AND json_extract(definition, '$.end') >= ? "
        "AND EXISTS (SELECT 1 FROM json_each(definition, '$.schools') WHERE value = ?) "
        "ORDER BY registered_at, name",
        [day.isoformat(), day.isoformat(), school.strip().upper()],
    ).fetchall()
    # add() refuses overlaps, so there is at most one; the oldest wins if not.
    return _experiment(rows[0]) if rows else None
