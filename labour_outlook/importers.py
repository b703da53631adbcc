"""Import an SBB-style "kansen" export and a DUO-style programme list, validating every row first."""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .catalogue import PROGRAMME_COLUMNS, Catalogue, catalogue_domains, get_catalogue
from .errors import ImportFailed, MissingColumns, RetiredCrebo, RowError, UnsupportedFormat
from .prospects import KANSEN_COLUMNS, NATIONAL, SCALE

__all__ = ["ImportResult", "import_kansen", "import_programmes", "read_table"]


@dataclass
class ImportResult:
    imported: int
    destination: Path
    skipped: list[RowError] = field(default_factory=list)
    notes: list[RowError] = field(default_factory=list)  # rows taken, with something the user should know


def _norm_col(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(name).strip().lower()).strip("_")


def read_table(path: str | Path):
    """A DataFrame of strings; the separator of a csv is sniffed (SBB and DUO files use ; or ,)."""
    import pandas as pd

    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            with open(path, encoding="utf-8-sig", newline="") as f:
                head = f.read(4096)
            sep = "\t" if suffix == ".tsv" else max([";", ",", "\t"], key=head.split("\n")[0].count)
            df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False,
                             encoding="utf-8-sig")
        elif suffix in (".xlsx", ".xls"):
            df = pd.read_excel(path, dtype=str).fillna("")
        else:
            raise UnsupportedFormat(f"{path.name}: gebruik een .csv-, .tsv- of .xlsx-bestand")
    except FileNotFoundError:
        raise UnsupportedFormat(f"bestand niet gevonden: {path}") from None
    except UnicodeDecodeError:
        raise UnsupportedFormat(f"{path.name}: sla het bestand op als UTF-8") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        raise UnsupportedFormat(f"{path.name}: kan het bestand niet lezen ({str(e).splitlines()[0]})") from None
    df.columns = [_norm_col(c) for c in df.columns]
    return df


def _pick(columns, *candidates) -> str | None:
    for c in candidates:
        if c in columns:
            return c
    return None


def _scale(value: str) -> str | None:
    v = " ".join(str(value).strip().lower().replace("_", " ").split())
    return v if v in SCALE else None


def _rows(df):
    """(line number as a human counts it, row) for non-empty rows; the header is line 1."""
    for k, row in enumerate(df.to_dict("records")):
        if any(str(v).strip() for v in row.values()):
            yield k + 2, row


def _finish(errors, good, skip_invalid, path) -> list[RowError]:
    if errors and not skip_invalid:
        raise ImportFailed(errors, str(path))
    return errors


def _write_csv(dest: Path, columns: list[str], rows: list[dict]):
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, dest)


