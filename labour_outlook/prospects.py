"""Labour-market prospects per crebo and region on SBB's five-point scale (shipped as sample data)."""

from __future__ import annotations

import csv
import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .catalogue import get_catalogue
from .errors import DataError

__all__ = [
    "SCALE",
    "SAMPLE_SOURCE",
    "NATIONAL",
    "Prospects",
    "ProspectsTable",
    "get_prospects_table",
    "load_prospects",
    "prospects_for",
    "scale_index",
    "KANSEN_COLUMNS",
]

SCALE = ("gering", "matig", "voldoende", "ruim voldoende", "goed")
SAMPLE_SOURCE = "voorbeelddata"
NATIONAL = "Nederland"
KANSEN_COLUMNS = [
    "crebo", "kwalificatie", "niveau", "arbeidsmarktregio", "jaar",
    "kans_op_werk", "kans_op_stage", "kans_op_leerbaan", "bron",
]


def scale_index(value: str | None) -> int | None:
    """0 for gering … 4 for goed; None for no value."""
    if value is None or value == "":
        return None
    return SCALE.index(value)


@dataclass(frozen=True)
class Prospects:
    """SBB-style prospects for one programme in one region (``region`` is "Nederland" for the national row)."""

    crebo: str
    kans_op_werk: str | None
    kans_op_stage: str | None
    kans_op_leerbaan: str | None
    year: int | None
    source: str
    region: str = NATIONAL

    @property
    def sample(self) -> bool:
        """True for illustrative figures: the assistant must then say "voorbeeldcijfers"."""
        return self.source == SAMPLE_SOURCE

    @property
    def werk_index(self) -> int | None:
        return scale_index(self.kans_op_werk)

    @property
    def weak(self) -> bool:
        """Kans op werk is gering or matig: the case for showing kansrijke alternatives."""
        return self.kans_op_werk in ("gering", "matig")

    def to_dict(self) -> dict:
        return {
            "crebo": self.crebo,
            "kans_op_werk": self.kans_op_werk,
            "kans_op_stage": self.kans_op_stage,
            "kans_op_leerbaan": self.kans_op_leerbaan,
            "year": self.year,
            "source": self.source,
            "region": self.region,
            "sample": self.sample,
        }


UNKNOWN_SOURCE = "geen gegevens"


class ProspectsTable:
    """Prospects keyed by (crebo, region); imported rows replace sample rows for the same key."""

    def __init__(self, rows: dict[tuple[str, str], Prospects]):
        self.rows = rows
        self.regions = sorted({r for _, r in rows} - {NATIONAL})

    def get(self, crebo: str, region: str | None = None) -> Prospects:
        crebo = str(crebo).strip()
        if region:
            key = _region_key(region, self.regions)
            if key and (crebo, key) in self.rows:
                return self.rows[(crebo, key)]
        if (crebo, NATIONAL) in self.rows:
            return self.rows[(crebo, NATIONAL)]
        return Prospects(crebo, None, None, None, None, UNKNOWN_SOURCE, NATIONAL)


def _region_key(region: str, regions: list[str]) -> str | None:
    # "Zaanstreek/Waterland" and "Zaanstreek-Waterland", "Helmond-De Peel" and "Helmond De Peel" are one region.
    from .regions import _fold

    want = _fold(region)
    for r in regions:
        if _fold(r) == want:
            return r
    return None


def _row_to_prospects(row: dict) -> Prospects:
    def val(name):
        v = (row.get(name) or "").strip().lower()
        if v and v not in SCALE:
            raise ValueError(f"{name} {v!r} staat niet op de schaal {', '.join(SCALE)}")
        return v or None

    year = (row.get("jaar") or "").strip()
    return Prospects(
        crebo=str(row["crebo"]).strip(),
        kans_op_werk=val("kans_op_werk"),
        kans_op_stage=val("kans_op_stage"),
        kans_op_leerbaan=val("kans_op_leerbaan"),
        year=int(float(year)) if year else None,
        source=(row.get("bron") or "").strip() or SAMPLE_SOURCE,
        region=(row.get("arbeidsmarktregio") or "").strip() or NATIONAL,
    )


def _read_prospects(path: Path) -> list[Prospects]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            out = []
            for line, row in enumerate(csv.DictReader(f), start=2):
                try:
                    out.append(_row_to_prospects(row))
                except (ValueError, KeyError) as e:
                    raise DataError(f"{path}, regel {line}: {e}") from None
            return out
    except OSError as e:
        raise DataError(f"kan {path} niet lezen: {e}") from None


def load_prospects(shipped: Path | None = None, override: Path | None = None,
                   codes: dict[str, str] | None = None) -> ProspectsTable:
    """Sample rows, with imported rows over them: a programme with any imported row loses all its sample rows.

    ``codes`` maps every known code to its programme's current code, so rows filed under an
    earlier code count for the current one.
    """
    shipped = shipped or paths.SHIPPED_DIR / "kansen_voorbeeld.csv"
    override = override if override is not None else paths.override_dir() / "kansen.csv"
    codes = codes or {}

    def current(p: Prospects) -> Prospects:
        code = codes.get(p.crebo, p.crebo)
        return p if code == p.crebo else dataclasses.replace(p, crebo=code)

    rows: dict[tuple[str, str], Prospects] = {}
    for p in map(current, _read_prospects(Path(shipped))):
        rows[(p.crebo, p.region)] = p
    if Path(override).exists():
        imported = [current(p) for p in _read_prospects(Path(override))]
        # Real figures for a programme replace its sample figures everywhere: never a mix of the two.
        real = {p.crebo for p in imported}
        rows = {k: v for k, v in rows.items() if k[0] not in real}
        for p in imported:
            rows[(p.crebo, p.region)] = p
    return ProspectsTable(rows)


@functools.lru_cache(maxsize=1)
def get_prospects_table() -> ProspectsTable:
    return load_prospects(codes=get_catalogue().all_codes())


def prospects_for(crebo: object, region: str | None = None, *, catalogue=None, table=None) -> Prospects:
    """Prospects for a crebo; the region's row when there is one, else the national row.

    ``region`` is a UWV arbeidsmarktregio, a place name or a postcode. Raises UnknownCrebo.
    """
    catalogue = catalogue or get_catalogue()
    programme = catalogue.get(crebo)
    table = table or get_prospects_table()
    if region:
        from .regions import region_for_place

        region = region_for_place(region) or region
    return table.get(programme.crebo, region)
