"""Demo logins for `make run`: created once, passwords kept outside git, idempotent."""
import appdb
from bot import accounts, seed


def test_demo_accounts_are_created_once_and_can_log_in(tmp_path):
    db = appdb.connect(tmp_path / "app.db")
    first = seed.seed_accounts(db, tmp_path / "secrets")
    again = seed.seed_accounts(db, tmp_path / "secrets")
    assert first == again
    assert len(accounts.list_accounts(db)) == 3
    for email, role, password in first:
        assert accounts.get_account(db, email).role == role
        assert (tmp_path / "secrets" / f"demo_password_{role}").read_text().strip() == password
        assert accounts.authenticate(db, email, password) is not None


def test_a_researcher_demo_login_for_demo01(tmp_path):
    db = appdb.connect(tmp_path / "app.db")
    seed.seed_accounts(db, tmp_path / "secrets")
    researcher = accounts.get_account(db, "onderzoek@demo01.nl")
    assert (researcher.role, researcher.school) == ("researcher", "DEMO01")
