"""Generate labour_outlook/data/arbeidsmarktregio_pc4.csv: every Dutch PC4 with its place and UWV arbeidsmarktregio.

SBB publishes prospects per UWV arbeidsmarktregio (35 regions). No public, machine-readable table
of municipality -> region is in this project, so the assignment here is an approximation: each
region has one or more anchor towns (the towns it is named after and its largest towns); a PC4 goes
to the region of its nearest anchor (coordinates from GeoNames, CC BY 4.0, internships/data). Near
a region border a PC4 can land in the neighbouring region; the assistant always names the region
it used, so a student can see it. Replace this file with the official table when a deployment has it.

    .venv/bin/python scripts/make_regions.py [--check]
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from pathlib import Path

from generated import write_or_check

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "internships" / "data" / "nl_pc4_places_geonames.json"
OUT = REPO / "labour_outlook" / "data" / "arbeidsmarktregio_pc4.csv"

# region -> anchor towns (lat, lon): the region's own towns, spread over it.
ANCHORS = {
    "Groningen": [(53.219, 6.566), (53.14, 6.86), (53.33, 6.92), (53.17, 6.43), (53.41, 6.63)],
    "Friesland": [(53.201, 5.799), (53.03, 5.66), (52.96, 5.92), (53.11, 6.10), (53.25, 5.40), (52.90, 5.43),
                  (53.37, 5.95)],
    "Drenthe": [(52.993, 6.562), (52.78, 6.90), (52.72, 6.48), (52.86, 6.25), (52.95, 6.80)],
    "Regio Zwolle": [(52.512, 6.091), (52.55, 5.91), (52.59, 6.62), (52.41, 6.27), (52.70, 6.19), (52.78, 6.11),
                     (52.52, 6.42)],
    "Twente": [(52.221, 6.893), (52.357, 6.662), (52.26, 6.79), (52.31, 6.93), (52.32, 6.52)],
    "Stedendriehoek en Noordwest Veluwe": [(52.211, 5.969), (52.255, 6.163), (52.14, 6.20), (52.34, 5.62),
                                           (52.40, 5.76), (52.29, 5.74)],
    "Noord-Holland Noord": [(52.632, 4.748), (52.959, 4.760), (52.642, 5.060), (52.79, 4.80), (52.72, 5.00)],
    "Zaanstreek/Waterland": [(52.439, 4.826), (52.502, 4.959), (52.50, 5.06)],
    "Groot Amsterdam": [(52.370, 4.895), (52.300, 4.862), (52.303, 4.690), (52.26, 4.76), (52.36, 4.95)],
    "Gooi en Vechtstreek": [(52.223, 5.176), (52.30, 5.24), (52.27, 5.14)],
    "Zuid-Kennemerland en IJmond": [(52.381, 4.637), (52.483, 4.657), (52.46, 4.61)],
    "Holland Rijnland": [(52.160, 4.497), (52.129, 4.656), (52.25, 4.45), (52.20, 4.43)],
    "Haaglanden": [(52.078, 4.300), (52.012, 4.357), (52.060, 4.494), (51.99, 4.21)],
    "Midden-Holland": [(52.011, 4.710), (52.04, 4.82)],
    "Rijnmond": [(51.922, 4.479), (51.845, 4.329), (51.83, 4.13), (51.90, 4.39), (51.95, 4.60), (51.85, 4.55)],
    "Drechtsteden": [(51.813, 4.690), (51.86, 4.68), (51.83, 4.80)],
    "Gorinchem": [(51.834, 4.973), (51.88, 4.90)],
    "Midden-Utrecht": [(52.091, 5.122), (52.089, 5.233), (52.086, 4.883), (52.02, 5.10), (52.02, 5.29)],
    "Amersfoort": [(52.156, 5.388), (52.21, 5.30), (52.10, 5.45)],
    "FoodValley": [(52.040, 5.665), (52.028, 5.558), (52.14, 5.59), (51.97, 5.66)],
    "Rivierenland": [(51.887, 5.430), (51.958, 5.227), (51.80, 5.25)],
    "Midden-Gelderland": [(51.985, 5.899), (51.99, 6.06), (52.05, 5.95)],
    "Achterhoek": [(51.965, 6.289), (51.970, 6.720), (52.10, 6.55), (51.84, 6.25)],
    "Rijk van Nijmegen": [(51.842, 5.853), (51.80, 5.95), (51.75, 5.88)],
    "Zeeland": [(51.499, 3.611), (51.504, 3.889), (51.335, 3.828), (51.71, 3.93), (51.45, 3.57)],
    "West-Brabant": [(51.589, 4.776), (51.530, 4.465), (51.495, 4.292), (51.66, 4.62), (51.69, 4.87)],
    "Midden-Brabant": [(51.560, 5.091), (51.686, 5.070), (51.64, 5.15), (51.51, 5.20)],
    "Noordoost-Brabant": [(51.699, 5.304), (51.765, 5.518), (51.660, 5.619), (51.68, 5.88), (51.60, 5.53)],
    "Zuidoost-Brabant": [(51.441, 5.478), (51.418, 5.403), (51.36, 5.45), (51.30, 5.45), (51.53, 5.30)],
    "Helmond-De Peel": [(51.482, 5.661), (51.462, 5.794), (51.38, 5.70)],
    "Noord-Limburg": [(51.370, 6.172), (51.530, 5.975), (51.45, 6.05), (51.62, 6.00)],
    "Midden-Limburg": [(51.194, 5.987), (51.251, 5.707), (51.13, 5.88)],
    "Zuid-Limburg": [(50.851, 5.691), (50.888, 5.981), (51.000, 5.869), (50.87, 6.05), (50.80, 5.85)],
    "Flevoland": [(52.370, 5.215), (52.518, 5.471), (52.711, 5.749), (52.45, 5.40)],
}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = math.radians(b[0] - a[0])
    dlon = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def region_of(lat: float, lon: float) -> str:
    return min(((r, _km((lat, lon), a)) for r, anchors in ANCHORS.items() for a in anchors), key=lambda t: t[1])[0]


def render() -> str:
    rows = json.loads(SOURCE.read_text(encoding="utf-8"))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["pc4", "place", "arbeidsmarktregio"])
    seen = set()
    for row in sorted(rows, key=lambda r: (r["zipcode"], r["name"])):
        key = (row["zipcode"], row["name"])
        if key in seen:
            continue
        seen.add(key)
        w.writerow([row["zipcode"], row["name"], region_of(float(row["latitude"]), float(row["longitude"]))])
    return out.getvalue()


def main(argv) -> int:
    return write_or_check({OUT: render()}, argv, "scripts/make_regions.py")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
