"""Benchmark the institution import: rows per second for a 10,000-row CSV.

Usage: .venv/bin/python bench/import_speed.py [--rows 10000]
Measures a first import (all rows new) and a repeat import (all rows unchanged).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from match_latency import bench_catalogue  # noqa: E402

from internships import add_institution, connect, import_listings  # noqa: E402
from internships.geo import _places  # noqa: E402

COLUMNS = ["external_id", "title", "company", "crebo", "leerweg", "postcode", "start_date", "erkend",
           "kvk", "description", "days_per_week", "allowance", "features", "inclusive", "apply_url",
           "contact_email"]


def write_csv(path: Path, rows: int, crebos: list[str]) -> None:
    rng = random.Random(11)
    pc4s = sorted(_places().by_pc4)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for n in range(rows):
            company = n // 5
            writer.writerow([
                f"BENCH-{n:06d}", f"Stage {n}", f"Leerbedrijf {company}", rng.choice(crebos),
                rng.choice(["bol", "bbl"]), f"{rng.choice(pc4s)} AB",
                f"2025-{rng.randint(1, 12):02d}-01", rng.choice(["ja", "ja", "ja", "nee", ""]),
                f"{10_000_000 + company}", "Een stageplek om het vak te leren.",
                rng.choice(["3", "4", "4,5", ""]), rng.choice(["250", "€ 300", ""]),
                rng.choice(["begeleiding op maat;fysiek toegankelijk", "", "parttime mogelijk"]),
                rng.choice(["", "", "name_blind", "structured_interview;diversity_policy"]),
                f"https://example.org/vacature/{n}", "stage@example.org",
            ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    cat = bench_catalogue()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "listings.csv"
        write_csv(csv_path, args.rows, sorted(cat.by_crebo))
        db = connect(Path(tmp) / "bench.db")
        add_institution(db, "BENCH", "Bench ROC")
        for label in ("first import (all new)", "repeat import (unchanged)"):
            t0 = time.perf_counter()
            result = import_listings(db, csv_path, institution="BENCH", catalogue=cat)
            seconds = time.perf_counter() - t0
            print(f"{label}: {args.rows:,} rows in {seconds:.2f} s = {args.rows / seconds:,.0f} rows/s "
                  f"({result.created} new, {result.unchanged} unchanged)")
        db.close()


if __name__ == "__main__":
    main()
