"""The reports CLI (``python -m internships.reports --help``): a thin layer over the package's functions."""

from __future__ import annotations

import argparse
import json
import sys

import appdb

from .errors import ReportError
from .lookups import guessing_figure
from .retention import purge
from .settings import lookup_limits
from .store import (
    company_counts,
    delete_for_conversation,
    follow_up_reports,
    get_status,
    live_report_counts,
    set_status,
    withdraw,
)
from .vocabulary import STATUSES

__all__ = ["main"]


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m internships.reports",
        description="Meldingen van stagediscriminatie: bekijken, status zetten, intrekken en opschonen.",
    )
    parser.add_argument(
        "--db", help="pad naar de database (standaard: $KANSRIJK_DB, anders $KANSRIJK_VAR/kansrijk.db of var/kansrijk.db)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("purge", help="wis meldingen waarvan de bewaartermijn voorbij is")
    p.add_argument("--dry-run", action="store_true", help="tel alleen, wis niets")
    p.add_argument("--retention", help="bijvoorbeeld 'afgesloten=365,anonymous=730' (anders $KANSRIJK_REPORT_RETENTION)")

    p = sub.add_parser("list", help="meldingen met opvolging van een instelling (volledig, als JSON)")
    p.add_argument("--institution", required=True, help="code van de instelling")
    p.add_argument("--status", choices=STATUSES)

    p = sub.add_parser("counts", help="aantal meldingen per bedrijf, alleen vanaf de drempel")
    p.add_argument("--institution", help="alleen meldingen van deze instelling")
    p.add_argument("--threshold", type=int, help="drempel (anders $KANSRIJK_REPORT_THRESHOLD, standaard 3)")

    p = sub.add_parser("status", help="status van een melding, zoals de student die ziet")
    p.add_argument("code")

    p = sub.add_parser("set-status", help="zet de status van een melding")
    p.add_argument("code")
    p.add_argument("status", choices=STATUSES)
    p.add_argument("--by", required=True, help="wie de status verandert")
    p.add_argument("--note")

    p = sub.add_parser("withdraw", help="trek een melding in (wist hem)")
    p.add_argument("code")

    p = sub.add_parser("delete-conversation", help="wis meldingen met opvolging die bij een gesprek horen")
    p.add_argument("conversation_id")

    p = sub.add_parser(
        "throttle", help="de grens voor codes opzoeken, en hoe lang raden van een code dan duurt"
    )
    p.add_argument(
        "--reports", type=int, help="reken per codelengte met dit aantal meldingen in plaats van het echte aantal"
    )

    sub.add_parser("init", help="maak de tabellen aan als ze er nog niet zijn")
    return parser


def _run(db, args) -> None:
    if args.command == "purge":
        n = purge(db, retention=args.retention, dry_run=args.dry_run)
        print(f"{n} melding(en) {'zouden worden gewist' if args.dry_run else 'gewist'}.")
    elif args.command == "list":
        _print_json(follow_up_reports(db, args.institution, status=args.status))
    elif args.command == "counts":
        _print_json(company_counts(db, institution=args.institution, threshold=args.threshold))
    elif args.command == "status":
        _print_json(get_status(db, args.code).to_dict())
    elif args.command == "set-status":
        set_status(db, args.code, args.status, args.by, args.note)
        print(f"Status is nu: {args.status}.")
    elif args.command == "withdraw":
        withdraw(db, args.code)
        print("Melding ingetrokken en gewist.")
    elif args.command == "delete-conversation":
        n = delete_for_conversation(db, args.conversation_id)
        print(f"{n} melding(en) gewist.")
    elif args.command == "throttle":
        _print_throttle(db, args.reports)
    elif args.command == "init":
        print("Tabellen staan klaar.")  # appdb.connect has just migrated the database


def _print_throttle(db, reports: int | None) -> None:
    limits = lookup_limits()
    print(
        f"Grens: {limits.per_conversation} foute codes per gesprek per {limits.conversation_window // 60} minuten, "
        f"{limits.total} foute codes van alle gesprekken samen per {limits.total_window // 60} minuten."
    )
    live = live_report_counts(db) if reports is None else {length: reports for length in (10, 8)}
    for figure in guessing_figure(live, limits):
        if figure["expected_years"] is None:
            print(f"Codes van {figure['length']} tekens: geen meldingen, dus niets te raden.")
            continue
        years = f"{figure['expected_years']:,.0f}".replace(",", ".")  # Dutch thousands separator
        print(
            f"Codes van {figure['length']} tekens: {figure['reports']} melding(en), "
            f"{figure['codes']:.3g} mogelijke codes, {figure['tries_per_hour']:g} pogingen per uur: "
            f"één code raden duurt gemiddeld {years} jaar."
        )


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    try:
        db = appdb.connect(args.db)  # also creates or updates the tables
    except appdb.DatabaseError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    try:
        _run(db, args)
    except (ReportError, appdb.DatabaseError) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0
