"""Find open internships near a student for a programme, nearest first."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

import sqlite_utils

from . import register
from .catalogue import load_catalogue
from .errors import InvalidQuery, UnknownProgramme
from .geo import Location, bounding_box, haversine_km, resolve_location
from .validate import INCLUSIVE_SIGNALS

__all__ = ["Match", "Widening", "match", "count_matches", "suggest_widening"]

_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"]
MAX_RADIUS_KM = 300


@dataclass(frozen=True)
class Match:
    """One listing that fits the search, with the reasons in Dutch."""

    listing_id: int
    external_id: str
    institution: str
    institution_code: str
    title: str
    description: str | None
    company: str
    crebo: str
    programme: str | None
    niveau: int | None
    leerweg: str
    place: str
    postcode: str
    distance_km: float
    start_date: str
    days_per_week: float | None
    allowance: float | None
    recognised: bool
    neighbour: bool
    features: list[str]
    inclusive_signals: list[str]
    apply_url: str | None
    contact_email: str | None
    demo: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def inclusive(self) -> bool:
        return bool(self.inclusive_signals)

    def to_dict(self) -> dict:
        return {
            "listing_id": self.listing_id,
            "external_id": self.external_id,
            "institution": self.institution,
            "institution_code": self.institution_code,
            "title": self.title,
            "description": self.description,
            "company": self.company,
            "crebo": self.crebo,
            "programme": self.programme,
            "niveau": self.niveau,
            "leerweg": self.leerweg,
            "place": self.place,
            "postcode": self.postcode,
            "distance_km": self.distance_km,
            "start_date": self.start_date,
            "days_per_week": self.days_per_week,
            "allowance": self.allowance,
            "recognised": self.recognised,
            "recognition": "erkend" if self.recognised else "onbevestigd",
            "neighbour": self.neighbour,
            "features": list(self.features),
            "inclusive": self.inclusive,
            "inclusive_signals": list(self.inclusive_signals),
            "inclusive_labels": [INCLUSIVE_SIGNALS.get(s, s) for s in self.inclusive_signals],
            "apply_url": self.apply_url,
            "contact_email": self.contact_email,
            "demo": self.demo,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class Widening:
    """A way to find more: what to change, how many listings that gives, in Dutch."""

    kind: str  # radius | neighbours | leerweg | unconfirmed | school
    count: int
    text: str
    options: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "count": self.count, "text": self.text, "options": dict(self.options)}


def dutch_date(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _km(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@dataclass
class _Query:
    crebos: dict  # crebo -> programme name or None
    primary: set
    location: Location
    radius_km: float
    leerweg: str | None
    include_unconfirmed: bool
    prefer_inclusive: bool
    today: str


def _prepare(
    *, crebo, programme, postcode, place, radius_km, leerweg, include_unconfirmed,
    include_neighbours, prefer_inclusive, catalogue, today,
) -> _Query:
    if postcode and place:
        raise InvalidQuery.of("query_place_and_postcode")
    if not (postcode or place):
        raise InvalidQuery.of("query_no_place")
    location = resolve_location(str(postcode or place))
    try:
        radius = float(radius_km)
    except (TypeError, ValueError):
        raise InvalidQuery.of("radius_not_number", radius=radius_km) from None
    if not 0 < radius <= MAX_RADIUS_KM:
        raise InvalidQuery.of("radius_out_of_range", radius=radius_km, most=MAX_RADIUS_KM)
    if leerweg is not None:
        leerweg = str(leerweg).strip().lower() or None
        if leerweg not in (None, "bol", "bbl"):
            raise InvalidQuery.of("leerweg_unknown", leerweg=leerweg)
    cat = load_catalogue(catalogue)
    crebos: dict[str, str | None] = {}
    if crebo:
        wanted = [crebo] if isinstance(crebo, str) else list(crebo)
        for code in wanted:
            code = str(code).strip()
            if len(code) != 5 or not code.isdigit():
                raise UnknownProgramme.of("crebo_malformed", code=code)
            info = cat.get(code) if cat is not None else None
            if cat is not None and info is None:
                raise UnknownProgramme.of("crebo_unknown", code=code)
            # Listings filed under any code of the programme, current or earlier, are its listings.
            for c in (info.codes if info else (code,)):
                crebos[c] = info.name if info else None
    elif programme:
        if cat is None:
            raise UnknownProgramme.of("programme_search_unavailable")
        found = cat.resolve(str(programme))[:10]
        if not found:
            raise UnknownProgramme.of("programme_unknown", programme=programme)
        crebos = {c: p.name for p in found for c in p.codes}
    primary = set(crebos)
    if include_neighbours and cat is not None:
        for code in [c for c in primary if c in cat.by_crebo]:
            for p in cat.neighbours(code):
                for c in p.codes:
                    crebos.setdefault(c, p.name)
    return _Query(crebos, primary, location, radius, leerweg, bool(include_unconfirmed),
                  bool(prefer_inclusive), (today or date.today()).isoformat())


def _candidates(db: sqlite_utils.Database, q: _Query) -> list[tuple[int, float, int | None]]:
    """(listing id, distance, recognised) for every fitting listing, in display order."""
    # Pass 1 reads only indexed columns, so even a wide search stays cheap; pass 2 (_load)
    # fetches full rows for the page that is shown.
    box = bounding_box(q.location.lat, q.location.lon, q.radius_km)
    rows = register.open_listings_in_box(db, box, today=q.today, crebos=q.crebos, leerweg=q.leerweg)
    keyed = []
    lat0, lon0, radius = q.location.lat, q.location.lon, q.radius_km
    inclusive_first = q.prefer_inclusive
    for listing_id, lat, lon, start_date, inclusive, rec in rows:
        if rec == 0 or (rec is None and not q.include_unconfirmed):
            continue
        distance = haversine_km(lat0, lon0, lat, lon)
        if distance > radius:
            continue
        key = (round(distance, 1), start_date, listing_id)
        if inclusive_first:
            key = (not inclusive,) + key
        keyed.append((key, listing_id, distance, rec))
    keyed.sort()
    return [(listing_id, distance, rec) for _, listing_id, distance, rec in keyed]


def _load(db: sqlite_utils.Database, page: list[tuple[int, float, int | None]], q: _Query) -> list[Match]:
    if not page:
        return []
    rows = register.listing_details(db, [listing_id for listing_id, _, _ in page])
    return [_to_match(rows[listing_id], distance, rec, q) for listing_id, distance, rec in page]


def _to_match(row: tuple, distance: float, rec: int | None, q: _Query) -> Match:
    (listing_id, external_id, inst_name, inst_code, title, description, company, crebo,
     niveau, leerweg, place, postcode, start_date, days, allowance, features,
     signals, apply_url, contact_email, demo) = row
    features = json.loads(features or "[]")
    signals = json.loads(signals or "[]")
    neighbour = crebo not in q.primary
    programme = q.crebos.get(crebo)
    reasons = []
    label = f"{programme} (niveau {niveau})" if programme and niveau else (programme or f"opleiding {crebo}")
    if neighbour:
        reasons.append(f"verwante opleiding: {label}")
    elif q.crebos:
        reasons.append(f"past bij je opleiding: {label}")
    reasons.append(f"{_km(distance)} km van {q.location.place} ({q.location.pc4})")
    reasons.append("leerweg " + leerweg)
    if rec == 1:
        reasons.append("erkend leerbedrijf voor deze opleiding")
    else:
        reasons.append("erkenning nog niet bevestigd: vraag het na bij je school")
    reasons.append(f"start {dutch_date(start_date)}")
    if signals:
        reasons.append("eerlijk selecteren: " + ", ".join(INCLUSIVE_SIGNALS.get(s, s) for s in signals))
    if features:
        reasons.append("extra: " + ", ".join(features))
    return Match(
        listing_id=listing_id, external_id=external_id, institution=inst_name,
        institution_code=inst_code, title=title, description=description, company=company,
        crebo=crebo, programme=programme, niveau=niveau, leerweg=leerweg, place=place,
        postcode=postcode, distance_km=round(distance, 1), start_date=start_date,
        days_per_week=days, allowance=allowance, recognised=rec == 1, neighbour=neighbour,
        features=features, inclusive_signals=signals, apply_url=apply_url,
        contact_email=contact_email, demo=bool(demo), reasons=reasons,
    )


def match(
    db: sqlite_utils.Database,
    *,
    crebo: str | Iterable[str] | None = None,
    programme: str | None = None,
    postcode: str | None = None,
    place: str | None = None,
    radius_km: float = 25,
    leerweg: str | None = None,
    include_unconfirmed: bool = False,
    include_neighbours: bool = False,
    prefer_inclusive: bool = False,
    limit: int = 5,
    offset: int = 0,
    catalogue: Any = None,
    today: date | None = None,
) -> list[Match]:
    """Open listings at recognised companies within ``radius_km``, nearest first.

    Ties on distance (0.1 km) go to the earliest start date. ``prefer_inclusive`` puts
    listings with inclusive-recruitment signals first. Without crebo or programme every
    programme counts. Raises UnknownLocation, UnknownProgramme or InvalidQuery.
    """
    if limit < 0 or offset < 0:
        raise InvalidQuery.of("page_negative")
    q = _prepare(crebo=crebo, programme=programme, postcode=postcode, place=place,
                 radius_km=radius_km, leerweg=leerweg, include_unconfirmed=include_unconfirmed,
                 include_neighbours=include_neighbours, prefer_inclusive=prefer_inclusive,
                 catalogue=catalogue, today=today)
    return _load(db, _candidates(db, q)[offset: offset + limit], q)


def count_matches(db: sqlite_utils.Database, **kwargs) -> int:
    """How many listings ``match`` would find with these options (ignores limit/offset)."""
    kwargs.pop("limit", None)
    kwargs.pop("offset", None)
    q = _prepare(**_prepare_kwargs(kwargs))
    return len(_candidates(db, q))


def _prepare_kwargs(kwargs: dict) -> dict:
    defaults = dict(crebo=None, programme=None, postcode=None, place=None, radius_km=25,
                    leerweg=None, include_unconfirmed=False, include_neighbours=False,
                    prefer_inclusive=False, catalogue=None, today=None)
    unknown = set(kwargs) - set(defaults)
    if unknown:
        raise TypeError(f"unexpected options: {', '.join(sorted(unknown))}")
    return {**defaults, **kwargs}


def suggest_widening(db: sqlite_utils.Database, **kwargs) -> list[Widening]:
    """Ways to find more than the current search: wider radius, related programmes,
    the other leerweg, unconfirmed companies; always ends with the school's stage office."""
    kwargs.pop("limit", None)
    kwargs.pop("offset", None)
    opts = _prepare_kwargs(kwargs)
    current = len(_candidates(db, _prepare(**opts)))
    out: list[Widening] = []
    radius = float(opts["radius_km"])
    for wider in (50, 100):
        if wider > radius:
            n = len(_candidates(db, _prepare(**{**opts, "radius_km": wider})))
            if n > current:
                out.append(Widening("radius", n, f"Binnen {wider} km zijn er {n} stageplekken.", {"radius_km": wider}))
                break
    if not opts["include_neighbours"] and (opts["crebo"] or opts["programme"]):
        n = len(_candidates(db, _prepare(**{**opts, "include_neighbours": True})))
        if n > current:
            out.append(Widening("neighbours", n, f"Met verwante opleidingen (een niveau hoger of lager) zijn er {n} stageplekken.", {"include_neighbours": True}))
    if opts["leerweg"]:
        other = "bbl" if str(opts["leerweg"]).lower() == "bol" else "bol"
        n = len(_candidates(db, _prepare(**{**opts, "leerweg": other})))
        if n:
            out.append(Widening("leerweg", n, f"In de {other} zijn er {n} plekken. Vraag je school of dat voor jou kan.", {"leerweg": other}))
    if not opts["include_unconfirmed"]:
        n = len(_candidates(db, _prepare(**{**opts, "include_unconfirmed": True})))
        if n > current:
            out.append(Widening("unconfirmed", n, f"Er zijn {n} plekken als je ook bedrijven meetelt waarvan de erkenning nog niet bevestigd is.", {"include_unconfirmed": True}))
    out.append(Widening("school", 0, "Vraag het stagebureau van je school: zij kennen vaak nog meer plekken."))
    return out
