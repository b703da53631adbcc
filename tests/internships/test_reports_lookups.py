"""Looking up a report by its code: failed look-ups are throttled per conversation and in total;
withdrawal goes through a one-time ticket; guessing a live code takes impractically long."""

import threading
import time

import pytest

from internships import reports
from internships.reports import lookups
from internships.reports.settings import LookupLimits
from tests.internships.reports_fixtures import db_file, draft, open_file_db

NOW = 1_800_000_000.0
WRONG = ["K7PQ2XHM4B", "R4TW9KMZ2C", "X4YZ7ABC3D", "AB23CD45EF", "MN67PQ89RS", "ZZ22YY33XX"]


@pytest.fixture(autouse=True)
def default_limits(monkeypatch):
    monkeypatch.delenv("KANSRIJK_REPORT_LOOKUPS_CONVERSATION", raising=False)
    monkeypatch.delenv("KANSRIJK_REPORT_LOOKUPS_TOTAL", raising=False)


def miss(db, code, conversation, now=NOW, **kwargs):
    with pytest.raises(reports.UnknownReportCode):
        reports.lookup_status(db, code, conversation, now=now, **kwargs)


def test_five_wrong_codes_pause_this_conversation_for_a_quarter_of_an_hour(fresh_db):
    code = reports.submit_report(fresh_db, draft())
    for i, wrong in enumerate(WRONG[:5]):
        miss(fresh_db, wrong, "guesser", now=NOW + i)
    # Now even the right code is not looked up: the answer must not tell a guess from a hit.
    with pytest.raises(reports.LookupThrottled) as info:
        reports.lookup_status(fresh_db, code, "guesser", now=NOW + 10)
    assert info.value.scope == "conversation"
    assert info.value.retry_after == 15 * 60 - 10  # the first miss leaves the window then
    assert "Probeer het over 15 minuten opnieuw" in str(info.value)
    with pytest.raises(reports.LookupThrottled):
        reports.withdrawal_ticket(fresh_db, code, "guesser", now=NOW + 10)
    # Another conversation is not slowed down, and later this one may try again.
    assert reports.lookup_status(fresh_db, code, "student", now=NOW + 10).status == "nieuw"
    assert reports.lookup_status(fresh_db, code, "guesser", now=NOW + 15 * 60 + 1).status == "nieuw"


def test_a_hundred_wrong_codes_an_hour_pause_every_conversation(fresh_db):
    code = reports.submit_report(fresh_db, draft())
    for i in range(100):  # one guess each from a hundred conversations: the per-conversation limit never bites
        miss(fresh_db, WRONG[i % len(WRONG)], f"sybil-{i}", now=NOW + i)
    with pytest.raises(reports.LookupThrottled) as info:
        reports.lookup_status(fresh_db, code, "new-conversation", now=NOW + 100)
    assert info.value.scope == "total"
    assert info.value.retry_after == 3600 - 100
    assert "te veel codes" in str(info.value)
    assert reports.lookup_status(fresh_db, code, "new-conversation", now=NOW + 3601).status == "nieuw"


def test_the_right_code_and_malformed_codes_use_up_nothing(fresh_db):
    code = reports.submit_report(fresh_db, draft())
    for i in range(30):
        assert reports.lookup_status(fresh_db, code, "student", now=NOW + i).code == code
    for typo in ["K7PQ2XH", "K7PQ2XHM4BX", "K0PQ2XHM4B", "'; DROP TABLE reports; --", "", "\x00" * 10]:
        miss(fresh_db, typo, "student")
    assert fresh_db.conn.execute("SELECT count(*) FROM report_lookup_misses").fetchone()[0] == 0


def test_limits_come_from_the_environment(fresh_db, monkeypatch):
    monkeypatch.setenv("KANSRIJK_REPORT_LOOKUPS_CONVERSATION", "2")
    for wrong in WRONG[:2]:
        miss(fresh_db, wrong, "c")
    with pytest.raises(reports.LookupThrottled):
        reports.lookup_status(fresh_db, WRONG[2], "c", now=NOW)
    monkeypatch.setenv("KANSRIJK_REPORT_LOOKUPS_TOTAL", "nul")
    with pytest.raises(reports.InvalidSetting) as info:
        reports.lookup_status(fresh_db, WRONG[2], "d", now=NOW)
    assert "KANSRIJK_REPORT_LOOKUPS_TOTAL" in str(info.value)


