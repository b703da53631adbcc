"""A student's look-ups by report code, throttled; withdrawal through a one-time ticket.

The owner of ``report_lookup_misses`` and ``report_withdraw_tickets``: all their SQL is here.

A report's code is the only key to it, and whoever holds it can withdraw (delete) the
report. So a conversation never gets to try codes freely:

- A look-up of a well-formed code that does not exist is a *miss*. Misses are counted
  per conversation (``LookupLimits.per_conversation`` per 15 minutes, default 5) and for
  all conversations together (``LookupLimits.total`` per hour, default 100). While either
  limit is reached no look-up is done at all (:class:`LookupThrottled`), so however many
  conversations someone opens, they cannot try more than ``total`` codes an hour.
  A hit is not counted: a student with the right code is slowed down only when the
  total limit is reached (the price of a limit for everyone together).
- A code of the wrong length or with other characters cannot exist: it is answered
  "not found" at once and not counted, so typos and noise never use up the limit.
- The count and the look-up run in one ``BEGIN IMMEDIATE`` transaction, so concurrent
  guesses queue and cannot slip past the limit together.
- A miss is stored as a one-way hash of the conversation id and a time, never the code;
  misses older than the longest window are deleted on every write.
- Withdrawal: :func:`withdrawal_ticket` does the throttled look-up and returns a random
  ticket (128 bits), valid for 15 minutes and for one use; :func:`withdraw_by_ticket`
  deletes the report. The conversation keeps the ticket between "trek mijn melding in"
  and "ja", so no stored conversation event needs to hold the code.

:func:`guessing_figure` works out how long guessing one live code would take at the
total limit.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import sqlite3
import time

import appdb

from . import store
from .errors import LookupThrottled, ReportNotSaved, UnknownReportCode
from .model import ReportStatus, is_code_shaped, normalise_code
from .settings import LookupLimits, lookup_limits
from .vocabulary import CODE_ALPHABET, CODE_LENGTHS

__all__ = [
    "lookup_status",
    "withdrawal_ticket",
    "withdraw_by_ticket",
    "guessing_figure",
    "delete_stale",
    "TICKET_SECONDS",
    "TICKET_EXPIRED",
]

TICKET_SECONDS = 15 * 60
TICKET_EXPIRED = (
    "Dit duurde te lang, of je melding is al ingetrokken. "
    "Wil je hem intrekken? Typ dan opnieuw: trek mijn melding in, en dan je code."
)
_LOOKUP_FAILED = "Het lukt nu niet om je melding op te zoeken. Probeer het over een minuut opnieuw."
_THROTTLED = {
    "conversation": "Je hebt een paar keer een code getypt die we niet vinden. Probeer het over {minutes} minuten opnieuw.",
    "total": "Er worden nu te veel codes geprobeerd. Om meldingen te beschermen, zoeken we even niets op. "
    "Probeer het over {minutes} minuten opnieuw.",
}


def _conversation_key(conversation_id: str | None) -> str:
    # One-way: the table says "a conversation missed", not which one.
    return hashlib.sha256(f"kansrijk-report-lookup\0{conversation_id or ''}".encode("utf-8")).hexdigest()[:32]


def _ticket_hash(ticket: str) -> str:
    return hashlib.sha256(str(ticket).encode("utf-8")).hexdigest()


def _throttled(scope: str, retry_after: float) -> LookupThrottled:
    seconds = max(1, math.ceil(retry_after))
    minutes = max(1, -(-seconds // 60))
    return LookupThrottled(_THROTTLED[scope].format(minutes=minutes), scope=scope, retry_after=seconds)


def _check(conn: sqlite3.Connection, key: str, limits: LookupLimits, now: float) -> None:
    """Raise LookupThrottled when a limit is reached; delete misses no window needs any more."""
    conn.execute(
        "DELETE FROM report_lookup_misses WHERE at < ?",
        [now - max(limits.total_window, limits.conversation_window)],
    )
    for scope, limit, window, where, params in (
        ("total", limits.total, limits.total_window, "", []),
        ("conversation", limits.per_conversation, limits.conversation_window, " AND conversation_key = ?", [key]),
    ):
        since = now - window
        count = conn.execute(
            f"SELECT count(*) FROM report_lookup_misses WHERE at >= ?{where}", [since, *params]
        ).fetchone()[0]
        if count >= limit:
            # Allowed again once enough of the oldest misses have left the window.
            oldest = conn.execute(
                f"SELECT at FROM report_lookup_misses WHERE at >= ?{where} ORDER BY at LIMIT 1 OFFSET ?",
                [since, *params, count - limit],
            ).fetchone()[0]
            raise _throttled(scope, oldest + window - now)


def _lookup(db, code: str, conversation_id: str | None, *, ticket: bool, now: float | None,
            limits: LookupLimits | None) -> tuple[int, str | None]:
    """The id of the report with ``code`` (and a new ticket for it), throttled; a miss is recorded."""
    code = normalise_code(code)
    if not is_code_shaped(code):
        raise UnknownReportCode(store.UNKNOWN_CODE)
    limits = limits or lookup_limits()
    now = time.time() if now is None else now
    key = _conversation_key(conversation_id)
    new_ticket = None
    try:
        with appdb.transaction(db):
            conn = db.conn
            _check(conn, key, limits, now)
            report_id = store.find_report_id(db, code)
            if report_id is None:
                conn.execute("INSERT INTO report_lookup_misses (conversation_key, at) VALUES (?, ?)", [key, now])
            elif ticket:
                new_ticket = secrets.token_hex(16)
                conn.execute("DELETE FROM report_withdraw_tickets WHERE expires_at < ?", [now])
                conn.execute(
                    "INSERT INTO report_withdraw_tickets (ticket_hash, report_id, expires_at) VALUES (?, ?, ?)",
                    [_ticket_hash(new_ticket), report_id, now + TICKET_SECONDS],
                )
    except sqlite3.Error as error:
        raise ReportNotSaved(_LOOKUP_FAILED) from error
    if report_id is None:  # after COMMIT: the miss counts
        raise UnknownReportCode(store.UNKNOWN_CODE)
    return report_id, new_ticket


def lookup_status(
    db, code: str, conversation_id: str | None, *, now: float | None = None, limits: LookupLimits | None = None,
) -> ReportStatus:
    """The status of the report with ``code``, for the student in ``conversation_id``; throttled.

    Raises :class:`UnknownReportCode` (a miss), :class:`LookupThrottled` (no look-up was
    done) or :class:`ReportNotSaved` (the database failed).
    """
    report_id, _ = _lookup(db, code, conversation_id, ticket=False, now=now, limits=limits)
    return store.status_by_id(db, report_id, code)


def withdrawal_ticket(
    db, code: str, conversation_id: str | None, *, now: float | None = None, limits: LookupLimits | None = None,
) -> str:
    """Look up ``code`` (throttled, like :func:`lookup_status`) and return a one-time ticket to withdraw it.

    The ticket is valid for :data:`TICKET_SECONDS`; nothing is deleted yet.
    """
    _, ticket = _lookup(db, code, conversation_id, ticket=True, now=now, limits=limits)
    return ticket


def withdraw_by_ticket(db, ticket: str, *, now: float | None = None) -> None:
    """Delete the report the ticket was made for, and the ticket.

    Raises :class:`UnknownReportCode` when the ticket is unknown, used or expired
    (the student then types the code again), :class:`ReportNotSaved` when the database fails.
    """
    now = time.time() if now is None else now
    found = False
    try:
        with appdb.transaction(db):
            conn = db.conn
            row = conn.execute(
                "SELECT report_id FROM report_withdraw_tickets WHERE ticket_hash = ? AND expires_at >= ?",
                [_ticket_hash(ticket), now],
            ).fetchone()
            conn.execute(
                "DELETE FROM report_withdraw_tickets WHERE ticket_hash = ? OR expires_at < ?",
                [_ticket_hash(ticket), now],
            )
            if row is not None:
                store.delete_by_id(db, row[0])
                found = True
    except sqlite3.Error as error:
        raise ReportNotSaved("Intrekken is niet gelukt. Probeer het over een minuut opnieuw.") from error
    if not found:
        raise UnknownReportCode(TICKET_EXPIRED)


def delete_stale(db, *, now: float | None = None, limits: LookupLimits | None = None) -> None:
    """Delete misses older than every window and expired tickets (retention; writes also do it)."""
    limits = limits or lookup_limits()
    now = time.time() if now is None else now
    try:
        with appdb.transaction(db):
            db.conn.execute(
                "DELETE FROM report_lookup_misses WHERE at < ?",
                [now - max(limits.total_window, limits.conversation_window)],
            )
            db.conn.execute("DELETE FROM report_withdraw_tickets WHERE expires_at < ?", [now])
    except sqlite3.Error as error:
        raise ReportNotSaved("Opschonen is niet gelukt. Probeer het opnieuw.") from error


def guessing_figure(live: dict[int, int], limits: LookupLimits | None = None) -> list[dict]:
    """Expected time to guess one live code at the total limit, per code length.

    ``live`` is the number of reports per code length (``store.live_report_counts``).
    Someone who tries random codes of length L, while n reports have such a code, hits
    one of them after about 32^L / n tries on average; the total limit allows
    ``limits.total`` tries per ``limits.total_window`` seconds, whatever the number of
    conversations. Each item: ``length``, ``reports``, ``codes`` (32^L),
    ``tries_per_hour``, ``expected_hours`` and ``expected_years`` (None without reports).
    """
    limits = limits or lookup_limits()
    per_hour = limits.total * 3600 / limits.total_window
    figures = []
    for length in CODE_LENGTHS:
        space = len(CODE_ALPHABET) ** length
        reports = int(live.get(length, 0))
        hours = space / reports / per_hour if reports else None
        figures.append({
            "length": length, "reports": reports, "codes": space, "tries_per_hour": per_hour,
            "expected_hours": hours, "expected_years": hours / (24 * 365.25) if hours is not None else None,
        })
    return figures
