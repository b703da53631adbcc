"""Store internship-discrimination reports safely and let the institution follow them up.

Privacy rules enforced here (see ``DESIGN.md``, privacy model):

- ``route`` is ``anonymous`` (default, "alleen registreren") or ``follow_up``.
- The conversation id is stored only for ``follow_up``; for ``anonymous`` it is
  dropped, so nothing links an anonymous report to a conversation.
- Contact route and details only for ``follow_up`` and only when given.
- The ground of discrimination (special-category data) only when
  ``ground_consent is True``; a ground without consent raises ``ConsentRequired``.
- The day a report was made is stored without a time of day, so an anonymous
  report cannot be matched to a conversation by its timestamp.
- Institution staff see follow-up reports of their own institution in full,
  and per-company counts only from ``threshold`` reports upwards.
- Retention per status is enforced by :func:`purge`; :func:`withdraw` and
  :func:`delete_for_conversation` really delete.

Writes use ``PRAGMA synchronous=FULL`` and one ``BEGIN IMMEDIATE`` transaction
for the report and its first history row; :func:`submit_report` returns the
reference code only after ``COMMIT``.

Exceptions (all messages are Dutch, for the student or staff member)::

    ReportError
     ├── InvalidReport (ValueError)        the draft breaks a rule; nothing stored
     │    ├── ConsentRequired              a ground without explicit consent
     │    ├── ContactRequiresFollowUp      contact details on the anonymous route
     │    ├── InstitutionRequired          follow-up without a school
     │    ├── UnknownInstitution           school code not in the register
     │    └── UnknownCompany               leerbedrijf id not in the register
     ├── UnknownReportCode (LookupError)   no report with that code (or id)
     ├── InvalidStatus (ValueError)        status is not one of STATUSES
     ├── InvalidSetting (ValueError)       bad threshold or retention setting
     ├── TransactionOpen (RuntimeError)    caller left a transaction open
     └── ReportNotSaved                    the database failed; nothing stored, try again

CLI: ``python -m internships.reports --help``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import secrets
import sqlite3
import sys
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .dates import IncidentDate, parse_incident_date

__all__ = [
    # data
    "ReportDraft",
    "ReportStatus",
    "StatusChange",
    "IncidentDate",
    "parse_incident_date",
    "ROUTES",
    "ROLES",
    "GROUNDS",
    "GROUND_LABELS",
    "CONTACT_ROUTES",
    "STATUSES",
    "STATUS_TEXT",
    "CODE_ALPHABET",
    "DEFAULT_RETENTION_DAYS",
    # functions
    "ensure_schema",
    "submit_report",
    "get_status",
    "withdraw",
    "set_status",
    "set_status_by_id",
    "follow_up_reports",
    "company_counts",
    "purge",
    "delete_for_conversation",
    "summary_lines",
    "match_company",
    "report_threshold",
    "retention_days",
    "normalise_code",
    # errors
    "ReportError",
    "InvalidReport",
    "ConsentRequired",
    "ContactRequiresFollowUp",
    "InstitutionRequired",
    "UnknownInstitution",
    "UnknownCompany",
    "UnknownReportCode",
    "InvalidStatus",
    "InvalidSetting",
    "TransactionOpen",
    "ReportNotSaved",
]

# --------------------------------------------------------------------------- vocabulary

ROUTES = ("anonymous", "follow_up")
ROLES = ("self", "witness")
GROUNDS = (
    "naam_afkomst",
    "religie_hoofddoek",
    "huidskleur",
    "beperking",
    "gender",
    "leeftijd",
    "anders",
    "zeg_ik_liever_niet",
)
# Neutral wording: the student may be a witness, so no "je".
GROUND_LABELS = {
    "naam_afkomst": "naam of afkomst",
    "religie_hoofddoek": "geloof of hoofddoek",
    "huidskleur": "huidskleur",
    "beperking": "beperking of ziekte",
    "gender": "gender (jongen, meisje of anders)",
    "leeftijd": "leeftijd",
    "anders": "iets anders",
    "zeg_ik_liever_niet": "zeg ik liever niet",
}
CONTACT_ROUTES = {
    "email": "e-mail",
    "telefoon": "telefoon",
    "mentor": "via je mentor of stagebegeleider",
    "zelf_langskomen": "je gaat zelf langs bij het stagebureau",
}
_CONTACT_NEEDS_DETAILS = ("email", "telefoon")
STATUSES = ("nieuw", "in behandeling", "doorverwezen", "afgesloten")
STATUS_TEXT = {
    "nieuw": "Je melding is binnen. Nog niemand heeft ernaar gekeken.",
    "in behandeling": "Iemand van school werkt aan je melding.",
    "doorverwezen": "Je melding is doorgestuurd, bijvoorbeeld naar het Meldpunt Stagediscriminatie van SBB.",
    "afgesloten": "Je melding is afgehandeld.",
}

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O/1/I
CODE_LENGTH = 8
MAX_TEXT = 4000
DEFAULT_THRESHOLD = 3
# Days a report is kept. "anonymous" counts from the day it was made; the
# statuses count from the last status change (only closed/referred cases
# normally get that far; "nieuw" and "in behandeling" stop forgotten cases
# from living forever).
DEFAULT_RETENTION_DAYS = {
    "anonymous": 730,
    "nieuw": 730,
    "in behandeling": 730,
    "doorverwezen": 365,
    "afgesloten": 365,
}

# --------------------------------------------------------------------------- errors


class ReportError(Exception):
    """Base class for every error this module raises on purpose."""


class InvalidReport(ReportError, ValueError):
    """The report draft breaks a rule; nothing was stored."""


class ConsentRequired(InvalidReport):
    """A ground of discrimination was given without explicit consent to store it."""


class ContactRequiresFollowUp(InvalidReport):
    """Contact details were given for an anonymous report."""


class InstitutionRequired(InvalidReport):
    """A follow-up report needs the school that will follow it up."""


class UnknownInstitution(InvalidReport):
    """The school code is not in the register."""


class UnknownCompany(InvalidReport):
    """The leerbedrijf id is not in the register."""


class UnknownReportCode(ReportError, LookupError):
    """There is no report with this code (or id)."""


class InvalidStatus(ReportError, ValueError):
    """The status is not one of nieuw, in behandeling, doorverwezen, afgesloten."""


class InvalidSetting(ReportError, ValueError):
    """A threshold or retention setting is not a valid number of reports or days."""


class TransactionOpen(ReportError, RuntimeError):
    """The connection is already inside a transaction, so a commit cannot be promised."""


class ReportNotSaved(ReportError):
    """The database failed; nothing was stored and the student can try again."""


# --------------------------------------------------------------------------- data


@dataclass
class ReportDraft:
    """What the conversation collected; :func:`summary_lines` and :func:`submit_report` read it.

    ``company_name`` is what the student sees; it is stored only when no
    ``leerbedrijf_id`` matched. ``institution_name`` is display-only.
    ``conversation_id`` may always be passed: it is dropped unless the route
    is ``follow_up``.
    """

    what_happened: str | None = None
    route: str = "anonymous"
    incident_date: IncidentDate | str | None = None
    leerbedrijf_id: int | None = None
    company_name: str | None = None
    role: str | None = None
    ground: str | None = None
    ground_consent: bool = False
    institution_code: str | None = None
    institution_name: str | None = None
    conversation_id: str | None = None
    contact_route: str | None = None
    contact_details: str | None = None


@dataclass(frozen=True)
class StatusChange:
    """One step in a report's history as the student may see it (no notes, no names)."""

    status: str
    on: str  # YYYY-MM-DD


