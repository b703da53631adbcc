"""Conversation facts: recorded, read back, forgotten and purged."""
from datetime import datetime, timedelta, timezone

import appdb
from bot import facts

# ``fresh_db`` is the migrated temporary database of tests/conftest.py.


def test_record_and_read_facts_in_order(fresh_db):
    facts.record_fact(fresh_db, "c1", "interests", {"text": "dieren"})
    facts.record_fact(fresh_db, "c1", "programmes_shown", {"crebo": ["25603"]})
    assert [f["kind"] for f in facts.facts_for(fresh_db, "c1")] == ["interests", "programmes_shown"]
    assert facts.facts_for(fresh_db, "c1", "interests")[0]["payload"] == {"text": "dieren"}


def test_handoff_codes_are_unique_and_readable(fresh_db):
    codes = {facts.create_handoff(fresh_db, f"c{i}", "vraag", "zelf") for i in range(50)}
    assert len(codes) == 50
    assert all(len(c) == 6 and not set(c) & set("01IO") for c in codes)


def test_purge_removes_only_old_rows(fresh_db):
    facts.record_fact(fresh_db, "c1", "interests", {})
    later = datetime.now(timezone.utc) + timedelta(days=100)
    assert facts.purge_older_than(fresh_db, 90, now=datetime.now(timezone.utc)) == 0
    assert facts.purge_older_than(fresh_db, 90, now=later) == 1
    assert facts.facts_for(fresh_db, "c1") == []


def test_purge_command_uses_configured_retention(tmp_path, monkeypatch, capsys):
    from bot import retention

    monkeypatch.setenv("KANSRIJK_DB", str(tmp_path / "app.db"))
    db = appdb.connect(tmp_path / "app.db")
    db["facts"].insert({"conversation_id": "old", "kind": "interests", "payload": "{}",
                        "created_at": "2020-01-01T00:00:00+00:00"})
    facts.record_fact(db, "new", "interests", {})
    assert retention.main(["purge"]) == 0
    assert "1 rijen verwijderd (ouder dan 90 dagen)" in capsys.readouterr().out
    assert [row["conversation_id"] for row in db["facts"].rows] == ["new"]
