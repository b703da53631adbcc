"""A thin view on the programme catalogue of ``labour_outlook``, loaded lazily.

Everything here accepts an injected catalogue so tests, the bench and imports can run
without ``labour_outlook``: any object with ``.programmes`` (items with ``crebo``,
``name``, ``niveau`` and optionally ``domain``/``studierichting``/``dossier_crebo``/
``earlier_codes``), a mapping crebo -> niveau, or a plain set of crebos. An earlier code
of a programme (a revised kwalificatie got a new crebo) finds the current programme.
"""

from __future__ import annotations

import csv
import re
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
    earlier_codes: tuple = ()
    dossier_crebo: str | None = None

    @property
    def codes(self) -> tuple:
        """The current code first, then the earlier ones."""
        return (self.crebo, *self.earlier_codes)


class CatalogueView:
    """Look-ups the register needs: does a crebo exist, its niveau, its neighbours.

    ``by_crebo`` holds current codes only; ``get``, ``require`` and ``in`` also take an
    earlier code and give the current programme (``code_note`` says so in words).
    """

    def __init__(self, programmes: Iterable[ProgrammeInfo], resolver=None, source: str = ""):
        self.by_crebo = {p.crebo: p for p in programmes}
        self.by_code = {code: p for p in self.by_crebo.values() for code in p.earlier_codes}
        self.by_code.update(self.by_crebo)
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
        return crebo in self.by_code

    def get(self, crebo: str) -> ProgrammeInfo | None:
        """The programme of a current or earlier code, else None."""
        return self.by_code.get(crebo)

    def require(self, crebo: str) -> ProgrammeInfo:
        info = self.by_code.get(crebo)
        if info is None:
            raise UnknownProgramme.of("crebo_unknown", code=crebo)
        return info

    def code_note(self, crebo: str) -> str | None:
        """'opleidingscode 25491 is vervallen; de nieuwe opleiding is Verzorgende-IG (25656)'; None if current or unknown."""
        info = self.by_code.get(crebo)
        if info is None or info.crebo == crebo:
            return None
        return f"opleidingscode {crebo} is vervallen; de nieuwe opleiding is {info.name or 'een andere'} ({info.crebo})"

    def neighbours(self, crebo: str) -> list[ProgrammeInfo]:
        """Programmes one niveau up or down in the same kwalificatiedossier (else studierichting, else domain)."""
        me = self.by_code.get(crebo)
        if me is None or me.niveau is None:
            return []
        crebo = me.crebo
        out = []
        for p in self.by_crebo.values():
            if p.crebo == crebo or p.niveau is None or abs(p.niveau - me.niveau) != 1:
                continue
            if me.dossier_crebo and p.dossier_crebo:
                if p.dossier_crebo == me.dossier_crebo:
                    out.append(p)
            elif me.studierichting and p.studierichting:
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
        earlier_codes=tuple(getattr(p, "earlier_codes", ()) or ()),
        dossier_crebo=getattr(p, "dossier_crebo", None) or None,
    )


_DEFAULT: CatalogueView | None = None
REGISTER_CSV = Path(__file__).resolve().parents[1] / "labour_outlook" / "data" / "mbo_kwalificaties_crebo.csv"


def _norm_name(name: str) -> str:
    # The same key as labour_outlook.register.norm_name ("&" is "en"; case, hyphens, commas do not count).
    text = name.lower().replace("&", " en ").replace("'", "").replace(",", " ")
    return re.sub(r"[\s\-]+", " ", text).strip()


def catalogue_from_csv(path: Path = REGISTER_CSV) -> CatalogueView | None:
    """Read labour_outlook's shipped register of kwalificaties directly (demo seed, bench), or None.

    The same grouping as labour_outlook: one programme per (name, niveau) under its highest
    code, the other codes as its earlier codes.
    """
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter=";"))
    except OSError:
        return None
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if r.get("crebo") and (r.get("niveau") or "").strip().isdigit():
            groups.setdefault((_norm_name(r["kwalificatie"]), r["niveau"].strip()), []).append(r)
    programmes = []
    for members in groups.values():
        members.sort(key=lambda r: int(r["crebo"]))
        r = members[-1]
        name = r["kwalificatie"].strip()
        found = {w.strip().lower() for w in (r.get("leerwegen") or "").split(",")}
        programmes.append(ProgrammeInfo(
            crebo=r["crebo"].strip(), name=name[:1].upper() + name[1:], niveau=int(r["niveau"]),
            domain=r.get("opleidingsdomein"), studierichting=r.get("subgroep") or None,
            leerwegen=tuple(w for w in ("bol", "bbl") if w in found) or ("bol", "bbl"),
            earlier_codes=tuple(m["crebo"].strip() for m in members[:-1]),
            dossier_crebo=r.get("dossier_crebo") or None,
        ))
    programmes.sort(key=lambda p: p.crebo)
    return CatalogueView(programmes, source="mbo_kwalificaties_crebo.csv") if programmes else None


def load_catalogue(catalogue: Any = None) -> CatalogueView | None:
    """The injected catalogue, else labour_outlook's, else its shipped register read
    directly (plain name matching); None when none of these is available."""
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
