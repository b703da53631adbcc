"""Portal accounts: argon2 hashes, throttled failures per (address, IP) and per IP, new passwords, the CLI."""
from datetime import datetime, timedelta, timezone

import pytest

from bot import accounts, schools

PASSWORD = "geheim-wachtwoord-123"


def test_password_is_stored_as_argon2_hash(fresh_db):
    accounts.add_account(fresh_db, "Decaan@School.nl", "counsellor", "DEMO01", PASSWORD)
    [row] = fresh_db["portal_accounts"].rows
    assert row["email"] == "decaan@school.nl"
    assert row["password_hash"].startswith("$argon2id$") and PASSWORD not in row["password_hash"]
    assert accounts.authenticate(fresh_db, "DECAAN@school.nl", PASSWORD).school == "DEMO01"


@pytest.mark.parametrize(
    "email, role, school, password, error",
    [
        ("geen-mail", "counsellor", "DEMO01", PASSWORD, accounts.InvalidAccount),
        ("a@b.nl", "admin", "DEMO01", PASSWORD, accounts.InvalidAccount),
        ("a@b.nl", "counsellor", "x", PASSWORD, accounts.InvalidAccount),
        ("a@b.nl", "counsellor", "DEMO01", "kort", accounts.WeakPassword),
    ],
)
def test_bad_accounts_are_refused(fresh_db, email, role, school, password, error):
    with pytest.raises(error):
        accounts.add_account(fresh_db, email, role, school, password)


def test_duplicate_account_is_refused(fresh_db, counsellor):
    with pytest.raises(accounts.DuplicateAccount):
        accounts.add_account(fresh_db, counsellor.email, "counsellor", "DEMO01", PASSWORD)


NOON = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)
HOME, ATTACKER = "192.0.2.10", "198.51.100.66"


def fail(db, email, times, ip=ATTACKER, now=NOON):
    for _ in range(times):
        assert accounts.authenticate(db, email, "fout", now=now, ip=ip) is None


def test_five_failures_start_a_wait_that_doubles(fresh_db, counsellor):
    fail(fresh_db, counsellor.email, 4)
    with pytest.raises(accounts.LockedOut) as fifth:
        accounts.authenticate(fresh_db, counsellor.email, "fout", now=NOON, ip=ATTACKER)
    assert fifth.value.until == NOON + timedelta(minutes=1) and "Wacht 1 minuut" in str(fifth.value)
    # During the wait even the right password does not help from there...
    with pytest.raises(accounts.LockedOut):
        accounts.authenticate(fresh_db, counsellor.email, PASSWORD, now=NOON + timedelta(seconds=59), ip=ATTACKER)
    # ...and each further failure doubles the wait, up to 15 minutes.
    moment, waits = NOON + timedelta(minutes=1), []
    for _ in range(6):
        with pytest.raises(accounts.LockedOut) as error:
            accounts.authenticate(fresh_db, counsellor.email, "fout", now=moment, ip=ATTACKER)
        waits.append(error.value.until - moment)
        moment = error.value.until
    assert [w.total_seconds() / 60 for w in waits] == [2, 4, 8, 15, 15, 15]
    assert "Wacht 15 minuten" in str(error.value)
    assert accounts.authenticate(fresh_db, counsellor.email, PASSWORD, now=moment, ip=ATTACKER) == counsellor


def test_a_known_address_stays_open_from_another_network(fresh_db, counsellor):
    """Whoever knows a counsellor's address can only block it from their own IP."""
    fail(fresh_db, counsellor.email, 4)
    for minute in range(0, 120, 10):
        with pytest.raises(accounts.LockedOut):
            accounts.authenticate(fresh_db, counsellor.email, "fout", now=NOON + timedelta(minutes=minute), ip=ATTACKER)
        assert accounts.authenticate(
            fresh_db, counsellor.email, PASSWORD, now=NOON + timedelta(minutes=minute), ip=HOME) == counsellor


def test_one_ip_trying_many_addresses_is_stopped_too(fresh_db, counsellor):
    for n in range(accounts.IP_MAX_FAILURES - 1):
        assert accounts.authenticate(fresh_db, f"gok{n}@school.nl", "fout", now=NOON, ip=ATTACKER) is None
    with pytest.raises(accounts.LockedOut):
        accounts.authenticate(fresh_db, "nog-een@school.nl", "fout", now=NOON, ip=ATTACKER)
    with pytest.raises(accounts.LockedOut):  # every address, the right password included
        accounts.authenticate(fresh_db, counsellor.email, PASSWORD, now=NOON, ip=ATTACKER)
    assert accounts.authenticate(fresh_db, counsellor.email, PASSWORD, now=NOON, ip=HOME) == counsellor


