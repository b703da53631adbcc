"""Portal accounts: argon2 hashes, lockout after 5 failures for 15 minutes, the CLI."""
from datetime import datetime, timedelta, timezone

import pytest

from bot import accounts

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


def test_lockout_after_five_failures_for_fifteen_minutes(fresh_db, counsellor):
    now = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)
    for _ in range(4):
        assert accounts.authenticate(fresh_db, counsellor.email, "fout", now=now) is None
    with pytest.raises(accounts.LockedOut):
        accounts.authenticate(fresh_db, counsellor.email, "fout", now=now)
    # Locked: even the right password does not help...
    with pytest.raises(accounts.LockedOut):
        accounts.authenticate(fresh_db, counsellor.email, PASSWORD, now=now + timedelta(minutes=14))
    # ...until 15 minutes have passed.
    later = now + timedelta(minutes=15, seconds=1)
    assert accounts.authenticate(fresh_db, counsellor.email, PASSWORD, now=later) == counsellor


def test_unknown_addresses_lock_the_same_way(fresh_db):
    for _ in range(4):
        assert accounts.authenticate(fresh_db, "niemand@x.nl", "fout") is None
    with pytest.raises(accounts.LockedOut):
        accounts.authenticate(fresh_db, "niemand@x.nl", "fout")


def test_success_resets_the_failure_count(fresh_db, counsellor):
    for _ in range(4):
        accounts.authenticate(fresh_db, counsellor.email, "fout")
    assert accounts.authenticate(fresh_db, counsellor.email, PASSWORD)
    for _ in range(4):
        assert accounts.authenticate(fresh_db, counsellor.email, "fout") is None


def test_cli_adds_lists_and_removes(fresh_db, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert accounts.main(["add", "--role", "institution", "--school", "DEMO-UTR",
                          "--password-stdin", "staf@roc.nl"], db=fresh_db) == 0
    assert accounts.main(["list"], db=fresh_db) == 0
    assert "staf@roc.nl\tinstitution\tDEMO-UTR" in capsys.readouterr().out
    assert accounts.authenticate(fresh_db, "staf@roc.nl", PASSWORD)
    assert accounts.main(["remove", "staf@roc.nl"], db=fresh_db) == 0
    assert accounts.main(["remove", "staf@roc.nl"], db=fresh_db) == 1
    assert "Geen account" in capsys.readouterr().err


def test_cli_generate_prints_the_password_once(fresh_db, capsys):
    assert accounts.main(["add", "--role", "counsellor", "--school", "DEMO01", "--generate",
                          "d@s.nl"], db=fresh_db) == 0
    password = capsys.readouterr().out.rsplit(": ", 1)[1].strip()
    assert accounts.authenticate(fresh_db, "d@s.nl", password)
