"""Print macro-F1 (all intents and the 16 contract intents of DESIGN.md) and the weakest
intents from a Rasa intent report (cross-validation or held-out test)."""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.intents import CONTRACT_INTENTS as CONTRACT  # noqa: E402


def main(path: str) -> int:
    report = json.load(open(path))
    intents = {k: v for k, v in report.items() if isinstance(v, dict) and "f1-score" in v
               and k not in ("accuracy", "macro avg", "weighted avg", "micro avg")}
    macro = report["macro avg"]["f1-score"]
    contract = [row["f1-score"] for name, row in intents.items() if name in CONTRACT]
    print(f"intents: {len(intents)}  macro-F1: {macro:.3f}  accuracy: {report.get('accuracy', 0):.3f}"
          f"  contract intents: {sum(contract) / max(len(contract), 1):.3f}")
    for name, row in sorted(intents.items(), key=lambda kv: kv[1]["f1-score"])[:8]:
        print(f"  {name:<24} f1 {row['f1-score']:.3f}  (n={row['support']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