@dataclass(frozen=True)
class ReportStatus:
    """The status of one report for the student who holds its code."""

    code: str
    status: str
    text: str
    history: list[StatusChange] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------- settings


def report_threshold(value: int | str | None = None) -> int:
    """The minimum number of reports before a company's count is shown (env ``KANSRIJK_REPORT_THRESHOLD``)."""
    raw = value if value is not None else os.environ.get("KANSRIJK_REPORT_THRESHOLD", DEFAULT_THRESHOLD)
    try:
        threshold = int(raw)
    except (TypeError, ValueError):
        raise InvalidSetting(
            f"De drempel moet een heel getal zijn, niet {raw!r}. Zet KANSRIJK_REPORT_THRESHOLD op bijvoorbeeld 3."
        ) from None
    if threshold < 1:
        raise InvalidSetting("De drempel moet 1 of hoger zijn. Zet KANSRIJK_REPORT_THRESHOLD op bijvoorbeeld 3.")
    return threshold


def retention_days(overrides: dict | str | None = None) -> dict[str, int]:
    """Retention in days per key of ``DEFAULT_RETENTION_DAYS``.

    Read from env ``KANSRIJK_REPORT_RETENTION`` (``"afgesloten=365,anonymous=730"``;
    ``in_behandeling`` may be written with an underscore) unless ``overrides``
    (a dict or the same text) is given. Keys not mentioned keep their default.
    """
    if overrides is None:
        overrides = os.environ.get("KANSRIJK_REPORT_RETENTION", "")
    if isinstance(overrides, str):
        pairs = {}
        for part in filter(None, (p.strip() for p in overrides.split(","))):
            key, sep, value = part.partition("=")
            if not sep:
                raise InvalidSetting(
                    f"Bewaartermijn {part!r} mist '='. Schrijf bijvoorbeeld 'afgesloten=365,anonymous=730'."
                )
            pairs[key.strip()] = value.strip()
        overrides = pairs
    days = dict(DEFAULT_RETENTION_DAYS)
    for key, value in overrides.items():
        key = key.replace("_", " ") if key.replace("_", " ") in STATUSES else key
        if key not in days:
            raise InvalidSetting(
                f"Onbekende bewaartermijn {key!r}. Kies uit: {', '.join(DEFAULT_RETENTION_DAYS)}."
            )
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if number < 1:
            raise InvalidSetting(f"Bewaartermijn voor {key!r} moet een aantal dagen zijn (1 of meer), niet {value!r}.")
        days[key] = number
    return days


