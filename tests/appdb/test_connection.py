"""The one owner of the app database: pragmas, the migrations ledger, transactions, settings."""

import sqlite3
import subprocess
import sys
import threading
import time

import pytest

import appdb
from appdb import MIGRATIONS, TABLE_OWNERS, connect, migrate, transaction
from appdb.settings import REPO


def test_file_db_uses_wal_busy_timeout_foreign_keys_and_full_sync(fresh_db):
    assert fresh_db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert fresh_db.execute("PRAGMA busy_timeout").fetchone()[0] == 10000
    assert fresh_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert fresh_db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_migrations_recorded_once_and_idempotent(tmp_path):
    path = tmp_path / "k.db"
    connect(path).close()
    db = connect(path)
    names = [r[0] for r in db.execute("SELECT name FROM migrations ORDER BY rowid").fetchall()]
    assert names == [name for name, _ in MIGRATIONS]
    assert migrate(db) == []
    assert {"institutions", "leerbedrijven", "recognitions", "listings", "audit_log", "api_tokens"} <= set(db.table_names())


def test_the_ledger_makes_every_table_and_each_has_one_owner(fresh_db):
    # sqlite_sequence is SQLite's own, kept for AUTOINCREMENT tables (portal_accounts).
    tables = set(fresh_db.table_names()) - {"migrations", "sqlite_sequence"}
    assert tables == set(TABLE_OWNERS)


def test_a_database_made_by_the_earlier_version_is_adopted(tmp_path):
    # Before the shared ledger, the register recorded its migration and the other
    # modules made their tables with sqlite-utils; their rows must survive.
    path = tmp_path / "k.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    raw.execute("INSERT INTO migrations VALUES ('internships_0001_register', 'x')")
    raw.execute("CREATE TABLE [facts] ([id] INTEGER PRIMARY KEY, [conversation_id] TEXT NOT NULL, "
                "[kind] TEXT NOT NULL, [payload] TEXT, [created_at] TEXT NOT NULL)")
    raw.execute("INSERT INTO facts (conversation_id, kind, payload, created_at) VALUES ('c', 'interests', '{}', 'x')")
    raw.commit()
    raw.close()
    db = connect(path)
    assert db.execute("SELECT count(*) FROM facts").fetchone()[0] == 1
    names = {r[0] for r in db.execute("SELECT name FROM migrations").fetchall()}
    assert names == {name for name, _ in MIGRATIONS}


def test_only_kansrijk_var_moves_every_path(monkeypatch, tmp_path):
    monkeypatch.delenv("KANSRIJK_DB", raising=False)
    monkeypatch.delenv("KANSRIJK_CACHE_DIR", raising=False)
    monkeypatch.delenv("KANSRIJK_DATA_DIR", raising=False)
    monkeypatch.setenv("KANSRIJK_VAR", str(tmp_path))
    config = appdb.settings.load()
    assert config.db_path == tmp_path / "kansrijk.db"
    assert config.cache_dir == tmp_path / "cache"
    assert config.data_dir == tmp_path / "labour_outlook"
    connect().close()
    assert (tmp_path / "kansrijk.db").exists()


def test_every_process_resolves_the_same_database_from_kansrijk_var(tmp_path):
    """The bug this owner fixes: with only KANSRIJK_VAR set, bot and internships used two files."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "KANSRIJK_VAR": str(tmp_path),
           "HF_HUB_OFFLINE": "1"}
    script = (
        "import appdb, internships, labour_outlook.paths as p\n"
        "from actions import common\n"
        "print(appdb.settings.load().db_path)\n"
        "print(common.app_db().execute('PRAGMA database_list').fetchone()[2])\n"
        "print(p.cache_dir().parent)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    lines = out.stdout.split()
    assert lines == [str(tmp_path / "kansrijk.db"), str(tmp_path / "kansrijk.db"), str(tmp_path)]
    # The register's CLI writes to the same file.
    subprocess.run([sys.executable, "-m", "internships", "institutions", "add", "ROC-A", "ROC Alfa"],
                   env=env, capture_output=True, text=True, check=True)
    db = connect(tmp_path / "kansrijk.db")
    assert db.execute("SELECT code FROM institutions").fetchall() == [("ROC-A",)]


def test_sqlite_url_and_unsupported_backend(tmp_path):
    connect(f"sqlite:///{tmp_path}/u.db").close()
    assert (tmp_path / "u.db").exists()
    with pytest.raises(appdb.UnsupportedDatabase, match="postgresql://"):
        connect("postgresql://db.example/kansrijk")


def test_transaction_rolls_back_everything_on_error(fresh_db):
    with pytest.raises(RuntimeError, match="boom"):
        with transaction(fresh_db):
            fresh_db.execute("INSERT INTO facts (conversation_id, kind, created_at) VALUES ('c', 'k', 'x')")
            with transaction(fresh_db):  # nested: a savepoint of the outer transaction
                fresh_db.execute("INSERT INTO facts (conversation_id, kind, created_at) VALUES ('d', 'k', 'x')")
            raise RuntimeError("boom")
    assert fresh_db.execute("SELECT count(*) FROM facts").fetchone()[0] == 0
    assert not fresh_db.conn.in_transaction


def test_a_transaction_the_caller_left_open_is_refused(fresh_db):
    fresh_db.conn.execute("BEGIN")
    with pytest.raises(appdb.TransactionOpen):
        with transaction(fresh_db):
            pass
    fresh_db.conn.execute("ROLLBACK")


def test_writers_wait_for_each_other_instead_of_failing(tmp_path):
    from internships.register import add_institution

    path = tmp_path / "k.db"
    first, second = connect(path), connect(path)
    holding = threading.Event()

    def slow_writer():
        with transaction(first):
            add_institution(first, "ROC-A", "ROC Alfa")
            holding.set()
            time.sleep(0.3)

    thread = threading.Thread(target=slow_writer)
    thread.start()
    holding.wait()
    # A reader is not blocked by the open write transaction (WAL).
    assert second.execute("SELECT count(*) FROM institutions").fetchone()[0] == 0
    add_institution(second, "ROC-B", "ROC Beta")  # waits for the lock, then succeeds
    thread.join()
    assert second.execute("SELECT count(*) FROM institutions").fetchone()[0] == 2


def test_a_new_database_is_owner_only_with_its_wal_and_shm(tmp_path):
    """Files at rest: a permissive umask still gives a 0700 folder and 0600 database files."""
    import os
    import stat

    def mode(path):
        return stat.S_IMODE(path.stat().st_mode)

    old = os.umask(0o022)
    try:
        path = tmp_path / "var" / "kansrijk.db"
        db = connect(path)
        db["facts_probe"].insert({"x": 1})  # a write: the -wal and -shm files exist now
        assert mode(path.parent) == 0o700
        for name in ("kansrijk.db", "kansrijk.db-wal", "kansrijk.db-shm"):
            assert (path.parent / name).exists(), name
            assert mode(path.parent / name) == 0o600, name
        db.close()
    finally:
        os.umask(old)
