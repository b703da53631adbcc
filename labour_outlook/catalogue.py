"""The programme catalogue: mbo programmes with domain, niveau, leerwegen, beroepen and search terms."""

from __future__ import annotations

import csv
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from . import paths
from .errors import DataError, UnknownCrebo

__all__ = ["Programme", "Catalogue", "get_catalogue", "load_catalogue", "official_domains", "PROGRAMME_COLUMNS"]

PROGRAMME_COLUMNS = [
    "crebo", "name", "niveau", "domain", "studierichting", "leerwegen", "duration_years",
    "description", "beroepen", "riasec", "synonyms", "code_confirmed",
]
LEERWEGEN = ("bol", "bbl")
RIASEC_LETTERS = "RIASEC"


@dataclass(frozen=True)
class Programme:
    """One mbo programme (kwalificatie). ``code_confirmed`` is False when the crebo is not a verified official code."""

    crebo: str
    name: str
    niveau: int
    domain: str
    studierichting: str = ""
    leerwegen: tuple[str, ...] = ("bol", "bbl")
    duration_years: float = 3
    description: str = ""
    beroepen: tuple[str, ...] = ()
    riasec: str = ""
    synonyms: tuple[str, ...] = ()
    code_confirmed: bool = False

    @property
    def label(self) -> str:
        return f"{self.name} (niveau {self.niveau})"

    def to_dict(self) -> dict:
        return {
            "crebo": self.crebo,
            "name": self.name,
            "niveau": self.niveau,
            "domain": self.domain,
            "studierichting": self.studierichting,
            "leerwegen": list(self.leerwegen),
            "duration_years": self.duration_years,
            "description": self.description,
            "beroepen": list(self.beroepen),
            "riasec": self.riasec,
            "synonyms": list(self.synonyms),
            "code_confirmed": self.code_confirmed,
        }


@dataclass(frozen=True)
class Catalogue:
    """All programmes, in file order, with look-up by crebo."""

    programmes: list[Programme]
    sources: tuple[str, ...] = ()
    _by_crebo: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self._by_crebo.update({p.crebo: p for p in self.programmes})

    def get(self, crebo: object) -> Programme:
        key = str(crebo).strip()
        try:
            return self._by_crebo[key]
        except KeyError:
            raise UnknownCrebo(key) from None

    def __contains__(self, crebo: object) -> bool:
        return str(crebo).strip() in self._by_crebo

    def __iter__(self) -> Iterator[Programme]:
        return iter(self.programmes)

    def __len__(self) -> int:
        return len(self.programmes)

    @property
    def domains(self) -> list[str]:
        return sorted({p.domain for p in self.programmes})

    def resolve(self, text: str, limit: int = 5) -> list[Programme]:
        """Same as :func:`labour_outlook.resolve_programme` on this catalogue."""
        from .matching import ranked  # not .resolve: that one imports this module for the default catalogue

        return ranked(text, self, limit)

    @functools.cached_property
    def content_hash(self) -> str:
        """Changes whenever any programme field changes; keys the embedding cache."""
        h = hashlib.sha256()
        for p in self.programmes:
            h.update(repr(sorted(p.to_dict().items())).encode("utf-8"))
        return h.hexdigest()[:16]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


def _bool(value: str) -> bool:
    return str(value).strip().lower() in {"1", "true", "ja", "yes", "waar"}


@functools.lru_cache(maxsize=4)
def official_domains(path: Path | None = None) -> tuple[str, ...]:
    """The 16 level-1 opleidingsdomeinen (rows whose term.identifier has no dot)."""
    path = path or paths.SHIPPED_DIR / "mbo_opleidingsdomeinen_2010.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    return tuple(r["obk.begrip.aanduiding"] for r in rows if "." not in r["term.identifier"])


def programme_from_row(row: dict, domains: Iterable[str] | None = None) -> Programme:
    """Build a Programme from a catalogue-schema row; raises ValueError with a Dutch reason."""
    crebo = str(row.get("crebo", "")).strip()
    if not (len(crebo) == 5 and crebo.isdigit()):
        raise ValueError(f"crebo moet 5 cijfers zijn, niet {crebo!r}")
    name = str(row.get("name", "")).strip()
    if not name:
        raise ValueError("naam ontbreekt")
    try:
        niveau = int(float(str(row.get("niveau", "")).strip()))
    except ValueError:
        raise ValueError(f"niveau moet 1, 2, 3 of 4 zijn, niet {row.get('niveau')!r}") from None
    if niveau not in (1, 2, 3, 4):
        raise ValueError(f"niveau moet 1, 2, 3 of 4 zijn, niet {niveau}")
    domain = str(row.get("domain", "")).strip()
    if domains is not None and domain not in set(domains):
        raise ValueError(f"onbekend opleidingsdomein {domain!r}")
    leerwegen = tuple(w.lower() for w in _split(row.get("leerwegen") or "bol;bbl"))
    if not leerwegen or any(w not in LEERWEGEN for w in leerwegen):
        raise ValueError(f"leerwegen moeten bol en/of bbl zijn, niet {row.get('leerwegen')!r}")
    riasec = str(row.get("riasec") or "").strip().upper()
    if any(c not in RIASEC_LETTERS for c in riasec):
        raise ValueError(f"riasec-code mag alleen R, I, A, S, E, C bevatten, niet {riasec!r}")
    try:
        duration = float(row.get("duration_years") or {1: 1, 2: 2, 3: 3, 4: 3}[niveau])
    except ValueError:
        raise ValueError(f"duur in jaren is geen getal: {row.get('duration_years')!r}") from None
    return Programme(
        crebo=crebo,
        name=name,
        niveau=niveau,
        domain=domain,
        studierichting=str(row.get("studierichting") or "").strip(),
        leerwegen=leerwegen,
        duration_years=int(duration) if duration == int(duration) else duration,
        description=str(row.get("description") or "").strip(),
        beroepen=_split(row.get("beroepen") or ""),
        riasec=riasec,
        synonyms=_split(row.get("synonyms") or ""),
        code_confirmed=_bool(row.get("code_confirmed", "")),
    )


def _read_rows(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        raise DataError(f"kan {path} niet lezen: {e}") from None


def load_catalogue(shipped: Path | None = None, override: Path | None | bool = None) -> Catalogue:
    """Read the shipped catalogue, then let rows in the override file replace or add programmes.

    ``override=False`` reads the shipped file only.
    """
    shipped = shipped or paths.SHIPPED_DIR / "programmes.csv"
    if override is False:
        override = None
    elif override is None:
        override = paths.override_dir() / "programmes.csv"
    domains = official_domains()
    by_crebo: dict[str, Programme] = {}
    sources = []
    for path in (shipped, override):
        if path is None or (path is override and not Path(path).exists()):
            continue
        sources.append(str(path))
        for line, row in enumerate(_read_rows(Path(path)), start=2):
            try:
                p = programme_from_row(row, domains)
            except ValueError as e:
                raise DataError(f"{path}, regel {line}: {e}") from None
            by_crebo[p.crebo] = p
    return Catalogue(programmes=list(by_crebo.values()), sources=tuple(sources))


@functools.lru_cache(maxsize=1)
def get_catalogue() -> Catalogue:
    """The catalogue with imported programmes merged in; cached (call ``get_catalogue.cache_clear()`` after an import)."""
    return load_catalogue()