# --------------------------------------------------------------------------- schema

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    route TEXT NOT NULL CHECK (route IN {ROUTES!r}),
    what_happened TEXT,
    incident_date TEXT,
    incident_date_precision TEXT CHECK (incident_date_precision IN ('day', 'week', 'month')),
    leerbedrijf_id INTEGER,
    company_name TEXT,
    company_key TEXT,
    role TEXT CHECK (role IS NULL OR role IN {ROLES!r}),
    ground TEXT CHECK (ground IS NULL OR ground IN {GROUNDS!r}),
    ground_consent_on TEXT,
    institution_code TEXT,
    conversation_id TEXT,
    contact_route TEXT,
    contact_details TEXT,
    status TEXT NOT NULL DEFAULT 'nieuw' CHECK (status IN {STATUSES!r}),
    created_on TEXT NOT NULL,
    status_changed_on TEXT NOT NULL,
    -- The privacy rules again, so no other writer can break them.
    CHECK (route = 'follow_up' OR (conversation_id IS NULL AND contact_route IS NULL AND contact_details IS NULL)),
    CHECK (ground IS NULL OR ground_consent_on IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS idx_reports_institution_route ON reports (institution_code, route);
CREATE INDEX IF NOT EXISTS idx_reports_conversation ON reports (conversation_id);
CREATE INDEX IF NOT EXISTS idx_reports_company ON reports (leerbedrijf_id, company_key);
CREATE TABLE IF NOT EXISTS report_status_history (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN {STATUSES!r}),
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    note TEXT
);
CREATE INDEX IF NOT EXISTS idx_report_status_history_report ON report_status_history (report_id);
"""


def ensure_schema(db) -> None:
    """Create the ``reports`` and ``report_status_history`` tables if missing (idempotent)."""
    if db.conn.in_transaction:
        raise TransactionOpen("Sluit eerst de open transactie af.")
    db.conn.executescript(_SCHEMA)


def _ready(db) -> None:
    # A cheap check, because executescript would commit a caller's transaction.
    row = db.conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('reports', 'report_status_history')"
    ).fetchone()
    if row[0] < 2:
        ensure_schema(db)


def _table_columns(db, table: str) -> set[str]:
    return {row[1] for row in db.conn.execute(f"PRAGMA table_info([{table}])")}


# One writer at a time inside this process: SQLite serialises writers anyway,
# and the lock makes a connection shared between threads (check_same_thread=False)
# safe for our transactions.
_WRITE_LOCK = threading.RLock()


class _DurableTransaction:
    """BEGIN IMMEDIATE ... COMMIT with synchronous=FULL, so a confirmed write survives a crash."""

    def __init__(self, db):
        self.conn = db.conn

    def __enter__(self):
        _WRITE_LOCK.acquire()
        try:
            if self.conn.in_transaction:
                raise TransactionOpen(
                    "Er loopt al een transactie op deze verbinding; sluit die eerst af, "
                    "anders kan de melding niet veilig worden opgeslagen."
                )
            self.conn.execute("PRAGMA synchronous=FULL")
            if self.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 0:
                self.conn.execute("PRAGMA busy_timeout=10000")
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            _WRITE_LOCK.release()
            raise
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            elif self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        finally:
            _WRITE_LOCK.release()
        return False


def _today(now: dt.datetime | dt.date | None = None) -> dt.date:
    if now is None:
        return dt.datetime.now(dt.timezone.utc).date()
    return now.date() if isinstance(now, dt.datetime) else now


# --------------------------------------------------------------------------- validation

_LEGAL_FORMS = re.compile(r"\b(b\.?\s?v\.?|n\.?\s?v\.?|v\.?\s?o\.?\s?f\.?|holding|groep|group)(?=\s|$)")


def _company_key(name: str) -> str:
    """Normalise a company name so 'Bakkerij Jansen B.V.' and 'bakkerij jansen' count together."""
    key = name.casefold()
    key = _LEGAL_FORMS.sub(" ", key)
    key = re.sub(r"[^\w]+", " ", key)
    return re.sub(r"\s+", " ", key).strip()


def _clean_text(value: str | None) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _normalise(draft: ReportDraft) -> dict[str, Any]:
    """The exact columns that will be stored for ``draft``; raises InvalidReport and friends.

    :func:`summary_lines` and :func:`submit_report` both use this, so the
    summary the student approves is what gets stored.
    """
    route = draft.route or "anonymous"
    if route not in ROUTES:
        raise InvalidReport(f"Onbekende route {route!r}. Kies 'alleen registreren' of 'hulp vragen'.")
    follow_up = route == "follow_up"

    what = _clean_text(draft.what_happened)
    if what and len(what) > MAX_TEXT:
        raise InvalidReport(f"Je verhaal is te lang. Maak het korter dan {MAX_TEXT} tekens.")

    role = draft.role or None
    if role is not None and role not in ROLES:
        raise InvalidReport("Kies of het jou overkwam of dat je het zag gebeuren.")

    # Ground: special-category data, only with explicit consent.
    ground = draft.ground or None
    if ground is not None and ground not in GROUNDS:
        raise InvalidReport(
            f"Onbekende reden {ground!r}. Kies uit: {', '.join(GROUND_LABELS.values())}."
        )
    if ground is not None and draft.ground_consent is not True:
        raise ConsentRequired(
            "We slaan de reden alleen op als jij daar eerst 'ja' op zegt. "
            "Wil je dat niet? Dan laten we de reden leeg."
        )

    incident = draft.incident_date
    if isinstance(incident, str):
        text = incident.strip()
        if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
            try:
                incident = IncidentDate.from_iso(text)
            except ValueError:
                raise InvalidReport("Die datum bestaat niet. Typ bijvoorbeeld '12-03-2026'.") from None
        elif text:
            raise InvalidReport("Geef de datum als IncidentDate of als JJJJ-MM-DD of JJJJ-MM.")
        else:
            incident = None

    leerbedrijf_id = draft.leerbedrijf_id
    if leerbedrijf_id is not None:
        try:
            leerbedrijf_id = int(leerbedrijf_id)
        except (TypeError, ValueError):
            raise UnknownCompany(f"Bedrijf {draft.leerbedrijf_id!r} staat niet in het register.") from None
    company_name = _clean_text(draft.company_name)
    if company_name and len(company_name) > 200:
        raise InvalidReport("De naam van het bedrijf is te lang. Gebruik minder dan 200 tekens.")

    contact_route = draft.contact_route or None
    contact_details = _clean_text(draft.contact_details)
    if not follow_up and (contact_route or contact_details):
        raise ContactRequiresFollowUp(
            "Bij 'alleen registreren' nemen we geen contact met je op, dus we bewaren geen "
            "contactgegevens. Wil je wel contact? Kies dan 'hulp vragen'."
        )
    if contact_details and not contact_route:
        raise InvalidReport("Kies hoe de school contact met je mag opnemen: e-mail of telefoon.")
    if contact_route is not None:
        if contact_route not in CONTACT_ROUTES:
            raise InvalidReport(
                f"Onbekende manier van contact {contact_route!r}. Kies uit: {', '.join(CONTACT_ROUTES.values())}."
            )
        if contact_route in _CONTACT_NEEDS_DETAILS and not contact_details:
            raise InvalidReport(f"Geef je {CONTACT_ROUTES[contact_route]} op, of kies een andere manier van contact.")
        if contact_route == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", contact_details or ""):
            raise InvalidReport("Dit e-mailadres klopt niet. Typ het zo: naam@voorbeeld.nl")
        if contact_route == "telefoon" and len(re.sub(r"\D", "", contact_details or "")) < 10:
            raise InvalidReport("Dit telefoonnummer klopt niet. Typ 10 cijfers, zoals 0612345678.")
        if contact_route not in _CONTACT_NEEDS_DETAILS:
            contact_details = None  # nothing to store for "mentor" / "zelf langskomen"

    institution = _clean_text(draft.institution_code)
    if follow_up and not institution:
        raise InstitutionRequired(
            "Voor hulp van school moeten we weten op welke school je zit. Kies je school, "
            "of kies 'alleen registreren'."
        )

    return {
        "route": route,
        "what_happened": what,
        "incident_date": incident.iso() if incident else None,
        "incident_date_precision": incident.precision if incident else None,
        "leerbedrijf_id": leerbedrijf_id,
        # A matched company is stored by id only; the typed name only when nothing matched.
        "company_name": company_name if leerbedrijf_id is None else None,
        "company_key": _company_key(company_name) if (leerbedrijf_id is None and company_name) else None,
        "role": role,
        "ground": ground,
        "institution_code": institution,
        "conversation_id": _clean_text(draft.conversation_id) if follow_up else None,
        "contact_route": contact_route if follow_up else None,
        "contact_details": contact_details if follow_up else None,
        "_incident": incident,  # for the summary only
    }


# --------------------------------------------------------------------------- summary


def _days_nl(days: int) -> str:
    if days % 365 == 0:
        years = days // 365
        return "1 jaar" if years == 1 else f"{years} jaar"
    if days % 30 == 0 and days < 365:
        months = days // 30
        return "1 maand" if months == 1 else f"{months} maanden"
    return f"{days} dagen"


def summary_lines(draft: ReportDraft, threshold: int | None = None, retention: dict | None = None) -> list[str]:
    """Dutch (B1) lines that say exactly what will be stored and who can see it.

    Raises the same errors as :func:`submit_report` would, so the student
    never approves a report that cannot be stored as shown.
    """
    row = _normalise(draft)
    threshold = report_threshold(threshold)
    days = retention_days(retention)
    follow_up = row["route"] == "follow_up"
    school = draft.institution_name or row["institution_code"]

    lines = ["Dit slaan we op:"]
    lines.append(f"- Wat er gebeurde: \"{row['what_happened']}\"" if row["what_happened"] else "- Wat er gebeurde: (niets ingevuld)")
    lines.append(f"- Wanneer: {row['_incident'].label_nl()}" if row["_incident"] else "- Wanneer: (niet ingevuld)")
    company = draft.company_name or (f"bedrijf nummer {row['leerbedrijf_id']}" if row["leerbedrijf_id"] else None)
    lines.append(f"- Bedrijf: {company}" if company else "- Bedrijf: (niet ingevuld)")
    if row["role"]:
        lines.append("- Het overkwam jou zelf." if row["role"] == "self" else "- Jij zag het gebeuren (getuige).")
    if row["ground"]:
        lines.append(f"- Reden: {GROUND_LABELS[row['ground']]} (jij gaf toestemming om dit te bewaren)")
    else:
        lines.append("- Reden: die slaan we niet op.")
    if school:
        lines.append(f"- School: {school}")
    if follow_up:
        route = row["contact_route"]
        if route in _CONTACT_NEEDS_DETAILS:
            lines.append(f"- Contact via {CONTACT_ROUTES[route]}: {row['contact_details']}")
        elif route:
            lines.append(f"- Contact: {CONTACT_ROUTES[route]}")
        else:
            lines.append("- Contact: geen. De school kan jou dan niet zelf bereiken. Met je code zie je wel de status.")
        if row["conversation_id"]:
            lines.append("- Een link naar dit gesprek, zodat de school weet wat je vertelde.")
        lines.append("")
        lines.append("Wie ziet dit?")
        lines.append(f"- Het stagebureau van {school} ziet je hele melding en helpt je verder.")
        lines.append(
            "- Alleen als jij het goed vindt, halen zij het Meldpunt Stagediscriminatie van SBB "
            "of een antidiscriminatiebureau erbij."
        )
        lines.append("")
        lines.append(
            f"We wissen je melding {_days_nl(days['afgesloten'])} nadat de school hem heeft afgesloten."
        )
    else:
        lines.append("- We slaan niet op wie je bent. We koppelen je melding niet aan dit gesprek.")
        lines.append("")
        lines.append("Wie ziet dit?")
        lines.append("- Niemand neemt contact met je op.")
        lines.append(
            f"- Scholen zien alleen hoeveel meldingen er over een bedrijf zijn, en pas vanaf {threshold} meldingen. "
            "Jouw melding zien ze niet apart."
        )
        lines.append("")
        lines.append(f"We bewaren je melding {_days_nl(days['anonymous'])}. Daarna wissen we hem.")
    lines.append("Je krijgt een code. Daarmee kun je later de status zien of je melding intrekken.")
    return lines


# --------------------------------------------------------------------------- writing


def _new_code() -> str:
    """Random code with at least one digit and one letter, so it never reads as a
    word and the assistant's report_code pattern always recognises it."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
            return code


