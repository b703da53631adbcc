"""One owner per table: no SQL in the actions or the web app, and each table's SQL only in its owner."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from appdb.migrations import TABLE_OWNERS

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("actions", "bot", "internships", "labour_outlook", "appdb")
# The code that the Rasa server loads uses Rasa's own tracker tables, not the app database.
NOT_APP_DB = (REPO / "bot" / "rasa_ext",)
LEDGER = REPO / "appdb" / "migrations.py"  # creates every table (DDL)
NO_SQL = ("actions", "bot/web")

SQL_TEXT = re.compile(
    r"\bselect\s|\binsert\s|\bupdate\s|\bdelete\s+from\b"  # SQL text
    r"|\.execute\(|\.executescript\(|\.query\("  # running it
    # sqlite-utils' table API: db["table"], db.table("table"), and its methods on any name
    r"|db\[|\.table\(|\.rows_where\(|\.upsert(_all)?\(|\.insert_all\("
    r"|\[[\"'][a-z_]+[\"']\]\s*\.\s*(insert|upsert|update|delete|rows|count|create|lookup|get)\b",
    re.IGNORECASE,
)


def python_files(*folders: str) -> list[Path]:
    files = [p for folder in folders for p in sorted((REPO / folder).rglob("*.py"))]
    return [p for p in files if not any(p.is_relative_to(skip) for skip in NOT_APP_DB)]


def owner_file(module: str) -> Path:
    path = REPO.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def hits(path: Path, pattern: re.Pattern) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [
        f"{path.relative_to(REPO)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0).strip()!r}"
        for m in pattern.finditer(text)
    ]


def test_actions_and_web_app_have_no_sql():
    found = [hit for path in python_files(*NO_SQL) for hit in hits(path, SQL_TEXT)]
    assert not found, (
        "SQL or sqlite-utils table access in actions/ or bot/web/; call the table's owner "
        "(appdb.migrations.TABLE_OWNERS) instead:\n" + "\n".join(found)
    )


def test_every_owner_module_exists():
    missing = sorted({m for m in TABLE_OWNERS.values() if not owner_file(m).exists()})
    assert not missing


@pytest.mark.parametrize("table", sorted(TABLE_OWNERS))
def test_only_the_owner_writes_sql_for_its_table(table):
    pattern = re.compile(rf"\b(from|into|update|join)\s+\[?{re.escape(table)}\b", re.IGNORECASE)
    allowed = {owner_file(TABLE_OWNERS[table]), LEDGER}
    found = [hit for path in python_files(*PACKAGES) if path not in allowed for hit in hits(path, pattern)]
    assert not found, (
        f"SQL on table {table} outside its owner {TABLE_OWNERS[table]}; add a function there "
        "and call it:\n" + "\n".join(found)
    )


def test_the_checks_see_sql():
    """The patterns find the forms of SQL we moved out (so a passing test means something)."""
    samples = [
        'db.execute("delete from shares where conversation_id = ?", [c])',
        'db.conn.execute("SELECT code, name FROM institutions")',
        'list(db["handoffs"].rows_where("school = ?", [s]))',
        '"update handoffs set status = ?"',
        'connection["portal_accounts"].insert({"email": e})',
    ]
    for sample in samples:
        assert SQL_TEXT.search(sample), sample
    owner_pattern = re.compile(r"\b(from|into|update|join)\s+\[?shares\b", re.IGNORECASE)
    assert owner_pattern.search(samples[0]) and not owner_pattern.search("from bot import facts, shares_view")
