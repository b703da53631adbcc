"""Portal accounts for counsellors, institution staff and school researchers: argon2 hashes, throttled logins, server-side sessions, a CLI.

    python -m bot.accounts add --role counsellor --school DEMO01 decaan@school.nl
    python -m bot.accounts add --role institution --school DEMO-ROC staf@roc.nl
    python -m bot.accounts add --role researcher --school DEMO01 onderzoek@school.nl
    python -m bot.accounts password decaan@school.nl     # new password; ends the account's sessions
    python -m bot.accounts list
    python -m bot.accounts remove decaan@school.nl       # also ends the account's sessions

`add` and `password` ask for the password twice (or read one line from stdin with
--password-stdin); with --generate they make one and print it once.

Failed logins are throttled per (typed address, client IP) and per client IP, with a wait
that doubles (the figures below; the README's privacy section repeats them). Someone who
knows a counsellor's address can so block that address only from their own IP, never the
counsellor on another network. Every attempt is counted *before* the password is checked,
in one ``BEGIN IMMEDIATE`` transaction, so parallel attempts cannot share a count; a right
password undoes its count.

A portal session is a random id (``secrets.token_urlsafe(32)``) in the signed cookie; the
table keeps only its sha256. Logout, a new password and removing the account end it; it
lasts 8 hours at most and ends after 30 minutes without use. Account ids are never
reused (``AUTOINCREMENT``), so nothing that names an old id can reach a newer account.

This module is the one owner of the ``portal_accounts``, ``portal_sessions`` and
``portal_login_failures`` tables (``appdb.migrations`` creates them); the portal calls
the functions below.

Exceptions::

    AccountError
    ├── InvalidAccount   bad e-mail address, role or school code
    ├── DuplicateAccount an account with this e-mail address exists
    ├── UnknownAccount   no account with this e-mail address
    ├── WeakPassword     shorter than 10 characters
    └── LockedOut        too many failed logins from this address or network; .until says when the wait ends
"""
from __future__ import annotations

import argparse
import functools
import getpass
import hashlib
import ipaddress
import math
import re
import secrets
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import List, Optional

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

import appdb
from appdb import transaction

__all__ = [
    "Account", "ROLES", "MAX_FAILURES", "ADDRESS_WAIT", "IP_MAX_FAILURES", "IP_WAIT",
    "FORGET_ADDRESS_FAILURES", "FORGET_IP_FAILURES", "SESSION_LIFETIME", "SESSION_IDLE",
    "add_account", "remove_account", "set_password", "list_accounts", "authenticate",
    "get_account", "start_session", "session_account", "end_session", "end_sessions",
    "purge_login_failures", "purge_sessions", "main",
    "AccountError", "InvalidAccount", "DuplicateAccount", "UnknownAccount", "WeakPassword",
    "LockedOut",
]

ROLES = ("counsellor", "institution", "researcher")
MIN_PASSWORD = 10

# Failed logins (issue 14, item 8). A wait starts at the MAX_FAILURES-th failure in a
# series and doubles with each further one, up to the longest wait; a series ends once it
# has been quiet for the FORGET period after its last failure or wait.
MAX_FAILURES = 5  # per (typed address, IP)
ADDRESS_WAIT = (timedelta(minutes=1), timedelta(minutes=15))  # first, longest
IP_MAX_FAILURES = 30  # per IP (an IPv6 /64), whatever the address: a whole school behind one NAT
IP_WAIT = (timedelta(minutes=1), timedelta(hours=1))
# Rows with a typed address go soon; an IP's row keeps its series for a day.
FORGET_ADDRESS_FAILURES = timedelta(hours=1)
FORGET_IP_FAILURES = timedelta(hours=24)

# Sessions (issue 14, item 9).
SESSION_LIFETIME = timedelta(hours=8)
SESSION_IDLE = timedelta(minutes=30)
_SESSION_TOUCH = timedelta(minutes=1)  # the last use is written at most once a minute

