"""Generate the sample prospects table (labour_outlook/data/kansen_voorbeeld.csv) for every real programme.

These are illustrative figures (bron = voorbeelddata), not SBB's: SBB publishes "kans op werk" and
"kans op stage / leerbaan" per crebo and region only through KiesMBO and an API that needs an
account. They follow the public facts in ../shared/data/README.md: administration, law, trade and
business services have weaker prospects than care, technology and ICT. Rules:

- a base "kans op werk" per subgroep of the register (SUBGROUP_WERK, 0 = gering ... 4 = goed);
- a few name rules for well-known cases: law, photography and secretarial work lowest; nursing,
  care and cooking strong (NAME_RULES);
- a small random step (-1, 0 or +1) per programme and per region, from a fixed seed and the
  crebo, so the file is the same on every run and a new programme does not change the others;
- kans op stage for bol programmes and kans op leerbaan for bbl programmes, one step around
  kans op werk; a national row (Nederland) and rows for REGIONS.

    .venv/bin/python scripts/make_sample_prospects.py [--check]
"""

from __future__ import annotations

import csv
import io
import random
import re
import sys
from pathlib import Path

from generated import write_or_check

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

OUT = REPO / "labour_outlook" / "data" / "kansen_voorbeeld.csv"
SEED = 2025
YEAR = 2025
SCALE = ("gering", "matig", "voldoende", "ruim voldoende", "goed")
REGIONS = ("Groot Amsterdam", "Rijnmond", "Midden-Utrecht", "Haaglanden", "Groningen", "Zuidoost-Brabant", "Twente")
COLUMNS = ["crebo", "kwalificatie", "niveau", "arbeidsmarktregio", "jaar", "kans_op_werk", "kans_op_stage",
           "kans_op_leerbaan", "bron"]

SUBGROUP_WERK = {
    # care, technology, ICT: strong
    "Verpleging en verzorging": 4, "Pedagogisch werk": 4, "Gezondheidsondersteuning": 3, "Maatschappelijke zorg": 3,
    "Bouwkunde": 4, "Infrastructuur": 4, "Werktuigbouwkunde": 4, "Elektrotechniek": 4, "Installatietechniek": 4,
    "Procestechniek": 4, "Mobiliteitstechniek": 4, "Carrosserietechniek": 4, "Digitale veiligheid": 4,
    "ICT en media": 3, "Vliegtuigtechniek": 3, "Gezondheidstechniek": 3, "Laboratoriumtechniek": 3,
    "Hout en meubel": 3, "Stukadoren en afbouw": 3, "Schilderen en onderhoud": 3, "Schoonmaak en glazenwassen": 3,
    "Scheepvaart": 3, "Weg- en railtransport": 3, "Logistiek": 3, "Defensie": 3, "Horeca": 3, "Brood en banket": 3,
    "Natuur en groene ruimte": 3, "Voeding, teelt en verwerking": 3,
    # in between
    "Kantoorautomatisering": 2, "Ambachtelijke techniek": 2, "Evenemententechniek": 2, "Luchtvaart": 2,
    "Publieke veiligheid": 2, "Particuliere veiligheid": 2, "Haarverzorging": 2, "Voetverzorging": 2,
    "Facilitaire dienstverlening": 2, "Verse voeding": 2, "Basis dienstverlening": 2, "Entree": 2,
    # administration, trade, business services, and the crowded creative and leisure fields: weak
    "Zakelijke dienstverlening": 1, "Detailhandel en groothandel": 1, "Management en ondernemerschap": 1,
    "Mode en interieurindustrie": 1, "Mediatechniek": 1, "Mediavormgeving": 1, "Ruimtelijke vormgeving": 1,
    "Sport en bewegen": 1, "Schoonheidsverzorging": 1, "Toerisme": 1, "Cultureel werk": 1, "Dier": 1,
    "Make-up Art": 0,
}
# (pattern on the lower-case name, fixed kans op werk): applied after the random step.
NAME_RULES = [
    (r"juridisch|legal", 0), (r"fotogra", 0), (r"secretar", 0), (r"administratief medewerker", 0),
    (r"verpleegkundige", 4), (r"^kok$|zelfstandig werkend kok", 3), (r"verzorgende", 4),
]


def _clamp(v: int) -> int:
    return max(0, min(4, v))


def rows(catalogue) -> list[dict]:
    out = []
    for p in sorted(catalogue.programmes, key=lambda p: p.crebo):
        rng = random.Random(f"{SEED}-{p.crebo}")
        werk = _clamp(SUBGROUP_WERK.get(p.studierichting, 2) + rng.choice((-1, 0, 0, 0, 1)))
        for pattern, fixed in NAME_RULES:
            if re.search(pattern, p.name.lower()):
                werk = fixed
                break
        stage = _clamp(werk + rng.choice((-1, 0, 0, 1)))
        leer = _clamp(werk + rng.choice((-1, -1, 0)))
        for region in ("Nederland", *REGIONS):
            step = 0 if region == "Nederland" else rng.choice((-1, 0, 0, 0, 0, 1))
            out.append({
                "crebo": p.crebo, "kwalificatie": p.name, "niveau": p.niveau, "arbeidsmarktregio": region,
                "jaar": YEAR, "kans_op_werk": SCALE[_clamp(werk + step)],
                "kans_op_stage": SCALE[_clamp(stage + step)] if "bol" in p.leerwegen else "",
                "kans_op_leerbaan": SCALE[_clamp(leer + step)] if "bbl" in p.leerwegen else "",
                "bron": "voorbeelddata",
            })
    return out


def render(catalogue) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows(catalogue))
    return buf.getvalue()


def main(argv) -> int:
    from labour_outlook.catalogue import load_catalogue

    return write_or_check({OUT: render(load_catalogue(override=False))}, argv, "scripts/make_sample_prospects.py")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
