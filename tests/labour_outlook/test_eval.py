"""Quality: top-3 domain hit rate on the labelled sets (target >= 0.95 over the whole register)."""

from pathlib import Path

from labour_outlook.evaluate import hit_rate, load_set

HERE = Path(__file__).resolve().parent


def test_eval_set_is_big_and_valid(catalogue):
    items = load_set(HERE / "eval_interests.yml")
    assert len(items) >= 95
    domains = {p.domain for p in catalogue}
    for item in items:
        assert set(item["domains"]) <= domains, item


def test_top3_domain_hit_rate(model):
    rate, misses = hit_rate(load_set(HERE / "eval_interests.yml"))
    assert rate >= 0.95, misses


def test_held_out_hit_rate(model):
    rate, misses = hit_rate(load_set(HERE / "eval_holdout.yml"))
    assert rate >= 0.85, misses
