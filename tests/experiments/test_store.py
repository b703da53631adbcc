"""Registering, starting, freezing and stopping experiments (the experiments table's owner)."""
from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from appdb.migrations import MIGRATIONS, TABLE_OWNERS
from bot.experiments import errors, store
from tests.experiments.helpers import TODAY, make_definition

FUTURE = {"start": TODAY + timedelta(days=10), "end": TODAY + timedelta(days=100)}


def test_the_table_is_in_the_ledger_with_its_owner():
    assert "experiments_0001" in [name for name, _step in MIGRATIONS]  # later migrations are appended after it
    assert TABLE_OWNERS["experiments"] == "bot.experiments.store"


def test_add_get_and_list(fresh_db):
    d = make_definition()
    added = store.add(fresh_db, d, on=TODAY)
    assert added.definition == d and added.content_hash == d.content_hash
    assert added.status == "running" and added.started  # its start date has passed
    assert store.get(fresh_db, "nudge_test", on=TODAY) == added
    assert [e.name for e in store.list_experiments(fresh_db, on=TODAY)] == ["nudge_test"]
    with pytest.raises(errors.UnknownExperiment, match="geen experiment 'nope'; bekijk de namen met"):
        store.get(fresh_db, "nope")


def test_adding_the_same_content_again_changes_nothing(fresh_db):
    first = store.add(fresh_db, make_definition(), on=TODAY)
    again = store.add(fresh_db, make_definition(arms={"framed": 5, "standard": 5, "no_offer": 5}), on=TODAY)
    assert again == first


def test_a_started_experiment_is_frozen(fresh_db):
    store.add(fresh_db, make_definition(), on=TODAY)
    with pytest.raises(errors.ExperimentFrozen) as raised:
        store.add(fresh_db, make_definition(min_sample_per_arm=200), on=TODAY, replace=True)
    assert str(raised.value).startswith("een gestart experiment kan niet veranderen; maak een nieuw experiment")
    assert store.get(fresh_db, "nudge_test").definition.min_sample_per_arm == 100


def test_before_its_start_it_can_be_replaced_on_request_and_freezes_on_the_start_date(fresh_db):
    store.add(fresh_db, make_definition(**FUTURE), on=TODAY)
    assert store.get(fresh_db, "nudge_test", on=TODAY).status == "registered"
    changed = make_definition(min_sample_per_arm=200, **FUTURE)
    with pytest.raises(errors.ExperimentExists, match="--replace"):
        store.add(fresh_db, changed, on=TODAY)
    assert store.add(fresh_db, changed, on=TODAY, replace=True).definition.min_sample_per_arm == 200
    start = FUTURE["start"]
    assert store.get(fresh_db, "nudge_test", on=start).status == "running"
    with pytest.raises(errors.ExperimentFrozen):
        store.add(fresh_db, make_definition(min_sample_per_arm=300, **FUTURE), on=start, replace=True)


def test_the_database_refuses_a_changed_definition_once_started(fresh_db):
    store.add(fresh_db, make_definition(), on=TODAY)
    with pytest.raises(sqlite3.IntegrityError, match="experiment is frozen"):
        fresh_db.execute("UPDATE experiments SET definition = '{}' WHERE name = 'nudge_test'")


def test_the_content_hash_is_checked_on_every_load(fresh_db):
    store.add(fresh_db, make_definition(**FUTURE), on=TODAY)
    row = fresh_db.execute("SELECT definition FROM experiments").fetchone()[0]
    # A writer that bypasses the owner (not yet started, so the trigger allows it).
    fresh_db.execute("UPDATE experiments SET definition = ?", [row.replace('"min_sample_per_arm":100', '"min_sample_per_arm":10')])
    fresh_db.conn.commit()
    for load in (lambda: store.get(fresh_db, "nudge_test", on=TODAY),
                 lambda: store.list_experiments(fresh_db, on=TODAY),
                 lambda: store.active_for(fresh_db, "DEMO01", FUTURE["start"])):
        with pytest.raises(errors.ExperimentTampered, match="klopt niet meer met de opgeslagen vingerafdruk"):
            load()


def test_active_for_school_and_date(fresh_db):
    d = make_definition(schools=["DEMO01", "ROC02"])
    store.add(fresh_db, d, on=TODAY)
    assert store.active_for(fresh_db, "DEMO01", TODAY).name == "nudge_test"
    assert store.active_for(fresh_db, "roc02", TODAY).name == "nudge_test"
    assert store.active_for(fresh_db, "OTHER", TODAY) is None
    assert store.active_for(fresh_db, "DEMO01", d.start - timedelta(days=1)) is None
    assert store.active_for(fresh_db, "DEMO01", d.end) is not None
    assert store.active_for(fresh_db, "DEMO01", d.end + timedelta(days=1)) is None


def test_stop(fresh_db):
    store.add(fresh_db, make_definition(), on=TODAY)
    stopped = store.stop(fresh_db, "nudge_test")
    assert stopped.status == "stopped" and stopped.stopped_at
    assert store.stop(fresh_db, "nudge_test").stopped_at == stopped.stopped_at  # twice: no change
    assert store.active_for(fresh_db, "DEMO01", TODAY) is None
    with pytest.raises(errors.UnknownExperiment):
        store.stop(fresh_db, "nope")


def test_overlapping_experiments_at_one_school_are_refused(fresh_db):
    store.add(fresh_db, make_definition(), on=TODAY)
    with pytest.raises(errors.ExperimentOverlap, match="school DEMO01 heeft .* al experiment 'nudge_test'; stop dat eerst"):
        store.add(fresh_db, make_definition(name="nudge_two"), on=TODAY)
    store.add(fresh_db, make_definition(name="nudge_other_school", schools=["ROC02"]), on=TODAY)
    store.stop(fresh_db, "nudge_test")
    store.add(fresh_db, make_definition(name="nudge_two"), on=TODAY)
    assert store.active_for(fresh_db, "DEMO01", TODAY).name == "nudge_two"


def test_an_experiment_that_already_ended_is_refused(fresh_db):
    with pytest.raises(errors.InvalidDate, match="is al voorbij"):
        store.add(fresh_db, make_definition(start=TODAY - timedelta(days=60), end=TODAY - timedelta(days=1)), on=TODAY)
