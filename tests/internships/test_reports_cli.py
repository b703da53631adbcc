"""`python -m internships.reports`: a thin CLI over the reports API."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from internships import reports
from tests.internships.reports_fixtures import draft, follow_up, open_file_db

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_path(file_db_path, monkeypatch):
    monkeypatch.delenv("KANSRIJK_REPORT_THRESHOLD", raising=False)
    monkeypatch.delenv("KANSRIJK_REPORT_RETENTION", raising=False)
    return str(file_db_path)  # migrated, with the register rows


def submit(path, report, **kwargs):
    db = open_file_db(path)
    try:
        return reports.submit_report(db, report, **kwargs)
    finally:
        db.close()


def test_help_lists_every_command():
    result = subprocess.run(
        [sys.executable, "-m", "internships.reports", "--help"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0
    for command in ("purge", "list", "counts", "status", "set-status", "withdraw", "delete-conversation"):
        assert command in result.stdout


def test_status_set_status_and_withdraw(db_path, capsys):
    code = submit(db_path, draft())
    assert reports.main(["--db", db_path, "status", code]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "nieuw"
    assert reports.main(["--db", db_path, "set-status", code, "afgesloten", "--by", "admin"]) == 0
    assert "afgesloten" in capsys.readouterr().out
    assert reports.main(["--db", db_path, "withdraw", code]) == 0
    assert reports.main(["--db", db_path, "status", code]) == 1
    assert "We vinden geen melding met deze code" in capsys.readouterr().err


def test_list_and_counts(db_path, capsys):
    submit(db_path, follow_up(company_name="Garage Van Dijk"))
    for _ in range(3):
        submit(db_path, draft(company_name="Garage Van Dijk"))
    assert reports.main(["--db", db_path, "list", "--institution", "ROCA"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 1 and listed[0]["contact_details"] == "student@example.nl"
    assert reports.main(["--db", db_path, "counts"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["count"] == 3  # the anonymous ones only
    assert reports.main(["--db", db_path, "counts", "--threshold", "5"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_purge_and_dry_run(db_path, capsys):
    submit(db_path, draft(), now=dt.date.today() - dt.timedelta(days=1000))
    submit(db_path, draft())
    assert reports.main(["--db", db_path, "purge", "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("1 melding(en) zouden worden gewist")
    assert reports.main(["--db", db_path, "purge"]) == 0
    assert capsys.readouterr().out.startswith("1 melding(en) gewist")
    assert reports.main(["--db", db_path, "purge", "--retention", "afgesloten=nul"]) == 1
    assert "Bewaartermijn" in capsys.readouterr().err


def test_delete_conversation(db_path, capsys):
    submit(db_path, follow_up(conversation_id="conv-9"))
    assert reports.main(["--db", db_path, "delete-conversation", "conv-9"]) == 0
    assert capsys.readouterr().out.startswith("1 melding(en) gewist")


def test_runs_as_module_with_env_db(db_path):
    code = submit(db_path, draft())
    result = subprocess.run(
        [sys.executable, "-m", "internships.reports", "status", code],
        cwd=REPO, capture_output=True, text=True, env={"KANSRIJK_DB": db_path, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["code"] == code