def normalise_code(code: str) -> str:
    """Uppercase a code and drop spaces and dashes, so 'abcd-efgh' finds 'ABCDEFGH'."""
    return re.sub(r"[\s\-]+", "", str(code or "")).upper()


def _check_register(db, row: dict) -> None:
    tables = set(db.table_names())
    if row["leerbedrijf_id"] is not None and "leerbedrijven" in tables:
        if db.conn.execute("SELECT 1 FROM leerbedrijven WHERE id = ?", [row["leerbedrijf_id"]]).fetchone() is None:
            raise UnknownCompany(
                "Dit bedrijf staat niet in het register. Typ de naam van het bedrijf, dan slaan we die op."
            )
    if row["route"] == "follow_up" and "institutions" in tables and "code" in _table_columns(db, "institutions"):
        if db.conn.execute("SELECT 1 FROM institutions WHERE code = ?", [row["institution_code"]]).fetchone() is None:
            raise UnknownInstitution(
                f"School {row['institution_code']!r} kennen we niet. Kies je school uit de lijst, "
                "of kies 'alleen registreren'."
            )


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
    row = _normalise(report)
    row.pop("_incident")
    _ready(db)
    _check_register(db, row)
    today = _today(now).isoformat()
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
            with _DurableTransaction(db) as conn:
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


