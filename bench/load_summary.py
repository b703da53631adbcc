"""Summarise a locust run of bench/locustfile.py: p50/p95, throughput, failures and lost reports.

Reads locust's ``<prefix>_stats.csv`` (from ``--csv <prefix>``); with ``--codes`` also the
report codes the bot returned during the run (``$KANSRIJK_LOAD_CODES``), and looks each one
up in the app database (default: the one `make run` uses) so a lost report shows.

    .venv/bin/python bench/load_summary.py var/results/load/load --codes var/results/load/codes.txt

Exit status 1 when a request failed or a report is lost.
"""
from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


@dataclass
class Figures:
    requests: int
    failures: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    requests_per_s: float


def _number(value: str) -> float:
    return float(value) if value not in ("", "N/A") else 0.0


def read_stats(prefix: str | Path) -> Figures:
    """The 'Aggregated' row of ``<prefix>_stats.csv``."""
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as stats:
        rows = [row for row in csv.DictReader(stats) if row["Name"] == "Aggregated"]
    if not rows:
        raise ValueError(f"{prefix}_stats.csv has no Aggregated row")
    row = rows[0]
    return Figures(
        requests=int(row["Request Count"]), failures=int(row["Failure Count"]),
        p50_ms=_number(row["50%"]), p95_ms=_number(row["95%"]), p99_ms=_number(row["99%"]),
        max_ms=_number(row["Max Response Time"]), requests_per_s=_number(row["Requests/s"]),
    )


def read_codes(path: str | Path) -> List[str]:
    path = Path(path)
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def lost_reports(db, codes: List[str]) -> List[str]:
    """The codes the bot showed a student that the app database does not know."""
    from internships import reports

    lost = []
    for code in codes:
        try:
            reports.get_status(db, code)
        except reports.UnknownReportCode:
            lost.append(code)
    return lost


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefix", help="the --csv prefix given to locust")
    parser.add_argument("--codes", help="file with the report codes of the run ($KANSRIJK_LOAD_CODES)")
    parser.add_argument("--db", help="app database to look the codes up in (default: make run's)")
    args = parser.parse_args(argv)

    figures = read_stats(args.prefix)
    print(f"requests:   {figures.requests} ({figures.failures} failed)")
    print(f"throughput: {figures.requests_per_s:.1f} turns/s")
    print(f"latency:    p50 {figures.p50_ms:.0f} ms, p95 {figures.p95_ms:.0f} ms, "
          f"p99 {figures.p99_ms:.0f} ms, max {figures.max_ms:.0f} ms")
    status = 1 if figures.failures or not figures.requests else 0
    if args.codes:
        import appdb

        codes = read_codes(args.codes)
        db = appdb.connect(args.db) if args.db else appdb.connect()
        try:
            lost = lost_reports(db, codes)
        finally:
            db.close()
        print(f"reports:    {len(codes)} codes returned, {len(codes) - len(lost)} stored, {len(lost)} lost"
              + (f" ({', '.join(lost[:10])})" if lost else ""))
        status = status or (1 if lost else 0)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
