"""Named exceptions for every error a user of the internship register can cause."""

from __future__ import annotations

from dataclasses import dataclass

# A leaf module (it imports nothing of internships), so no import cycle.
from internships.messages import Keyed
from internships.reports.errors import InvalidReport

__all__ = [
    "InternshipsError",
    "UnknownLocation",
    "UnknownProgramme",
    "InvalidQuery",
    "UnknownInstitution",
    "DuplicateInstitution",
    "InvalidInstitutionCode",
    "ImportFailed",
    "UnsupportedFormat",
    "RowError",
    "InvalidListing",
    "ListingNotFound",
    "ExternalIdTaken",
    "InvalidToken",
    "RateLimited",
]


class InternshipsError(Keyed, Exception):
    """Base class: every error a student, counsellor or institution can cause.

    Raised with ``.of(key, **params)`` where a student may read it (internships.messages).
    """

    def __init__(self, message: str | None = None):
        super().__init__(message or self.__doc__)
        self.message = message or self.__doc__ or ""


class UnknownLocation(InternshipsError):
    """The postcode or place name is not in the postcode list."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        super().__init__(message)
        self.suggestions = suggestions or []


class UnknownProgramme(InternshipsError):
    """The crebo code or programme name is not in the programme catalogue."""


class InvalidQuery(InternshipsError):
    """A search option has a value that cannot be used (leerweg, radius, limit)."""


# Also internships.reports.UnknownInstitution: a follow-up report that names an unknown
# school is an invalid report, so the actions' `except InvalidReport` catches it too.
class UnknownInstitution(InternshipsError, InvalidReport):
    """No institution is registered with this code."""


class DuplicateInstitution(InternshipsError):
    """An institution with this code already exists under another name."""


class InvalidInstitutionCode(InternshipsError):
    """An institution code must be 2-20 letters, digits, '-' or '_'."""


@dataclass(frozen=True)
class RowError:
    """One problem in one row of an import file or API request."""

    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        parts = []
        if self.line is not None:
            parts.append(f"regel {self.line}")
        if self.field:
            parts.append(f"veld {self.field}")
        where = ", ".join(parts)
        return f"{where}: {self.message}" if where else self.message

    def to_dict(self) -> dict:
        return {"line": self.line, "field": self.field, "message": self.message}


class ImportFailed(InternshipsError):
    """Some rows of the import file are wrong; nothing was written."""

    def __init__(self, errors: list[RowError], written: bool = False):
        self.errors = list(errors)
        head = (
            f"{len(self.errors)} fout(en) gevonden; er is niets opgeslagen. "
            "Verbeter deze regels en importeer het bestand opnieuw:"
        )
        shown = "\n".join(f"- {e}" for e in self.errors[:50])
        more = f"\n- … en nog {len(self.errors) - 50} fout(en)" if len(self.errors) > 50 else ""
        super().__init__(f"{head}\n{shown}{more}")


class UnsupportedFormat(InternshipsError):
    """The import file is not CSV or JSON, or cannot be read."""


class InvalidListing(InternshipsError):
    """A listing sent through the API has wrong or missing fields."""

    def __init__(self, errors: list[RowError]):
        self.errors = list(errors)
        super().__init__("; ".join(str(e) for e in self.errors))


class ListingNotFound(InternshipsError):
    """No listing of this institution has this id."""


class ExternalIdTaken(InternshipsError):
    """This institution already has a listing with this external_id."""


class InvalidToken(InternshipsError):
    """The API token is missing, unknown or revoked."""


class RateLimited(InternshipsError):
    """Too many API requests with this token in a short time."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after
