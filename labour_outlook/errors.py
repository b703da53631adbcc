"""Named exceptions for every error a user of labour_outlook can cause."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "LabourOutlookError",
    "UnknownCrebo",
    "RetiredCrebo",
    "InvalidSituation",
    "InvalidRiasec",
    "InvalidComparison",
    "DataError",
    "ImportFailed",
    "MissingColumns",
    "UnsupportedFormat",
    "RowError",
]


class LabourOutlookError(Exception):
    """Base class: every error a student, counsellor or deployment can cause."""

    def __init__(self, message: str | None = None):
        self.message = message or (self.__doc__ or "").strip()
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class UnknownCrebo(LabourOutlookError):
    """The crebo code is not in the programme catalogue."""

    def __init__(self, crebo: object):
        self.crebo = str(crebo)
        super().__init__(f"onbekende opleidingscode {self.crebo}")


class RetiredCrebo(UnknownCrebo):
    """The crebo code was an official code once, but no current programme with its name and niveau continues it."""

    def __init__(self, crebo: object, name: str = "", niveau: int | None = None):
        self.crebo = str(crebo)
        self.name = name
        self.niveau = niveau
        what = f" ({name}, niveau {niveau})" if name and niveau else ""
        LabourOutlookError.__init__(
            self,
            f"opleidingscode {self.crebo}{what} is vervallen; er is geen nieuwe opleiding met dezelfde naam "
            "en hetzelfde niveau. Zoek de opleiding op naam",
        )


class InvalidSituation(LabourOutlookError):
    """The school situation is not a vmbo leerweg (basis, kader, gemengd, theoretisch) or mbo niveau 1-4."""


class InvalidRiasec(LabourOutlookError):
    """The RIASEC profile uses letters other than R, I, A, S, E, C or has no positive weight."""


class InvalidComparison(LabourOutlookError):
    """A comparison needs 2 to 4 different programmes."""


class DataError(LabourOutlookError):
    """A shipped or imported data file cannot be read; re-run the import or restore the file."""


@dataclass(frozen=True)
class RowError:
    """One bad row in an import file; ``line`` counts like a human does (header = line 1)."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"regel {self.line}: {self.reason}"


class ImportFailed(LabourOutlookError):
    """The import file has bad rows; nothing was imported. Fix the rows or use --skip-invalid."""

    def __init__(self, errors: list[RowError], path: str = ""):
        self.errors = list(errors)
        self.path = path
        head = f"{path}: " if path else ""
        lines = [f"{head}{len(self.errors)} foute regel(s), niets geïmporteerd:"]
        lines += [f"  {e}" for e in self.errors]
        lines.append("Verbeter de regels, of gebruik --skip-invalid om alleen de goede regels te importeren.")
        super().__init__("\n".join(lines))


class MissingColumns(ImportFailed):
    """The import file lacks required columns; nothing was imported."""

    def __init__(self, missing: list[str], path: str = "", found: list[str] | None = None):
        self.missing = list(missing)
        self.found = list(found or [])
        LabourOutlookError.__init__(
            self,
            f"{path + ': ' if path else ''}kolom(men) ontbreken: {', '.join(self.missing)}"
            f" (gevonden: {', '.join(self.found) or 'geen'}). Voeg de kolom toe of hernoem hem.",
        )
        self.errors = [RowError(1, f"kolom ontbreekt: {m}") for m in self.missing]
        self.path = path


class UnsupportedFormat(LabourOutlookError):
    """The file is not a .csv, .tsv or .xlsx file."""