_NOT_SAVED = "Je melding is niet opgeslagen. Er ging iets mis bij ons. Probeer het over een minuut opnieuw."


# --------------------------------------------------------------------------- reading and changing


def _find_id(db, code: str) -> int:
    _ready(db)
    row = db.conn.execute("SELECT id FROM reports WHERE code = ?", [normalise_code(code)]).fetchone()
    if row is None:
        raise UnknownReportCode(
            "We vinden geen melding met deze code. Kijk of je de code goed hebt overgetypt "
            "(8 tekens, zonder 0, O, 1 of I)."
        )
    return row[0]


def get_status(db, code: str) -> ReportStatus:
    """Status and history of a report for the student who holds ``code``; no notes, names or report content."""
    report_id = _find_id(db, code)
    status = db.conn.execute("SELECT status FROM reports WHERE id = ?", [report_id]).fetchone()[0]
    history = [
        StatusChange(status=s, on=on[:10])
        for s, on in db.conn.execute(
            "SELECT status, changed_at FROM report_status_history WHERE report_id = ? ORDER BY id", [report_id]
        )
    ]
    return ReportStatus(code=normalise_code(code), status=status, text=STATUS_TEXT[status], history=history)


def _delete_ids(conn: sqlite3.Connection, ids: list[int]) -> None:
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        conn.execute(f"DELETE FROM report_status_history WHERE report_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM reports WHERE id IN ({marks})", chunk)


