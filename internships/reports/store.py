"""The one owner of the ``reports`` and ``report_status_history`` tables: all their SQL lives here.

Writes go through ``appdb.transaction`` (``BEGIN IMMEDIATE`` on a connection with
``synchronous=FULL``), so :func:`submit_report` returns a code only after ``COMMIT``,
and a report and its first history row are stored together or not at all. Inside a
caller's own ``appdb.transaction`` a write becomes a savepoint: then the caller's
``COMMIT`` is what makes it durable. The tables come from ``appdb.migrations``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import sqlite3
from contextlib import contextmanager
from typing import Iterator

import appdb
from internships import register

from .companies import check_register
from .errors import InvalidReport, InvalidStatus, ReportNotSaved, TransactionOpen, UnknownReportCode
from .model import ReportDraft, ReportStatus, StatusChange, clean_text, day_of, normalise, normalise_code
from .settings import report_threshold, reporter_secret
from .vocabulary import CODE_ALPHABET, CODE_LENGTH, GROUND_LABELS, STATUS_TEXT, STATUSES

__all__ = [
    "ensure_schema",
    "submit_report",
    "get_status",
    "withdraw",
    "set_status",
    "set_status_by_id",
    "follow_up_reports",
    "company_counts",
    "delete_for_conversation",
    "delete_expired",
    "find_report_id",
    "status_by_id",
    "delete_by_id",
    "live_report_counts",
    "UNKNOWN_CODE",
]

UNKNOWN_CODE = (
    "We vinden geen melding met deze code. Kijk of je de code goed hebt overgetypt "
    "(10 tekens, of 8 bij een oudere melding, zonder 0, O, 1 of I)."
)

_NOT_SAVED = "Je melding is niet opgeslagen. Er ging iets mis bij ons. Probeer het over een minuut opnieuw."
_TRANSACTION_OPEN = (
    "Er loopt al een transactie op deze verbinding; sluit die eerst af, "
    "anders kan de melding niet veilig worden opgeslagen."
)


@contextmanager
def _writing(db) -> Iterator[sqlite3.Connection]:
    """``appdb.transaction(db)``, yielding the raw connection; a transaction left open raises our TransactionOpen."""
    try:
        with appdb.transaction(db):
            yield db.conn
    except appdb.TransactionOpen as error:
        if isinstance(error, TransactionOpen):
            raise
        raise TransactionOpen(_TRANSACTION_OPEN) from error


def ensure_schema(db) -> None:
    """Bring the database up to date, ``reports`` tables included (idempotent; ``appdb.connect`` already does)."""
    if db.conn.in_transaction:
        raise TransactionOpen("Sluit eerst de open transactie af.")
    appdb.migrate(db)


# --------------------------------------------------------------------------- writing


def _new_code() -> str:
    """Random code with at least one digit and one letter, so it never reads as a
    word and the assistant's report_code pattern always recognises it."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
            return code


def _reporter_key(conversation_id: str | None, row: dict) -> str | None:
    """One value per conversation and company, so a conversation's reports about one company count once.

    An HMAC under a secret key: whoever holds the database and a conversation id, but not
    the key, cannot tell whether that conversation made the report. Per company, so the
    keys of one conversation's reports about different companies do not match either.
    """
    if not conversation_id:
        return None
    company = f"id:{row['leerbedrijf_id']}" if row["leerbedrijf_id"] is not None else f"name:{row['company_key']}"
    message = f"{conversation_id}\0{company}".encode("utf-8")
    return hmac.new(reporter_secret(), message, hashlib.sha256).hexdigest()[:32]


def _insert_history(conn: sqlite3.Connection, report_id: int, status: str, on: str, by: str, note: str | None) -> None:
    conn.execute(
        "INSERT INTO report_status_history (report_id, status, changed_at, changed_by, note) VALUES (?, ?, ?, ?, ?)",
        [report_id, status, on, by, note],
    )


