"""Text that crosses a trust boundary: :func:`clean_text` on the way in, :func:`csv_cell` on the way out.

Standard library only, so both environments import it: the Rasa server (.venv-rasa,
Python 3.10, through ``bot/rasa_ext``) and everything in .venv (actions, the libraries,
the web app). Nothing here opens a file or a database.

- ``clean_text``: Unicode NFC, without control characters (a newline stays) and without
  the bidi embedding, override and isolate characters that make text display in
  another order than it is stored ("Trojan Source", CVE-2021-42574).
- ``csv_cell``, ``csv_row``, ``writer``, ``DictWriter``: every CSV cell that a
  spreadsheet would run as a formula (it starts with ``= + - @``, a tab or a carriage
  return) gets a leading ``'``, as OWASP advises against CSV injection. A plain
  number (``-0.052``) stays a number.
"""
from __future__ import annotations

from .clean import BIDI_CONTROLS, clean_text
from .csv_cells import FORMULA_START, DictWriter, csv_cell, csv_row, writer

__all__ = ["clean_text", "BIDI_CONTROLS", "csv_cell", "csv_row", "writer", "DictWriter", "FORMULA_START"]
