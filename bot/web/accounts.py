"""Portal accounts for counsellors and institution staff: argon2 hashes, lockout, a CLI.

    python -m bot.web.accounts add --role counsellor --school DEMO01 decaan@school.nl
    python -m bot.web.accounts add --role institution --school DEMO-ROC staf@roc.nl
    python -m bot.web.accounts list
    python -m bot.web.accounts remove decaan@school.nl

`add` asks for the password twice (or reads one line from stdin with
--password-stdin); with --generate it makes one and prints it once.

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

__all__ = [
    "Account", "ROLES", "MAX_FAILURES", "LOCKOUT", "ensure_schema", "add_account",
    "remove_account", "list_accounts", "authenticate", "get_account",
    "AccountError", "InvalidAccount", "DuplicateAccount", "UnknownAccount", "WeakPassword",
    "LockedOut",
]

ROLES = ("counsellor", "institution")
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 10
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{2,32}$")
_hasher = PasswordHasher()
# Verified against when the e-mail address is unknown, so a login takes as long either way.
_DUMMY_HASH = _hasher.hash("kansrijk-no-such-account")


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


def _normal(email: str) -> str:
    return (email or "").strip().lower()


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the portal tables if missing (idempotent)."""
    if "portal_accounts" not in db.table_names():
        db["portal_accounts"].create(
            {"id": int, "email": str, "role": str, "school": str, "password_hash": str,
             "created_at": str},
            pk="id", not_null={"email", "role", "school", "password_hash", "created_at"},
        )
        db["portal_accounts"].create_index(["email"], unique=True)
    # Failures are counted per e-mail address, also for unknown addresses, so that the
    # lockout does not reveal which addresses have an account.
    if "portal_login_failures" not in db.table_names():
        db["portal_login_failures"].create(
            {"email": str, "failures": int, "locked_until": str, "updated_at": str},
            pk="email",
        )


def _row_to_account(row: dict) -> Account:
    return Account(id=row["id"], email=row["email"], role=row["role"], school=row["school"])


def add_account(db: sqlite_utils.Database, email: str, role: str, school: str, password: str) -> Account:
    """Create an account; the password is stored only as an argon2 hash."""
    ensure_schema(db)
    email = _normal(email)
    if not _EMAIL.match(email):
        raise InvalidAccount(f"'{email}' is geen geldig e-mailadres.")
    if role not in ROLES:
        raise InvalidAccount(f"Onbekende rol '{role}'. Kies uit: {', '.join(ROLES)}.")
    if not _CODE.match(school or ""):
        raise InvalidAccount("De schoolcode is 2-32 letters, cijfers, - of _.")
    if len(password or "") < MIN_PASSWORD:
        raise WeakPassword(f"Kies een wachtwoord van minstens {MIN_PASSWORD} tekens.")
    if db.execute("select 1 from portal_accounts where email = ?", [email]).fetchone():
        raise DuplicateAccount(f"Er is al een account voor {email}. Verwijder het eerst met `remove`.")
    db["portal_accounts"].insert(
        {"email": email, "role": role, "school": school,
         "password_hash": _hasher.hash(password), "created_at": _iso(_now())}
    )
    return get_account(db, email)


def get_account(db: sqlite_utils.Database, email: str) -> Account:
    ensure_schema(db)
    row = next(db["portal_accounts"].rows_where("email = ?", [_normal(email)]), None)
    if row is None:
        raise UnknownAccount(f"Geen account voor {_normal(email)}. Maak het aan met `add`.")
    return _row_to_account(row)


def account_by_id(db: sqlite_utils.Database, account_id: int) -> Optional[Account]:
    ensure_schema(db)
    row = next(db["portal_accounts"].rows_where("id = ?", [account_id]), None)
    return _row_to_account(row) if row else None


def list_accounts(db: sqlite_utils.Database) -> List[Account]:
    ensure_schema(db)
    return [_row_to_account(r) for r in db["portal_accounts"].rows_where(order_by="email")]


def remove_account(db: sqlite_utils.Database, email: str) -> None:
    get_account(db, email)
    db.execute("delete from portal_accounts where email = ?", [_normal(email)])
    db.conn.commit()


def authenticate(
    db: sqlite_utils.Database, email: str, password: str, now: Optional[datetime] = None
) -> Optional[Account]:
    """The account if the password is right, else None; raises LockedOut after 5 failures."""
    ensure_schema(db)
    now = now or _now()
    email = _normal(email)
    failure = next(db["portal_login_failures"].rows_where("email = ?", [email]), None)
    if failure and failure["locked_until"] and failure["locked_until"] > _iso(now):
        until = datetime.fromisoformat(failure["locked_until"])
        raise LockedOut("Te vaak een verkeerd wachtwoord. Probeer het na 15 minuten opnieuw.", until)
    row = next(db["portal_accounts"].rows_where("email = ?", [email]), None)
    try:
        _hasher.verify(row["password_hash"] if row else _DUMMY_HASH, password or "")
        ok = row is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if ok:
        db.execute("delete from portal_login_failures where email = ?", [email])
        if _hasher.check_needs_rehash(row["password_hash"]):
            db["portal_accounts"].update(row["id"], {"password_hash": _hasher.hash(password)})
        db.conn.commit()
        return _row_to_account(row)
    failures = (failure["failures"] if failure and not failure["locked_until"] else 0) + 1
    locked_until = _iso(now + LOCKOUT) if failures >= MAX_FAILURES else None
    db["portal_login_failures"].upsert(
        {"email": email, "failures": failures, "locked_until": locked_until, "updated_at": _iso(now)},
        pk="email",
    )
    db.conn.commit()
    if locked_until:
        raise LockedOut("Te vaak een verkeerd wachtwoord. Probeer het na 15 minuten opnieuw.",
                        now + LOCKOUT)
    return None


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
        prog="python -m bot.web.accounts", description="Accounts voor het portaal van Kansrijk."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="account aanmaken")
    add.add_argument("email")
    add.add_argument("--role", choices=ROLES, required=True,
                     help="counsellor (decaan) of institution (mbo-instelling)")
    add.add_argument("--school", required=True,
                     help="schoolcode uit de widget (counsellor) of code van de instelling (institution)")
    how = add.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true", help="lees het wachtwoord van stdin")
    how.add_argument("--generate", action="store_true", help="maak een wachtwoord en toon het één keer")
    commands.add_parser("list", help="accounts tonen")
    remove = commands.add_parser("remove", help="account verwijderen")
    remove.add_argument("email")
    args = parser.parse_args(argv)

    if db is None:
        from bot import appdb
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
