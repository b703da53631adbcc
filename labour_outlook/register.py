"""Read the register of real mbo kwalificaties and group its codes into programmes (newest code first).

The register (``data/mbo_kwalificaties_crebo.csv``) has one row per crebo code but no validity
dates: a revised kwalificatie got a new code and both stay in the table. A programme is one
(name, niveau) group, names compared as ``norm_name`` does; its current code is the
highest one (where SBB's 2022 list and the 2015 regulation show both, the higher code is the later
one), the others are its earlier codes. Codes that only the 2015 regulation or SBB's 2022 list know
join the programme with the same name and niveau, or are retired without a successor.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .errors import DataError

__all__ = ["CodeRecord", "ProgrammeGroup", "REGISTER_FILE", "REGISTER_SOURCE", "OLD_LISTS", "norm_name",
           "read_register", "read_old_list", "group_codes", "ENTREE"]

REGISTER_FILE = "mbo_kwalificaties_crebo.csv"
REGISTER_SOURCE = ("register van erkende mbo-kwalificaties (DUO-tabel, via cedanl/mbo-bekostiging-bestanden "
                   "commit 7015c0e; zie labour_outlook/data/README.md)")
# Older official lists: only for codes a school may still have in old files.
OLD_LISTS = {
    "regeling_kwalificatiedossiers_2015.csv": "Regeling vaststelling kwalificatiedossiers 2015",
    "sbb_crebolijst_2022.csv": "SBB crebolijst 2022",
}
ENTREE = "Entree"
_LEERWEGEN = ("bol", "bbl")  # OVO (a contract with an outside party) is no leerweg a student picks


def norm_name(name: str) -> str:
    """The key that makes "Allround Kapper" and "Allround kapper" one programme.

    Case, hyphens, commas, apostrophes and "&" for "en" do not count: the register writes
    "Leidinggevende leisure en hospitality" (25351) and "... leisure & hospitality" (25646, on
    SBB's 2022 list) for one kwalificatie.
    """
    text = str(name).lower().replace("&", " en ").replace("'", "").replace(",", " ")
    return re.sub(r"[\s\-]+", " ", text).strip()


@dataclass(frozen=True)
class CodeRecord:
    """One crebo code as a source lists it."""

    crebo: str
    name: str
    niveau: int
    domain: str = ""
    subgroep: str = ""
    leerwegen: tuple[str, ...] = _LEERWEGEN
    soort: str = ""
    dossier_crebo: str = ""
    dossier: str = ""
    sectorkamer: str = ""
    source: str = REGISTER_SOURCE
    extra: dict = field(default_factory=dict, compare=False)


@dataclass
class ProgrammeGroup:
    """All codes of one (name, niveau): the newest is current."""

    current: CodeRecord
    earlier: list[CodeRecord]


def _read(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter=";"))
    except OSError as e:
        raise DataError(f"kan {path} niet lezen: {e}") from None


def _code(value: str) -> str:
    # The 2015 regulation prints one code as "25.080".
    return str(value).strip().replace(".", "")


def _leerwegen(value: str) -> tuple[str, ...]:
    found = {w.strip().lower() for w in re.split(r"[,;/]", value or "")}
    return tuple(w for w in _LEERWEGEN if w in found) or _LEERWEGEN


def read_register(path: Path | None = None) -> list[CodeRecord]:
    """Every code of the shipped register, in file order."""
    path = path or paths.SHIPPED_DIR / REGISTER_FILE
    out = []
    for line, row in enumerate(_read(path), start=2):
        try:
            out.append(CodeRecord(
                crebo=_code(row["crebo"]),
                name=row["kwalificatie"].strip(),
                niveau=int(row["niveau"]),
                domain=row["opleidingsdomein"].strip(),
                subgroep=row["subgroep"].strip(),
                leerwegen=_leerwegen(row["leerwegen"]),
                soort=row["soort_opleiding"].strip(),
                dossier_crebo=row["dossier_crebo"].strip(),
                dossier=row["kwalificatiedossier"].strip(),
                sectorkamer=row["sbb_sectorkamer"].strip(),
            ))
        except (KeyError, ValueError) as e:
            raise DataError(f"{path}, regel {line}: {e}") from None
    return out


def read_old_list(path: Path, source: str) -> list[CodeRecord]:
    """Codes of an older official list (crebo, kwalificatie, niveau, optional leerweg and dossier)."""
    out = []
    for line, row in enumerate(_read(path), start=2):
        try:
            out.append(CodeRecord(
                crebo=_code(row["crebo"]), name=row["kwalificatie"].strip(), niveau=int(row["niveau"]),
                soort=(row.get("soort_opleiding") or "").strip(), dossier=(row.get("kwalificatiedossier") or "").strip(),
                dossier_crebo=(row.get("dossier_crebo") or "").strip(), source=source,
            ))
        except (KeyError, ValueError) as e:
            raise DataError(f"{path}, regel {line}: {e}") from None
    return out


def group_codes(records: list[CodeRecord], old: list[CodeRecord] = ()) -> tuple[list[ProgrammeGroup], dict[str, CodeRecord]]:
    """Programme groups (in order of their current code) and the retired codes (code -> record).

    ``records`` later in the list replace earlier ones with the same code (an import over the
    register). ``old`` codes that no record has join the group with the same name and niveau, or
    are retired: known once, without a successor.
    """
    by_code: dict[str, CodeRecord] = {}
    for r in records:
        by_code[r.crebo] = r
    groups: dict[tuple[str, int], list[CodeRecord]] = {}
    for r in by_code.values():
        groups.setdefault((norm_name(r.name), r.niveau), []).append(r)
    retired: dict[str, CodeRecord] = {}
    for r in old:
        if r.crebo in by_code or r.crebo in retired:
            continue
        key = (norm_name(r.name), r.niveau)
        if key in groups:
            groups[key].append(r)
        else:
            retired[r.crebo] = r
    out = []
    for members in groups.values():
        # Only a code the register (or an import) describes can be current: an old list has no domain.
        described = [m for m in members if m.domain]
        current = max(described or members, key=lambda m: int(m.crebo))
        earlier = sorted((m for m in members if m is not current), key=lambda m: int(m.crebo))
        out.append(ProgrammeGroup(current, earlier))
    out.sort(key=lambda g: int(g.current.crebo))
    return out, retired
