"""Shared helpers for the profile scripts (scripts/profiles_*.py).

The hand-written programme profiles live in labour_outlook/data/profiles.csv,
one row per programme of the real register, on the programme's current code:
the highest crebo among the register rows with the same kwalificatie name and
niveau (names compared without case, spaces or hyphens, so "Allround Kapper"
and "Allround kapper" are one programme).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "labour_outlook" / "data" / "profiles.csv"
PROJECT_REGISTER = ROOT / "labour_outlook" / "data" / "mbo_kwalificaties_crebo.csv"
SHARED_REGISTER = ROOT.parent / "shared" / "data" / "mbo_kwalificaties_crebo.csv"
HEADER = ["crebo", "name", "niveau", "description", "beroepen", "riasec", "synonyms"]


def norm_name(name: str) -> str:
    """Lower case, hyphens and runs of spaces as one space."""
    return re.sub(r"[\s\-]+", " ", name.lower()).strip()


def register_path() -> Path:
    return PROJECT_REGISTER if PROJECT_REGISTER.exists() else SHARED_REGISTER


def load_register(path: Path | None = None) -> list[dict[str, str]]:
    with open(path or register_path(), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def current_programmes(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Current code -> register row of that code, one per (name, niveau)."""
    best: dict[tuple[str, str], dict[str, str]] = {}
    for row in rows:
        key = (norm_name(row["kwalificatie"]), row["niveau"])
        if key not in best or int(row["crebo"]) > int(best[key]["crebo"]):
            best[key] = row
    return {row["crebo"]: row for row in best.values()}


def read_profiles() -> list[dict[str, str]]:
    if not PROFILES.exists():
        return []
    with open(PROFILES, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_profiles(profiles: list[dict[str, str]]) -> None:
    profiles = sorted(profiles, key=lambda p: int(p["crebo"]))
    with open(PROFILES, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        for profile in profiles:
            writer.writerow({k: profile[k] for k in HEADER})
