"""Retention that runs: each purge with a fake clock, and one run of all of them (bot/retention.py).

The tracker store's purge has its own fake-clock test in tests/bot/test_tracker_store.py;
the daily schedule under `make run` is tested in tests/bot/test_run.py.
"""
from datetime import datetime, timedelta, timezone

import pytest

from bot import accounts, facts, retention
from internships import reports
from tests.internships.reports_fixtures import draft

# ``fresh_db`` is the migrated temporary database of tests/conftest.py.


def later(days: float = 0, **delta) -> datetime:
    """The fake clock: `days` from now."""
    return datetime.now(timezone.utc) + timedelta(days=days, **delta)


def statuses(db):
    return sorted(row["status"] for row in db["handoffs"].rows)


def test_open_and_picked_up_handoffs_stay_finished_ones_go(fresh_db):
    for status in ("open", "opgepakt", "klaar"):
        facts.create_handoff(fresh_db, f"c-{status}", "vraag", "zelf", school="DEMO01")
    for row in list(fresh_db["handoffs"].rows):
        status = row["conversation_id"].removeprefix("c-")
        if status != "open":
            facts.set_handoff_status(fresh_db, row["id"], "DEMO01", status)

    facts.purge_older_than(fresh_db, 90, now=later(89))
    assert statuses(fresh_db) == ["klaar", "open", "opgepakt"]
    facts.purge_older_than(fresh_db, 90, now=later(91))
    # A student is still waiting for an answer to these, however old they are.
    assert statuses(fresh_db) == ["open", "opgepakt"]
    facts.purge_older_than(fresh_db, 90, now=later(3650))
    assert statuses(fresh_db) == ["open", "opgepakt"]


def test_a_closed_handoff_counts_from_when_it_was_closed(fresh_db):
    facts.create_handoff(fresh_db, "c1", "vraag", "zelf", school="DEMO01")
    handoff = next(iter(fresh_db["handoffs"].rows))
    fresh_db["handoffs"].update(handoff["id"], {"created_at": "2020-01-01T00:00:00+00:00"})
    facts.set_handoff_status(fresh_db, handoff["id"], "DEMO01", "klaar")
    facts.purge_older_than(fresh_db, 90, now=later(10))
    assert statuses(fresh_db) == ["klaar"]


def test_facts_and_shares_go_after_the_period(fresh_db):
    facts.record_fact(fresh_db, "c1", "interests", {"text": "dieren"})
    facts.share_with_school(fresh_db, "c1", "DEMO01")
    assert facts.purge_older_than(fresh_db, 90, now=later(89)) == 0
    assert facts.purge_older_than(fresh_db, 90, now=later(91)) == 2
    assert facts.facts_for(fresh_db, "c1") == [] and facts.shared_ids(fresh_db, "DEMO01") == set()


def test_typed_addresses_of_failed_logins_go_after_a_quiet_hour(fresh_db):
    start = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)
    ip = "198.51.100.7"
    assert accounts.authenticate(fresh_db, "typo@school.nl", "verkeerd", now=start, ip=ip) is None
    for _ in range(accounts.MAX_FAILURES - 1):
        accounts.authenticate(fresh_db, "locked@school.nl", "verkeerd", now=start, ip=ip)
    moment = start
    for _ in range(5):  # waits of 1, 2, 4, 8 and 15 minutes: the last failure at 12:15, waiting until 12:30
        last = moment
        with pytest.raises(accounts.LockedOut) as error:
            accounts.authenticate(fresh_db, "locked@school.nl", "verkeerd", now=moment, ip=ip)
        moment = error.value.until
    assert (last, moment) == (start + timedelta(minutes=15), start + timedelta(minutes=30))

    def emails():
        return sorted(row["email"] for row in fresh_db["portal_login_failures"].rows if row["email"])

    assert accounts.purge_login_failures(fresh_db, now=start + timedelta(minutes=59)) == 0
    assert accounts.purge_login_failures(fresh_db, now=start + timedelta(minutes=61)) == 1
    assert emails() == ["locked@school.nl"]  # an hour after its wait ends
    assert accounts.purge_login_failures(fresh_db, now=start + timedelta(minutes=89)) == 0
    assert accounts.purge_login_failures(fresh_db, now=start + timedelta(minutes=91)) == 1
    assert emails() == []
    # The IP's own count (no address in it) is kept for a day after its last failure.
    assert accounts.purge_login_failures(fresh_db, now=last + timedelta(hours=24, minutes=1)) == 1
    assert list(fresh_db["portal_login_failures"].rows) == []