def submit_report(db, report: ReportDraft, *, now: dt.datetime | dt.date | None = None, _attempts: int = 5) -> str:
    """Store ``report`` durably and return its reference code (only after COMMIT).

    Raises :class:`InvalidReport` (or a subclass) before touching the
    database, and :class:`ReportNotSaved` when the database fails; in both
    cases nothing is stored.
    """
    row = normalise(report)
    row.pop("_incident")
    row["reporter_key"] = _reporter_key(row.pop("_reporter"), row)
    check_register(db, row)
    today = day_of(now).isoformat()
    row.update(
        status="nieuw",
        created_on=today,
        status_changed_on=today,
        ground_consent_on=today if row["ground"] else None,
    )
    columns = ["code", *row]
    sql = f"INSERT INTO reports ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    for _ in range(_attempts):
        code = _new_code()
        try:
            with _writing(db) as conn:
                cursor = conn.execute(sql, [code, *row.values()])
                _insert_history(conn, cursor.lastrowid, "nieuw", today, "student", None)
            return code
        except sqlite3.IntegrityError as error:
            if "reports.code" in str(error):
                continue  # the code already exists: try a fresh one
            raise ReportNotSaved(_NOT_SAVED) from error
        except sqlite3.Error as error:
            raise ReportNotSaved(_NOT_SAVED) from error
    raise ReportNotSaved(_NOT_SAVED)


# --------------------------------------------------------------------------- reading and changing


def find_report_id(db, code: str) -> int | None:
    """The id of the report with ``code`` (8 or 10 characters, any case, dashes and spaces ignored), or None."""
    row = db.conn.execute("SELECT id FROM reports WHERE code = ?", [normalise_code(code)]).fetchone()
    return None if row is None else row[0]


def _find_id(db, code: str) -> int:
    report_id = find_report_id(db, code)
    if report_id is None:
        raise UnknownReportCode(UNKNOWN_CODE)
    return report_id


def status_by_id(db, report_id: int, code: str) -> ReportStatus:
    """What the student who holds ``code`` may see of report ``report_id``: status and dated steps only."""
    status = db.conn.execute("SELECT status FROM reports WHERE id = ?", [report_id]).fetchone()[0]
    history = [
        StatusChange(status=s, on=on[:10])
        for s, on in db.conn.execute(
            "SELECT status, changed_at FROM report_status_history WHERE report_id = ? ORDER BY id", [report_id]
        )
    ]
    return ReportStatus(code=normalise_code(code), status=status, text=STATUS_TEXT[status], history=history)


def get_status(db, code: str) -> ReportStatus:
    """Status and history of a report for the student who holds ``code``; no notes, names or report content.

    Not throttled: for staff on the server (the CLI). The conversation uses
    :func:`internships.reports.lookup_status`, which is.
    """
    return status_by_id(db, _find_id(db, code), code)


def _delete_ids(conn: sqlite3.Connection, ids: list[int]) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        conn.execute(f"DELETE FROM report_status_history WHERE report_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM reports WHERE id IN ({marks})", chunk)


def delete_by_id(db, report_id: int) -> None:
    """Delete report ``report_id`` and its history (inside the caller's transaction, if any)."""
    try:
        with _writing(db) as conn:
            _delete_ids(conn, [report_id])
    except sqlite3.Error as error:
        raise ReportNotSaved("Intrekken is niet gelukt. Probeer het over een minuut opnieuw.") from error


def withdraw(db, code: str) -> None:
    """Delete the report with ``code`` and its history (the student withdrew it).

    Not throttled: for staff on the server (the CLI). The conversation withdraws with
    a ticket from :func:`internships.reports.withdrawal_ticket`, which is.
    """
    delete_by_id(db, _find_id(db, code))


def live_report_counts(db) -> dict[int, int]:
    """How many reports exist now, per code length (for the guessing figure)."""
    return dict(db.conn.execute("SELECT length(code), count(*) FROM reports GROUP BY length(code)").fetchall())


