"""A thin view on the programme catalogue of ``labour_outlook``, loaded lazily.

Everything here accepts an injected catalogue so tests, the bench and imports can run
without ``labour_outlook``: any object with ``.programmes`` (items with ``crebo``,
``name``, ``niveau`` and optionally ``domain``/``studierichting``), a mapping
crebo -> niveau, or a plain set of crebos.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .errors import UnknownProgramme

__all__ = ["CatalogueView", "load_catalogue", "ProgrammeInfo"]


@dataclass(frozen=True)
class ProgrammeInfo:
    crebo: str
    name: str | None = None
    niveau: int | None = None
    domain: str | None = None
    studierichting: str | None = None
    leerwegen: tuple = ()


class CatalogueView:
    """Look-ups the register needs: does a crebo exist, its niveau, its neighbours."""

    def __init__(self, programmes: Iterable[ProgrammeInfo], resolver=None, source: str = ""):
        self.by_crebo = {p.crebo: p for p in programmes}
        self._resolver = resolver
        self.source = source

    @classmethod
    def from_any(cls, catalogue: Any) -> "CatalogueView":
        if isinstance(catalogue, CatalogueView):
            return catalogue
        if hasattr(catalogue, "programmes"):
            return cls(
                (_info(p) for p in catalogue.programmes),
                resolver=getattr(catalogue, "resolve", None),
                source="injected",
            )
        if isinstance(catalogue, dict):
            return cls(
                (ProgrammeInfo(str(c), niveau=n) for c, n in catalogue.items()), source="injected"
            )
        return cls((ProgrammeInfo(str(c)) for c in catalogue), source="injected")

    def __contains__(self, crebo: str) -> bool:
        return crebo in self.by_crebo

    def get(self, crebo: str) -> ProgrammeInfo | None:
        return self.by_crebo.get(crebo)

    def require(self, crebo: str) -> ProgrammeInfo:
        info = self.by_crebo.get(crebo)
        if info is None:
            raise UnknownProgramme(f"onbekende opleidingscode {crebo}")
        return info

    def neighbours(self, crebo: str) -> list[ProgrammeInfo]:
        """Programmes one niveau up or down in the same studierichting (else domain)."""
        me = self.by_crebo.get(crebo)
        if me is None or me.niveau is None:
            return []
        out = []
        for p in self.by_crebo.values():
            if p.crebo == crebo or p.niveau is None or abs(p.niveau - me.niveau) != 1:
                continue
            if me.studierichting and p.studierichting:
                if p.studierichting == me.studierichting:
                    out.append(p)
            elif me.domain and p.domain == me.domain and _shares_word(me.name, p.name):
                out.append(p)
        return sorted(out, key=lambda p: (p.niveau, p.crebo))

    def resolve(self, text: str) -> list[ProgrammeInfo]:
        """Programmes whose name fits the text, best first."""
        if self._resolver is not None:
            return [_info(p) for p in self._resolver(text)]
        needle = text.strip().casefold()
        exact = [p for p in self.by_crebo.values() if (p.name or "").casefold() == needle]
        if exact:
            return exact
        return [p for p in self.by_crebo.values() if needle and needle in (p.name or "").casefold()]


def _shares_word(a: str | None, b: str | None) -> bool:
    """Same trade, other niveau: 'Kok' and 'Zelfstandig werkend kok' share 'kok'."""
    if not a or not b:
        return False
    wa = {w for w in a.casefold().replace("-", " ").split() if len(w) > 2}
    wb = {w for w in b.casefold().replace("-", " ").split() if len(w) > 2}
    return bool(wa & wb)


def _info(p: Any) -> ProgrammeInfo:
    if isinstance(p, ProgrammeInfo):
        return p
    niveau = getattr(p, "niveau", None)
    return ProgrammeInfo(
        crebo=str(p.crebo),
        name=getattr(p, "name", None),
        niveau=int(niveau) if niveau is not None else None,
        domain=getattr(p, "domain", None),
        studierichting=getattr(p, "studierichting", None),
        leerwegen=tuple(getattr(p, "leerwegen", ()) or ()),
    )


_DEFAULT: CatalogueView | None = None
PROGRAMMES_CSV = Path(__file__).resolve().parents[1] / "labour_outlook" / "data" / "programmes.csv"


def catalogue_from_csv(path: Path = PROGRAMMES_CSV) -> CatalogueView | None:
    """Read labour_outlook's shipped programmes.csv directly (demo seed, bench), or None."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except OSError:
        return None
    programmes = [
        ProgrammeInfo(
            crebo=r["crebo"].strip(), name=r.get("name"), niveau=int(r["niveau"]),
            domain=r.get("domain"), studierichting=r.get("studierichting") or None,
            leerwegen=tuple(x for x in (r.get("leerwegen") or "").split(";") if x),
        )
        for r in rows
        if r.get("crebo") and (r.get("niveau") or "").strip().isdigit()
    ]
    return CatalogueView(programmes, source="programmes.csv") if programmes else None


def load_catalogue(catalogue: Any = None) -> CatalogueView | None:
    """The injected catalogue, else labour_outlook's, else its shipped programmes.csv
    read directly (plain name matching); None when none of these is available."""
    global _DEFAULT
    if catalogue is not None:
        return CatalogueView.from_any(catalogue)
    if _DEFAULT is not None:
        return _DEFAULT
    try:
        from labour_outlook import get_catalogue, resolve_programme
    except ImportError:
        _DEFAULT = catalogue_from_csv()
        return _DEFAULT
    cat = get_catalogue()
    _DEFAULT = CatalogueView(
        (_info(p) for p in cat.programmes), resolver=resolve_programme, source="labour_outlook"
    )
    return _DEFAULT