_ADDRESS, _IP = "address_ip", "ip"  # scopes of portal_login_failures
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{2,32}$")
_hasher = PasswordHasher()


class AccountError(Exception):
    """Base class for account problems; the message says how to fix it."""


class InvalidAccount(AccountError):
    """The e-mail address, role or school code is not valid."""


class DuplicateAccount(AccountError):
    """An account with this e-mail address already exists."""


class UnknownAccount(AccountError):
    """No account with this e-mail address."""


class WeakPassword(AccountError):
    """The password is too short."""


class LockedOut(AccountError):
    """Too many failed logins for this address from this IP, or from this IP; try again after .until."""

    def __init__(self, message: str, until: datetime):
        super().__init__(message)
        self.until = until


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    role: str
    school: str


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Verified against when the e-mail address is unknown, so a login takes as long either way.
    return _hasher.hash("kansrijk-no-such-account")


def _normal(email: str) -> str:
    return (email or "").strip().lower()[:320]


_ACCOUNT_COLUMNS = "id, email, role, school"


def _row_to_account(row) -> Account:
    return Account(id=row[0], email=row[1], role=row[2], school=row[3])


def _account_row(db: sqlite_utils.Database, where: str, params: list) -> Optional[tuple]:
    return db.execute(
        f"SELECT {_ACCOUNT_COLUMNS}, password_hash FROM portal_accounts WHERE {where}", params
    ).fetchone()


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise WeakPassword(f"Kies een wachtwoord van minstens {MIN_PASSWORD} tekens.")


def add_account(db: sqlite_utils.Database, email: str, role: str, school: str, password: str) -> Account:
    """Create an account; the password is stored only as an argon2 hash."""
    email = _normal(email)
    if not _EMAIL.match(email):
        raise InvalidAccount(f"'{email}' is geen geldig e-mailadres.")
    if role not in ROLES:
        raise InvalidAccount(f"Onbekende rol '{role}'. Kies uit: {', '.join(ROLES)}.")
    if not _CODE.match(school or ""):
        raise InvalidAccount("De schoolcode is 2-32 letters, cijfers, - of _.")
    _check_password(password)
    password_hash = _hasher.hash(password)  # slow on purpose: outside the write lock
    with transaction(db):
        if _account_row(db, "email = ?", [email]):
            raise DuplicateAccount(f"Er is al een account voor {email}. Verwijder het eerst met `remove`.")
        db.execute(
            "INSERT INTO portal_accounts (email, role, school, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
            [email, role, school, password_hash, _iso(_now())],
        )
    return get_account(db, email)


def get_account(db: sqlite_utils.Database, email: str) -> Account:
    """The account with this e-mail address; UnknownAccount if there is none."""
    row = _account_row(db, "email = ?", [_normal(email)])
    if row is None:
        raise UnknownAccount(f"Geen account voor {_normal(email)}. Maak het aan met `add`.")
    return _row_to_account(row)


def list_accounts(db: sqlite_utils.Database) -> List[Account]:
    """Every account, by e-mail address."""
    rows = db.execute(f"SELECT {_ACCOUNT_COLUMNS} FROM portal_accounts ORDER BY email").fetchall()
    return [_row_to_account(r) for r in rows]


def remove_account(db: sqlite_utils.Database, email: str) -> None:
    """Delete the account with this e-mail address and end its sessions; UnknownAccount if there is none."""
    account = get_account(db, email)
    with transaction(db):
        # The foreign key cascades too; said here as well, so no pragma has to be trusted.
        db.execute("DELETE FROM portal_sessions WHERE account_id = ?", [account.id])
        db.execute("DELETE FROM portal_accounts WHERE id = ?", [account.id])