def _set_status(db, report_id: int, status: str, by: str, note: str | None, now) -> None:
    if status not in STATUSES:
        raise InvalidStatus(f"Onbekende status {status!r}. Kies uit: {', '.join(STATUSES)}.")
    by = clean_text(by)
    if not by:
        raise InvalidReport("Zeg wie de status verandert (bijvoorbeeld de naam van het stagebureau).")
    # Staff actions may carry a time of day; only the student's own actions are kept to the day.
    stamp = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat()
    try:
        with _writing(db) as conn:
            conn.execute(
                "UPDATE reports SET status = ?, status_changed_on = ? WHERE id = ?", [status, stamp[:10], report_id]
            )
            _insert_history(conn, report_id, status, stamp, by, clean_text(note))
    except sqlite3.Error as error:
        raise ReportNotSaved("De status is niet opgeslagen. Probeer het opnieuw.") from error


def set_status(db, code: str, status: str, by: str, note: str | None = None, *, now: dt.datetime | None = None) -> None:
    """Change the status of the report with ``code`` and add a history row."""
    _set_status(db, _find_id(db, code), status, by, note, now)


def set_status_by_id(
    db, report_id: int, status: str, by: str, note: str | None = None, *,
    institution: str | None = None, now: dt.datetime | None = None,
) -> None:
    """Like :func:`set_status`, by report id, for staff who never see the student's code.

    With ``institution``, only that institution's follow-up reports can be
    changed; any other id raises :class:`UnknownReportCode` (same as missing,
    so staff cannot probe for other reports).
    """
    sql, params = "SELECT id FROM reports WHERE id = ?", [report_id]
    if institution is not None:
        sql += " AND route = 'follow_up' AND institution_code = ?"
        params.append(institution)
    if db.conn.execute(sql, params).fetchone() is None:
        raise UnknownReportCode(f"Melding {report_id} bestaat niet of hoort niet bij jouw instelling.")
    _set_status(db, report_id, status, by, note, now)


_STAFF_COLUMNS = (
    "id", "route", "status", "created_on", "status_changed_on", "what_happened", "incident_date",
    "incident_date_precision", "leerbedrijf_id", "company_name", "role", "ground", "ground_consent_on", "institution_code",
    "conversation_id", "contact_route", "contact_details",
)


def follow_up_reports(db, institution: str, status: str | None = None) -> list[dict]:
    """Full follow-up reports of ``institution`` (newest first), with their history; never the student's code."""
    sql = f"SELECT {', '.join(_STAFF_COLUMNS)} FROM reports WHERE route = 'follow_up' AND institution_code = ?"
    params: list = [institution]
    if status is not None:
        if status not in STATUSES:
            raise InvalidStatus(f"Onbekende status {status!r}. Kies uit: {', '.join(STATUSES)}.")
        sql += " AND status = ?"
        params.append(status)
    rows = [dict(zip(_STAFF_COLUMNS, r)) for r in db.conn.execute(sql + " ORDER BY id DESC", params)]
    names = register.company_names(db, {r["leerbedrijf_id"] for r in rows if r["leerbedrijf_id"] is not None})
    for r in rows:
        if r["leerbedrijf_id"] is not None:
            r["company_name"] = names.get(r["leerbedrijf_id"])
        r["ground_label"] = GROUND_LABELS.get(r["ground"]) if r["ground"] else None
        r["history"] = [
            {"status": s, "changed_at": at, "changed_by": by, "note": note}
            for s, at, by, note in db.conn.execute(
                "SELECT status, changed_at, changed_by, note FROM report_status_history WHERE report_id = ? ORDER BY id",
                [r["id"]],
            )
        ]
    return rows