def withdraw(db, code: str) -> None:
    """Delete the report with ``code`` and its history (the student withdrew it)."""
    report_id = _find_id(db, code)
    try:
        with _DurableTransaction(db) as conn:
            _delete_ids(conn, [report_id])
    except sqlite3.Error as error:
        raise ReportNotSaved("Intrekken is niet gelukt. Probeer het over een minuut opnieuw.") from error


def _set_status(db, report_id: int, status: str, by: str, note: str | None, now) -> None:
    if status not in STATUSES:
        raise InvalidStatus(f"Onbekende status {status!r}. Kies uit: {', '.join(STATUSES)}.")
    by = _clean_text(by)
    if not by:
        raise InvalidReport("Zeg wie de status verandert (bijvoorbeeld de naam van het stagebureau).")
    # Staff actions may carry a time of day; only the student's own actions are kept to the day.
    stamp = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat()
    try:
        with _DurableTransaction(db) as conn:
            conn.execute(
                "UPDATE reports SET status = ?, status_changed_on = ? WHERE id = ?", [status, stamp[:10], report_id]
            )
            _insert_history(conn, report_id, status, stamp, by, _clean_text(note))
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
    _ready(db)
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


def _company_names(db, ids: set[int]) -> dict[int, str]:
    if not ids or "leerbedrijven" not in db.table_names():
        return {}
    ids = list(ids)
    names = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        names.update(db.conn.execute(
            f"SELECT id, name FROM leerbedrijven WHERE id IN ({', '.join('?' for _ in chunk)})", chunk
        ).fetchall())
    return names


