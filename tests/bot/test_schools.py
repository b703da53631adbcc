"""The school registry and its CLI, the rate limits, and the accounts CLI that checks the registry."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest

import appdb
from bot import accounts, facts, schools, seed

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=timezone.utc)


def test_add_list_deactivate_activate_through_the_cli(fresh_db, capsys):
    assert schools.main(["add", "demo02", "Het Nieuwe College"], db=fresh_db) == 0
    assert "School DEMO02 (Het Nieuwe College) staat in de lijst en staat aan." in capsys.readouterr().out
    assert schools.main(["add", "DEMO02", "Het Nieuwe College"], db=fresh_db) == 0  # again: no change
    assert schools.main(["deactivate", "demo02"], db=fresh_db) == 0
    assert schools.main(["list"], db=fresh_db) == 0
    assert "DEMO02\tuit\tHet Nieuwe College" in capsys.readouterr().out
    assert schools.main(["activate", "DEMO02"], db=fresh_db) == 0
    assert schools.get_school(fresh_db, "demo02") == schools.School("DEMO02", "Het Nieuwe College", True)


@pytest.mark.parametrize("argv, message", [
    (["deactivate", "demo99"], "onbekende school demo99"),
    (["activate", "demo99"], "onbekende school demo99"),
    (["add", "x", "Naam"], "kan geen schoolcode zijn"),
    (["add", "DEMO 1", "Naam"], "kan geen schoolcode zijn"),
    (["add", "DEMO02", "  "], "Geef de school een naam"),
])
def test_cli_errors_say_what_to_do(fresh_db, capsys, argv, message):
    assert schools.main(argv, db=fresh_db) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and message in err


def test_a_code_cannot_be_taken_by_another_name(fresh_db, capsys):
    schools.add_school(fresh_db, "DEMO02", "Het Nieuwe College")
    assert schools.main(["add", "demo02", "Een Andere School"], db=fresh_db) == 1
    assert "bestaat al" in capsys.readouterr().err
    assert schools.get_school(fresh_db, "DEMO02").name == "Het Nieuwe College"


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        schools.main(["--help"])
    out = capsys.readouterr().out
    for command in ("add", "list", "deactivate", "activate"):
        assert command in out
    assert "Alleen een school in deze lijst" in out


def test_admit_counts_per_conversation_per_day_and_per_school_per_hour(fresh_db, monkeypatch):
    monkeypatch.setitem(schools.LIMITS, "share", schools.Limit(per_conversation=2, per_school=3))
    schools.add_school(fresh_db, "DEMO01", "Demo")

    def share(conversation, at):
        with schools.admit(fresh_db, "demo01", conversation, "share", now=at) as school:
            assert school.code == "DEMO01"

    share("a", NOW)
    share("a", NOW + timedelta(minutes=1))
    with pytest.raises(schools.RateLimited) as limited:
        share("a", NOW + timedelta(hours=23))
    assert limited.value.scope == "conversation"
    share("a", NOW + timedelta(hours=24, minutes=1))  # a day later it works again

    share("b", NOW + timedelta(hours=24, minutes=2))
    share("c", NOW + timedelta(hours=24, minutes=3))
    with pytest.raises(schools.RateLimited) as limited:
        share("d", NOW + timedelta(hours=24, minutes=4))
    assert limited.value.scope == "school"
    share("d", NOW + timedelta(hours=25, minutes=2))  # an hour later the school has room again


def test_admit_refuses_unknown_and_inactive_schools_before_the_block_runs(fresh_db):
    schools.add_school(fresh_db, "DEMO01", "Demo")
    schools.set_active(fresh_db, "DEMO01", False)
    ran = []
    for code, error in (("DEMO99", schools.UnknownSchool), (None, schools.UnknownSchool),
                        ("DEMO01", schools.InactiveSchool)):
        with pytest.raises(error):
            with schools.admit(fresh_db, code, "a", "handoff"):
                ran.append(code)
    assert ran == []


def test_a_failed_write_is_not_counted(fresh_db, monkeypatch):
    monkeypatch.setitem(schools.LIMITS, "handoff", schools.Limit(per_conversation=1, per_school=10))
    schools.add_school(fresh_db, "DEMO01", "Demo")
    with pytest.raises(RuntimeError):
        with schools.admit(fresh_db, "DEMO01", "a", "handoff"):
            facts.create_handoff(fresh_db, "a", "vraag", "zelf", school="DEMO01")
            raise RuntimeError("the write after it failed")
    assert facts.handoffs_for(fresh_db, "a") == []  # rolled back with the count
    with schools.admit(fresh_db, "DEMO01", "a", "handoff"):
        facts.create_handoff(fresh_db, "a", "vraag", "zelf", school="DEMO01")
    assert len(facts.handoffs_for(fresh_db, "a")) == 1


def test_parallel_requests_cannot_pass_the_limit_together(tmp_path, monkeypatch):
    """Like the portal lockout, the count must hold under concurrency: 20 threads, own connections."""
    path = tmp_path / "app.db"
    db = appdb.connect(path)
    schools.add_school(db, "DEMO01", "Demo")
    limit = schools.LIMITS["share"].per_conversation
    outcomes = []
    start = threading.Barrier(20)

    def attempt():
        own = appdb.connect(path)
        start.wait()
        try:
            with schools.admit(own, "DEMO01", "same-conversation", "share"):
                outcomes.append("ok")
        except schools.RateLimited:
            outcomes.append("limited")
        finally:
            own.close()

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("ok") == limit and outcomes.count("limited") == 20 - limit


def test_rate_events_hold_no_conversation_id_and_are_forgotten(fresh_db):
    schools.add_school(fresh_db, "DEMO01", "Demo")
    with schools.admit(fresh_db, "DEMO01", "conv-secret-id", "share"):
        pass
    [row] = fresh_db["school_rate_events"].rows
    assert "conv-secret-id" not in str(row)
    facts.forget_conversation(fresh_db, "conv-secret-id")  # "verwijder mijn gegevens"
    assert fresh_db["school_rate_events"].count == 0


def test_old_rate_events_are_deleted(fresh_db):
    schools.add_school(fresh_db, "DEMO01", "Demo")
    with schools.admit(fresh_db, "DEMO01", "a", "share", now=NOW):
        pass
    with schools.admit(fresh_db, "DEMO01", "b", "share", now=NOW + timedelta(days=1, minutes=1)):
        pass
    assert [r["at"] for r in fresh_db["school_rate_events"].rows] == ["2026-12-03T10:01:00+00:00"]


def test_the_daily_retention_run_deletes_rate_events_older_than_a_day(fresh_db):
    schools.add_school(fresh_db, "DEMO01", "Demo")
    with schools.admit(fresh_db, "DEMO01", "a", "share", now=NOW):
        pass
    assert facts.purge_older_than(fresh_db, 90, now=NOW + timedelta(hours=23)) == 0
    assert facts.purge_older_than(fresh_db, 90, now=NOW + timedelta(hours=25)) == 1
    assert fresh_db["school_rate_events"].count == 0


# ---------------------------------------------------------------------- portal accounts


def test_the_accounts_cli_creates_accounts_only_for_registered_active_schools(fresh_db, capsys):
    add = ["add", "--role", "counsellor", "--generate"]
    assert accounts.main(add + ["--school", "demo99", "d@demo99.nl"], db=fresh_db) == 1
    assert "Fout: onbekende school demo99" in capsys.readouterr().err
    schools.add_school(fresh_db, "DEMO02", "Het Nieuwe College")
    schools.set_active(fresh_db, "DEMO02", False)
    assert accounts.main(add + ["--school", "DEMO02", "d@demo02.nl"], db=fresh_db) == 1
    assert "staat uit" in capsys.readouterr().err
    assert accounts.list_accounts(fresh_db) == []
    schools.set_active(fresh_db, "DEMO02", True)
    assert accounts.main(add + ["--school", "demo02", "d@demo02.nl"], db=fresh_db) == 0
    # Stored as the registry spells it, so the account sees the shares of DEMO02.
    assert accounts.get_account(fresh_db, "d@demo02.nl").school == "DEMO02"


# --------------------------------------------------------------------------- demo seed


def test_the_seed_registers_the_demo_schools_of_the_page_and_the_demo_logins(fresh_db):
    codes = seed.seed_schools(fresh_db)
    assert seed.seed_schools(fresh_db) == codes  # idempotent
    from bot.web.app import DEMO_SCHOOL

    for code in {DEMO_SCHOOL} | {school for _email, _role, school in seed.DEMO_ACCOUNTS}:
        assert schools.active_school(fresh_db, code).code == code
