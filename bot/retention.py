"""Enforce the retention period on conversation facts: `python -m bot.retention purge`."""
from __future__ import annotations

import argparse

from bot import appdb, facts, settings


def main(argv=None) -> int:
    config = settings.load()
    parser = argparse.ArgumentParser(prog="python -m bot.retention")
    sub = parser.add_subparsers(dest="command", required=True)
    purge = sub.add_parser("purge", help="delete facts, hand-offs and shares past the retention period")
    purge.add_argument("--days", type=int, default=config.retention_days)
    args = parser.parse_args(argv)
    removed = facts.purge_older_than(appdb.connect(config.db_path), args.days)
    print(f"{removed} rijen verwijderd (ouder dan {args.days} dagen)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