def _read_existing(dest: Path) -> list[dict]:
    if not dest.exists():
        return []
    with open(dest, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --------------------------------------------------------------------------- kansen


def import_kansen(path, *, skip_invalid: bool = False, catalogue: Catalogue | None = None,
                  dest: Path | None = None) -> ImportResult:
    """Validate an SBB-style kansen file and merge it into ``$KANSRIJK_DATA_DIR/kansen.csv``.

    Columns (case and spacing free): crebo, kans op werk, jaar; optional kwalificatie, niveau,
    arbeidsmarktregio, kans op stage, kans op leerbaan (or one "kans op stage/leerbaan"), leerweg, bron.
    """
    path = Path(path)
    catalogue = catalogue or get_catalogue()
    df = read_table(path)
    cols = set(df.columns)
    c_crebo = _pick(cols, "crebo", "kwalificatiecode", "kwalificatie_code", "crebocode", "crebo_code")
    c_werk = _pick(cols, "kans_op_werk", "kans_werk")
    c_jaar = _pick(cols, "jaar", "peiljaar", "year")
    missing = [n for n, c in (("crebo", c_crebo), ("kans op werk", c_werk), ("jaar", c_jaar)) if c is None]
    if missing:
        raise MissingColumns(missing, str(path), list(df.columns))
    c_stage = _pick(cols, "kans_op_stage", "kans_stage")
    c_leer = _pick(cols, "kans_op_leerbaan", "kans_leerbaan")
    c_both = _pick(cols, "kans_op_stage_leerbaan", "kans_op_stage_of_leerbaan", "kans_op_bpv")
    c_leerweg = _pick(cols, "leerweg")
    c_regio = _pick(cols, "arbeidsmarktregio", "regio", "arbeidsmarkt_regio")
    c_bron = _pick(cols, "bron", "source")
    c_name = _pick(cols, "kwalificatie", "kwalificatienaam", "kwalificatie_naam", "opleiding")
    c_niveau = _pick(cols, "niveau", "kwalificatieniveau")
    errors: list[RowError] = []
    notes: list[RowError] = []
    good: dict[tuple[str, str], dict] = {}
    first_line: dict[tuple[str, str], int] = {}
    for line, row in _rows(df):
        crebo = str(row[c_crebo]).strip()
        if crebo.endswith(".0"):
            crebo = crebo[:-2]
        if not (len(crebo) == 5 and crebo.isdigit()):
            errors.append(RowError(line, f"crebo moet 5 cijfers zijn, niet {crebo!r}"))
            continue
        if crebo not in catalogue:
            reason = f"onbekende crebo {crebo}: importeer eerst de opleiding (import-programmes)"
            if crebo in catalogue.retired:
                reason = str(RetiredCrebo(crebo, *catalogue.retired[crebo][:2]))
            errors.append(RowError(line, reason))
            continue
        note = catalogue.code_note(crebo)
        programme = catalogue.get(crebo)
        crebo = programme.crebo  # an earlier code counts for the programme's current code
        problems = []
        werk = _scale(row[c_werk])
        if werk is None:
            problems.append(f"kans op werk {row[c_werk]!r} staat niet op de schaal ({', '.join(SCALE)})")
        stage = leer = ""
        for label, col in (("kans op stage", c_stage), ("kans op leerbaan", c_leer), ("kans op stage/leerbaan", c_both)):
            if col is None or not str(row[col]).strip():
                continue
            v = _scale(row[col])
            if v is None:
                problems.append(f"{label} {row[col]!r} staat niet op de schaal ({', '.join(SCALE)})")
            elif col == c_stage:
                stage = v
            elif col == c_leer:
                leer = v
            else:
                lw = str(row[c_leerweg]).strip().lower() if c_leerweg else ""
                if lw in ("", "bol"):
                    stage = stage or v
                if lw in ("", "bbl"):
                    leer = leer or v
        jaar = str(row[c_jaar]).strip()
        if jaar.endswith(".0"):
            jaar = jaar[:-2]
        if not (jaar.isdigit() and 2000 <= int(jaar) <= 2100):
            problems.append(f"jaar {jaar!r} is geen jaartal")
        if c_niveau and str(row[c_niveau]).strip():
            digits = re.findall(r"\d", str(row[c_niveau]))
            if not digits or int(digits[0]) != catalogue.get(crebo).niveau:
                problems.append(f"niveau {row[c_niveau]!r} past niet bij crebo {crebo} (niveau {catalogue.get(crebo).niveau})")
        regio = (str(row[c_regio]).strip() if c_regio else "") or NATIONAL
        key = (crebo, regio.casefold())
        if key in good or key in first_line:
            problems.append(f"dubbele regel voor crebo {crebo} in {regio} (eerder op regel {first_line[key]})")
        if problems:
            errors.extend(RowError(line, p) for p in problems)
            first_line.setdefault(key, line)
            continue
        first_line[key] = line
        if note:
            notes.append(RowError(line, f"{note}: opgeslagen onder {crebo}"))
        good[key] = {
            "crebo": crebo,
            "kwalificatie": (str(row[c_name]).strip() if c_name else "") or catalogue.get(crebo).name,
            "niveau": catalogue.get(crebo).niveau,
            "arbeidsmarktregio": regio,
            "jaar": int(jaar),
            "kans_op_werk": werk,
            "kans_op_stage": stage,
            "kans_op_leerbaan": leer,
            "bron": (str(row[c_bron]).strip() if c_bron else "") or f"import {path.name}",
        }
    skipped = _finish(errors, good, skip_invalid, path)
    dest = dest or paths.override_dir() / "kansen.csv"
    merged = {(r["crebo"], r["arbeidsmarktregio"].casefold()): r for r in _read_existing(dest)}
    merged.update(good)
    _write_csv(dest, KANSEN_COLUMNS, list(merged.values()))
    _clear_caches()
    return ImportResult(len(good), dest, skipped, notes)


# --------------------------------------------------------------------------- programmes


def _domain_lookup() -> dict[str, str]:
    return {_norm_col(d): d for d in catalogue_domains()}


def import_programmes(path, *, skip_invalid: bool = False, dest: Path | None = None) -> ImportResult:
    """Validate a DUO-style programme list and merge it into ``$KANSRIJK_DATA_DIR/programmes.csv``.

    Columns: KWALIFICATIE CODE, KWALIFICATIE NAAM, KWALIFICATIENIVEAU, DOMEIN; optional LEERWEG
    (BOL/BBL), STUDIERICHTING. One row per institution and leerweg is fine: rows are grouped by code.
    """
    path = Path(path)
    df = read_table(path)
    cols = set(df.columns)
    c_code = _pick(cols, "kwalificatie_code", "kwalificatiecode", "crebo", "crebo_code")
    c_name = _pick(cols, "kwalificatie_naam", "kwalificatienaam", "naam", "name")
    c_niveau = _pick(cols, "kwalificatieniveau", "kwalificatie_niveau", "niveau")
    c_domain = _pick(cols, "domein", "opleidingsdomein", "domain")
    missing = [n for n, c in (("KWALIFICATIE CODE", c_code), ("KWALIFICATIE NAAM", c_name),
                              ("KWALIFICATIENIVEAU", c_niveau), ("DOMEIN", c_domain)) if c is None]
    if missing:
        raise MissingColumns(missing, str(path), list(df.columns))
    c_leerweg = _pick(cols, "leerweg", "type_leerweg")
    c_richting = _pick(cols, "studierichting")
    domains = _domain_lookup()
    errors: list[RowError] = []
    good: dict[str, dict] = {}
    origin: dict[str, int] = {}
    for line, row in _rows(df):
        problems = []
        code = str(row[c_code]).strip()
        if code.endswith(".0"):
            code = code[:-2]
        if not (len(code) == 5 and code.isdigit()):
            problems.append(f"KWALIFICATIE CODE moet 5 cijfers zijn, niet {code!r}")
        name = " ".join(str(row[c_name]).split())
        if not name:
            problems.append("KWALIFICATIE NAAM is leeg")
        digits = re.findall(r"\d", str(row[c_niveau]))
        niveau = int(digits[0]) if digits else None
        if niveau not in (1, 2, 3, 4):
            problems.append(f"KWALIFICATIENIVEAU moet 1, 2, 3 of 4 zijn, niet {row[c_niveau]!r}")
        domain = domains.get(_norm_col(row[c_domain]))
        if domain is None:
            problems.append(f"onbekend DOMEIN {row[c_domain]!r}: gebruik een van de 16 mbo-opleidingsdomeinen (of Entree)")
        leerweg = str(row[c_leerweg]).strip().lower() if c_leerweg else ""
        if leerweg and leerweg not in ("bol", "bbl", "bol/bbl", "bol;bbl"):
            problems.append(f"LEERWEG moet BOL of BBL zijn, niet {row[c_leerweg]!r}")
        if not problems and code in good:
            prev = good[code]
            if prev["name"] != name or prev["niveau"] != niveau:
                problems.append(f"code {code} staat op regel {origin[code]} met een andere naam of een ander niveau")
        if problems:
            errors.extend(RowError(line, p) for p in problems)
            continue
        entry = good.setdefault(code, {"crebo": code, "name": name, "niveau": niveau, "domain": domain,
                                       "leerwegen": set(), "studierichting": ""})
        origin.setdefault(code, line)
        entry["leerwegen"].update(re.findall(r"bol|bbl", leerweg) or ([] if c_leerweg else ["bol", "bbl"]))
        if c_richting and str(row[c_richting]).strip():
            entry["studierichting"] = str(row[c_richting]).strip()
    skipped = _finish(errors, good, skip_invalid, path)
    dest = dest or paths.override_dir() / "programmes.csv"
    catalogue = get_catalogue()
    existing = {r["crebo"]: r for r in _read_existing(dest)}
    notes: list[RowError] = []
    imported = 0
    for code, e in good.items():
        note = catalogue.code_note(code)
        if note and code not in existing:
            # The register knows this code as an earlier code: nothing to add, say where it went.
            notes.append(RowError(origin[code], f"{note}: niet nodig om te importeren"))
            continue
        # Only the facts about the code: a profile (description, beroepen, search words) is not in a DUO file.
        row = {c: existing.get(code, {}).get(c, "") for c in PROGRAMME_COLUMNS}
        row.update(crebo=code, name=e["name"], niveau=e["niveau"], domain=e["domain"],
                   leerwegen=";".join(w for w in ("bol", "bbl") if w in (e["leerwegen"] or {"bol", "bbl"})),
                   code_confirmed="true", code_source=f"import ({path.name})")
        if e["studierichting"]:
            row["studierichting"] = e["studierichting"]
        row["duration_years"] = row.get("duration_years") or {1: 1, 2: 2, 3: 3, 4: 3}[e["niveau"]]
        existing[code] = row
        imported += 1
    _write_csv(dest, PROGRAMME_COLUMNS, list(existing.values()))
    _clear_caches()
    return ImportResult(imported, dest, skipped, notes)


def _clear_caches():
    from .prospects import get_prospects_table

    get_catalogue.cache_clear()
    get_prospects_table.cache_clear()
