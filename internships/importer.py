"""Import an institution's listings from CSV or JSON: validate every row, then write all or nothing."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import sqlite_utils

from .catalogue import load_catalogue
from .errors import ImportFailed, RowError, UnsupportedFormat
from .register import WriteResult, apply_listings, get_institution
from .validate import ALL_FIELDS, REQUIRED_FIELDS, validate_listing

__all__ = ["import_listings", "read_rows"]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Dutch Windows still saves CSV as Windows-1252.
        return data.decode("cp1252", errors="replace")


def read_rows(source: str | os.PathLike | bytes, fmt: str | None = None) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """(line number, raw row) pairs and file-level errors. CSV may use , or ;."""
    if isinstance(source, bytes):
        data, name = source, ""
    else:
        path = Path(source)
        try:
            data, name = path.read_bytes(), path.name
        except OSError as exc:
            raise UnsupportedFormat(f"Kan het bestand {path} niet lezen: {exc.strerror}.") from None
    if fmt is None:
        suffix = Path(name).suffix.lower()
        if suffix in {".csv", ".txt"}:
            fmt = "csv"
        elif suffix == ".json":
            fmt = "json"
        else:
            fmt = "json" if data.lstrip()[:1] in (b"[", b"{") else "csv"
    if fmt not in {"csv", "json"}:
        raise UnsupportedFormat(f"Formaat '{fmt}' ken ik niet: kies csv of json.")
    text = _decode(data)
    return _read_json(text) if fmt == "json" else _read_csv(text)


def _header_errors(columns: list[str]) -> list[RowError]:
    errors = []
    for col in REQUIRED_FIELDS:
        if col not in columns:
            errors.append(RowError(1, col, "deze verplichte kolom ontbreekt"))
    for col in columns:
        if col and col not in ALL_FIELDS:
            errors.append(RowError(1, col, f"onbekende kolom; bedoel je een van: {', '.join(ALL_FIELDS)}?"))
    return errors


def _read_csv(text: str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise UnsupportedFormat("Het bestand is leeg: zet de kolomnamen op de eerste regel.") from None
    columns = [h.strip().lower() for h in header]
    header_errors = _header_errors(columns)
    if header_errors:
        # Rows cannot be read sensibly under a wrong header: report only the header.
        raise ImportFailed(header_errors)
    errors: list[RowError] = []
    rows = []
    line = reader.line_num
    for record in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(columns):
            errors.append(RowError(start, None, f"deze regel heeft {len(record)} waarden maar er zijn {len(columns)} kolommen; staat er een {delimiter} te veel?"))
            continue
        rows.append((start, dict(zip(columns, record))))
    return rows, errors


def _read_json(text: str) -> tuple[list[tuple[int, dict]], list[RowError]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnsupportedFormat(f"Het JSON-bestand is niet goed op regel {exc.lineno}: {exc.msg}.") from None
    if isinstance(data, dict) and isinstance(data.get("listings"), list):
        data = data["listings"]
    if not isinstance(data, list):
        raise UnsupportedFormat("Het JSON-bestand moet een lijst van objecten zijn: [{...}, {...}].")
    rows, errors = [], []
    # JSON has no natural line per row; number the objects from 1.
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            errors.append(RowError(index, None, "dit is geen object met velden"))
            continue
        item = {str(k).strip().lower(): v for k, v in item.items()}
        unknown = [k for k in item if k not in ALL_FIELDS]
        for key in unknown:
            errors.append(RowError(index, key, f"onbekend veld; bedoel je een van: {', '.join(ALL_FIELDS)}?"))
        rows.append((index, item))
    return rows, errors


def import_listings(
    db: sqlite_utils.Database,
    source: str | os.PathLike | bytes,
    *,
    institution: str,
    fmt: str | None = None,
    expire_missing: bool = False,
    skip_invalid: bool = False,
    catalogue: Any = None,
    actor: str = "cli:import",
) -> WriteResult:
    """Validate every row, then upsert on (institution, external_id).

    Raises ImportFailed listing every bad row (line, field, reason) and writes nothing,
    unless ``skip_invalid``: then good rows are written and the errors come back as
    ``result.warnings``. ``catalogue`` defaults to labour_outlook's; without one, crebo
    existence is not checked (a warning says so).
    """
    inst = get_institution(db, institution)
    cat = load_catalogue(catalogue)
    rows, errors = read_rows(source, fmt)
    clean_rows, seen = [], {}
    file_errors = list(errors)
    code_notes = []
    for line, raw in rows:
        clean, row_errors = validate_listing(raw, line=line, catalogue=cat)
        if clean is not None and cat is not None:
            note = cat.code_note(str(raw.get("crebo") or "").strip())
            if note:
                code_notes.append(f"regel {line}: {note}; opgeslagen onder {clean['crebo']}")
        external_id = raw.get("external_id")
        key = str(external_id).strip() if external_id is not None else ""
        if key:
            if key in seen:
                row_errors.append(RowError(line, "external_id", f"'{key}' staat ook op regel {seen[key]}; elke vacature heeft een eigen external_id"))
                clean = None
            else:
                seen[key] = line
        if row_errors:
            file_errors.extend(row_errors)
        elif clean is not None:
            clean_rows.append(clean)
    if file_errors and not skip_invalid:
        raise ImportFailed(sorted(file_errors, key=lambda e: (e.line or 0)))
    result = apply_listings(
        db, inst, clean_rows, actor=actor, expire_missing=expire_missing,
        # A row we skipped is still in the file: don't expire its listing.
        keep_external_ids=seen.keys(),
    )
    if cat is None:
        result.warnings.append("opleidingscodes niet gecontroleerd: de opleidingencatalogus is niet beschikbaar")
    result.warnings.extend(code_notes)
    result.warnings.extend(str(e) for e in file_errors)
    return result
