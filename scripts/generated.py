"""Write generated files, or with --check say which are stale (the scripts' one shared ending)."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def write_or_check(files: dict[Path, str], argv, script: str) -> int:
    """Write each file's text; with ``--check`` in argv write nothing and return 1 if one differs."""
    if "--check" in argv:
        stale = [str(p.relative_to(REPO)) for p, text in files.items()
                 if not p.exists() or p.read_text(encoding="utf-8") != text]
        if stale:
            print(f"verouderd, draai {script}: " + ", ".join(stale))
            return 1
        return 0
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(REPO)}")
    return 0