def set_password(db: sqlite_utils.Database, email: str, password: str) -> Account:
    """Give the account a new password and end all its sessions (a stolen cookie stops working)."""
    account = get_account(db, email)
    _check_password(password)
    password_hash = _hasher.hash(password)
    with transaction(db):
        db.execute("UPDATE portal_accounts SET password_hash = ? WHERE id = ?", [password_hash, account.id])
        db.execute("DELETE FROM portal_sessions WHERE account_id = ?", [account.id])
    return account


# --- Failed logins -----------------------------------------------------------------

def _ip_key(ip: str) -> str:
    """The unit an IP limit counts: an IPv4 address, or the /64 of an IPv6 address (one line gets a whole /64)."""
    text = (ip or "").strip()
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return text[:64] or "unknown"
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _wait(failures: int, free: int, first: timedelta, longest: timedelta) -> timedelta:
    return min(first * 2 ** min(failures - free, 20), longest)


def _wait_message(until: datetime, now: datetime) -> str:
    minutes = max(1, math.ceil((until - now).total_seconds() / 60))
    unit = "minuut" if minutes == 1 else "minuten"
    return (f"Te vaak een verkeerd wachtwoord. Wacht {minutes} {unit} en probeer het dan opnieuw. "
            "Weet je het wachtwoord niet meer? Vraag je beheerder om een nieuw wachtwoord.")


def _wait_until(db: sqlite_utils.Database, email: str, ip: str, now: datetime) -> Optional[datetime]:
    row = db.execute(
        "SELECT MAX(locked_until) FROM portal_login_failures WHERE ip = ? AND locked_until > ?"
        " AND ((scope = ? AND email = ?) OR (scope = ? AND email = ''))",
        [ip, _iso(now), _ADDRESS, email, _IP],
    ).fetchone()
    return datetime.fromisoformat(row[0]) if row and row[0] else None


# One statement counts and returns the count, so no two attempts can read the same one.
_COUNT_ATTEMPT = (
    "INSERT INTO portal_login_failures (scope, email, ip, failures, locked_until, updated_at)"
    " VALUES (?, ?, ?, 1, NULL, ?)"
    " ON CONFLICT (scope, email, ip) DO UPDATE SET"
    " failures = CASE WHEN MAX(portal_login_failures.updated_at,"
    " COALESCE(portal_login_failures.locked_until, '')) < ? THEN 1"
    " ELSE portal_login_failures.failures + 1 END,"
    " locked_until = NULL, updated_at = excluded.updated_at"
    " RETURNING failures"
)


def _count_attempt(db: sqlite_utils.Database, email: str, ip: str, now: datetime) -> Optional[datetime]:
    """Count this attempt as failed before the password is checked; a right password undoes it.

    Raises LockedOut while a wait runs (without counting: a refused attempt tests no
    password). Returns the end of the wait that this attempt started, if it started one.
    """
    with transaction(db):
        until = _wait_until(db, email, ip, now)
        if until:
            raise LockedOut(_wait_message(until, now), until)
        started = None
        limits = (
            (_ADDRESS, email, MAX_FAILURES, ADDRESS_WAIT, FORGET_ADDRESS_FAILURES),
            (_IP, "", IP_MAX_FAILURES, IP_WAIT, FORGET_IP_FAILURES),
        )
        for scope, key, free, (first, longest), forget in limits:
            (failures,) = db.execute(_COUNT_ATTEMPT, [scope, key, ip, _iso(now), _iso(now - forget)]).fetchone()
            if failures >= free:
                ends = now + _wait(failures, free, first, longest)
                db.execute(
                    "UPDATE portal_login_failures SET locked_until = ? WHERE scope = ? AND email = ? AND ip = ?",
                    [_iso(ends), scope, key, ip],
                )
                started = max(started, ends) if started else ends
    return started


