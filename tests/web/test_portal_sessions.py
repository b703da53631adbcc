"""Server-side portal sessions: logout, a new password and removing an account end them; 8 hours at most; ids never reused."""
import base64
import hashlib
import json
from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

import appdb
from bot import accounts

PASSWORD = "geheim-wachtwoord-123"
PAGE = "/portaal/gesprekken"


def opens(app, cookie: str) -> bool:
    """Whether a browser that only has this copied cookie gets the counsellor's page."""
    with TestClient(app) as thief:
        thief.cookies.set("kansrijk_portaal", cookie)
        return thief.get(PAGE, follow_redirects=False).status_code == 200


def logged_in_cookie(client, login, email) -> str:
    assert login(client, email).status_code == 303
    assert client.get(PAGE, follow_redirects=False).status_code == 200
    return client.cookies["kansrijk_portaal"]


def session_id(cookie: str) -> str:
    payload = cookie.split(".")[0]
    return json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))["sid"]


def test_a_cookie_copied_before_logout_is_refused_after(client, counsellor, login, csrf):
    cookie = logged_in_cookie(client, login, counsellor.email)
    assert opens(client.app, cookie)
    token = csrf(client.get(PAGE).text)
    assert client.post("/portaal/logout", data={"csrf": token}, follow_redirects=False).status_code == 303
    assert not opens(client.app, cookie)
    assert client.get(PAGE, follow_redirects=False).headers["location"] == "/portaal/login"


def test_logging_in_again_ends_the_earlier_session(client, counsellor, login):
    first = logged_in_cookie(client, login, counsellor.email)
    second = logged_in_cookie(client, login, counsellor.email)
    assert not opens(client.app, first) and opens(client.app, second)


def test_only_a_hash_of_the_session_id_is_stored(client, counsellor, login, fresh_db):
    sid = session_id(logged_in_cookie(client, login, counsellor.email))
    assert len(sid) >= 43  # secrets.token_urlsafe(32)
    [row] = fresh_db["portal_sessions"].rows
    assert row["token_hash"] == hashlib.sha256(sid.encode()).hexdigest()
    assert sid not in json.dumps(row)


def test_a_removed_accounts_cookie_never_opens_the_next_account(client, login, fresh_db):
    removed = accounts.add_account(fresh_db, "weg@demo01.nl", "counsellor", "DEMO01", PASSWORD)
    cookie = logged_in_cookie(client, login, removed.email)
    accounts.remove_account(fresh_db, removed.email)
    assert not opens(client.app, cookie)
    # Before, the cookie held the account id, and SQLite gave that id to the next account.
    newcomer = accounts.add_account(fresh_db, "nieuw@demo01.nl", "counsellor", "DEMO01", PASSWORD)
    assert newcomer.id != removed.id
    assert not opens(client.app, cookie)


def test_a_new_password_logs_out_every_browser(client, counsellor, login, fresh_db):
    cookie = logged_in_cookie(client, login, counsellor.email)
    accounts.set_password(fresh_db, counsellor.email, "een-ander-wachtwoord-456")
    assert not opens(client.app, cookie)


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock(datetime(2026, 12, 2, 8, 0, tzinfo=timezone.utc))
    monkeypatch.setattr(accounts, "_now", fake)
    return fake


def test_a_session_lasts_eight_hours_however_busy(client, counsellor, login, clock):
    start = clock.now
    cookie = logged_in_cookie(client, login, counsellor.email)
    for minutes in range(20, 8 * 60, 20):  # a page every 20 minutes: the expiry does not slide
        clock.now = start + timedelta(minutes=minutes)
        assert opens(client.app, cookie), minutes
    clock.now = start + timedelta(hours=8)
    assert not opens(client.app, cookie)


def test_a_session_ends_after_thirty_idle_minutes(client, counsellor, login, clock):
    start = clock.now
    cookie = logged_in_cookie(client, login, counsellor.email)
    clock.now = start + timedelta(minutes=29)
    assert opens(client.app, cookie)
    clock.now = start + timedelta(minutes=58)  # 29 minutes after the last page
    assert opens(client.app, cookie)
    clock.now = start + timedelta(minutes=89)
    assert not opens(client.app, cookie)
    # And once ended it stays ended, also for a clock that goes back.
    clock.now = start + timedelta(minutes=60)
    assert not opens(client.app, cookie)


def test_account_ids_are_never_reused(fresh_db):
    first = accounts.add_account(fresh_db, "a@demo01.nl", "counsellor", "DEMO01", PASSWORD)
    last = accounts.add_account(fresh_db, "b@demo01.nl", "counsellor", "DEMO01", PASSWORD)
    accounts.remove_account(fresh_db, last.email)  # the highest id: plain SQLite would hand it out again
    again = accounts.add_account(fresh_db, "c@demo01.nl", "counsellor", "DEMO01", PASSWORD)
    assert again.id > last.id > first.id


def test_the_upgrade_keeps_accounts_and_their_ids(tmp_path, monkeypatch):
    """A database from before the sessions migration: same rows and ids, passwords still work."""
    names = [name for name, _ in appdb.MIGRATIONS]
    before = appdb.MIGRATIONS[: names.index("portal_0002_accounts_autoincrement")]
    path = tmp_path / "old.db"
    with monkeypatch.context() as patch:
        patch.setattr(appdb, "MIGRATIONS", before)
        old = appdb.connect(path)
        for email in ("a@demo01.nl", "b@demo01.nl", "c@demo01.nl"):
            accounts.add_account(old, email, "counsellor", "DEMO01", PASSWORD)
        with appdb.transaction(old):
            old.execute("DELETE FROM portal_accounts WHERE email = 'b@demo01.nl'")
        assert "portal_sessions" not in old.table_names()
        old.close()

    db = appdb.connect(path)
    try:
        assert [(a.id, a.email) for a in accounts.list_accounts(db)] == [(1, "a@demo01.nl"), (3, "c@demo01.nl")]
        assert accounts.authenticate(db, "c@demo01.nl", PASSWORD).id == 3
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = 'portal_accounts'").fetchone()
        assert "AUTOINCREMENT" in sql
        assert db.execute("PRAGMA index_list('portal_accounts')").fetchall()  # the unique e-mail index is back
        with pytest.raises(accounts.DuplicateAccount):
            accounts.add_account(db, "a@demo01.nl", "counsellor", "DEMO01", PASSWORD)
        [key] = db.execute("PRAGMA foreign_key_list('portal_sessions')").fetchall()
        assert key[2] == "portal_accounts" and key[6] == "CASCADE"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        newest = accounts.add_account(db, "d@demo01.nl", "counsellor", "DEMO01", PASSWORD)
        accounts.remove_account(db, newest.email)
        assert accounts.add_account(db, "e@demo01.nl", "counsellor", "DEMO01", PASSWORD).id > newest.id
    finally:
        db.close()
