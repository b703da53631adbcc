"""The hand-written programme profiles (labour_outlook/data/profiles.csv) against their contract.

One row per real programme of the register (labour_outlook/data/mbo_kwalificaties_crebo.csv),
on the programme's current code: the highest crebo among the register rows with the same
kwalificatie name and niveau. Texts are B1 Dutch in the second person, and fair in every word.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "labour_outlook" / "data"
PROFILES = DATA / "profiles.csv"
REGISTER = DATA / "mbo_kwalificaties_crebo.csv"
HEADER = ["crebo", "name", "niveau", "description", "beroepen", "riasec", "synonyms"]

# Job titles are shown to students ("Je kunt bijvoorbeeld werken als ..."): only gender-neutral ones.
# (As search words, a form like "kapster" may stay: students type it.)
GENDERED_TITLES = {
    "kapster", "zuster", "verpleger", "serveerster", "stewardess", "steward", "grondstewardess",
    "secretaresse", "naaister", "coupeuse", "nagelstyliste", "leidster", "klusjesman", "tuinman",
    "boerenknecht", "koopman", "marktkoopman", "containerman", "deksman", "huismeester", "voorman",
    "vuilnisman", "schoonmaakster", "werkster", "verkoopster", "kassiere", "caissiere", "barman",
    "barvrouw", "visagiste", "masseuse", "cameraman",
}
PAIRED_TITLES = [("gastheer", "gastvrouw")]  # fine when both are named: "gastheer/gastvrouw"
# Words that single out a group of students by gender or origin.
GROUP_WORDS = {
    "meiden", "meisjes", "meisje", "jongens", "jongen", "mannen", "vrouwen", "man", "vrouw", "dames",
    "heren", "allochtoon", "allochtone", "autochtoon", "autochtone", "migrant", "migranten",
    "buitenlander", "buitenlanders", "afkomst", "achtergrond",
}


def _norm(name: str) -> str:
    return re.sub(r"[\s\-]+", " ", name.lower()).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ]+", text.lower())


@pytest.fixture(scope="module")
def register() -> list[dict[str, str]]:
    assert REGISTER.exists(), f"the register must ship with the project: {REGISTER}"
    with open(REGISTER, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter=";"))


@pytest.fixture(scope="module")
def current(register) -> dict[str, dict[str, str]]:
    """Current code -> its register row: the highest code of each (name, niveau) group."""
    best: dict[tuple[str, str], dict[str, str]] = {}
    for row in register:
        key = (_norm(row["kwalificatie"]), row["niveau"])
        if key not in best or int(row["crebo"]) > int(best[key]["crebo"]):
            best[key] = row
    return {row["crebo"]: row for row in best.values()}


@pytest.fixture(scope="module")
def profiles() -> list[dict[str, str]]:
    with open(PROFILES, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == HEADER
        return list(reader)


def test_every_profile_is_on_the_current_code_of_a_real_programme(profiles, register, current):
    codes = {row["crebo"] for row in register}
    for p in profiles:
        assert p["crebo"] in codes, f"{p['crebo']} {p['name']}: not a code of the register"
        assert p["crebo"] in current, f"{p['crebo']} {p['name']}: a newer code of this programme exists"
        reg = current[p["crebo"]]
        assert (p["name"], p["niveau"]) == (reg["kwalificatie"], reg["niveau"]), p["crebo"]
        assert not p["crebo"].startswith("9"), "placeholder code"


def test_one_profile_per_programme(profiles):
    crebos = Counter(p["crebo"] for p in profiles)
    assert [c for c, n in crebos.items() if n > 1] == []
    programmes = Counter((_norm(p["name"]), p["niveau"]) for p in profiles)
    assert [k for k, n in programmes.items() if n > 1] == []


def test_enough_profiles_and_every_niveau_1_and_2_programme_has_one(profiles, current):
    assert len(profiles) >= 300
    have = {p["crebo"] for p in profiles}
    missing = sorted(f"{c} {r['kwalificatie']}" for c, r in current.items() if r["niveau"] in {"1", "2"} and c not in have)
    assert missing == []
    # the common programmes of every opleidingsdomein (and Entree) have profiles
    domains = {r["opleidingsdomein"] for r in current.values()}
    covered = Counter(current[p["crebo"]]["opleidingsdomein"] for p in profiles)
    assert {d for d in domains if covered[d] < 5} == set(), covered


def test_fields_are_complete_and_valid(profiles):
    for p in profiles:
        code = p["crebo"]
        assert len(code) == 5 and code.isdigit()
        assert p["niveau"] in {"1", "2", "3", "4"}
        riasec = p["riasec"]
        assert 1 <= len(riasec) <= 3 and set(riasec) <= set("RIASEC") and len(set(riasec)) == len(riasec), code
        beroepen = p["beroepen"].split(";")
        synonyms = p["synonyms"].split(";")
        assert 1 <= len(beroepen) <= 4, code
        assert len(synonyms) >= 6, code
        for item in (*beroepen, *synonyms):
            assert item and item == item.strip() and item == item.lower(), (code, item)
        assert len(set(synonyms)) == len(synonyms), code


def test_descriptions_are_short_b1_sentences_in_the_second_person(profiles):
    sentences = []
    for p in profiles:
        d = p["description"]
        assert d and "\n" not in d, p["crebo"]
        assert len(d) <= 250, (p["crebo"], len(d))
        assert d.endswith("."), p["crebo"]
        assert d.startswith("Je "), p["crebo"]
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", d) if s]
    lengths = [len(s.split()) for s in sentences]
    assert sum(lengths) / len(lengths) <= 12, "B1: average sentence length at most 12 words"
    assert max(lengths) <= 20, [s for s in sentences if len(s.split()) > 20]


def test_fair_in_every_word(profiles):
    from labour_outlook.text import SENSITIVE_WORDS, fold

    for p in profiles:
        code = p["crebo"]
        words = set(_words(p["description"]))
        assert not words & GROUP_WORDS, (code, words & GROUP_WORDS)
        # "gasten" is the hospitality word for guests, not a group of students
        assert not words & (set(SENSITIVE_WORDS) - {"gast", "gasten"}), (code, words & set(SENSITIVE_WORDS))
        for beroep in p["beroepen"].split(";"):
            title = set(_words(beroep))
            assert not title & GENDERED_TITLES, (code, beroep)
            for one, other in PAIRED_TITLES:
                assert (one in title) == (other in title), (code, beroep)
        terms = {w for t in (*p["beroepen"].split(";"), *p["synonyms"].split(";")) for w in fold(t).split()}
        assert not terms & set(SENSITIVE_WORDS), (code, terms & set(SENSITIVE_WORDS))