def _undo_attempt(db: sqlite_utils.Database, account_id: int, email: str, ip: str,
                  new_hash: Optional[str]) -> None:
    with transaction(db):
        db.execute("DELETE FROM portal_login_failures WHERE scope = ? AND email = ? AND ip = ?",
                   [_ADDRESS, email, ip])
        # Only this attempt's own count comes off the IP; a wait it started alone ends with it.
        db.execute(
            "UPDATE portal_login_failures SET failures = MAX(failures - 1, 0),"
            " locked_until = CASE WHEN failures - 1 < ? THEN NULL ELSE locked_until END"
            " WHERE scope = ? AND email = '' AND ip = ?",
            [IP_MAX_FAILURES, _IP, ip],
        )
        if new_hash:
            db.execute("UPDATE portal_accounts SET password_hash = ? WHERE id = ?", [new_hash, account_id])


def authenticate(
    db: sqlite_utils.Database, email: str, password: str, now: Optional[datetime] = None, ip: str = ""
) -> Optional[Account]:
    """The account if the password is right, else None; LockedOut while a wait for (`email`, `ip`) or `ip` runs.

    `ip` is the client's address as the web app sees it (the socket peer, or a trusted
    proxy's X-Forwarded-For). The attempt that starts a wait raises LockedOut too.
    """
    now = now or _now()
    email = _normal(email)
    ip = _ip_key(ip)
    started = _count_attempt(db, email, ip, now)
    row = _account_row(db, "email = ?", [email])
    try:
        _hasher.verify(row[4] if row else _dummy_hash(), password or "")
        ok = row is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if ok:
        new_hash = _hasher.hash(password) if _hasher.check_needs_rehash(row[4]) else None
        _undo_attempt(db, row[0], email, ip, new_hash)
        return _row_to_account(row)
    if started:
        raise LockedOut(_wait_message(started, now), started)
    return None


def purge_login_failures(db: sqlite_utils.Database, now: Optional[datetime] = None) -> int:
    """Retention: forget failure series that have been quiet long enough; returns rows deleted.

    A row with a typed address goes an hour after its last failure or wait
    (``FORGET_ADDRESS_FAILURES``), an IP's own row after a day (bot.retention runs this daily).
    """
    now = now or _now()
    quiet = "MAX(updated_at, COALESCE(locked_until, '')) < ?"
    with transaction(db):
        cursor = db.execute(
            f"DELETE FROM portal_login_failures WHERE (scope = ? AND {quiet}) OR (scope = ? AND {quiet})",
            [_ADDRESS, _iso(now - FORGET_ADDRESS_FAILURES), _IP, _iso(now - FORGET_IP_FAILURES)],
        )
    return cursor.rowcount


# --- Sessions ------------------------------------------------------------------------

def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(db: sqlite_utils.Database, account: Account, now: Optional[datetime] = None) -> str:
    """A new session for `account`; returns its random id (only its hash is stored)."""
    now = now or _now()
    token = secrets.token_urlsafe(32)
    with transaction(db):
        db.execute(
            "INSERT INTO portal_sessions (token_hash, account_id, created_at, last_seen_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [_token_hash(token), account.id, _iso(now), _iso(now), _iso(now + SESSION_LIFETIME)],
        )
    return token


def session_account(db: sqlite_utils.Database, token: object, now: Optional[datetime] = None) -> Optional[Account]:
    """The account of a live session, or None (unknown, ended, older than 8 hours, or unused for 30 minutes)."""
    if not isinstance(token, str) or not token:
        return None
    now = now or _now()
    token_hash = _token_hash(token)
    row = db.execute(
        "SELECT a.id, a.email, a.role, a.school, s.last_seen_at, s.expires_at"
        " FROM portal_sessions s JOIN portal_accounts a ON a.id = s.account_id WHERE s.token_hash = ?",
        [token_hash],
    ).fetchone()
    if row is None:
        return None
    last_seen, expires = row[4], row[5]
    if expires <= _iso(now) or last_seen <= _iso(now - SESSION_IDLE):
        end_session(db, token)
        return None
    if last_seen <= _iso(now - _SESSION_TOUCH):
        with transaction(db):
            db.execute("UPDATE portal_sessions SET last_seen_at = ? WHERE token_hash = ?", [_iso(now), token_hash])
    return _row_to_account(row)


