"""Seed the demo data `make run` shows: the demo internship register (idempotent)."""
from __future__ import annotations

from bot import settings


def main() -> int:
    from internships import db as internships_db, seed_demo

    database = internships_db.connect(settings.load().db_path)
    summary = seed_demo(database)
    print(f"demodata klaar: {summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