def test_an_ipv6_line_counts_as_one_address(fresh_db, counsellor):
    for n in range(accounts.MAX_FAILURES - 1):
        accounts.authenticate(fresh_db, counsellor.email, "fout", now=NOON, ip=f"2001:db8:1:2::{n + 1:x}")
    with pytest.raises(accounts.LockedOut):
        accounts.authenticate(fresh_db, counsellor.email, "fout", now=NOON, ip="2001:db8:1:2:ffff::9")
    assert accounts.authenticate(fresh_db, counsellor.email, PASSWORD, now=NOON, ip="2001:db8:1:3::1")


def test_unknown_addresses_lock_the_same_way(fresh_db):
    fail(fresh_db, "niemand@x.nl", 4)
    with pytest.raises(accounts.LockedOut):
        accounts.authenticate(fresh_db, "niemand@x.nl", "fout", now=NOON, ip=ATTACKER)


def test_success_resets_the_failure_count(fresh_db, counsellor):
    fail(fresh_db, counsellor.email, 4, ip=HOME)
    assert accounts.authenticate(fresh_db, counsellor.email, PASSWORD, now=NOON, ip=HOME)
    fail(fresh_db, counsellor.email, 4, ip=HOME)


def test_a_quiet_hour_ends_a_series(fresh_db, counsellor):
    fail(fresh_db, counsellor.email, 4)
    fail(fresh_db, counsellor.email, 4, now=NOON + timedelta(hours=1, seconds=1))


def test_a_new_password_ends_every_session(fresh_db, counsellor):
    token = accounts.start_session(fresh_db, counsellor)
    accounts.set_password(fresh_db, counsellor.email, "een-heel-nieuw-wachtwoord")
    assert accounts.session_account(fresh_db, token) is None
    assert accounts.authenticate(fresh_db, counsellor.email, "een-heel-nieuw-wachtwoord")
    assert accounts.authenticate(fresh_db, counsellor.email, PASSWORD) is None
    with pytest.raises(accounts.WeakPassword):
        accounts.set_password(fresh_db, counsellor.email, "kort")


def test_cli_adds_lists_and_removes(fresh_db, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    schools.add_school(fresh_db, "DEMO-UTR", "Kansrijk College Utrecht (demo)")
    assert accounts.main(["add", "--role", "institution", "--school", "DEMO-UTR",
                          "--password-stdin", "staf@roc.nl"], db=fresh_db) == 0
    assert accounts.main(["list"], db=fresh_db) == 0
    assert "staf@roc.nl\tinstitution\tDEMO-UTR" in capsys.readouterr().out
    assert accounts.authenticate(fresh_db, "staf@roc.nl", PASSWORD)
    assert accounts.main(["remove", "staf@roc.nl"], db=fresh_db) == 0
    assert accounts.main(["remove", "staf@roc.nl"], db=fresh_db) == 1
    assert "Geen account" in capsys.readouterr().err


def test_cli_generate_prints_the_password_once(fresh_db, capsys):
    schools.add_school(fresh_db, "DEMO01", "Demoschool")
    assert accounts.main(["add", "--role", "counsellor", "--school", "DEMO01", "--generate",
                          "d@s.nl"], db=fresh_db) == 0
    password = capsys.readouterr().out.rsplit(": ", 1)[1].strip()
    assert accounts.authenticate(fresh_db, "d@s.nl", password)


def test_cli_password_sets_a_new_one_and_logs_out(fresh_db, counsellor, capsys):
    token = accounts.start_session(fresh_db, counsellor)
    assert accounts.main(["password", "--generate", counsellor.email], db=fresh_db) == 0
    out = capsys.readouterr().out
    assert "overal uitgelogd" in out
    assert accounts.authenticate(fresh_db, counsellor.email, out.rsplit(": ", 1)[1].strip())
    assert accounts.session_account(fresh_db, token) is None
    assert accounts.main(["password", "--generate", "niemand@x.nl"], db=fresh_db) == 1
