"""The one way Kansrijk writes CSV: every cell is made safe for spreadsheets first."""
from __future__ import annotations

import csv
import re
from typing import Any, Iterable, List

__all__ = ["FORMULA_START", "csv_cell", "csv_row", "writer", "DictWriter"]

# OWASP, CSV injection: spreadsheet programs run a cell that starts with one of these.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


def csv_cell(value: Any) -> str:
    """``value`` as CSV cell text; a leading ``'`` if a spreadsheet would run it as a formula.

    Leading spaces are looked past (some programs skip them). A plain number, also a
    negative one such as ``-0.052``, is left as it is: it is no formula, and people
    need it as a number. ``None`` is an empty cell.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    first = text[:1] if text[:1] in ("\t", "\r") else text.lstrip(" \u00a0")[:1]
    if first and first in FORMULA_START and not _NUMBER.match(text):
        return "'" + text
    return text


def csv_row(values: Iterable[Any]) -> List[str]:
    """Every value of a row through :func:`csv_cell`."""
    return [csv_cell(value) for value in values]


class _Writer:
    def __init__(self, out, **fmtparams):
        self._writer = csv.writer(out, **fmtparams)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(csv_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out, **fmtparams) -> _Writer:
    """Like ``csv.writer(out, ...)``, with every cell through :func:`csv_cell`."""
    return _Writer(out, **fmtparams)


class DictWriter(csv.DictWriter):
    """``csv.DictWriter`` with every cell (the header too) through :func:`csv_cell`."""

    def writerow(self, rowdict):
        return super().writerow({key: csv_cell(value) for key, value in rowdict.items()})
