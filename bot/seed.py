"""Seed the demo data `make run` shows: the demo internship register and three demo logins.

Idempotent. The demo passwords are generated once and kept in var/secrets, outside git.
"""
from __future__ import annotations

from appdb import settings
from bot import accounts, tokens

DEMO_ACCOUNTS = [
    ("decaan@demo01.nl", "counsellor", "DEMO01"),
    ("staf@demo-utr.nl", "institution", "DEMO-UTR"),
    ("onderzoek@demo01.nl", "researcher", "DEMO01"),
]


def seed_accounts(db, secrets_dir) -> list:
    """Create the demo logins if missing; returns (email, role, password) lines to show."""
    shown = []
    for email, role, school in DEMO_ACCOUNTS:
        password = tokens.ensure_token(secrets_dir / f"demo_password_{role}")
        try:
            accounts.get_account(db, email)
        except accounts.UnknownAccount:
            accounts.add_account(db, email, role, school, password)
        shown.append((email, role, password))
    return shown


def main() -> int:
    import appdb
    from internships import seed_demo

    config = settings.load()
    database = appdb.connect(config.db_url)
    summary = seed_demo(database)
    print(f"demodata klaar: {summary}")
    for email, role, password in seed_accounts(database, config.secrets_dir):
        print(f"demo-login ({role}): {email} / {password}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
