"""Name resolution latency over the whole catalogue: p50/p95 of resolve_programme on 300 questions (warm).

The questions: every programme's own name, the examples students type ("juridisch", "ict beheer",
"kapper", typos, a crebo, an earlier crebo) and sentences around them, so no answer comes from a cache.
Run: .venv/bin/python bench/resolve_latency.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TYPED = ["juridisch", "ict beheer", "kapper", "kaper", "ict beheeer", "verzorgende ig", "kok", "bakker",
         "automonteur", "pedagogisch medewerker", "25603", "25180", "matroos", "laborant", "drukker",
         "hovenier", "vrachtwagenchauffeur", "beveiliger", "verkoper", "doktersassistent", "timmerman",
         "ik wil iets met juridisch", "heb je werk met kapper?", "vergelijk kok en bakker", "brommer"]
FRAMES = ["{}", "hoe zit het met {}", "wat zijn de kansen bij {}?", "vertel meer over {}", "ik twijfel over {}"]


def questions(catalogue) -> list[str]:
    names = [p.name for p in catalogue.programmes]
    earlier = [c for p in catalogue.programmes for c in getattr(p, "earlier_codes", ())][:20]
    out = list(TYPED) + earlier
    k = 0
    while len(out) < 300:
        out.append(FRAMES[k % len(FRAMES)].format(names[(k * 7) % len(names)].lower()))
        k += 1
    return out[:300]


def main() -> int:
    import labour_outlook

    catalogue = labour_outlook.get_catalogue()
    labour_outlook.resolve_programme("kok", catalogue=catalogue)  # build or load the index
    qs = questions(catalogue)
    for q in qs[:10]:
        labour_outlook.resolve_programme(q, catalogue=catalogue)
    times = []
    for q in qs:
        t = time.perf_counter()
        labour_outlook.resolve_programme(q, catalogue=catalogue)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(round(0.95 * len(times))) - 1]
    print(f"catalogue: {len(catalogue)} programmes, {len(times)} questions")
    print(f"warm name resolution latency: p50 {p50:.2f} ms, p95 {p95:.2f} ms (target p95 <= 5 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