def follow_up_reports(db, institution: str, status: str | None = None) -> list[dict]:
    """Full follow-up reports of ``institution`` (newest first), with their history; never the student's code."""
    _ready(db)
    sql = f"SELECT {', '.join(_STAFF_COLUMNS)} FROM reports WHERE route = 'follow_up' AND institution_code = ?"
    params: list = [institution]
    if status is not None:
        if status not in STATUSES:
            raise InvalidStatus(f"Onbekende status {status!r}. Kies uit: {', '.join(STATUSES)}.")
        sql += " AND status = ?"
        params.append(status)
    rows = [dict(zip(_STAFF_COLUMNS, r)) for r in db.conn.execute(sql + " ORDER BY id DESC", params)]
    names = _company_names(db, {r["leerbedrijf_id"] for r in rows if r["leerbedrijf_id"] is not None})
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


def company_counts(db, institution: str | None = None, threshold: int | None = None) -> list[dict]:
    """Reports per company, only for companies with at least ``threshold`` reports (most first).

    With ``institution``, counts only that institution's reports. Reports
    without a company are not counted. Each item: ``leerbedrijf_id`` (or
    None), ``company`` and ``count``.
    """
    threshold = report_threshold(threshold)
    _ready(db)
    where, params = "WHERE (leerbedrijf_id IS NOT NULL OR company_key IS NOT NULL)", []
    if institution is not None:
        where += " AND institution_code = ?"
        params.append(institution)
    rows = db.conn.execute(
        f"""SELECT leerbedrijf_id, company_key, min(company_name), count(*) AS n FROM reports {where}
            GROUP BY leerbedrijf_id, CASE WHEN leerbedrijf_id IS NULL THEN company_key END
            HAVING n >= ? ORDER BY n DESC, min(company_name)""",
        [*params, threshold],
    ).fetchall()
    names = _company_names(db, {r[0] for r in rows if r[0] is not None})
    return [
        {
            "leerbedrijf_id": lid,
            "company": names.get(lid, f"bedrijf {lid}") if lid is not None else name,
            "count": n,
        }
        for lid, _key, name, n in rows
    ]


def purge(
    db, now: dt.datetime | dt.date | None = None, retention: dict | str | None = None, *, dry_run: bool = False,
) -> int:
    """Delete reports older than their retention; returns how many were (or, with ``dry_run``, would be) deleted.

    A report goes when its status's term has passed since the last status
    change, or - for anonymous reports - when the ``anonymous`` term has
    passed since it was made, whichever comes first.
    """
    days = retention_days(retention)
    today = _today(now)
    _ready(db)

    def cutoff(key: str) -> str:
        return (today - dt.timedelta(days=days[key])).isoformat()

    clauses = ["(route = 'anonymous' AND created_on < ?)"]
    params = [cutoff("anonymous")]
    for status in STATUSES:
        clauses.append("(status = ? AND status_changed_on < ?)")
        params += [status, cutoff(status)]
    sql = f"SELECT id FROM reports WHERE {' OR '.join(clauses)}"
    if dry_run:
        return len(db.conn.execute(sql, params).fetchall())
    try:
        with _DurableTransaction(db) as conn:
            ids = [r[0] for r in conn.execute(sql, params)]
            _delete_ids(conn, ids)
    except sqlite3.Error as error:
        raise ReportNotSaved("Opschonen is niet gelukt. Probeer het opnieuw.") from error
    return len(ids)


def delete_for_conversation(db, conversation_id: str) -> int:
    """Delete the follow-up reports linked to ``conversation_id`` ("verwijder mijn gegevens"); returns how many.

    Anonymous reports have no link to a conversation, so only their code can withdraw them.
    """
    conversation_id = _clean_text(conversation_id)
    if not conversation_id:
        return 0
    _ready(db)
    try:
        with _DurableTransaction(db) as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM reports WHERE conversation_id = ?", [conversation_id])]
            _delete_ids(conn, ids)
    except sqlite3.Error as error:
        raise ReportNotSaved("Verwijderen is niet gelukt. Probeer het opnieuw.") from error
    return len(ids)


# --------------------------------------------------------------------------- company matching


