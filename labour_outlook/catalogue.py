"""The programme catalogue: every real mbo programme of the register, with its profile and its earlier codes."""

from __future__ import annotations

import csv
import dataclasses
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from . import paths
from .errors import DataError, RetiredCrebo, UnknownCrebo
from .profiles import Profile, generated_profile, read_profiles
from .register import ENTREE, OLD_LISTS, CodeRecord, group_codes, read_old_list, read_register

__all__ = ["Programme", "Catalogue", "get_catalogue", "load_catalogue", "official_domains", "catalogue_domains",
           "PROGRAMME_COLUMNS", "display_name"]

# The columns of an imported programme list ($KANSRIJK_DATA_DIR/programmes.csv, import-programmes).
PROGRAMME_COLUMNS = [
    "crebo", "name", "niveau", "domain", "studierichting", "leerwegen", "duration_years",
    "description", "beroepen", "riasec", "synonyms", "code_confirmed", "code_source",
]
LEERWEGEN = ("bol", "bbl")
RIASEC_LETTERS = "RIASEC"
DURATION = {1: 1, 2: 2, 3: 3, 4: 3}


def display_name(name: str) -> str:
    """The register writes two names in lower case ("verzorgende-IG"); a sentence starts with a capital."""
    return name[:1].upper() + name[1:] if name else name


@dataclass(frozen=True)
class Programme:
    """One mbo programme (kwalificatie) under its current crebo; ``earlier_codes`` are its replaced codes.

    ``code_confirmed`` is True when the crebo comes from an official list (``code_source`` names it).
    ``profile_written`` is False when the description and search words were made from the register.
    """

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
    earlier_codes: tuple[str, ...] = ()
    dossier: str = ""
    dossier_crebo: str = ""
    sectorkamer: str = ""
    soort: str = ""
    code_source: str = ""
    profile_written: bool = True

    @property
    def label(self) -> str:
        return f"{self.name} (niveau {self.niveau})"

    @property
    def codes(self) -> tuple[str, ...]:
        """The current code first, then the earlier ones."""
        return (self.crebo, *self.earlier_codes)

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
            "code_source": self.code_source,
            "earlier_codes": list(self.earlier_codes),
            "dossier": self.dossier,
            "dossier_crebo": self.dossier_crebo,
            "sectorkamer": self.sectorkamer,
            "soort": self.soort,
            "profile_written": self.profile_written,
        }


@dataclass(frozen=True)
class Catalogue:
    """All current programmes, with look-up by any of their codes (current or earlier).

    ``retired`` holds codes an official list once had that no current programme continues:
    ``get()`` raises RetiredCrebo for them, UnknownCrebo for codes nobody knows.
    """

    programmes: list[Programme]
    sources: tuple[str, ...] = ()
    retired: dict = field(default_factory=dict, repr=False, compare=False)  # code -> (name, niveau, source)
    _by_crebo: dict = field(default_factory=dict, repr=False, compare=False)
    _by_code: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self._by_crebo.update({p.crebo: p for p in self.programmes})
        for p in self.programmes:
            for code in p.earlier_codes:
                self._by_code.setdefault(code, p)
        self._by_code.update(self._by_crebo)

    def get(self, crebo: object) -> Programme:
        """The programme of a current or earlier code. Raises RetiredCrebo or UnknownCrebo."""
        key = str(crebo).strip()
        try:
            return self._by_code[key]
        except KeyError:
            if key in self.retired:
                name, niveau, _source = self.retired[key]
                raise RetiredCrebo(key, name, niveau) from None
            raise UnknownCrebo(key) from None

    def is_current(self, crebo: object) -> bool:
        return str(crebo).strip() in self._by_crebo

    def replacement(self, crebo: object) -> Programme | None:
        """The current programme when ``crebo`` is one of its earlier codes, else None."""
        key = str(crebo).strip()
        if key in self._by_crebo:
            return None
        return self._by_code.get(key)

    def code_note(self, crebo: object) -> str | None:
        """'opleidingscode 25491 is vervallen; de nieuwe opleiding is Verzorgende-IG (25656)', or None for a current code."""
        p = self.replacement(crebo)
        if p is None:
            return None
        return f"opleidingscode {str(crebo).strip()} is vervallen; de nieuwe opleiding is {p.name} ({p.crebo})"

    def all_codes(self) -> dict[str, str]:
        """Every known code (current and earlier) -> the current code of its programme."""
        return {code: p.crebo for code, p in self._by_code.items()}

    def __contains__(self, crebo: object) -> bool:
        return str(crebo).strip() in self._by_code

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


def catalogue_domains() -> tuple[str, ...]:
    """The domain values a programme may have: the 16 opleidingsdomeinen, and Entree for niveau 1."""
    return (*official_domains(), ENTREE)


