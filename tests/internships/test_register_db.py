import sqlite3

from internships.db import MIGRATIONS, connect, migrate


def test_file_db_uses_wal_busy_timeout_and_foreign_keys(file_db):
    assert file_db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert file_db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert file_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_recorded_once_and_idempotent(tmp_path):
    path = tmp_path / "k.db"
    connect(path).close()
    db = connect(path)
    names = [r[0] for r in db.execute("SELECT name FROM migrations").fetchall()]
    assert names == [name for name, _ in MIGRATIONS]
    assert migrate(db) == []
    assert {"institutions", "leerbedrijven", "recognitions", "listings", "audit_log", "api_tokens"} <= set(db.table_names())


def test_other_modules_tables_survive(tmp_path):
    path = tmp_path / "k.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE reports (id INTEGER PRIMARY KEY)")
    raw.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    raw.execute("INSERT INTO migrations VALUES ('reports_0001', 'x')")
    raw.commit()
    raw.close()
    db = connect(path)
    assert "reports" in db.table_names()
    names = {r[0] for r in db.execute("SELECT name FROM migrations").fetchall()}
    assert {"reports_0001", "internships_0001_register"} <= names


def test_default_path_from_environment(monkeypatch, tmp_path):
    from internships.db import default_db_path

    monkeypatch.setenv("KANSRIJK_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    connect().close()
    assert (tmp_path / "x.db").exists()


def test_writers_wait_for_each_other_instead_of_failing(tmp_path):
    import threading
    import time

    from internships.db import write_transaction
    from internships.register import add_institution

    path = tmp_path / "k.db"
    first, second = connect(path), connect(path)
    holding = threading.Event()

    def slow_writer():
        with write_transaction(first):
            add_institution(first, "ROC-A", "ROC Alfa")
            holding.set()
            time.sleep(0.3)

    thread = threading.Thread(target=slow_writer)
    thread.start()
    holding.wait()
    # A reader is not blocked by the open write transaction (WAL).
    assert second.execute("SELECT count(*) FROM institutions").fetchone()[0] == 0
    add_institution(second, "ROC-B", "ROC Beta")  # waits on the busy timeout, then succeeds
    thread.join()
    assert second.execute("SELECT count(*) FROM institutions").fetchone()[0] == 2
