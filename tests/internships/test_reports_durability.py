"""Reports are stored exactly once under load and survive a killed process whole or not at all."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import appdb
from internships import reports
from tests.internships.reports_fixtures import draft, follow_up, open_file_db

REPO = Path(__file__).resolve().parents[2]


def check_consistent(path):
    db = open_file_db(path)
    try:
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.conn.execute("SELECT id, code FROM reports").fetchall()
        orphans_report = db.conn.execute(
            "SELECT count(*) FROM reports WHERE id NOT IN (SELECT report_id FROM report_status_history)"
        ).fetchone()[0]
        orphans_history = db.conn.execute(
            "SELECT count(*) FROM report_status_history WHERE report_id NOT IN (SELECT id FROM reports)"
        ).fetchone()[0]
        assert orphans_report == 0, "a report without its history row"
        assert orphans_history == 0, "a history row without its report"
        return {code for _, code in rows}
    finally:
        db.close()


def test_fifty_threads_submit_at_once(file_db_path):
    barrier = threading.Barrier(50)
    codes, errors = [], []

    def worker(i):
        db = open_file_db(file_db_path)
        try:
            report = follow_up(conversation_id=f"conv-{i}", institution_code="ROCA") if i % 2 else draft()
            barrier.wait()
            codes.append(reports.submit_report(db, report))
        except Exception as error:  # collected so the assertion shows it
            errors.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(codes) == 50 and len(set(codes)) == 50
    stored = check_consistent(file_db_path)
    assert stored == set(codes)
    db = open_file_db(file_db_path)
    assert db.conn.execute("SELECT count(*) FROM report_status_history").fetchone()[0] == 50
    assert db.conn.execute("SELECT count(DISTINCT conversation_id) FROM reports").fetchone()[0] == 25
    db.close()


def test_threads_sharing_one_connection(file_db_path):
    """appdb.connect() allows a connection to cross threads; our writes must still not interleave."""
    db = appdb.connect(file_db_path)
    barrier = threading.Barrier(20)
    codes, errors = [], []

    def worker():
        try:
            barrier.wait()
            codes.append(reports.submit_report(db, draft()))
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    db.close()
    assert errors == []
    assert check_consistent(file_db_path) == set(codes) and len(codes) == 20


def test_works_with_appdb_connect(file_db_path):
    db = appdb.connect(file_db_path)
    try:
        code = reports.submit_report(db, draft())
        assert reports.get_status(db, code).status == "nieuw"
        reports.withdraw(db, code)  # foreign keys are on there: history must go first or cascade
        assert db.conn.execute("SELECT count(*) FROM report_status_history").fetchone()[0] == 0
    finally:
        db.close()


CHILD = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {repo!r})
    import appdb
    from internships import reports
    from internships.reports import store

    path, mode = sys.argv[1], sys.argv[2]
    db = appdb.connect(path)  # WAL, busy timeout, synchronous=FULL, migrated
    if mode == "die-mid-transaction":
        real = store._insert_history
        calls = [0]

        def insert_then_die(conn, *args):
            calls[0] += 1
            if calls[0] == 4:
                # The report row is written, its history row not yet, nothing committed.
                os.kill(os.getpid(), signal.SIGKILL)
            real(conn, *args)

        store._insert_history = insert_then_die
    i = 0
    while True:
        i += 1
        code = reports.submit_report(db, reports.ReportDraft(
            what_happened="x" * 2000, route="follow_up", institution_code="ROCA",
            conversation_id=f"conv-{{i}}", contact_route="email", contact_details="a@b.nl"))
        # Printed only after submit_report returned, i.e. after COMMIT: a confirmed code.
        print(code, flush=True)
    """
)


def run_child(tmp_path, db_path, mode):
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(repo=str(REPO)))
    return subprocess.Popen(
        [sys.executable, str(script), str(db_path), mode],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.mark.parametrize("round_", range(3))
def test_sigkill_during_submissions_leaves_whole_reports_only(tmp_path, file_db_path, round_):
    child = run_child(tmp_path, file_db_path, "loop")
    confirmed = []
    deadline = time.monotonic() + 60
    # Let it get going, then kill it at a different moment each round.
    while len(confirmed) < 20 + 15 * round_ and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        confirmed.append(line.strip())
    time.sleep(0.003 * round_)
    os.kill(child.pid, signal.SIGKILL)
    rest, err = child.communicate(timeout=30)
    confirmed += [c for c in rest.split() if c]
    assert child.returncode == -signal.SIGKILL, err
    assert len(confirmed) >= 20, err

    stored = check_consistent(file_db_path)
    assert set(confirmed) <= stored, "a confirmed report was lost"
    # At most the one in flight when the kill came was committed without its code being printed.
    assert len(stored - set(confirmed)) <= 1

    # The database is usable again afterwards.
    db = open_file_db(file_db_path)
    code = reports.submit_report(db, draft())
    db.close()
    assert code in check_consistent(file_db_path)


def test_sigkill_between_report_and_history_row_stores_no_partial_report(tmp_path, file_db_path):
    child = run_child(tmp_path, file_db_path, "die-mid-transaction")
    out, err = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, err
    confirmed = out.split()
    assert len(confirmed) == 3
    assert check_consistent(file_db_path) == set(confirmed)