def test_portal_sessions_go_after_eight_hours_or_thirty_idle_minutes(fresh_db):
    account = accounts.add_account(fresh_db, "decaan@school.nl", "counsellor", "DEMO01", "geheim-wachtwoord")
    start = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)
    busy = accounts.start_session(fresh_db, account, now=start)
    accounts.start_session(fresh_db, account, now=start)  # left open at 8:00
    for minute in range(0, 8 * 60, 20):  # used every 20 minutes
        assert accounts.session_account(fresh_db, busy, now=start + timedelta(minutes=minute))
    assert accounts.purge_sessions(fresh_db, now=start + timedelta(minutes=29)) == 0
    assert accounts.purge_sessions(fresh_db, now=start + timedelta(minutes=31)) == 1
    assert accounts.purge_sessions(fresh_db, now=start + timedelta(hours=7, minutes=59)) == 0
    assert accounts.purge_sessions(fresh_db, now=start + timedelta(hours=8)) == 1
    assert list(fresh_db["portal_sessions"].rows) == []


def test_one_run_purges_facts_reports_failed_logins_and_sessions(fresh_db, monkeypatch):
    monkeypatch.delenv("KANSRIJK_REPORT_RETENTION", raising=False)
    facts.record_fact(fresh_db, "c1", "interests", {})
    facts.create_handoff(fresh_db, "c1", "vraag", "zelf", school="DEMO01")
    reports.submit_report(fresh_db, draft(), now=later(0))
    accounts.authenticate(fresh_db, "typo@school.nl", "verkeerd", now=later(-1))  # rows per address+IP and IP
    account = accounts.add_account(fresh_db, "decaan@school.nl", "counsellor", "DEMO01", "geheim-wachtwoord")
    accounts.start_session(fresh_db, account)

    assert retention.purge_app_db(fresh_db, 90, now=later(1)) == {
        "facts": 0, "reports": 0, "login_failures": 2, "sessions": 1}
    # Anonymous reports are kept 730 days; the open hand-off stays.
    assert retention.purge_app_db(fresh_db, 90, now=later(731)) == {
        "facts": 1, "reports": 1, "login_failures": 0, "sessions": 0}
    assert statuses(fresh_db) == ["open"]


def test_a_failing_purge_does_not_stop_the_others(fresh_db, monkeypatch):
    facts.record_fact(fresh_db, "c1", "interests", {})

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(accounts, "purge_login_failures", broken)
    lines = []
    counts = retention.purge_app_db(fresh_db, 90, now=later(91), log=lines.append)
    assert counts == {"facts": 1, "reports": 0, "sessions": 0}
    assert lines == ["opschonen van login_failures mislukt: kapot"]


def test_run_all_also_purges_the_tracker_store(fresh_db, tmp_path):
    """The real tracker purge in .venv-rasa, on an empty tracker store of this test."""
    env = {"PATH": "/usr/bin:/bin", "KANSRIJK_VAR": str(tmp_path), "KANSRIJK_DB": str(tmp_path / "kansrijk.db"),
           "KANSRIJK_TRACKER_DB": str(tmp_path / "tracker.db")}
    lines = []
    retention.run_all(env=env, log=lines.append)
    assert lines[0].startswith("0 rijen verwijderd (ouder dan 90 dagen)"), lines
    assert lines[1].startswith("0 gesprekken verwijderd (ouder dan 90 dagen); 0 gebeurtenissen"), lines
    assert (tmp_path / "tracker.db").exists()


def test_the_command_purges_everything_in_the_app_database(fresh_db, capsys):
    fresh_db["facts"].insert({"conversation_id": "old", "kind": "interests", "payload": "{}",
                              "created_at": "2020-01-01T00:00:00+00:00"})
    assert retention.main(["purge"]) == 0
    out = capsys.readouterr().out
    assert "1 rijen verwijderd (ouder dan 90 dagen)" in out
    assert "0 meldingen verwijderd" in out and "0 mislukte inlogpogingen verwijderd" in out
    assert "0 verlopen portaalsessies verwijderd" in out
