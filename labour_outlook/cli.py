"""Command line over the Python API: list, show, recommend, alternatives, compare, import-kansen, import-programmes."""

from __future__ import annotations

import argparse
import json
import sys

from .errors import ImportFailed, LabourOutlookError

SAMPLE_NOTE = "Let op: dit zijn voorbeeldcijfers, geen echte cijfers van SBB."
# Only an imported row can carry code_confirmed=false: every code of the register is official.
UNCONFIRMED_NOTE = "code niet bevestigd: zoek op de naam"


def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _situation(args):
    from .situation import Situation

    if getattr(args, "vmbo_leerweg", None) and getattr(args, "mbo_niveau", None):
        raise LabourOutlookError("kies --vmbo-leerweg of --mbo-niveau, niet allebei")
    if getattr(args, "vmbo_leerweg", None):
        return Situation(school="vmbo", leerweg=args.vmbo_leerweg)
    if getattr(args, "mbo_niveau", None) is not None:
        return Situation(school="mbo", niveau=args.mbo_niveau)
    return None


def _code(p) -> str:
    return p.crebo if p.code_confirmed else f"{p.crebo} ({UNCONFIRMED_NOTE})"


def _code_notes(codes) -> None:
    """Say on stderr which of the given codes are earlier codes, and of what."""
    from .catalogue import get_catalogue

    catalogue = get_catalogue()
    for code in codes:
        note = catalogue.code_note(code)
        if note:
            print(note[:1].upper() + note[1:] + ".", file=sys.stderr)


def cmd_recommend(args) -> int:
    from .recommend import recommend

    recs = recommend(args.interests, riasec=args.riasec, situation=_situation(args), place=args.place, top=args.top)
    if args.json:
        _print_json([r.to_dict() for r in recs])
        return 0
    if not recs:
        print("Ik heb niets gevonden. Vertel wat meer over wat je leuk vindt.")
        return 0
    for n, r in enumerate(recs, 1):
        p, pr = r.programme, r.prospects
        print(f"{n}. {p.name} (niveau {p.niveau}, {p.domain}) - crebo {_code(p)}")
        print(f"   {'; '.join(r.reasons)}")
        print(f"   kans op werk: {pr.kans_op_werk or 'onbekend'}, kans op stage: {pr.kans_op_stage or '-'}, "
              f"kans op leerbaan: {pr.kans_op_leerbaan or '-'}")
    if any(r.sample for r in recs):
        print(SAMPLE_NOTE)
    return 0


def cmd_alternatives(args) -> int:
    from .catalogue import get_catalogue
    from .prospects import prospects_for
    from .recommend import alternatives

    alts = alternatives(args.crebo, interests=args.interests, situation=_situation(args), top=args.top,
                        place=args.place)
    if args.json:
        _print_json([a.to_dict() for a in alts])
        return 0
    base = get_catalogue().get(args.crebo)
    _code_notes([args.crebo])
    if not alts:
        pr = prospects_for(base.crebo, args.place)
        print(f"{base.name}: kans op werk {pr.kans_op_werk or 'onbekend'}. Geen alternatieven nodig.")
        return 0
    for a in alts:
        print(f"- {a.reason} [crebo {_code(a.programme)}]")
    if any(a.sample for a in alts):
        print(SAMPLE_NOTE)
    return 0


def cmd_compare(args) -> int:
    from .recommend import compare

    rows = compare(args.crebos, place=args.place)
    if args.json:
        _print_json(rows)
        return 0
    _code_notes(args.crebos)
    fields = [("name", "opleiding"), ("crebo", "crebo"), ("niveau", "niveau"), ("duration_years", "duur (jaar)"),
              ("domain", "domein"), ("kans_op_werk", "kans op werk"), ("kans_op_stage", "kans op stage"),
              ("kans_op_leerbaan", "kans op leerbaan"), ("beroepen", "beroepen")]
    for key, label in fields:
        values = [", ".join(r[key]) if isinstance(r[key], list) else str(r[key] if r[key] is not None else "-")
                  for r in rows]
        print(f"{label:<17}" + " | ".join(values))
    if any(r["sample"] for r in rows):
        print(SAMPLE_NOTE)
    return 0


def cmd_list(args) -> int:
    from .catalogue import get_catalogue

    catalogue = get_catalogue()
    rows = []
    for p in catalogue:
        rows.append(p.to_dict() | {"current_crebo": p.crebo, "current": True})
        if args.all:
            for code in p.earlier_codes:
                rows.append({"crebo": code, "name": p.name, "niveau": p.niveau, "domain": p.domain,
                             "code_confirmed": True, "current_crebo": p.crebo, "current": False,
                             "note": catalogue.code_note(code)})
    if args.json:
        _print_json(rows)
        return 0
    for r in rows:
        where = "" if r["current"] else f"  -> vervallen, nu {r['current_crebo']}"
        print(f"{r['crebo']}  {r['name']} (niveau {r['niveau']}, {r['domain']}){where}")
    print(f"{len(catalogue)} opleidingen" + (f", {len(rows)} codes" if args.all else ""))
    return 0