def end_session(db: sqlite_utils.Database, token: object) -> bool:
    """End one session (logout); True if it was live."""
    if not isinstance(token, str) or not token:
        return False
    with transaction(db):
        cursor = db.execute("DELETE FROM portal_sessions WHERE token_hash = ?", [_token_hash(token)])
    return cursor.rowcount > 0


def end_sessions(db: sqlite_utils.Database, account: Account) -> int:
    """End every session of `account`; returns how many there were."""
    with transaction(db):
        cursor = db.execute("DELETE FROM portal_sessions WHERE account_id = ?", [account.id])
    return cursor.rowcount


def purge_sessions(db: sqlite_utils.Database, now: Optional[datetime] = None) -> int:
    """Retention: delete sessions past their 8 hours or their 30 idle minutes; returns rows deleted."""
    now = now or _now()
    with transaction(db):
        cursor = db.execute(
            "DELETE FROM portal_sessions WHERE expires_at <= ? OR last_seen_at <= ?",
            [_iso(now), _iso(now - SESSION_IDLE)],
        )
    return cursor.rowcount


# --- CLI -------------------------------------------------------------------------------

def _password(args: argparse.Namespace) -> str:
    if args.generate:
        return secrets.token_urlsafe(12)
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Wachtwoord: ")
    if first != getpass.getpass("Nog een keer: "):
        raise InvalidAccount("De wachtwoorden zijn niet gelijk. Probeer het opnieuw.")
    return first


def main(argv: Optional[List[str]] = None, db: Optional[sqlite_utils.Database] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.accounts", description="Accounts voor het portaal van Kansrijk."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="account aanmaken")
    add.add_argument("email")
    add.add_argument("--role", choices=ROLES, required=True,
                     help="counsellor (decaan), institution (mbo-instelling) of researcher (onderzoeker van een school)")
    add.add_argument("--school", required=True,
                     help="schoolcode uit de widget (counsellor, researcher) of code van de instelling (institution)")
    how = add.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true", help="lees het wachtwoord van stdin")
    how.add_argument("--generate", action="store_true", help="maak een wachtwoord en toon het één keer")
    change = commands.add_parser("password", help="nieuw wachtwoord; alle sessies van het account stoppen")
    change.add_argument("email")
    how = change.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true", help="lees het wachtwoord van stdin")
    how.add_argument("--generate", action="store_true", help="maak een wachtwoord en toon het één keer")
    commands.add_parser("list", help="accounts tonen")
    remove = commands.add_parser("remove", help="account verwijderen")
    remove.add_argument("email")
    args = parser.parse_args(argv)

    if db is None:
        db = appdb.connect()
    try:
        if args.command == "add":
            from bot import schools  # an account belongs to a registered, active school (python -m bot.schools)

            try:
                school = schools.active_school(db, args.school).code
            except schools.SchoolError as error:
                raise InvalidAccount(str(error)) from None
            password = _password(args)
            account = add_account(db, args.email, args.role, school, password)
            print(f"Account gemaakt: {account.email} ({account.role}, {account.school})")
            if args.generate:
                print(f"Wachtwoord (bewaar het nu, het wordt niet opgeslagen): {password}")
        elif args.command == "password":
            get_account(db, args.email)  # before asking for a password
            new_password = _password(args)
            account = set_password(db, args.email, new_password)
            print(f"Nieuw wachtwoord voor {account.email}; het account is overal uitgelogd.")
            if args.generate:
                print(f"Wachtwoord (bewaar het nu, het wordt niet opgeslagen): {new_password}")
        elif args.command == "list":
            for account in list_accounts(db):
                print(f"{account.email}\t{account.role}\t{account.school}")
        elif args.command == "remove":
            remove_account(db, args.email)
            print(f"Account verwijderd en uitgelogd: {_normal(args.email)}")
    except AccountError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
