"""Programme profiles: the hand-written ones (``data/profiles.csv``) and a short, honest one for the rest.

A profile is what a student reads and searches by: a description in B1 Dutch, beroepen, a RIASEC
code and search words. Programmes without a hand-written profile get one made from the register:
the description says plainly that it is short, the search words come from the name, the subgroep
(studierichting), the dossier and the domain plus a few everyday words per subgroep, and the RIASEC
code is a guess per subgroep (``SUBGROUP_RIASEC``), moved towards E for leading and selling roles
and towards I for lab and analysis roles.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .errors import DataError

__all__ = ["Profile", "read_profiles", "generated_profile", "SUBGROUP_RIASEC", "SUBGROUP_TERMS", "PROFILE_COLUMNS"]

PROFILE_COLUMNS = ["crebo", "name", "niveau", "description", "beroepen", "riasec", "synonyms"]

# Holland code per subgroep of the register: what most work in that group asks for.
SUBGROUP_RIASEC = {
    "Ambachtelijke techniek": "RA", "Basis dienstverlening": "SC", "Bouwkunde": "RC", "Brood en banket": "RA",
    "Carrosserietechniek": "RA", "Cultureel werk": "SA", "Defensie": "RS", "Detailhandel en groothandel": "EC",
    "Dier": "RS", "Digitale veiligheid": "IC", "Elektrotechniek": "RI", "Entree": "RS",
    "Evenemententechniek": "RA", "Facilitaire dienstverlening": "SC", "Gezondheidsondersteuning": "SC",
    "Gezondheidstechniek": "RIS", "Haarverzorging": "AS", "Horeca": "RS", "Hout en meubel": "RA",
    "ICT en media": "IC", "Infrastructuur": "RC", "Installatietechniek": "RI", "Kantoorautomatisering": "CI",
    "Laboratoriumtechniek": "IR", "Logistiek": "CR", "Luchtvaart": "SR", "Maatschappelijke zorg": "SE",
    "Make-up Art": "AS", "Management en ondernemerschap": "EC", "Mediatechniek": "RA", "Mediavormgeving": "AE",
    "Mobiliteitstechniek": "RI", "Mode en interieurindustrie": "AR", "Natuur en groene ruimte": "RI",
    "Particuliere veiligheid": "RS", "Pedagogisch werk": "SA", "Procestechniek": "RC", "Publieke veiligheid": "SR",
    "Ruimtelijke vormgeving": "AR", "Scheepvaart": "RC", "Schilderen en onderhoud": "RA",
    "Schoonheidsverzorging": "AS", "Schoonmaak en glazenwassen": "RC", "Sport en bewegen": "SR",
    "Stukadoren en afbouw": "RA", "Toerisme": "SE", "Verpleging en verzorging": "SI", "Verse voeding": "RE",
    "Vliegtuigtechniek": "RI", "Voeding, teelt en verwerking": "RC", "Voetverzorging": "SR",
    "Weg- en railtransport": "RC", "Werktuigbouwkunde": "RI", "Zakelijke dienstverlening": "CE",
}

# Everyday words for the work of a subgroep, so a programme without a profile is still found.
SUBGROUP_TERMS = {
    "Ambachtelijke techniek": "ambacht;met je handen;vakmanschap",
    "Bouwkunde": "bouw;bouwen;bouwplaats;huizen bouwen",
    "Brood en banket": "bakken;brood;taart;bakkerij",
    "Carrosserietechniek": "auto;schadeherstel;spuiten;carrosserie",
    "Cultureel werk": "cultuur;activiteiten;kunst",
    "Defensie": "leger;defensie;militair",
    "Detailhandel en groothandel": "winkel;verkopen;klanten",
    "Dier": "dieren;dierverzorging",
    "Digitale veiligheid": "hacken;cybersecurity;computer",
    "Elektrotechniek": "elektriciteit;stroom;installaties",
    "Evenemententechniek": "evenementen;podium;licht en geluid",
    "Facilitaire dienstverlening": "gebouw;service;facilitair",
    "Gezondheidstechniek": "zorg;techniek;gezondheid",
    "Haarverzorging": "haar;kapper;kapsalon",
    "Horeca": "horeca;restaurant;gasten",
    "Hout en meubel": "hout;meubels;timmeren",
    "ICT en media": "computer;ict;software",
    "Infrastructuur": "wegen;buiten werken;grondwerk",
    "Installatietechniek": "installaties;verwarming;leidingen",
    "Kantoorautomatisering": "computer;kantoor;ict",
    "Laboratoriumtechniek": "laboratorium;lab;onderzoek;chemie;proeven",
    "Logistiek": "magazijn;logistiek;goederen",
    "Luchtvaart": "vliegtuig;vliegveld;luchtvaart",
    "Maatschappelijke zorg": "mensen helpen;zorg;begeleiden",
    "Make-up Art": "make-up;visagie",
    "Management en ondernemerschap": "ondernemen;eigen bedrijf;leidinggeven",
    "Mediatechniek": "drukken;drukkerij;printen;media",
    "Mediavormgeving": "ontwerpen;vormgeving;media",
    "Mobiliteitstechniek": "auto;voertuigen;sleutelen",
    "Mode en interieurindustrie": "kleding;mode;stoffen;naaien",
    "Natuur en groene ruimte": "natuur;buiten werken;groen;planten",
    "Particuliere veiligheid": "beveiliging;veiligheid",
    "Pedagogisch werk": "kinderen;begeleiden",
    "Procestechniek": "fabriek;proces;machines",
    "Publieke veiligheid": "veiligheid;handhaving",
    "Ruimtelijke vormgeving": "ontwerpen;inrichten;etalage",
    "Scheepvaart": "schip;schepen;varen;boot;haven;zee;maritiem",
    "Schilderen en onderhoud": "verven;schilderen;onderhoud",
    "Schoonheidsverzorging": "huid;schoonheid;verzorgen",
    "Schoonmaak en glazenwassen": "schoonmaken;glazenwassen",
    "Sport en bewegen": "sport;bewegen",
    "Stukadoren en afbouw": "stukadoren;muren;afbouw",
    "Toerisme": "reizen;toerisme;vakantie",
    "Verpleging en verzorging": "zorg;verzorgen;verplegen",
    "Verse voeding": "vlees;vis;vers;winkel",
    "Vliegtuigtechniek": "vliegtuig;vliegtuigonderhoud;luchtvaart",
    "Voeding, teelt en verwerking": "landbouw;boerderij;teelt;voeding",
    "Voetverzorging": "voeten;pedicure",
    "Weg- en railtransport": "rijden;vervoer;transport",
    "Werktuigbouwkunde": "machines;metaal;techniek",
    "Zakelijke dienstverlening": "kantoor;administratie",
}

_LEADING = re.compile(r"manager|leidinggevende|ondernemer|coordinator|coördinator|bedrijfsleider|teamleider|"
                      r"adviseur|verkoop|verkoper|commercieel|accountmanager|inkoper")
_RESEARCH = re.compile(r"analist|laborant|onderzoek|researchinstrument")


@dataclass(frozen=True)
class Profile:
    description: str
    beroepen: tuple[str, ...]
    riasec: str
    synonyms: tuple[str, ...]
    written: bool = True


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


def read_profiles(path: Path | None = None) -> dict[str, Profile]:
    """crebo -> hand-written profile. A missing file means no profiles (the register still works)."""
    path = path or paths.SHIPPED_DIR / "profiles.csv"
    if not Path(path).exists():
        return {}
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, csv.Error) as e:
        raise DataError(f"kan {path} niet lezen: {e}") from None
    out = {}
    for line, row in enumerate(rows, start=2):
        crebo = (row.get("crebo") or "").strip()
        riasec = (row.get("riasec") or "").strip().upper()
        if not crebo or any(c not in "RIASEC" for c in riasec):
            raise DataError(f"{path}, regel {line}: crebo ontbreekt of riasec {riasec!r} is geen RIASEC-code")
        out[crebo] = Profile(
            description=" ".join((row.get("description") or "").split()),
            beroepen=_split(row.get("beroepen")),
            riasec=riasec[:3],
            synonyms=_split(row.get("synonyms")),
        )
    return out


def _riasec_guess(name: str, subgroep: str) -> str:
    base = SUBGROUP_RIASEC.get(subgroep, "RC")
    lowered = name.lower()
    if _LEADING.search(lowered):
        return ("E" + base.replace("E", ""))[:3]
    if _RESEARCH.search(lowered):
        return ("I" + base.replace("I", ""))[:3]
    return base


def generated_profile(name: str, niveau: int, domain: str, subgroep: str, dossier: str) -> Profile:
    """A short profile from the register's facts, for a programme nobody wrote one for yet."""
    where = f"de richting {subgroep}" if subgroep else f"het domein {domain}"
    description = f"Dit is een opleiding op niveau {niveau} in {where}. Over het werk heb ik nog geen uitleg. " \
                  "Vraag je school om meer uitleg."
    terms: list[str] = []
    for t in (subgroep, dossier, domain, *_split(SUBGROUP_TERMS.get(subgroep, ""))):
        t = t.strip()
        if t and t.lower() != name.lower() and t.lower() not in (x.lower() for x in terms):
            terms.append(t.lower())
    return Profile(description=description, beroepen=(name,), riasec=_riasec_guess(name, subgroep),
                   synonyms=tuple(terms), written=False)
