"""The reports' exception tree (drawn in ``internships.reports``); every message is Dutch, for a student or staff member.

This module imports nothing of ``internships``: ``internships.errors`` imports
:class:`InvalidReport` from here, so that the register's ``UnknownInstitution`` is
also the reports' (one class, raised by both). It is reached here as an attribute.
"""

from __future__ import annotations

from appdb.errors import TransactionOpen as _DatabaseTransactionOpen
from internships.messages import Keyed  # a leaf module too

__all__ = [
    "ReportError",
    "InvalidReport",
    "ConsentRequired",
    "ContactRequiresFollowUp",
    "InstitutionRequired",
    "UnknownInstitution",
    "UnknownCompany",
    "UnknownReportCode",
    "LookupThrottled",
    "InvalidStatus",
    "InvalidSetting",
    "TransactionOpen",
    "ReportNotSaved",
]


class ReportError(Keyed, Exception):
    """Base class for every error this module raises on purpose (``.of(key)`` where a student reads it)."""


class InvalidReport(ReportError, ValueError):
    """The report draft breaks a rule; nothing was stored."""


class ConsentRequired(InvalidReport):
    """A ground of discrimination was given without explicit consent to store it."""


class ContactRequiresFollowUp(InvalidReport):
    """Contact details were given for an anonymous report."""


class InstitutionRequired(InvalidReport):
    """A follow-up report needs the school that will follow it up."""


class UnknownCompany(InvalidReport):
    """The leerbedrijf id is not in the register."""


class UnknownReportCode(ReportError, LookupError):
    """There is no report with this code (or id)."""


class LookupThrottled(ReportError):
    """Too many codes that did not exist were tried lately; no look-up was done."""

    def __init__(self, message: str, *, scope: str, retry_after: int) -> None:
        super().__init__(message)
        self.scope = scope  # "conversation" (this conversation) or "total" (all conversations together)
        self.retry_after = retry_after  # seconds until a look-up is allowed again

    @property
    def minutes(self) -> int:
        """Whole minutes to wait, at least 1 (for the student's message)."""
        return max(1, -(-self.retry_after // 60))


class InvalidStatus(ReportError, ValueError):
    """The status is not one of nieuw, in behandeling, doorverwezen, afgesloten."""


class InvalidSetting(ReportError, ValueError):
    """A threshold or retention setting is not a valid number of reports or days."""


class TransactionOpen(ReportError, _DatabaseTransactionOpen):
    """The connection is already inside a transaction, so a commit cannot be promised."""


class ReportNotSaved(ReportError):
    """The database failed; nothing was stored and the student can try again."""


def __getattr__(name: str):
    # internships.errors defines UnknownInstitution on top of InvalidReport above, so it
    # cannot be imported here at load time (that would be an import cycle).
    if name == "UnknownInstitution":
        from internships.errors import UnknownInstitution

        return UnknownInstitution
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
