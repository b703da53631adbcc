"""Seed the demo data `make run` shows: the demo internship register, the demo schools and three demo logins.

Idempotent. The demo passwords are generated once and kept in var/secrets, outside git.
"""
from __future__ import annotations

from appdb import settings
from bot import accounts, schools, tokens

# The school of the demo page's widget (bot.web.app.DEMO_SCHOOL), then the demo mbo
# institutions of the internship register: their staff log in, and follow-up reports
# go to them, so they are schools of the registry too.
DEMO_SCHOOLS = [("DEMO01", "Demoschool Kansrijk (vmbo)")]

DEMO_ACCOUNTS = [
    ("decaan@demo01.nl", "counsellor", "DEMO01"),
    ("staf@demo-utr.nl", "institution", "DEMO-UTR"),
    ("onderzoek@demo01.nl", "researcher", "DEMO01"),
]


def seed_schools(db) -> list:
    """Register the demo schools (idempotent); returns their codes."""
    from internships.demo import DEMO_INSTITUTIONS

    listed = DEMO_SCHOOLS + [(code, name) for code, name, _place in DEMO_INSTITUTIONS]
    return [schools.add_school(db, code, name).code for code, name in listed]


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
    print(f"demoscholen: {', '.join(seed_schools(database))}")
    for email, role, password in seed_accounts(database, config.secrets_dir):
        print(f"demo-login ({role}): {email} / {password}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
