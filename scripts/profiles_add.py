"""Add new hand-written profiles to labour_outlook/data/profiles.csv.

Reads lines from stdin, one profile a line:

    crebo | description | beroep;beroep | RIASEC | synonym;synonym;...

Name and niveau come from the register, so they are always spelled as there.
Checks each line against the profile contract and refuses the whole batch on
any error. Lines starting with # and empty lines are skipped.

Usage: python scripts/profiles_add.py < batch.txt
       python scripts/profiles_add.py --missing [niveau ...]   (list programmes without a profile)
"""

from __future__ import annotations

import sys

from profiles_common import current_programmes, load_register, read_profiles, write_profiles


def check(code: str, description: str, beroepen: list[str], riasec: str, synonyms: list[str]) -> list[str]:
    errors = []
    if not (description.startswith("Je ") and description.endswith(".")):
        errors.append("description must start with 'Je ' and end with '.'")
    if len(description) > 200:
        errors.append(f"description is {len(description)} characters")
    if not 1 <= len(beroepen) <= 4:
        errors.append(f"{len(beroepen)} beroepen")
    if not (1 <= len(riasec) <= 3 and set(riasec) <= set("RIASEC") and len(set(riasec)) == len(riasec)):
        errors.append(f"bad riasec {riasec!r}")
    if not 6 <= len(synonyms) <= 15:
        errors.append(f"{len(synonyms)} synonyms")
    if len(set(synonyms)) != len(synonyms) or any(s != s.lower() for s in synonyms):
        errors.append("synonyms must be unique and lower case")
    return [f"{code}: {e}" for e in errors]


def main(argv: list[str]) -> int:
    programmes = current_programmes(load_register())
    profiles = {p["crebo"]: p for p in read_profiles()}
    if argv and argv[0] == "--missing":
        niveaus = set(argv[1:]) or {"1", "2", "3", "4"}
        rows = [r for c, r in programmes.items() if c not in profiles and r["niveau"] in niveaus]
        for r in sorted(rows, key=lambda r: (r["opleidingsdomein"], r["niveau"], r["kwalificatie"])):
            print(f"{r['crebo']} {r['niveau']} {r['opleidingsdomein']} | {r['kwalificatie']} | {r['kwalificatiedossier']}")
        print(f"{len(rows)} without a profile", file=sys.stderr)
        return 0
    errors, added = [], []
    for raw in sys.stdin:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 5:
            errors.append(f"not 5 fields: {line[:60]}")
            continue
        code, description, beroepen, riasec, synonyms = parts
        if code not in programmes:
            errors.append(f"{code}: not a current programme code")
            continue
        if code in profiles or code in {a["crebo"] for a in added}:
            errors.append(f"{code}: already has a profile")
            continue
        ber = [b.strip() for b in beroepen.split(";") if b.strip()]
        syn = [s.strip() for s in synonyms.split(";") if s.strip()]
        errors += check(code, description, ber, riasec, syn)
        reg = programmes[code]
        added.append({"crebo": code, "name": reg["kwalificatie"], "niveau": reg["niveau"],
                      "description": description, "beroepen": ";".join(ber), "riasec": riasec,
                      "synonyms": ";".join(syn)})
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    write_profiles([*profiles.values(), *added])
    print(f"added {len(added)}, now {len(profiles) + len(added)} profiles")
    for a in added:
        print(f"  {a['crebo']} {a['name']} ({a['niveau']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