def programme_from_row(row: dict, domains: Iterable[str] | None = None) -> Programme:
    """Build a Programme from an imported row (PROGRAMME_COLUMNS); raises ValueError with a Dutch reason."""
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
        duration = float(row.get("duration_years") or DURATION[niveau])
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
        code_source=str(row.get("code_source") or "").strip(),
    )


def _read_rows(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    except OSError as e:
        raise DataError(f"kan {path} niet lezen: {e}") from None


def _imported(path: Path) -> tuple[list[CodeRecord], dict[str, Profile]]:
    """Code records and profiles from an imported programme list (import-programmes)."""
    records, profiles = [], {}
    domains = catalogue_domains()
    for line, row in enumerate(_read_rows(path), start=2):
        try:
            p = programme_from_row(row, domains)
        except ValueError as e:
            raise DataError(f"{path}, regel {line}: {e}") from None
        records.append(CodeRecord(crebo=p.crebo, name=p.name, niveau=p.niveau, domain=p.domain,
                                  subgroep=p.studierichting, leerwegen=p.leerwegen,
                                  source=p.code_source or f"import ({Path(path).name})",
                                  extra={"duration_years": p.duration_years, "confirmed": p.code_confirmed}))
        if p.description:
            profiles[p.crebo] = Profile(p.description, p.beroepen, p.riasec, p.synonyms)
    return records, profiles


def _programme(current: CodeRecord, earlier: list[CodeRecord], profile: Profile | None) -> Programme:
    name = display_name(current.name)
    profile = profile or generated_profile(name, current.niveau, current.domain, current.subgroep, current.dossier)
    return Programme(
        crebo=current.crebo,
        name=name,
        niveau=current.niveau,
        domain=current.domain,
        studierichting=current.subgroep,
        leerwegen=current.leerwegen,
        duration_years=current.extra.get("duration_years", DURATION[current.niveau]),
        description=profile.description,
        beroepen=profile.beroepen or (name,),
        riasec=profile.riasec or generated_profile(name, current.niveau, current.domain, current.subgroep,
                                                   current.dossier).riasec,
        synonyms=profile.synonyms,
        code_confirmed=bool(current.extra.get("confirmed", True)),
        earlier_codes=tuple(r.crebo for r in earlier),
        dossier=current.dossier,
        dossier_crebo=current.dossier_crebo,
        sectorkamer=current.sectorkamer,
        soort=current.soort,
        code_source=current.source,
        profile_written=profile.written,
    )


def load_catalogue(shipped: Path | None = None, override: Path | None | bool = None, *,
                   profiles: Path | None = None, old_lists: Iterable[tuple[Path, str]] | None = None) -> Catalogue:
    """The register grouped into programmes, imported programmes over it, profiles laid on top.

    ``shipped``: the register file (default the shipped copy). ``override``: an imported programme
    list (default ``$KANSRIJK_DATA_DIR/programmes.csv`` if it exists; ``False`` for none).
    ``old_lists``: (path, source name) of older official lists (default the 2015 regulation and
    SBB's 2022 list shipped in ``data/``).
    """
    shipped = Path(shipped or paths.SHIPPED_DIR / "mbo_kwalificaties_crebo.csv")
    if override is False:
        override = None
    elif override is None:
        override = paths.override_dir() / "programmes.csv"
    records = read_register(shipped)
    sources = [str(shipped)]
    imported_profiles: dict[str, Profile] = {}
    if override is not None and Path(override).exists():
        extra, imported_profiles = _imported(Path(override))
        known = {r.crebo: r for r in records}
        for r in extra:
            base = known.get(r.crebo)
            if base is not None:  # a code the register has: the import may rename it, the dossier stays
                r = dataclasses.replace(base, name=r.name, niveau=r.niveau, domain=r.domain, leerwegen=r.leerwegen,
                                        subgroep=r.subgroep or base.subgroep, extra=r.extra)
            records.append(r)
        sources.append(str(override))
    if old_lists is None:
        old_lists = [(paths.SHIPPED_DIR / f, source) for f, source in OLD_LISTS.items()]
    old: list[CodeRecord] = []
    for path, source in old_lists:
        if Path(path).exists():
            old += read_old_list(Path(path), source)
    groups, retired = group_codes(records, old)
    written = read_profiles(profiles)
    programmes = []
    for g in groups:
        profile = imported_profiles.get(g.current.crebo) or written.get(g.current.crebo)
        if profile is None:  # a profile written for a code that has since been replaced
            profile = next((written[r.crebo] for r in g.earlier if r.crebo in written), None)
        programmes.append(_programme(g.current, g.earlier, profile))
    return Catalogue(programmes=programmes, sources=tuple(sources),
                     retired={c: (display_name(r.name), r.niveau, r.source) for c, r in retired.items()})


@functools.lru_cache(maxsize=1)
def get_catalogue() -> Catalogue:
    """The catalogue with imported programmes merged in; cached (call ``get_catalogue.cache_clear()`` after an import)."""
    return load_catalogue()
