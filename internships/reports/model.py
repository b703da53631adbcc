"""What a report is: the draft, its status as the student sees it, and the rules that turn a draft into stored columns.

Pure: no database. :func:`normalise` is used by both ``summary_lines`` and
``submit_report``, so the summary the student approves is what gets stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import safetext
from internships.dates import IncidentDate

from .errors import ConsentRequired, ContactRequiresFollowUp, InstitutionRequired, InvalidReport, UnknownCompany
from .vocabulary import (
    CODE_ALPHABET,
    CODE_LENGTHS,
    CONTACT_NEEDS_DETAILS,
    CONTACT_ROUTES,
    GROUND_LABELS,
    GROUNDS,
    MAX_TEXT,
    ROLES,
    ROUTES,
)

__all__ = [
    "ReportDraft",
    "StatusChange",
    "ReportStatus",
    "normalise",
    "normalise_code",
    "is_code_shaped",
    "company_key",
    "clean_text",
    "day_of",
]


@dataclass
class ReportDraft:
    """What the conversation collected; :func:`summary_lines` and :func:`submit_report` read it.

    ``company_name`` is what the student sees; it is stored only when no
    ``leerbedrijf_id`` matched. ``institution_name`` is display-only.
    ``conversation_id`` may always be passed: it is stored only when the route
    is ``follow_up``. For an anonymous report about a company it only feeds a keyed,
    one-way ``reporter_key`` (see ``store.submit_report``), so one conversation counts
    once per company, and is then dropped.
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


def day_of(now: dt.datetime | dt.date | None = None) -> dt.date:
    """The (UTC) day of ``now``, default today: the student's own actions are kept to the day."""
    if now is None:
        return dt.datetime.now(dt.timezone.utc).date()
    return now.date() if isinstance(now, dt.datetime) else now


def normalise_code(code: str) -> str:
    """Uppercase a code and drop spaces and dashes, so 'abcd-efgh' finds 'ABCDEFGH'."""
    return re.sub(r"[\s\-]+", "", str(code or "")).upper()


def is_code_shaped(code: str) -> bool:
    """Whether a normalised ``code`` could be a report code at all (a known length, only the code alphabet).

    Anything else is answered "not found" without a look-up, so it never counts
    against the look-up throttle (a typo of the wrong length is not a guess).
    """
    return len(code) in CODE_LENGTHS and all(c in CODE_ALPHABET for c in code)


_LEGAL_FORMS = re.compile(r"\b(b\.?\s?v\.?|n\.?\s?v\.?|v\.?\s?o\.?\s?f\.?|holding|groep|group)(?=\s|$)")


def company_key(name: str) -> str:
    """Normalise a company name so 'Bakkerij Jansen B.V.' and 'bakkerij jansen' count together."""
    key = name.casefold()
    key = _LEGAL_FORMS.sub(" ", key)
    key = re.sub(r"[^\w]+", " ", key)
    return re.sub(r"\s+", " ", key).strip()


def clean_text(value: str | None) -> str | None:
    """``value`` without control or bidi-override characters (NFC, ``safetext``), stripped; None when nothing is left."""
    if value is None:
        return None
    value = safetext.clean_text(str(value)).strip()
    return value or None


def normalise(draft: ReportDraft) -> dict[str, Any]:
    """The exact columns that will be stored for ``draft``; raises InvalidReport and friends.

    :func:`summary_lines` and :func:`submit_report` both use this, so the
    summary the student approves is what gets stored.
    """
    route = draft.route or "anonymous"
    if route not in ROUTES:
        raise InvalidReport(f"Onbekende route {route!r}. Kies 'alleen registreren' of 'hulp vragen'.")
    follow_up = route == "follow_up"

    what = clean_text(draft.what_happened)
    if what and len(what) > MAX_TEXT:
        raise InvalidReport.of("report_too_long", most=MAX_TEXT)

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
    company_name = clean_text(draft.company_name)
    if company_name and len(company_name) > 200:
        raise InvalidReport("De naam van het bedrijf is te lang. Gebruik minder dan 200 tekens.")

    contact_route = draft.contact_route or None
    contact_details = clean_text(draft.contact_details)
    if not follow_up and (contact_route or contact_details):
        raise ContactRequiresFollowUp.of("report_contact_only_follow_up")
    if contact_details and not contact_route:
        raise InvalidReport.of("report_contact_route_missing")
    if contact_route is not None:
        if contact_route not in CONTACT_ROUTES:
            raise InvalidReport(
                f"Onbekende manier van contact {contact_route!r}. Kies uit: {', '.join(CONTACT_ROUTES.values())}."
            )
        if contact_route in CONTACT_NEEDS_DETAILS and not contact_details:
            raise InvalidReport.of("report_email_missing" if contact_route == "email" else "report_phone_missing")
        if contact_route == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", contact_details or ""):
            raise InvalidReport.of("report_email_invalid")
        if contact_route == "telefoon" and len(re.sub(r"\D", "", contact_details or "")) < 10:
            raise InvalidReport.of("report_phone_invalid")
        if contact_route not in CONTACT_NEEDS_DETAILS:
            contact_details = None  # nothing to store for "mentor" / "zelf langskomen"

    institution = clean_text(draft.institution_code)
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
        "company_key": company_key(company_name) if (leerbedrijf_id is None and company_name) else None,
        "role": role,
        "ground": ground,
        "institution_code": institution,
        "conversation_id": clean_text(draft.conversation_id) if follow_up else None,
        # For the reporter key only (anonymous reports about a company); never stored.
        "_reporter": clean_text(draft.conversation_id)
        if not follow_up and (leerbedrijf_id is not None or company_name) else None,
        "contact_route": contact_route if follow_up else None,
        "contact_details": contact_details if follow_up else None,
        "_incident": incident,  # for the summary only
    }