def company_counts(
    db, institution: str | None = None, threshold: int | None = None, *, viewer: str | None = None,
) -> list[dict]:
    """Anonymous reports per company, only for companies with at least ``threshold`` (most first).

    What is counted, and why (issue 14):

    - Only anonymous reports. Staff read follow-up reports one by one, so a count that
      included them would let staff subtract the ones they know and learn how many
      anonymous reports are left below the threshold.
    - Conversations, not rows: reports with the same ``reporter_key`` (one conversation,
      one company) count once, so a count cannot be padded from one conversation.
      Reports without a key (made before the key existed) count one each. Padding with
      many conversations is not stopped by this: each forged report then needs a
      conversation of its own (a new chat session), which a script can still open.
    - ``institution``: only reports made through that institution's widget.
    - ``viewer``: the institution asking for the count of every institution. A company
      is then shown only when the reports of the *other* institutions alone are none or
      reach the threshold too; otherwise "all minus own" would give the viewer a count
      below the threshold.

    Reports without a company are not counted. Each item: ``leerbedrijf_id`` (or None),
    ``company`` and ``count``.
    """
    threshold = report_threshold(threshold)
    where = "WHERE route = 'anonymous' AND (leerbedrijf_id IS NOT NULL OR company_key IS NOT NULL)"
    params: list = []
    if institution is not None:
        where += " AND institution_code = ?"
        params.append(institution)
    reporter = "coalesce(reporter_key, 'report:' || id)"
    rows = db.conn.execute(
        f"""SELECT leerbedrijf_id, company_key, min(company_name), count(DISTINCT {reporter}) AS n,
                   count(DISTINCT CASE WHEN institution_code IS NOT ? THEN {reporter} END) AS others
            FROM reports {where}
            GROUP BY leerbedrijf_id, CASE WHEN leerbedrijf_id IS NULL THEN company_key END
            HAVING n >= ? ORDER BY n DESC, min(company_name)""",
        [viewer, *params, threshold],
    ).fetchall()
    if viewer is not None:
        rows = [r for r in rows if r[4] == 0 or r[4] >= threshold]
    names = register.company_names(db, {r[0] for r in rows if r[0] is not None})
    return [
        {
            "leerbedrijf_id": lid,
            "company": names.get(lid, f"bedrijf {lid}") if lid is not None else name,
            "count": n,
        }
        for lid, _key, name, n, _others in rows
    ]


def delete_for_conversation(db, conversation_id: str) -> int:
    """Delete the follow-up reports linked to ``conversation_id`` ("verwijder mijn gegevens"); returns how many.

    Anonymous reports have no link to a conversation, so only their code can withdraw them.
    """
    conversation_id = clean_text(conversation_id)
    if not conversation_id:
        return 0
    try:
        with _writing(db) as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM reports WHERE conversation_id = ?", [conversation_id])]
            _delete_ids(conn, ids)
    except sqlite3.Error as error:
        raise ReportNotSaved("Verwijderen is niet gelukt. Probeer het opnieuw.") from error
    return len(ids)


def delete_expired(db, anonymous_before: str, status_before: dict[str, str], *, dry_run: bool = False) -> int:
    """Delete reports past their term; returns how many were (or, with ``dry_run``, would be) deleted.

    A report goes when it is anonymous and was made before ``anonymous_before``, or when
    its status last changed before ``status_before[status]`` (both ISO days).
    """
    clauses = ["(route = 'anonymous' AND created_on < ?)"]
    params = [anonymous_before]
    for status, before in status_before.items():
        clauses.append("(status = ? AND status_changed_on < ?)")
        params += [status, before]
    sql = f"SELECT id FROM reports WHERE {' OR '.join(clauses)}"
    if dry_run:
        return len(db.conn.execute(sql, params).fetchall())
    try:
        with _writing(db) as conn:
            ids = [r[0] for r in conn.execute(sql, params)]
            _delete_ids(conn, ids)
    except sqlite3.Error as error:
        raise ReportNotSaved("Opschonen is niet gelukt. Probeer het opnieuw.") from error
    return len(ids)