def match_company(db, text: str, limit: int = 3, min_score: float = 70.0) -> list[dict]:
    """Leerbedrijven whose name looks like ``text`` (fuzzy), best first: ``id``, ``name``, ``place``, ``score``.

    A KvK number (8 digits) matches exactly. Returns [] when the register has
    no ``leerbedrijven`` table yet.
    """
    from rapidfuzz import fuzz, process, utils  # lazy: nothing heavy at import time

    text = _clean_text(text)
    if not text or "leerbedrijven" not in db.table_names():
        return []
    columns = _table_columns(db, "leerbedrijven")
    place_col = "place" if "place" in columns else "NULL"
    kvk = re.sub(r"\D", "", text)
    if "kvk" in columns and len(kvk) == 8 and len(re.sub(r"[\d\s]", "", text)) == 0:
        rows = db.conn.execute(f"SELECT id, name, {place_col} FROM leerbedrijven WHERE kvk = ?", [kvk]).fetchall()
        return [{"id": i, "name": n, "place": p, "score": 100.0} for i, n, p in rows[:limit]]

    rows = db.conn.execute(f"SELECT id, name, {place_col} FROM leerbedrijven WHERE name IS NOT NULL").fetchall()
    choices = {i: _company_key(name) for i, name, _ in rows}
    query = _company_key(text)
    if not query:
        return []
    found = process.extract(
        query, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit, score_cutoff=min_score
    )
    by_id = {i: (name, place) for i, name, place in rows}
    return [
        {"id": key, "name": by_id[key][0], "place": by_id[key][1], "score": round(score, 1)}
        for _choice, score, key in found
    ]


# --------------------------------------------------------------------------- CLI


def _default_db_path() -> Path:
    return Path(os.environ.get("KANSRIJK_DB") or Path(__file__).resolve().parent.parent / "var" / "kansrijk.db")


def _connect(path: str | None):
    """Open the app database through the register's connect() when it exists, else directly."""
    try:
        from internships.db import connect  # the register's migrations, WAL and busy timeout
    except ModuleNotFoundError as error:
        if error.name not in ("internships.db", "internships"):
            raise
        connect = None
    if connect is not None:
        return connect(path)
    import sqlite_utils

    target = Path(path) if path else _default_db_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(target)
    db.conn.execute("PRAGMA journal_mode=WAL")
    db.conn.execute("PRAGMA busy_timeout=10000")
    return db


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m internships.reports",
        description="Meldingen van stagediscriminatie: bekijken, status zetten, intrekken en opschonen.",
    )
    parser.add_argument("--db", help="pad naar de database (standaard: $KANSRIJK_DB of var/kansrijk.db)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("purge", help="wis meldingen waarvan de bewaartermijn voorbij is")
    p.add_argument("--dry-run", action="store_true", help="tel alleen, wis niets")
    p.add_argument("--retention", help="bijvoorbeeld 'afgesloten=365,anonymous=730' (anders $KANSRIJK_REPORT_RETENTION)")

    p = sub.add_parser("list", help="meldingen met opvolging van een instelling (volledig, als JSON)")
    p.add_argument("--institution", required=True, help="code van de instelling")
    p.add_argument("--status", choices=STATUSES)

    p = sub.add_parser("counts", help="aantal meldingen per bedrijf, alleen vanaf de drempel")
    p.add_argument("--institution", help="alleen meldingen van deze instelling")
    p.add_argument("--threshold", type=int, help="drempel (anders $KANSRIJK_REPORT_THRESHOLD, standaard 3)")

    p = sub.add_parser("status", help="status van een melding, zoals de student die ziet")
    p.add_argument("code")

    p = sub.add_parser("set-status", help="zet de status van een melding")
    p.add_argument("code")
    p.add_argument("status", choices=STATUSES)
    p.add_argument("--by", required=True, help="wie de status verandert")
    p.add_argument("--note")

    p = sub.add_parser("withdraw", help="trek een melding in (wist hem)")
    p.add_argument("code")

    p = sub.add_parser("delete-conversation", help="wis meldingen met opvolging die bij een gesprek horen")
    p.add_argument("conversation_id")

    sub.add_parser("init", help="maak de tabellen aan als ze er nog niet zijn")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    db = _connect(args.db)
    try:
        _ready(db)
        if args.command == "purge":
            n = purge(db, retention=args.retention, dry_run=args.dry_run)
            print(f"{n} melding(en) {'zouden worden gewist' if args.dry_run else 'gewist'}.")
        elif args.command == "list":
            _print_json(follow_up_reports(db, args.institution, status=args.status))
        elif args.command == "counts":
            _print_json(company_counts(db, institution=args.institution, threshold=args.threshold))
        elif args.command == "status":
            _print_json(get_status(db, args.code).to_dict())
        elif args.command == "set-status":
            set_status(db, args.code, args.status, args.by, args.note)
            print(f"Status is nu: {args.status}.")
        elif args.command == "withdraw":
            withdraw(db, args.code)
            print("Melding ingetrokken en gewist.")
        elif args.command == "delete-conversation":
            n = delete_for_conversation(db, args.conversation_id)
            print(f"{n} melding(en) gewist.")
        elif args.command == "init":
            print("Tabellen staan klaar.")
    except ReportError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
