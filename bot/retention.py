"""Enforce the retention period on conversation facts: `python -m bot.retention purge`."""
from __future__ import annotations

import argparse

import appdb
from appdb import settings
from bot import facts


def main(argv=None) -> int:
    config = settings.load()
    parser = argparse.ArgumentParser(prog="python -m bot.retention")
    sub = parser.add_subparsers(dest="command", required=True)
    purge = sub.add_parser("purge", help="delete facts, hand-offs and shares past the retention period")
    purge.add_argument("--days", type=int, default=config.retention_days)
    args = parser.parse_args(argv)
    db = appdb.connect(config.db_url)
    try:
        removed = facts.purge_older_than(db, args.days)
    finally:
        db.close()
    print(f"{removed} rijen verwijderd (ouder dan {args.days} dagen)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
