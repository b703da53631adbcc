"""Top-k domain hit rate of the recommender on a labelled set: ``python -m labour_outlook.evaluate [FILE]``."""

from __future__ import annotations

import sys
from pathlib import Path

from . import paths

DEFAULT_SET = paths.REPO_DIR / "tests" / "labour_outlook" / "eval_interests.yml"


def load_set(path: Path | str = DEFAULT_SET) -> list[dict]:
    import yaml

    with open(path, encoding="utf-8") as f:
        return [{"text": i["text"], "domains": list(i["domains"])} for i in yaml.safe_load(f)]


def hit_rate(items: list[dict], k: int = 3, **kwargs) -> tuple[float, list[dict]]:
    """Share of items where one of the top-k programmes is in an acceptable domain; and the misses."""
    from .recommend import recommend

    misses = []
    for item in items:
        recs = recommend(item["text"], top=k, **kwargs)
        got = [r.programme.domain for r in recs]
        if not set(got) & set(item["domains"]):
            misses.append({"text": item["text"], "want": item["domains"], "got": [r.programme.name for r in recs]})
    return (1 - len(misses) / len(items)) if items else 0.0, misses


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    items = load_set(argv[0] if argv else DEFAULT_SET)
    rate, misses = hit_rate(items)
    lexical_only, _ = hit_rate(items, use_embeddings=False)
    print(f"top-3 domain hit rate: {rate:.3f} ({len(items) - len(misses)}/{len(items)}); lexical only: {lexical_only:.3f}")
    for m in misses:
        print(f"  miss: {m['text']!r} want {m['want']} got {m['got']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
