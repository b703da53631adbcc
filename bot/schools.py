"""The school registry (code, name, active) and how often a conversation may send something to a school.

    python -m bot.schools add DEMO01 "Demoschool Kansrijk"
    python -m bot.schools list
    python -m bot.schools deactivate DEMO01
    python -m bot.schools activate DEMO01

A chat widget says which school it belongs to (``metadata.school``); that is only a
claim. Shares, hand-offs and follow-up reports go to a school only when its code is in
this registry and active, and no more often than :data:`LIMITS` allow per conversation
(a day) and per school (an hour): :func:`admit` checks both and counts, in one
transaction with the write it guards. Portal accounts belong to a registered school
too (``python -m bot.accounts add`` checks it).

This module is the one owner of the ``schools`` and ``school_rate_events`` tables
(``appdb.migrations``). A rate event holds the school, the kind, the time and a hash of
the conversation id (never the id itself), and is deleted after a day.

Exceptions::

    SchoolError
    ├── InvalidSchool    a code or name that cannot be used
    ├── DuplicateSchool  the code is registered under another name
    ├── UnknownSchool    no school with this code
    ├── InactiveSchool   the school is switched off
    └── RateLimited      too many of one kind for this conversation or school (.scope)
"""
from __future__ import annotations

import argparse
import hashlib
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Dict, Iterator, List, Optional

import sqlite_utils

import appdb
from appdb import transaction
from safetext import clean_text

__all__ = [
    "School", "Limit", "LIMITS", "CONVERSATION_WINDOW", "SCHOOL_WINDOW",
    "normalise_code", "add_school", "get_school", "find_school", "active_school", "list_schools",
    "set_active", "admit", "forget_conversation", "purge_rate_events", "main",
    "SchoolError", "InvalidSchool", "DuplicateSchool", "UnknownSchool", "InactiveSchool", "RateLimited",
]

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,31}$")


class SchoolError(Exception):
    """Base class for school problems; the message says how to fix it."""


class InvalidSchool(SchoolError):
    """The school code or name cannot be used."""


class DuplicateSchool(SchoolError):
    """A school with this code is registered under another name."""


class UnknownSchool(SchoolError):
    """No school with this code is registered."""


class InactiveSchool(SchoolError):
    """The school is registered but switched off."""


class RateLimited(SchoolError):
    """The limit for this kind is reached; ``scope`` is "conversation" or "school"."""

    def __init__(self, message: str, scope: str):
        super().__init__(message)
        self.scope = scope


@dataclass(frozen=True)
class School:
    code: str
    name: str
    active: bool


@dataclass(frozen=True)
class Limit:
    per_conversation: int  # in CONVERSATION_WINDOW
    per_school: int  # in SCHOOL_WINDOW


CONVERSATION_WINDOW = timedelta(days=1)
SCHOOL_WINDOW = timedelta(hours=1)
# A student shares or asks for a talk once or twice; a whole year group finishing a
# chat lesson at the same time stays under the school figures (documented in README).
LIMITS: Dict[str, Limit] = {
    "share": Limit(per_conversation=3, per_school=300),
    "handoff": Limit(per_conversation=3, per_school=60),
    "follow_up_report": Limit(per_conversation=2, per_school=30),
}


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def normalise_code(code: str) -> str:
    """The registry spelling of a school code: trimmed, upper case; InvalidSchool if it cannot be one."""
    normal = clean_text(str(code or "")).strip().upper()
    if not _CODE.match(normal):
        raise InvalidSchool(
            f"'{code}' kan geen schoolcode zijn: gebruik 2 tot 32 letters, cijfers, - of _, bijvoorbeeld DEMO01."
        )
    return normal


def _row(db: sqlite_utils.Database, code: str) -> Optional[School]:
    row = db.execute("SELECT code, name, active FROM schools WHERE code = ?", [code]).fetchone()
    return School(row[0], row[1], bool(row[2])) if row else None


def find_school(db: sqlite_utils.Database, code: Optional[str]) -> Optional[School]:
    """The registered school with this code (any case), or None; also None for a code that cannot be one."""
    try:
        return _row(db, normalise_code(code or ""))
    except InvalidSchool:
        return None


def get_school(db: sqlite_utils.Database, code: str) -> School:
    """The registered school with this code; UnknownSchool if there is none."""
    school = find_school(db, code)
    if school is None:
        raise UnknownSchool(
            f"onbekende school {code}. Bekijk de scholen met `python -m bot.schools list`, "
            f"of voeg haar toe met `python -m bot.schools add CODE \"NAAM\"`."
        )
    return school


def active_school(db: sqlite_utils.Database, code: str) -> School:
    """The registered, active school with this code; UnknownSchool or InactiveSchool otherwise."""
    school = get_school(db, code)
    if not school.active:
        raise InactiveSchool(
            f"school {school.code} staat uit. Zet haar aan met `python -m bot.schools activate {school.code}`."
        )
    return school


def list_schools(db: sqlite_utils.Database) -> List[School]:
    """Every registered school, by code."""
    rows = db.execute("SELECT code, name, active FROM schools ORDER BY code").fetchall()
    return [School(code, name, bool(active)) for code, name, active in rows]


