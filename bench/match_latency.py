"""Benchmark match(): p50/p95 over 200 queries against a register of 100,000 listings.

Usage: .venv/bin/python bench/match_latency.py [--listings 100000] [--queries 200] [--db PATH]
Target (issue 5): p95 < 30 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from internships import connect, match, seed_demo  # noqa: E402
from internships.catalogue import catalogue_from_csv, load_catalogue  # noqa: E402
from internships.geo import _places  # noqa: E402


def bench_catalogue():
    cat = load_catalogue() or catalogue_from_csv()
    if cat is None:
        from internships.catalogue import CatalogueView
        from internships.demo import _FALLBACK_PROGRAMMES

        cat = CatalogueView(_FALLBACK_PROGRAMMES)
    return cat


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--companies", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--db", help="reuse this database file (seeded when empty)")
    args = parser.parse_args()

    cat = bench_catalogue()
    today = date(2025, 3, 10)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or str(Path(tmp) / "bench.db")
        db = connect(path)
        if db.execute("SELECT count(*) FROM listings").fetchone()[0] < args.listings:
            t0 = time.perf_counter()
            seed_demo(db, companies=args.companies, listings=args.listings, today=today, catalogue=cat)
            print(f"built register: {args.listings:,} listings, {args.companies:,} companies "
                  f"in {time.perf_counter() - t0:.1f} s ({len(cat.by_crebo)} programmes)")
        db.execute("ANALYZE")
        rng = random.Random(7)
        crebos = sorted(getattr(cat, "by_code", cat.by_crebo))  # current and earlier codes
        pc4s = sorted(_places().by_pc4)
        queries = [
            dict(crebo=rng.choice(crebos), postcode=rng.choice(pc4s),
                 radius_km=rng.choice([10, 25, 25, 25, 50]), leerweg=rng.choice([None, "bol", "bbl"]),
                 include_unconfirmed=rng.random() < 0.3, include_neighbours=rng.random() < 0.2,
                 prefer_inclusive=rng.random() < 0.1)
            for _ in range(args.queries)
        ]
        for q in queries[:10]:  # warm the page cache and the postcode table
            match(db, **q, catalogue=cat, today=today)
        timings, hits = [], []
        for q in queries:
            t0 = time.perf_counter()
            found = match(db, **q, catalogue=cat, today=today)
            timings.append((time.perf_counter() - t0) * 1000)
            hits.append(len(found))
        # Without a programme every listing in the radius is a candidate: the worst case.
        wide = []
        for q in queries[:50]:
            t0 = time.perf_counter()
            match(db, postcode=q["postcode"], radius_km=25, catalogue=cat, today=today)
            wide.append((time.perf_counter() - t0) * 1000)
        db.close()
    print(f"match over {args.listings:,} listings, {len(timings)} queries (crebo + postcode + radius):")
    print(f"  p50 {percentile(timings, 50):.2f} ms   p95 {percentile(timings, 95):.2f} ms   "
          f"max {max(timings):.2f} ms   mean hits {statistics.mean(hits):.1f}")
    print(f"no programme, 25 km, 50 queries: p50 {percentile(wide, 50):.2f} ms   p95 {percentile(wide, 95):.2f} ms")
    print("target p95 < 30 ms:", "OK" if percentile(timings, 95) < 30 else "MISSED")


if __name__ == "__main__":
    main()
