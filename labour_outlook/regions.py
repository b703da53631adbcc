"""Map a place name or postcode to its UWV arbeidsmarktregio (approximate table in data/arbeidsmarktregio_pc4.csv).

The table comes from ``scripts/make_regions.py`` (nearest anchor town per PC4; see there why it is
an approximation). Whether the prospects have figures for that region is the prospects table's
business: ``region_for_place`` only says where a student lives.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections import Counter

from . import paths

__all__ = ["REGIONS", "region_for_place", "regions", "same_region"]

_PC4 = re.compile(r"\b([1-9]\d{3})\s?([a-zA-Z]{2})?\b")
# Names students and files use besides the GeoNames spelling.
_PLACE_ALIASES = {"den haag": "s gravenhage", "the hague": "s gravenhage", "den bosch": "s hertogenbosch",
                  "hertogenbosch": "s hertogenbosch"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.casefold().replace("'", " ").replace("-", " ").replace("/", " ")
    return " ".join(text.split())


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(pc4 -> region, folded place -> region, folded region -> region)."""
    by_pc4: dict[str, str] = {}
    votes: dict[str, Counter] = {}
    with open(paths.SHIPPED_DIR / "arbeidsmarktregio_pc4.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            by_pc4.setdefault(row["pc4"], row["arbeidsmarktregio"])
            votes.setdefault(_fold(row["place"]), Counter())[row["arbeidsmarktregio"]] += 1
    by_place = {place: c.most_common(1)[0][0] for place, c in votes.items()}
    names = {_fold(r): r for r in set(by_pc4.values())}
    return by_pc4, by_place, names


def regions() -> list[str]:
    """Every arbeidsmarktregio of the table, sorted."""
    return sorted(set(_table()[0].values()))


def same_region(a: str | None, b: str | None) -> bool:
    """True for two spellings of one region ("Zaanstreek/Waterland", "zaanstreek-waterland")."""
    return bool(a) and bool(b) and _fold(a) == _fold(b)


REGIONS = regions  # the old name; now a function, so nothing is read on import


def region_for_place(place: str | None) -> str | None:
    """The region for a postcode ("1012 AB", "3011"), place ("Rotterdam") or region name; None if unknown."""
    if not place:
        return None
    text = str(place).strip()
    by_pc4, by_place, names = _table()
    folded = _fold(text)
    if folded in names:
        return names[folded]
    m = _PC4.search(text)
    if m:
        return by_pc4.get(m.group(1))
    for key in (folded, _PLACE_ALIASES.get(folded)):
        if key in by_place:
            return by_place[key]
    return None