def add_school(db: sqlite_utils.Database, code: str, name: str) -> School:
    """Register a school (active); a repeat with the same name changes nothing."""
    normal = normalise_code(code)
    name = " ".join(clean_text(str(name or "")).split())
    if not name or len(name) > 200:
        raise InvalidSchool('Geef de school een naam van 1 tot 200 tekens, bijvoorbeeld "Het Nieuwe College".')
    with transaction(db):
        existing = _row(db, normal)
        if existing is not None:
            if existing.name != name:
                raise DuplicateSchool(f"school {normal} bestaat al, met de naam '{existing.name}'.")
            return existing
        now = _iso(_now())
        db.execute(
            "INSERT INTO schools (code, name, active, created_at, updated_at) VALUES (?, ?, 1, ?, ?)",
            [normal, name, now, now],
        )
    return School(normal, name, True)


def set_active(db: sqlite_utils.Database, code: str, active: bool) -> School:
    """Switch a school on or off; UnknownSchool if it is not registered."""
    school = get_school(db, code)
    with transaction(db):
        db.execute(
            "UPDATE schools SET active = ?, updated_at = ? WHERE code = ?",
            [1 if active else 0, _iso(_now()), school.code],
        )
    return School(school.code, school.name, active)


# -------------------------------------------------------------------------- rate limits


def _conversation_key(conversation_id: str) -> str:
    # Enough to count per conversation; the table never holds a conversation id.
    return hashlib.sha256(str(conversation_id).encode("utf-8")).hexdigest()[:32]


def _count(db: sqlite_utils.Database, column: str, value: str, kind: str, since: datetime) -> int:
    return db.execute(
        f"SELECT COUNT(*) FROM school_rate_events WHERE {column} = ? AND kind = ? AND at >= ?",
        [value, kind, _iso(since)],
    ).fetchone()[0]


@contextmanager
def admit(
    db: sqlite_utils.Database, code: Optional[str], conversation_id: str, kind: str,
    now: Optional[datetime] = None,
) -> Iterator[School]:
    """Let one ``kind`` ("share", "handoff", "follow_up_report") through to school ``code``.

    Raises UnknownSchool, InactiveSchool or RateLimited before the block runs; otherwise
    yields the registered school (write its ``code``, not the client's spelling) and
    counts the event when the block ends without an error. Check, block and count are
    one transaction, so parallel requests cannot pass the limit together, and a block
    that fails counts nothing.
    """
    limit = LIMITS[kind]
    now = now or _now()
    with transaction(db):
        school = active_school(db, code or "")
        key = _conversation_key(conversation_id)
        purge_rate_events(db, now)
        if _count(db, "conversation_key", key, kind, now - CONVERSATION_WINDOW) >= limit.per_conversation:
            raise RateLimited(
                f"{kind}: al {limit.per_conversation} keer vandaag in dit gesprek; morgen kan het weer.",
                "conversation",
            )
        if _count(db, "school", school.code, kind, now - SCHOOL_WINDOW) >= limit.per_school:
            raise RateLimited(
                f"{kind}: al {limit.per_school} keer in het afgelopen uur voor school {school.code}.", "school"
            )
        yield school
        db.execute(
            "INSERT INTO school_rate_events (school, kind, conversation_key, at) VALUES (?, ?, ?, ?)",
            [school.code, kind, key, _iso(now)],
        )


def purge_rate_events(db: sqlite_utils.Database, now: Optional[datetime] = None) -> int:
    """Delete rate events older than a day (each count also does; retention runs this daily); returns rows deleted."""
    with transaction(db):
        cursor = db.execute(
            "DELETE FROM school_rate_events WHERE at < ?", [_iso((now or _now()) - CONVERSATION_WINDOW)]
        )
    return cursor.rowcount


def forget_conversation(db: sqlite_utils.Database, conversation_id: str) -> int:
    """Delete the rate events of a conversation ("verwijder mijn gegevens"); returns rows deleted."""
    with transaction(db):
        cursor = db.execute(
            "DELETE FROM school_rate_events WHERE conversation_key = ?", [_conversation_key(conversation_id)]
        )
    return cursor.rowcount


# ---------------------------------------------------------------------------------- CLI


def main(argv: Optional[List[str]] = None, db: Optional[sqlite_utils.Database] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.schools",
        description=(
            "Scholen van Kansrijk. Alleen een school in deze lijst, die aan staat, krijgt gedeelde "
            "gesprekken, vragen om een gesprek en meldingen met hulp. Een portaalaccount hoort ook "
            "bij een school uit deze lijst."
        ),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")
    add = commands.add_parser("add", help='school toevoegen: add CODE "NAAM"')
    add.add_argument("code", metavar="CODE", help="de code die de widget van de school meestuurt (data-school)")
    add.add_argument("name", metavar="NAAM", help="de naam van de school")
    commands.add_parser("list", help="scholen tonen (code, aan of uit, naam)")
    off = commands.add_parser("deactivate", help="school uitzetten: krijgt niets meer tot ze weer aan staat")
    off.add_argument("code", metavar="CODE")
    on = commands.add_parser("activate", help="school weer aanzetten")
    on.add_argument("code", metavar="CODE")
    args = parser.parse_args(argv)

    if db is None:
        db = appdb.connect()
    try:
        if args.command == "add":
            school = add_school(db, args.code, args.name)
            print(f"School {school.code} ({school.name}) staat in de lijst en staat aan.")
        elif args.command == "list":
            for school in list_schools(db):
                print(f"{school.code}\t{'aan' if school.active else 'uit'}\t{school.name}")
        else:
            school = set_active(db, args.code, args.command == "activate")
            print(f"School {school.code} staat nu {'aan' if school.active else 'uit'}.")
    except SchoolError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
