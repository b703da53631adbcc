"""Retention: the purge deletes reports whose term per status has passed, and nothing else."""

import datetime as dt

import pytest

from internships import reports
from tests.internships.reports_fixtures import draft, follow_up

NOW = dt.date(2026, 3, 12)


def days_ago(n):
    return NOW - dt.timedelta(days=n)


def at(n):
    d = days_ago(n)
    return dt.datetime(d.year, d.month, d.day, 10, 0, tzinfo=dt.timezone.utc)


def codes(db):
    return {r[0] for r in db.conn.execute("SELECT code FROM reports")}


@pytest.fixture(autouse=True)
def no_env(monkeypatch):
    monkeypatch.delenv("KANSRIJK_REPORT_RETENTION", raising=False)


def test_defaults():
    days = reports.retention_days()
    assert days["afgesloten"] == 365 and days["anonymous"] == 730
    assert set(days) == {"anonymous", *reports.STATUSES}


def test_anonymous_reports_go_after_730_days(fresh_db):
    old = reports.submit_report(fresh_db, draft(), now=days_ago(731))
    edge = reports.submit_report(fresh_db, draft(), now=days_ago(730))
    new = reports.submit_report(fresh_db, draft(), now=days_ago(10))
    assert reports.purge(fresh_db, now=NOW) == 1
    assert codes(fresh_db) == {edge, new}
    assert old not in codes(fresh_db)


def test_closed_reports_go_365_days_after_closing(register_db):
    closed_long_ago = reports.submit_report(register_db, follow_up(), now=days_ago(500))
    reports.set_status(register_db, closed_long_ago, "afgesloten", by="ROCA", now=at(366))
    closed_recently = reports.submit_report(register_db, follow_up(), now=days_ago(500))
    reports.set_status(register_db, closed_recently, "afgesloten", by="ROCA", now=at(364))
    still_open = reports.submit_report(register_db, follow_up(), now=days_ago(500))
    reports.set_status(register_db, still_open, "in behandeling", by="ROCA", now=at(400))
    assert reports.purge(register_db, now=NOW) == 1
    assert codes(register_db) == {closed_recently, still_open}
    assert register_db.conn.execute(
        "SELECT count(*) FROM report_status_history WHERE report_id NOT IN (SELECT id FROM reports)"
    ).fetchone()[0] == 0


@pytest.mark.parametrize("status, keep_days, purge_days", [
    ("nieuw", 729, 731),
    ("in behandeling", 729, 731),
    ("doorverwezen", 364, 366),
    ("afgesloten", 364, 366),
])
def test_each_status_has_its_own_term(register_db, status, keep_days, purge_days):
    kept = reports.submit_report(register_db, follow_up(), now=days_ago(keep_days))
    gone = reports.submit_report(register_db, follow_up(), now=days_ago(purge_days))
    if status != "nieuw":
        reports.set_status(register_db, kept, status, by="ROCA", now=at(keep_days))
        reports.set_status(register_db, gone, status, by="ROCA", now=at(purge_days))
    assert reports.purge(register_db, now=NOW) == 1
    assert codes(register_db) == {kept}


def test_anonymous_term_applies_even_if_status_changed_recently(fresh_db):
    code = reports.submit_report(fresh_db, draft(), now=days_ago(800))
    reports.set_status(fresh_db, code, "in behandeling", by="admin", now=at(1))
    assert reports.purge(fresh_db, now=NOW) == 1


def test_retention_from_argument_and_env(register_db, monkeypatch):
    code = reports.submit_report(register_db, follow_up(), now=days_ago(100))
    reports.set_status(register_db, code, "afgesloten", by="ROCA", now=at(40))
    assert reports.purge(register_db, now=NOW) == 0
    assert reports.purge(register_db, now=NOW, retention={"afgesloten": 60}) == 0
    monkeypatch.setenv("KANSRIJK_REPORT_RETENTION", "afgesloten=30, in_behandeling=90")
    assert reports.retention_days()["in behandeling"] == 90
    assert reports.purge(register_db, now=NOW, dry_run=True) == 1
    assert codes(register_db) == {code}
    assert reports.purge(register_db, now=NOW) == 1
    assert codes(register_db) == set()


@pytest.mark.parametrize("bad", ["afgesloten", "afgesloten=nul", "afgesloten=0", "gearchiveerd=10"])
def test_bad_retention_is_a_named_error(fresh_db, bad):
    with pytest.raises(reports.InvalidSetting):
        reports.purge(fresh_db, now=NOW, retention=bad)


def test_purge_on_empty_database(fresh_db):
    assert reports.purge(fresh_db) == 0
