"""Seed a reproducible, clearly marked demo register: fictional schools, companies and listings."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import sqlite_utils

from .catalogue import ProgrammeInfo, load_catalogue
from .errors import UnknownInstitution
from .geo import _places, haversine_km, place_key
from .register import WriteResult, add_institution, apply_listings, get_institution

__all__ = ["seed_demo", "DEMO_INSTITUTIONS"]

DEFAULT_SEED = 20250901

# Fictional schools; "(demo)" in every name so nobody mistakes them for real ones.
DEMO_INSTITUTIONS = [
    ("DEMO-UTR", "Kansrijk College Utrecht (demo)", "Utrecht"),
    ("DEMO-RDM", "ROC Maaskant Rotterdam (demo)", "Rotterdam"),
    ("DEMO-AMS", "Vakschool Amstelland (demo)", "Amsterdam"),
    ("DEMO-DHG", "Hofstad Beroepsonderwijs (demo)", "Den Haag"),
    ("DEMO-GRN", "Noorderlicht mbo (demo)", "Groningen"),
    ("DEMO-ZWO", "IJsselland College (demo)", "Zwolle"),
    ("DEMO-EHV", "Brabant Vakcollege (demo)", "Eindhoven"),
    ("DEMO-NMG", "Gelderse Poort mbo (demo)", "Nijmegen"),
    ("DEMO-MST", "Maasdal mbo (demo)", "Maastricht"),
]

# Used only when neither labour_outlook nor its register file is there: two real programmes.
_FALLBACK_PROGRAMMES = [
    ProgrammeInfo("25696", "Pedagogisch medewerker kinderopvang", 3, "Zorg en welzijn", leerwegen=("bol", "bbl"),
                  earlier_codes=("25486", "25603")),
    ProgrammeInfo("25180", "Kok", 2, "Horeca en bakkerij", leerwegen=("bol", "bbl")),
]

_SURNAMES = [
    "De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "De Boer", "Bos",
    "Vos", "Peters", "Hendriks", "Dekker", "Van Dijk", "Yilmaz", "El Amrani", "Kaya",
    "Bouali", "Tahiri", "Öztürk", "Ramdin", "Pinas", "Nguyen", "Kowalski", "Brouwer",
    "Van Leeuwen", "De Groot", "Van den Berg", "Verhoeven", "Koster", "Prins", "Willems",
]
_NOUNS = ["Zonnebloem", "Eik", "Linde", "Regenboog", "Vlinder", "Molen", "Kastanje", "Haven",
          "Klaproos", "Berk", "Vuurtoren", "Hoeksteen"]
_NAME_PATTERNS = {
    "Bouw en infra": ["Bouwbedrijf {s}", "{s} Infra", "Aannemersbedrijf {s}"],
    "Afbouw, hout en onderhoud": ["Schilderwerken {s}", "Timmerbedrijf {s}", "{s} Onderhoud"],
    "Techniek en procesindustrie": ["{s} Installatietechniek", "Metaalbedrijf {s}", "{s} Elektrotechniek"],
    "Ambacht, laboratorium en gezondheidstechniek": ["Laboratorium {s}", "Tandtechniek {s}", "Opticien {s}"],
    "Media en vormgeving": ["Studio {s}", "{s} Mediaproducties", "Drukkerij {s}"],
    "Informatie en communicatietechnologie": ["{s} IT-diensten", "Netwerkbeheer {s}", "{s} Software"],
    "Mobiliteit en voertuigen": ["Autobedrijf {s}", "Garage {s}", "Tweewielers {s}"],
    "Transport, scheepvaart en logistiek": ["Transportbedrijf {s}", "{s} Logistiek", "Distributiecentrum {s}"],
    "Handel en ondernemerschap": ["Supermarkt {s}", "Bouwmarkt {s}", "{s} Mode"],
    "Economie en administratie": ["Administratiekantoor {s}", "{s} Accountants", "Adviesbureau {s}"],
    "Veiligheid en sport": ["Sportcentrum {s}", "Beveiliging {s}", "Fitness {s}"],
    "Uiterlijke verzorging": ["Kapsalon {s}", "Schoonheidssalon {s}", "Barbershop {s}"],
    "Horeca en bakkerij": ["Restaurant De {n}", "Bakkerij {s}", "Hotel {s}"],
    "Toerisme en recreatie": ["Camping De {n}", "Reisbureau {s}", "Recreatiepark De {n}"],
    "Zorg en welzijn": ["Kinderopvang De {n}", "Zorgcentrum De {n}", "Thuiszorg {s}"],
    "Voedsel, natuur en leefomgeving": ["Hoveniersbedrijf {s}", "Dierenkliniek {s}", "Tuincentrum De {n}"],
    "Entree": ["Leerwerkbedrijf {s}", "{s} Dienstverlening", "Werkplaats De {n}"],
}
# Two common programmes get extra companies in every region, so the README's example search
# (`match --crebo 25696 --postcode 3525`, or the earlier code 25603) finds listings in the demo.
SHOWCASE_CREBOS = ("25696", "25180")
SHOWCASE_COMPANIES_PER_REGION = 4
_SHOWCASE_PATTERNS = {
    "25696": ["Kinderopvang De {n}", "Kinderdagverblijf De {n}", "BSO {s}"],
    "25180": ["Restaurant De {n}", "Eetcafé {s}", "Hotel {s}"],
}
# Rough relative size of the internship market per domain (more care and technology
# places than tourism); only shapes the demo, not a statistic.
_DOMAIN_WEIGHTS = {
    "Zorg en welzijn": 3, "Techniek en procesindustrie": 2, "Handel en ondernemerschap": 2,
    "Horeca en bakkerij": 2, "Economie en administratie": 2, "Bouw en infra": 1.5,
    "Mobiliteit en voertuigen": 1.5, "Transport, scheepvaart en logistiek": 1.5,
    "Informatie en communicatietechnologie": 1.5,
}
_GENERIC_PATTERNS = ["{s} B.V.", "Bedrijf {s}", "{s} en Zonen"]
_FEATURES = [
    "begeleiding op maat", "fysiek toegankelijk", "vaste werkbegeleider", "parttime mogelijk",
    "reiskostenvergoeding", "rustige werkplek", "stage met een buddy", "goed bereikbaar met ov",
]
_SIGNALS = ["name_blind", "structured_interview", "diversity_policy", "trained_selectors"]
_LETTERS = "ABCDEFGHJKLMNPRTVWXZ"


def _pc4_pool(centre: str, radius_km: float = 40) -> list[tuple[str, str]]:
    places = _places()
    c = places.by_key[place_key(centre)]
    pool = [
        (loc.pc4, loc.place)
        for pc4, loc in sorted(places.by_pc4.items())
        if haversine_km(c.lat, c.lon, loc.lat, loc.lon) <= radius_km
    ]
    return pool


def _add_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def generate_rows(
    programmes: list[ProgrammeInfo], *, seed: int, companies: int, listings: int, today: date
) -> dict[str, list[dict]]:
    """Demo listing rows per institution code; same inputs give the same rows."""
    rng = random.Random(seed)
    programmes = sorted(programmes, key=lambda p: p.crebo)
    by_domain: dict[str, list[ProgrammeInfo]] = {}
    for p in programmes:
        by_domain.setdefault(p.domain or "", []).append(p)
    domains = sorted(by_domain)
    pools = {code: _pc4_pool(centre) for code, _, centre in DEMO_INSTITUTIONS}
    base_month = _add_months(today, 1)

    showcase = [p for p in programmes if p.crebo in SHOWCASE_CREBOS]
    n_showcase = min(companies, len(showcase) * SHOWCASE_COMPANIES_PER_REGION * len(DEMO_INSTITUTIONS))
    weights = [_DOMAIN_WEIGHTS.get(d, 1) for d in domains]
    company_list = []
    for n in range(companies):
        code = DEMO_INSTITUTIONS[n % len(DEMO_INSTITUTIONS)][0]
        if n < n_showcase:
            offered = [showcase[(n // len(DEMO_INSTITUTIONS)) % len(showcase)]]
            domain = offered[0].domain or ""
        else:
            domain = rng.choices(domains, weights=weights)[0]
            offered = rng.sample(by_domain[domain], k=min(len(by_domain[domain]), rng.randint(1, 3)))
        patterns = _SHOWCASE_PATTERNS.get(offered[0].crebo) if n < n_showcase else None
        patterns = patterns or _NAME_PATTERNS.get(domain, _GENERIC_PATTERNS)
        name = rng.choice(patterns).format(s=rng.choice(_SURNAMES), n=rng.choice(_NOUNS))
        pc4, place = rng.choice(pools[code])
        letters = rng.choice(_LETTERS) + rng.choice(_LETTERS)
        recognitions = {}
        for p in offered:
            r = rng.random()
            if r < 0.85:
                recognitions[p.crebo] = (True, None)
            elif r < 0.90:  # erkenning verlopen: shows as unconfirmed
                recognitions[p.crebo] = (True, _add_months(today, -rng.randint(2, 12)).isoformat())
            else:  # nothing known: unconfirmed
                recognitions[p.crebo] = (None, None)
        company_list.append({
            "institution": code,
            "name": name,
            "sbb_id": f"DEMO-LB-{n + 1:06d}",
            "postcode": f"{pc4} {letters}",
            "place": place,
            "recognised": 0 if rng.random() < 0.02 else 1,  # 2%: erkenning ingetrokken
            "offered": offered,
            "recognitions": recognitions,
        })

    rows: dict[str, list[dict]] = {code: [] for code, _, _ in DEMO_INSTITUTIONS}
    for n in range(listings):
        # Every company gets at least one listing; the rest go to random companies.
        company = company_list[n] if n < len(company_list) else rng.choice(company_list)
        p = rng.choice(company["offered"])
        leerweg = rng.choice(list(p.leerwegen) or ["bol", "bbl"])
        erkend, end = company["recognitions"][p.crebo]
        signals = sorted(rng.sample(_SIGNALS, k=rng.randint(1, 2))) if rng.random() < 0.3 else []
        features = sorted(rng.sample(_FEATURES, k=rng.randint(1, 3))) if rng.random() < 0.55 else []
        status = rng.choices(["open", "filled", "expired"], weights=[85, 10, 5])[0]
        kind = "Stage" if leerweg == "bol" else "Leerbaan"
        external_id = f"DEMO-{n + 1:06d}"
        rows[company["institution"]].append({
            "external_id": external_id,
            "title": f"{kind} {p.name or 'opleiding ' + p.crebo}",
            "description": "Demo-vacature: dit bedrijf en deze plek bestaan niet echt.",
            "company": company["name"],
            "leerbedrijf_id": company["sbb_id"],
            "kvk": None,
            "company_recognised": company["recognised"],
            "crebo": p.crebo,
            "niveau": p.niveau,
            "leerweg": leerweg,
            "postcode": company["postcode"],
            "pc4": company["postcode"][:4],
            "place": company["place"],
            "start_date": _add_months(base_month, rng.randint(0, 8)).isoformat(),
            "days_per_week": float(rng.choice([3, 4, 4, 5])) if leerweg == "bol" else 4.0,
            "allowance": float(rng.randrange(150, 501, 25)) if leerweg == "bol" and rng.random() < 0.8 else None,
            "features": features,
            "inclusive_signals": signals,
            "apply_url": f"https://example.org/kansrijk-demo/vacature/{external_id}",
            "contact_email": "stage-demo@example.org",
            "status": status,
            "erkend": erkend,
            "recognition_source": "demo",
            "recognition_start": None,
            "recognition_end": end,
            "demo": True,
        })
    return rows


def seed_demo(
    db: sqlite_utils.Database,
    *,
    seed: int = DEFAULT_SEED,
    companies: int = 300,
    listings: int = 1000,
    today: date | None = None,
    catalogue: Any = None,
) -> dict[str, Any]:
    """Create or refresh the demo register; running it again changes nothing.

    Returns counts and which catalogue was used.
    """
    cat = load_catalogue(catalogue)
    source = "injected" if catalogue is not None else (cat.source if cat is not None else "")
    if cat is not None and cat.by_crebo:
        programmes = list(cat.by_crebo.values())
    else:
        programmes, source = _FALLBACK_PROGRAMMES, "fallback (2 opleidingen)"
    today = today or date.today()
    rows = generate_rows(programmes, seed=seed, companies=companies, listings=listings, today=today)
    places = _places()
    total = WriteResult()
    for code, name, _ in DEMO_INSTITUTIONS:
        try:
            institution = get_institution(db, code)
        except UnknownInstitution:
            institution = add_institution(db, code, name, demo=True, actor="seed-demo")
        batch = rows[code]
        for row in batch:
            loc = places.by_pc4[row["pc4"]]
            row["lat"], row["lon"] = loc.lat, loc.lon
        result = apply_listings(db, institution, batch, actor="seed-demo", expire_missing=True)
        total.created += result.created
        total.updated += result.updated
        total.unchanged += result.unchanged
        total.expired += result.expired
    return {
        **total.to_dict(),
        "institutions": len(DEMO_INSTITUTIONS),
        "companies": companies,
        "listings": listings,
        "catalogue": source,
    }
