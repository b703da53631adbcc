"""Map a place name or postcode to one of the UWV arbeidsmarktregio's the prospects table has rows for."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["REGIONS", "region_for_place"]

# Only the regions that have rows in the sample table; other places fall back to "Nederland".
# PC4 ranges and places are a coarse, illustrative subset of each UWV arbeidsmarktregio.
REGIONS: dict[str, dict] = {
    "Groot Amsterdam": {
        "pc4": [(1000, 1119), (1180, 1189)],
        "places": ["amsterdam", "amstelveen", "diemen", "ouder-amstel", "aalsmeer", "uithoorn"],
    },
    "Rijnmond": {
        "pc4": [(2900, 2999), (3000, 3299)],
        "places": ["rotterdam", "schiedam", "vlaardingen", "maassluis", "capelle aan den ijssel",
                   "spijkenisse", "barendrecht", "ridderkerk", "krimpen aan den ijssel", "hellevoetsluis"],
    },
    "Midden-Utrecht": {
        "pc4": [(3400, 3449), (3500, 3599), (3700, 3739), (3990, 3999)],
        "places": ["utrecht", "nieuwegein", "zeist", "houten", "ijsselstein", "de bilt", "vianen", "bunnik"],
    },
    "Haaglanden": {
        "pc4": [(2260, 2289), (2490, 2629), (2640, 2729)],
        "places": ["den haag", "s-gravenhage", "'s-gravenhage", "delft", "zoetermeer", "rijswijk",
                   "leidschendam", "voorburg", "wassenaar", "westland", "pijnacker", "nootdorp"],
    },
    "Groningen": {
        "pc4": [(9350, 9999)],
        "places": ["groningen", "haren", "hoogezand", "veendam", "winschoten", "delfzijl", "stadskanaal",
                   "appingedam", "leek"],
    },
    "Zuidoost-Brabant": {
        "pc4": [(5500, 5599), (5600, 5799)],
        "places": ["eindhoven", "helmond", "veldhoven", "geldrop", "best", "valkenswaard", "nuenen",
                   "son en breugel", "waalre", "deurne"],
    },
    "Twente": {
        "pc4": [(7400, 7499), (7500, 7699)],
        "places": ["enschede", "hengelo", "almelo", "oldenzaal", "borne", "haaksbergen", "rijssen",
                   "losser", "tubbergen", "wierden"],
    },
}

_PC4 = re.compile(r"\b([1-9]\d{3})\s?([a-zA-Z]{2})?\b")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().replace("-", " ").split())


def region_for_place(place: str | None) -> str | None:
    """The region for a postcode ("1012 AB", "3011"), place ("Rotterdam") or region name; None if unknown."""
    if not place:
        return None
    text = str(place).strip()
    folded = _fold(text)
    for region in REGIONS:
        if _fold(region) == folded:
            return region
    m = _PC4.search(text)
    if m:
        pc = int(m.group(1))
        for region, info in REGIONS.items():
            if any(lo <= pc <= hi for lo, hi in info["pc4"]):
                return region
        return None
    for region, info in REGIONS.items():
        if folded in (_fold(p) for p in info["places"]):
            return region
    return None
