"""Turn a Dutch postcode or place name into coordinates, and measure distances.

Data: GeoNames postal codes (CC BY 4.0), see ``internships/data/README.md``.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import UnknownLocation

__all__ = [
    "Location",
    "resolve_location",
    "pc4_location",
    "haversine_km",
    "bounding_box",
    "normalise_postcode",
    "place_key",
]

DATA_FILE = Path(__file__).with_name("data") / "nl_pc4_places_geonames.json"
EARTH_RADIUS_KM = 6371.0088

# Names students type that differ from the GeoNames spelling.
_ALIASES = {
    "den bosch": "'s-Hertogenbosch",
    "hertogenbosch": "'s-Hertogenbosch",
    "s hertogenbosch": "'s-Hertogenbosch",
    "s gravenhage": "Den Haag",
    "gravenhage": "Den Haag",
    "the hague": "Den Haag",
    "haag": "Den Haag",
}

_PC4_RE = re.compile(r"(?<!\d)([1-9]\d{3})(?:\s?([A-Za-z]{2}))?(?![\dA-Za-z])")
_FULL_POSTCODE_RE = re.compile(r"^\s*([1-9]\d{3})\s?([A-Za-z]{2})\s*$")
# Letter pairs PostNL never issues.
_FORBIDDEN_LETTERS = {"SA", "SD", "SS"}


@dataclass(frozen=True)
class Location:
    """A point a student searches from: a PC4 area or the middle of a place."""

    pc4: str
    place: str
    lat: float
    lon: float

    def to_dict(self) -> dict:
        return {"pc4": self.pc4, "place": self.place, "lat": self.lat, "lon": self.lon}


def place_key(text: str) -> str:
    """Lower case, no accents or punctuation: "'s-Hertogenbosch" -> "s hertogenbosch"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True)
class _Places:
    by_pc4: dict  # pc4 -> Location
    by_key: dict  # place key -> Location (centroid, representative pc4)
    names: dict  # place key -> display name


@lru_cache(maxsize=1)
def _places() -> _Places:
    rows = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    by_pc4: dict[str, Location] = {}
    grouped: dict[str, list[Location]] = {}
    names: dict[str, str] = {}
    for row in rows:
        loc = Location(
            row["zipcode"], row["name"], float(row["latitude"]), float(row["longitude"])
        )
        # First row wins for a shared PC4: GeoNames lists the main place first.
        by_pc4.setdefault(loc.pc4, loc)
        key = place_key(loc.place)
        grouped.setdefault(key, []).append(loc)
        names.setdefault(key, loc.place)
    by_key = {}
    for key, locs in grouped.items():
        lat = sum(loc.lat for loc in locs) / len(locs)
        lon = sum(loc.lon for loc in locs) / len(locs)
        central = min(locs, key=lambda loc: (loc.lat - lat) ** 2 + (loc.lon - lon) ** 2)
        by_key[key] = Location(central.pc4, names[key], round(lat, 4), round(lon, 4))
    return _Places(by_pc4, by_key, names)


def pc4_location(pc4: str) -> Location | None:
    """Coordinates of a PC4 area, or None when the code is not in the list."""
    return _places().by_pc4.get(pc4)


def normalise_postcode(text: str) -> str | None:
    """'3525ab' -> '3525 AB'; None when it is not a valid Dutch postcode."""
    m = _FULL_POSTCODE_RE.match(text or "")
    if not m:
        return None
    letters = m.group(2).upper()
    if letters in _FORBIDDEN_LETTERS:
        return None
    return f"{m.group(1)} {letters}"


def resolve_location(text: str) -> Location:
    """Resolve "3525", "3525 AB", "Utrecht", "den haag" to a Location.

    Raises UnknownLocation (with up to three suggestions) when nothing fits.
    """
    raw = (text or "").strip()
    if not raw:
        raise UnknownLocation.of("location_empty")
    places = _places()
    m = _PC4_RE.search(raw)
    if m:
        loc = places.by_pc4.get(m.group(1))
        if loc is None:
            raise UnknownLocation.of("postcode_unknown", pc4=m.group(1))
        return loc
    if re.fullmatch(r"\d+(\s?[A-Za-z]{2})?", raw):
        raise UnknownLocation.of("postcode_invalid", text=raw)
    key = place_key(raw)
    key = place_key(_ALIASES.get(key, key))
    if key in places.by_key:
        return places.by_key[key]
    suggestions = _suggest(key)
    if len(suggestions) == 1 and suggestions[0][1] >= 90:
        return places.by_key[place_key(suggestions[0][0])]
    names = [name for name, _ in suggestions]
    error = UnknownLocation.of("place_unknown_suggest", text=raw, names=names) if names else \
        UnknownLocation.of("place_unknown", text=raw)
    error.suggestions = names
    raise error


def _suggest(key: str) -> list[tuple[str, float]]:
    try:
        from rapidfuzz import fuzz, process
    except ImportError:  # suggestions are a nicety, not a requirement
        return []
    places = _places()
    found = process.extract(key, list(places.by_key), scorer=fuzz.ratio, limit=3, score_cutoff=80)
    best = [(places.names[k], score) for k, score, _ in found]
    if best and best[0][1] >= 90 and (len(best) == 1 or best[1][1] < best[0][1]):
        return best[:1]
    return best


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) that contains the whole circle."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * max(0.01, math.cos(math.radians(lat)))))
    # The circle bulges a little past lat +/- dlat's longitude span near the poles;
    # at Dutch latitudes a 1% margin covers it.
    dlon *= 1.01
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