def cmd_show(args) -> int:
    from .catalogue import get_catalogue
    from .prospects import prospects_for

    catalogue = get_catalogue()
    p = catalogue.get(args.crebo)
    note = catalogue.code_note(args.crebo)
    pr = prospects_for(p.crebo, args.place)
    data = p.to_dict() | {"prospects": pr.to_dict(), "sample": pr.sample}
    if note:
        data |= {"requested_crebo": str(args.crebo).strip(), "replaced": True, "note": note}
    if args.json:
        _print_json(data)
        return 0
    if note:
        print(note[:1].upper() + note[1:] + ".")
    print(f"{p.name} (niveau {p.niveau})")
    print(f"crebo: {_code(p)}" + (f" (eerder: {', '.join(p.earlier_codes)})" if p.earlier_codes else ""))
    print(f"domein: {p.domain} / {p.studierichting}")
    if p.dossier:
        print(f"kwalificatiedossier: {p.dossier} ({p.dossier_crebo}); sectorkamer: {p.sectorkamer}")
    print(f"leerwegen: {', '.join(p.leerwegen)}; duur: {p.duration_years} jaar")
    print(f"werk: {p.description}")
    print(f"beroepen: {', '.join(p.beroepen)}")
    print(f"kans op werk: {pr.kans_op_werk or 'onbekend'}; kans op stage: {pr.kans_op_stage or '-'}; "
          f"kans op leerbaan: {pr.kans_op_leerbaan or '-'} ({pr.region}, {pr.year}, bron: {pr.source})")
    if pr.sample:
        print(SAMPLE_NOTE)
    return 0


def _report_import(result) -> int:
    print(f"{result.imported} opleiding(en)/regel(s) geïmporteerd naar {result.destination}")
    for n in result.notes:
        print(f"  {n}")
    if result.skipped:
        print(f"{len(result.skipped)} foute regel(s) overgeslagen:", file=sys.stderr)
        for e in result.skipped:
            print(f"  {e}", file=sys.stderr)
    return 0


def cmd_import_kansen(args) -> int:
    from .importers import import_kansen

    return _report_import(import_kansen(args.file, skip_invalid=args.skip_invalid))


def cmd_import_programmes(args) -> int:
    from .importers import import_programmes

    return _report_import(import_programmes(args.file, skip_invalid=args.skip_invalid))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m labour_outlook",
        description="Mbo-opleidingen, kansen op werk en stage, en opleidingen die passen bij je interesses.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p, place=True):
        p.add_argument("--json", action="store_true", help="print JSON")
        if place:
            p.add_argument("--place", help="plaats of postcode, voor regionale kansen")

    def situation(p):
        p.add_argument("--vmbo-leerweg", choices=["basis", "kader", "gemengd", "theoretisch"],
                       help="vmbo-leerweg van de leerling")
        p.add_argument("--mbo-niveau", type=int, choices=[1, 2, 3, 4], help="huidig mbo-niveau van de student")

    p = sub.add_parser("list", help="alle opleidingen van het register")
    p.add_argument("--all", action="store_true", help="ook de vervallen (eerdere) codes, elk met de huidige code")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("recommend", help="opleidingen die passen bij interesses")
    p.add_argument("interests", nargs="+", help="wat de leerling leuk vindt, in eigen woorden")
    p.add_argument("--top", type=int, default=5, help="aantal opleidingen (standaard 5)")
    p.add_argument("--riasec", help='RIASEC-code, bijvoorbeeld "RIA"')
    situation(p)
    common(p)
    p.set_defaults(func=cmd_recommend)

    p = sub.add_parser("alternatives", help="kansrijke alternatieven voor een opleiding met weinig kans op werk")
    p.add_argument("crebo")
    p.add_argument("--interests", help="interesses van de leerling")
    p.add_argument("--top", type=int, default=3)
    situation(p)
    common(p)
    p.set_defaults(func=cmd_alternatives)

    p = sub.add_parser("compare", help="2 tot 4 opleidingen naast elkaar")
    p.add_argument("crebos", nargs="+", metavar="CREBO")
    common(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("show", help="alles over één opleiding (ook met een vervallen code)")
    p.add_argument("crebo")
    common(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("import-kansen", help="SBB-kansen importeren (csv/xlsx)")
    p.add_argument("file")
    p.add_argument("--skip-invalid", action="store_true", help="foute regels overslaan en de rest importeren")
    p.set_defaults(func=cmd_import_kansen)

    p = sub.add_parser("import-programmes", help="DUO-opleidingenlijst importeren (csv/xlsx)")
    p.add_argument("file")
    p.add_argument("--skip-invalid", action="store_true", help="foute regels overslaan en de rest importeren")
    p.set_defaults(func=cmd_import_programmes)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if hasattr(args, "interests") and isinstance(args.interests, list):
        args.interests = " ".join(args.interests)
    try:
        return args.func(args)
    except ImportFailed as e:
        print(str(e), file=sys.stderr)
        return 1
    except LabourOutlookError as e:
        print(f"Fout: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
