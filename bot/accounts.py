"""Portal accounts for counsellors, institution staff and school researchers: argon2 hashes, lockout, a CLI.

    python -m bot.accounts add --role counsellor --school DEMO01 decaan@school.nl
    python -m bot.accounts add --role institution --school DEMO-ROC staf@roc.nl
    python -m bot.accounts add --role researcher --school DEMO01 onderzoek@school.nl
    python -m bot.accounts list
    python -m bot.accounts remove decaan@school.nl

`add` asks for the password twice (or reads one line from stdin with
--password-stdin); with --generate it makes one and prints it once.

This module is the one owner of the ``portal_accounts`` and ``portal_login_failures``
tables (``appdb.migrations`` creates them); the portal calls the functions below.

Exceptions::

    AccountError
    ├── InvalidAccount   bad e-mail address, role or school code
    ├── DuplicateAccount an account with this e-mail address exists
    ├── UnknownAccount   no account with this e-mail address
    ├── WeakPassword     shorter than 10 characters
    └── LockedOut        too many failed logins; .until says when it ends
"""
from __future__ import annotations

import argparse
import functools
import getpass
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
    "Account", "ROLES", "MAX_FAILURES", "LOCKOUT", "add_account", "remove_account",
    "list_accounts", "authenticate", "get_account", "account_by_id", "main",
    "AccountError", "InvalidAccount", "DuplicateAccount", "UnknownAccount", "WeakPassword",
    "LockedOut",
]

ROLES = ("counsellor", "institution", "researcher")
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 10
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
    """Too many failed logins for this e-mail address; try again after .until."""

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
    return moment.isoformat(timespec="seconds")


@functools.lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Verified against when the e-mail address is unknown, so a login takes as long either way.
    return _hasher.hash("kansrijk-no-such-account")


def _normal(email: str) -> str:
    return (email or "").strip().lower()


_ACCOUNT_COLUMNS = "id, email, role, school"


def _row_to_account(row) -> Account:
    return Account(id=row[0], email=row[1], role=row[2], school=row[3])


def _account_row(db: sqlite_utils.Database, where: str, params: list) -> Optional[tuple]:
    return db.execute(
        f"SELECT {_ACCOUNT_COLUMNS}, password_hash FROM portal_accounts WHERE {where}", params
    ).fetchone()


def add_account(db: sqlite_utils.Database, email: str, role: str, school: str, password: str) -> Account:
    """Create an account; the password is stored only as an argon2 hash."""
    email = _normal(email)
    if not _EMAIL.match(email):
        raise InvalidAccount(f"'{email}' is geen geldig e-mailadres.")
    if role not in ROLES:
        raise InvalidAccount(f"Onbekende rol '{role}'. Kies uit: {', '.join(ROLES)}.")
    if not _CODE.match(school or ""):
        raise InvalidAccount("De schoolcode is 2-32 letters, cijfers, - of _.")
    if len(password or "") < MIN_PASSWORD:
        raise WeakPassword(f"Kies een wachtwoord van minstens {MIN_PASSWORD} tekens.")
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


def account_by_id(db: sqlite_utils.Database, account_id: int) -> Optional[Account]:
    """The account with this id (as kept in a portal session), or None."""
    row = _account_row(db, "id = ?", [account_id])
    return _row_to_account(row) if row else None


def list_accounts(db: sqlite_utils.Database) -> List[Account]:
    """Every account, by e-mail address."""
    rows = db.execute(f"SELECT {_ACCOUNT_COLUMNS} FROM portal_accounts ORDER BY email").fetchall()
    return [_row_to_account(r) for r in rows]


def remove_account(db: sqlite_utils.Database, email: str) -> None:
    """Delete the account with this e-mail address; UnknownAccount if there is none."""
    get_account(db, email)
    with transaction(db):
        db.execute("DELETE FROM portal_accounts WHERE email = ?", [_normal(email)])


def _locked_until(db: sqlite_utils.Database, email: str, now: datetime) -> Optional[datetime]:
    row = db.execute("SELECT locked_until FROM portal_login_failures WHERE email = ?", [email]).fetchone()
    if row and row[0] and row[0] > _iso(now):
        return datetime.fromisoformat(row[0])
    return None


def authenticate(
    db: sqlite_utils.Database, email: str, password: str, now: Optional[datetime] = None
) -> Optional[Account]:
    """The account if the password is right, else None; raises LockedOut after 5 failures."""
    now = now or _now()
    email = _normal(email)
    until = _locked_until(db, email, now)
    if until:
        raise LockedOut("Te vaak een verkeerd wachtwoord. Probeer het na 15 minuten opnieuw.", until)
    row = _account_row(db, "email = ?", [email])
    try:
        _hasher.verify(row[4] if row else _dummy_hash(), password or "")
        ok = row is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if ok:
        new_hash = _hasher.hash(password) if _hasher.check_needs_rehash(row[4]) else None
        with transaction(db):
            db.execute("DELETE FROM portal_login_failures WHERE email = ?", [email])
            if new_hash:
                db.execute("UPDATE portal_accounts SET password_hash = ? WHERE id = ?", [new_hash, row[0]])
        return _row_to_account(row)
    with transaction(db):
        # Read again under the write lock, so parallel failures all count.
        failure = db.execute(
            "SELECT failures, locked_until FROM portal_login_failures WHERE email = ?", [email]
        ).fetchone()
        failures = (failure[0] if failure and not failure[1] else 0) + 1
        locked_until = _iso(now + LOCKOUT) if failures >= MAX_FAILURES else None
        db.execute(
            "INSERT INTO portal_login_failures (email, failures, locked_until, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (email) DO UPDATE SET failures = excluded.failures,"
            " locked_until = excluded.locked_until, updated_at = excluded.updated_at",
            [email, failures, locked_until, _iso(now)],
        )
    if locked_until:
        raise LockedOut("Te vaak een verkeerd wachtwoord. Probeer het na 15 minuten opnieuw.",
                        now + LOCKOUT)
    return None


__all__ += ["purge_login_failures"]


def purge_login_failures(
    db: sqlite_utils.Database, now: Optional[datetime] = None, window: timedelta = LOCKOUT
) -> int:
    """Retention: forget failed logins (the typed address) after the lockout `window`; returns rows deleted.

    A row goes once its last failure is older than the window and any lockout has ended,
    so a failure series counts only within the window (bot.retention runs this daily).
    """
    now = now or _now()
    with transaction(db):
        cursor = db.execute(
            "DELETE FROM portal_login_failures WHERE updated_at < ?"
            " AND (locked_until IS NULL OR locked_until <= ?)",
            [_iso(now - window), _iso(now)],
        )
    return cursor.rowcount


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
    commands.add_parser("list", help="accounts tonen")
    remove = commands.add_parser("remove", help="account verwijderen")
    remove.add_argument("email")
    args = parser.parse_args(argv)

    if db is None:
        db = appdb.connect()
    try:
        if args.command == "add":
            password = _password(args)
            account = add_account(db, args.email, args.role, args.school, password)
            print(f"Account gemaakt: {account.email} ({account.role}, {account.school})")
            if args.generate:
                print(f"Wachtwoord (bewaar het nu, het wordt niet opgeslagen): {password}")
        elif args.command == "list":
            for account in list_accounts(db):
                print(f"{account.email}\t{account.role}\t{account.school}")
        elif args.command == "remove":
            remove_account(db, args.email)
            print(f"Account verwijderd: {_normal(args.email)}")
    except AccountError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
