"""Command line for the internship register: a thin layer over the Python API."""

from __future__ import annotations

import argparse
import json
import sys

from appdb import connect

from .errors import ImportFailed, InternshipsError

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", help="database file (default: $KANSRIJK_DB or var/kansrijk.db)")

    parser = argparse.ArgumentParser(
        prog="python -m internships",
        description="Stageregister van Kansrijk: instellingen, import, zoeken en demodata.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    inst = sub.add_parser("institutions", help="instellingen beheren (add, list, token)")
    inst_sub = inst.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = inst_sub.add_parser("add", parents=[common], help='instelling toevoegen: add CODE "NAAM"')
    add.add_argument("code", metavar="CODE")
    add.add_argument("name", metavar="NAME")
    lst = inst_sub.add_parser("list", parents=[common], help="instellingen tonen")
    lst.add_argument("--json", action="store_true", help="print JSON")
    tok = inst_sub.add_parser("token", parents=[common], help="nieuwe API-sleutel maken (de oude vervalt)")
    tok.add_argument("code", metavar="CODE")

    imp = sub.add_parser("import", parents=[common], help="vacatures importeren uit CSV of JSON")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--institution", required=True, metavar="CODE", help="code van de instelling")
    imp.add_argument("--format", choices=["csv", "json"], help="bestandsformaat (standaard: op extensie)")
    imp.add_argument("--expire-missing", action="store_true",
                     help="vacatures van deze instelling die niet in het bestand staan laten verlopen")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="goede regels toch opslaan en foute regels overslaan")
    imp.add_argument("--json", action="store_true", help="print het resultaat als JSON")

    m = sub.add_parser("match", parents=[common], help="stageplekken zoeken")
    what = m.add_mutually_exclusive_group()
    what.add_argument("--crebo", metavar="CODE", help="opleidingscode, bijvoorbeeld 25603")
    what.add_argument("--programme", metavar="NAME", help="opleidingsnaam, bijvoorbeeld 'kok'")
    where = m.add_mutually_exclusive_group(required=True)
    where.add_argument("--postcode", help="postcode, bijvoorbeeld 3525 of 3525 AB")
    where.add_argument("--place", help="plaats, bijvoorbeeld Utrecht")
    m.add_argument("--radius-km", type=float, default=25, help="zoekafstand in km (standaard 25)")
    m.add_argument("--leerweg", choices=["bol", "bbl"])
    m.add_argument("--include-unconfirmed", action="store_true",
                   help="ook bedrijven waarvan de erkenning niet bevestigd is")
    m.add_argument("--include-neighbours", action="store_true",
                   help="ook verwante opleidingen een niveau hoger of lager")
    m.add_argument("--prefer-inclusive", action="store_true",
                   help="eerst bedrijven die eerlijk selecteren")
    m.add_argument("--limit", type=int, default=5)
    m.add_argument("--offset", type=int, default=0)
    m.add_argument("--json", action="store_true", help="print een JSON-lijst")

    seed = sub.add_parser("seed-demo", parents=[common], help="demoregister aanmaken of bijwerken")
    seed.add_argument("--seed", type=int, default=None, help="startgetal van de generator")
    return parser


def _out(text: str) -> None:
    sys.stdout.write(text + "\n")


def _run(args: argparse.Namespace) -> int:
    from . import add_institution, import_listings, issue_token, list_institutions, match, seed_demo, suggest_widening

    db = connect(args.db)
    try:
        if args.command == "institutions":
            if args.action == "add":
                inst = add_institution(db, args.code, args.name)
                _out(f"Instelling {inst.code} ({inst.name}) staat in het register.")
            elif args.action == "list":
                items = [{"code": i.code, "name": i.name, "demo": i.demo} for i in list_institutions(db)]
                if args.json:
                    _out(json.dumps(items, ensure_ascii=False, indent=2))
                else:
                    for i in items:
                        _out(f"{i['code']}\t{i['name']}")
            else:
                token = issue_token(db, args.code)
                _out(token)
                sys.stderr.write(
                    "Bewaar deze API-sleutel goed: hij wordt maar één keer getoond. "
                    "Een eerdere sleutel van deze instelling werkt niet meer.\n"
                )
            return 0
        if args.command == "import":
            result = import_listings(db, args.file, institution=args.institution, fmt=args.format,
                                     expire_missing=args.expire_missing, skip_invalid=args.skip_invalid)
            if args.json:
                _out(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
            else:
                _out(f"Klaar: {result.created} nieuw, {result.updated} gewijzigd, "
                     f"{result.unchanged} ongewijzigd, {result.expired} verlopen.")
                for w in result.warnings:
                    sys.stderr.write(f"Let op: {w}\n")
            return 0
        if args.command == "match":
            options = dict(crebo=args.crebo, programme=args.programme, postcode=args.postcode,
                           place=args.place, radius_km=args.radius_km, leerweg=args.leerweg,
                           include_unconfirmed=args.include_unconfirmed,
                           include_neighbours=args.include_neighbours,
                           prefer_inclusive=args.prefer_inclusive)
            found = match(db, **options, limit=args.limit, offset=args.offset)
            if args.json:
                _out(json.dumps([m.to_dict() for m in found], ensure_ascii=False, indent=2))
                return 0
            if not found:
                _out("Geen stageplekken gevonden.")
                for w in suggest_widening(db, **options):
                    _out(f"- {w.text}")
                return 0
            for n, m in enumerate(found, start=args.offset + 1):
                label = "erkend" if m.recognised else "erkenning onbevestigd"
                _out(f"{n}. {m.title} — {m.company}, {m.place} ({m.distance_km:.1f} km), "
                     f"start {m.start_date}, {m.leerweg}, {label} [id {m.listing_id}]")
            return 0
        if args.command == "seed-demo":
            kwargs = {} if args.seed is None else {"seed": args.seed}
            summary = seed_demo(db, **kwargs)
            _out(f"Demoregister klaar: {summary['created']} nieuw, {summary['updated']} gewijzigd, "
                 f"{summary['unchanged']} ongewijzigd (catalogus: {summary['catalogue']}).")
            return 0
    finally:
        db.close()
    return 2


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except ImportFailed as exc:
        sys.stderr.write(f"Fout bij importeren: {exc.message}\n")
        return 1
    except InternshipsError as exc:
        sys.stderr.write(f"Fout: {exc.message}\n")
        return 1