def test_a_miss_keeps_no_code_and_no_conversation_id_and_goes_after_an_hour(fresh_db):
    miss(fresh_db, WRONG[0], "conv-secret", now=time.time() - 2 * 3600)
    stored = repr(fresh_db.conn.execute("SELECT * FROM report_lookup_misses").fetchall())
    assert WRONG[0] not in stored and "conv-secret" not in stored
    reports.purge(fresh_db)  # retention also clears the throttle's old rows
    assert fresh_db.conn.execute("SELECT count(*) FROM report_lookup_misses").fetchone()[0] == 0


def test_the_throttle_holds_across_connections_and_processes(register_db):
    path = db_file(register_db)
    for wrong in WRONG[:5]:
        other = open_file_db(path)  # each action-server call opens its own connection
        miss(other, wrong, "guesser")
        other.close()
    with pytest.raises(reports.LookupThrottled):
        reports.lookup_status(open_file_db(path), WRONG[5], "guesser", now=NOW)


def test_parallel_guesses_cannot_slip_past_the_limit_together(register_db):
    path = db_file(register_db)
    limits = LookupLimits(per_conversation=1000, total=10)
    barrier = threading.Barrier(30)
    outcomes = []

    def guess(i):
        db = open_file_db(path)
        barrier.wait()
        try:
            reports.lookup_status(db, f"{WRONG[i % 6][:8]}{'ABCDEFGHJK'[i % 10]}{i % 8 + 2}", f"c{i}",
                                  now=NOW, limits=limits)
        except reports.UnknownReportCode:
            outcomes.append("miss")
        except reports.LookupThrottled:
            outcomes.append("throttled")
        finally:
            db.close()

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("miss") == 10 and outcomes.count("throttled") == 20


def test_withdrawal_goes_through_a_one_time_ticket(fresh_db):
    code = reports.submit_report(fresh_db, draft())
    ticket = reports.withdrawal_ticket(fresh_db, code, "student", now=NOW)
    assert code not in ticket and len(ticket) == 32
    assert reports.get_status(fresh_db, code).status == "nieuw"  # nothing deleted before "ja"
    assert ticket not in repr(fresh_db.conn.execute("SELECT * FROM report_withdraw_tickets").fetchall())
    reports.withdraw_by_ticket(fresh_db, ticket, now=NOW + 60)
    with pytest.raises(reports.UnknownReportCode):
        reports.get_status(fresh_db, code)
    with pytest.raises(reports.UnknownReportCode) as info:
        reports.withdraw_by_ticket(fresh_db, ticket, now=NOW + 61)  # used
    assert "opnieuw" in str(info.value)


def test_an_old_ticket_withdraws_nothing(fresh_db):
    code = reports.submit_report(fresh_db, draft())
    ticket = reports.withdrawal_ticket(fresh_db, code, "student", now=NOW)
    with pytest.raises(reports.UnknownReportCode):
        reports.withdraw_by_ticket(fresh_db, ticket, now=NOW + lookups.TICKET_SECONDS + 1)
    with pytest.raises(reports.UnknownReportCode):
        reports.withdraw_by_ticket(fresh_db, "0" * 32, now=NOW)
    assert reports.get_status(fresh_db, code).status == "nieuw"
    assert fresh_db.conn.execute("SELECT count(*) FROM report_withdraw_tickets").fetchone()[0] == 0


def test_a_ticket_goes_with_its_report(fresh_db):
    code = reports.submit_report(fresh_db, draft())
    reports.withdrawal_ticket(fresh_db, code, "student", now=NOW)
    reports.withdraw(fresh_db, code)  # e.g. staff on the server, or retention
    assert fresh_db.conn.execute("SELECT count(*) FROM report_withdraw_tickets").fetchone()[0] == 0


def test_guessing_one_live_code_at_the_total_limit_takes_thousands_of_years():
    figures = {f["length"]: f for f in reports.guessing_figure({10: 10_000, 8: 10_000})}
    # 32^10 codes / 10,000 live reports / 100 tries an hour
    assert figures[10]["expected_hours"] == pytest.approx(32**10 / 10_000 / 100)
    assert figures[10]["expected_years"] > 100_000
    # The old 8-character codes, were 10,000 of them still live: still over a century.
    assert 100 < figures[8]["expected_years"] < 200
    assert reports.guessing_figure({})[0]["expected_years"] is None


def test_the_cli_prints_the_limits_and_the_figure(fresh_db, capsys, tmp_path):
    reports.submit_report(fresh_db, draft())
    assert reports.main(["--db", str(db_file(fresh_db)), "throttle"]) == 0
    out = capsys.readouterr().out
    assert "5 foute codes per gesprek per 15 minuten" in out and "100 foute codes" in out
    assert "Codes van 10 tekens: 1 melding(en)" in out and "jaar" in out
