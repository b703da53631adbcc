"""The experiments CLI (``python -m bot.experiments --help``): a thin layer over the package's functions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import appdb

from . import chart, definition, explain, power, report, store
from .errors import ExperimentError, UnknownExperiment

__all__ = ["main"]


class _DutchHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix or "gebruik: ")


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch headings, and usage errors as a Dutch one-liner with exit code 1."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _DutchHelp)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message):
        self.exit(1, f"Fout: {message}; zie: {self.prog} --help\n")


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m bot.experiments",
        description="Experimenten met het aanbod van andere opleidingen: aanmelden, bekijken, stoppen, "
        "het verslag lezen en uitrekenen hoeveel gesprekken nodig zijn.",
    )
    parser.add_argument(
        "--db", help="pad naar de database (standaard: $KANSRIJK_DB, anders $KANSRIJK_VAR/kansrijk.db of var/kansrijk.db)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT", parser_class=_Parser,
                                title="opdrachten")

    p = sub.add_parser("add", help="meld een experiment aan uit een YAML-bestand",
                       description="Meld een experiment aan. Na de startdatum ligt het vast.")
    p.add_argument("file", metavar="BESTAND", help="het YAML-bestand, bijvoorbeeld bot/experiments/examples/nudge_demo01.yml")
    p.add_argument("--replace", action="store_true",
                   help="vervang een aangemeld experiment met dezelfde naam (alleen voor de startdatum)")

    p = sub.add_parser("list", help="toon alle experimenten", description="Toon alle aangemelde experimenten.")
    p.add_argument("--json", action="store_true", help="als JSON")

    p = sub.add_parser("show", help="toon één experiment", description="Toon de definitie van één experiment.")
    p.add_argument("name", metavar="NAAM")
    p.add_argument("--json", action="store_true", help="als JSON")

    p = sub.add_parser("stop", help="stop een experiment", description="Stop een experiment: er doen geen nieuwe gesprekken meer mee.")
    p.add_argument("name", metavar="NAAM")

    p = sub.add_parser("report", help="het verslag van een experiment",
                       description="Het verslag: per groep het aantal gesprekken en de uitkomsten, met intervallen.")
    p.add_argument("name", metavar="NAAM")
    p.add_argument("--json", action="store_true", help="als JSON")
    p.add_argument("--csv", metavar="BESTAND", help="schrijf ook de tabel als CSV naar BESTAND")
    p.add_argument("--chart", metavar="BESTAND.png", help="schrijf ook de grafiek van de hoofduitkomst naar BESTAND.png")

    p = sub.add_parser("power", help="hoeveel gesprekken per groep nodig zijn",
                       description="Reken uit hoeveel gesprekken elke groep nodig heeft (tweezijdige toets van twee proporties).")
    p.add_argument("--baseline", type=float, required=True, help="aandeel in de groep standaard, bijvoorbeeld 0.20")
    p.add_argument("--effect", type=float, required=True,
                   help="verschil dat je wilt kunnen zien, in aandeel, bijvoorbeeld 0.05 (van 20%% naar 25%%)")
    p.add_argument("--alpha", type=float, default=0.05, help="kans op een vals alarm (standaard 0.05)")
    p.add_argument("--power", type=float, default=0.8, help="kans om een echt verschil te vinden (standaard 0.8)")
    p.add_argument("--json", action="store_true", help="als JSON")
    return parser


def _arms_text(item: store.Experiment) -> str:
    return ", ".join(f"{arm.name} {float(arm.share):.0%}" for arm in item.definition.arms)


def _describe(item: store.Experiment) -> str:
    d = item.definition
    return (
        f"{d.name}: {explain.STATUS_LABELS[item.status]}; scholen {', '.join(d.schools)}; {d.start} t/m {d.end}; "
        f"groepen {_arms_text(item)}; hoofduitkomst {d.primary_outcome}; minimaal {d.min_sample_per_arm} per groep"
    )


def _add(db, args) -> None:
    new = definition.load(args.file)
    try:
        before = store.get(db, new.name)
    except UnknownExperiment:
        before = None
    added = store.add(db, new, replace=args.replace)
    if before is not None and before.content_hash == added.content_hash:
        print(f"Experiment '{added.name}' stond er al met precies deze inhoud; er is niets veranderd.")
    else:
        verb = "vervangen" if before is not None else "aangemeld"
        print(f"Experiment '{added.name}' {verb}: {_describe(added)}.")
        print(f"Vingerafdruk (sha256): {added.content_hash}")


def _report(db, args) -> None:
    built = report.build(db, args.name)
    if args.json:
        _print_json(built)
    else:
        sys.stdout.write(explain.render_text(built))
    if args.csv:
        Path(args.csv).write_text(report.to_csv(built), encoding="utf-8")
        print(f"Tabel opgeslagen in {args.csv}.", file=sys.stderr)
    if args.chart:
        drawn = chart.primary_chart(built)
        Path(args.chart).write_bytes(drawn.png)
        print(f"Grafiek opgeslagen in {args.chart}. Tekst bij de grafiek: {drawn.alt_text}", file=sys.stderr)


def _run(db, args) -> None:
    if args.command == "add":
        _add(db, args)
    elif args.command == "list":
        found = store.list_experiments(db)
        if args.json:
            _print_json([item.to_dict() for item in found])
        elif not found:
            print("Er zijn nog geen experimenten. Meld er een aan met: python -m bot.experiments add BESTAND")
        else:
            print("\n".join(_describe(item) for item in found))
    elif args.command == "show":
        item = store.get(db, args.name)
        if args.json:
            _print_json(item.to_dict())
        else:
            print(f"{_describe(item)}\nHypothese: {item.definition.hypothesis}")
    elif args.command == "stop":
        item = store.stop(db, args.name)
        print(f"Experiment '{item.name}' is gestopt. Er doen geen nieuwe gesprekken meer mee.")
    elif args.command == "report":
        _report(db, args)


def _power(args) -> None:
    n = power.n_per_arm(args.baseline, args.effect, alpha=args.alpha, power=args.power)
    if args.json:
        _print_json({"n_per_arm": n, "baseline": args.baseline, "effect": args.effect,
                     "alpha": args.alpha, "power": args.power, "alternative": "two-sided"})
    else:
        print(
            f"Per groep zijn {n} gesprekken nodig om een verschil van {args.baseline:.0%} naar "
            f"{args.baseline + args.effect:.0%} te vinden (tweezijdig, alpha {args.alpha}, power {args.power})."
        )


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    try:
        if args.command == "power":  # needs no database
            _power(args)
            return 0
        db = appdb.connect(args.db)
    except (ExperimentError, appdb.DatabaseError) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    try:
        _run(db, args)
    except (ExperimentError, appdb.DatabaseError) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # --csv or --chart could not be written
        print(f"Fout: kan het bestand niet schrijven ({error.strerror}: {error.filename}); kies een andere map",
              file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0
