"""A student's school situation and the mbo niveaus it gives access to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InvalidSituation

__all__ = ["Situation", "allowed_niveaus", "VMBO_LEERWEGEN"]

VMBO_LEERWEGEN = ("basis", "kader", "gemengd", "theoretisch")
_LEERWEG_ALIASES = {
    "basis": "basis", "bb": "basis", "bbl": "basis", "basisberoepsgerichte": "basis", "basisberoeps": "basis",
    "kader": "kader", "kb": "kader", "kbl": "kader", "kaderberoepsgerichte": "kader", "kaderberoeps": "kader",
    "gemengd": "gemengd", "gl": "gemengd", "gemengde": "gemengd",
    "theoretisch": "theoretisch", "tl": "theoretisch", "theoretische": "theoretisch", "mavo": "theoretisch",
}


@dataclass(frozen=True)
class Situation:
    """Where the student is now: ``Situation(school="vmbo", leerweg="kader")`` or ``Situation(school="mbo", niveau=2)``."""

    school: str | None = None
    leerweg: str | None = None
    niveau: int | None = None

    def __post_init__(self):
        school = (self.school or "").strip().lower() or None
        if school is None and self.leerweg:
            school = "vmbo"
        if school is None and self.niveau is not None:
            school = "mbo"
        object.__setattr__(self, "school", school)
        if school == "vmbo":
            if self.leerweg is not None:
                lw = _LEERWEG_ALIASES.get(str(self.leerweg).strip().lower())
                if lw is None:
                    raise InvalidSituation(
                        f"onbekende vmbo-leerweg {self.leerweg!r}: kies basis, kader, gemengd of theoretisch"
                    )
                object.__setattr__(self, "leerweg", lw)
        elif school == "mbo":
            try:
                n = int(self.niveau)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise InvalidSituation(f"mbo-niveau moet 1, 2, 3 of 4 zijn, niet {self.niveau!r}") from None
            if n not in (1, 2, 3, 4):
                raise InvalidSituation(f"mbo-niveau moet 1, 2, 3 of 4 zijn, niet {self.niveau!r}")
            object.__setattr__(self, "niveau", n)
        elif school is not None:
            raise InvalidSituation(f"onbekende school {self.school!r}: kies vmbo of mbo")

    @classmethod
    def parse(cls, value) -> "Situation | None":
        """A Situation from a Situation, a dict, or text such as "vmbo kader", "kb", "mbo 2", "niveau 3"."""
        if value is None or isinstance(value, Situation):
            return value
        if isinstance(value, dict):
            return cls(
                school=value.get("school"),
                leerweg=value.get("leerweg") or value.get("vmbo_leerweg"),
                niveau=value.get("niveau") if value.get("niveau") is not None else value.get("mbo_niveau"),
            )
        text = str(value).strip().lower()
        if not text:
            return None
        words = re.findall(r"[a-z]+|\d", text)
        digits = [int(w) for w in words if w.isdigit()]
        if "mbo" in words or "niveau" in words or (digits and "vmbo" not in words):
            if not digits:
                raise InvalidSituation(f"welk mbo-niveau? {value!r} heeft geen niveau 1-4")
            return cls(school="mbo", niveau=digits[0])
        for w in words:
            if w in _LEERWEG_ALIASES:
                return cls(school="vmbo", leerweg=_LEERWEG_ALIASES[w])
        if "vmbo" in words:
            return cls(school="vmbo")
        raise InvalidSituation(f"onbekende situatie {value!r}: bijvoorbeeld 'vmbo kader' of 'mbo 2'")

    def describe(self) -> str:
        if self.school == "vmbo":
            return f"vmbo {self.leerweg}" if self.leerweg else "vmbo"
        if self.school == "mbo":
            return f"mbo niveau {self.niveau}"
        return "onbekend"


def allowed_niveaus(situation=None) -> set[int]:
    """Admission rules: entree (1) is open to all; vmbo basis gives niveau 2; kader, gemengd and
    theoretisch give 2, 3 and 4; an mbo student may go one niveau up. No situation: all niveaus."""
    s = Situation.parse(situation)
    if s is None or s.school is None:
        return {1, 2, 3, 4}
    if s.school == "vmbo":
        if s.leerweg is None:
            return {1, 2, 3, 4}
        return {1, 2} if s.leerweg == "basis" else {1, 2, 3, 4}
    return set(range(1, min(s.niveau + 1, 4) + 1))
