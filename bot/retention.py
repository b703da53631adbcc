"""Enforce the retention periods: `python -m bot.retention purge [--tracker]`, and daily under `make run`.

One run purges, each on its own (one failing does not stop the others):

- facts, shares and finished hand-offs older than ``KANSRIJK_RETENTION_DAYS``
  (``bot.facts.purge_older_than``; open hand-offs stay);
- discrimination reports past their term per status (``internships.reports.retention``,
  terms in ``KANSRIJK_REPORT_RETENTION``);
- failed portal logins once their series has been quiet for an hour (a day for an IP's
  own count), and portal sessions past their 8 hours or 30 idle minutes (``bot.accounts``);
- with ``--tracker`` (and always under ``make run``): the tracker store, in .venv-rasa
  (``bot.rasa_ext.tracker_store purge``: inactive conversations, and old sessions of
  running ones).

``bot.run`` calls :func:`run_all` at start and then every 24 hours.
"""
from __future__ import annotations

import argparse
import os
import subprocess
from datetime import datetime
from typing import Callable, Dict, Mapping, Optional

import appdb
from appdb import settings
from appdb.settings import REPO
from bot import accounts, facts

__all__ = ["purge_app_db", "purge_tracker", "run_all", "main"]

Log = Callable[[str], None]


def purge_app_db(db, days: int, now: Optional[datetime] = None, log: Log = print) -> Dict[str, int]:
    """Run the app-database purges; returns rows deleted per purge (a failed purge is logged, not raised)."""
    from internships.reports import retention as reports_retention

    purges = {
        "facts": lambda: facts.purge_older_than(db, days, now=now),
        "reports": lambda: reports_retention.purge(db, now=now),
        "login_failures": lambda: accounts.purge_login_failures(db, now=now),
        "sessions": lambda: accounts.purge_sessions(db, now=now),
    }
    counts: Dict[str, int] = {}
    for name, purge in purges.items():
        try:
            counts[name] = purge()
        except Exception as error:  # noqa: BLE001 - one broken purge must not stop the others
            log(f"opschonen van {name} mislukt: {error}")
    return counts


def purge_tracker(days: int, env: Optional[Mapping[str, str]] = None, timeout: float = 600) -> str:
    """Run the tracker-store purge in .venv-rasa (it needs Rasa); returns its output.

    Raises ``subprocess.CalledProcessError`` when it fails.
    """
    env = dict(os.environ if env is None else env)
    # endpoints.yml reads the tracker store from these; default them as appdb.settings does.
    env.setdefault("KANSRIJK_TRACKER_DIALECT", "sqlite")
    env.setdefault("KANSRIJK_TRACKER_DB", str(settings.load(env).tracker_db))
    result = subprocess.run(
        [str(REPO / ".venv-rasa/bin/python"), "-m", "bot.rasa_ext.tracker_store",
         "purge", "--days", str(days)],
        cwd=REPO, env=env, capture_output=True, text=True,
        timeout=timeout, check=True,
    )
    return result.stdout.strip()


def run_all(
    env: Optional[Mapping[str, str]] = None,
    now: Optional[datetime] = None,
    log: Log = print,
    tracker: bool = True,
) -> Dict[str, int]:
    """Every purge, with the settings of `env` (default: this process's environment)."""
    config = settings.load(dict(env) if env is not None else None)
    db = appdb.connect(config.db_url)
    try:
        counts = purge_app_db(db, config.retention_days, now=now, log=log)
    finally:
        db.close()
    log(
        f"{counts.get('facts', 0)} rijen verwijderd (ouder dan {config.retention_days} dagen); "
        f"{counts.get('reports', 0)} meldingen en {counts.get('login_failures', 0)} "
        f"mislukte inlogpogingen en {counts.get('sessions', 0)} verlopen portaalsessies verwijderd"
    )
    if tracker:
        try:
            log(purge_tracker(config.retention_days, env=env))
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
            details = getattr(error, "stderr", "") or ""
            log(f"opschonen van de tracker store mislukt: {error} {details[-2000:]}".strip())
    return counts


def main(argv=None) -> int:
    config = settings.load()
    parser = argparse.ArgumentParser(prog="python -m bot.retention")
    sub = parser.add_subparsers(dest="command", required=True)
    purge = sub.add_parser(
        "purge", help="delete facts, finished hand-offs, shares, reports, failed logins and portal sessions past their term"
    )
    purge.add_argument("--days", type=int, default=config.retention_days)
    purge.add_argument("--tracker", action="store_true",
                       help="also purge the tracker store (runs .venv-rasa/bin/python)")
    args = parser.parse_args(argv)
    db = appdb.connect(config.db_url)
    try:
        counts = purge_app_db(db, args.days)
    finally:
        db.close()
    print(f"{counts.get('facts', 0)} rijen verwijderd (ouder dan {args.days} dagen)")
    print(f"{counts.get('reports', 0)} meldingen verwijderd (bewaartermijnen per status)")
    print(f"{counts.get('login_failures', 0)} mislukte inlogpogingen verwijderd")
    print(f"{counts.get('sessions', 0)} verlopen portaalsessies verwijderd")
    if args.tracker:
        print(purge_tracker(args.days))
    return 0 if len(counts) == 4 else 1


if __name__ == "__main__":
    raise SystemExit(main())
