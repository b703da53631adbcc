"""The reports' look-ups in the register (through ``internships.register``): match a typed company, check a report's ids."""

from __future__ import annotations

import re

from internships import register
from internships.errors import UnknownInstitution

from .errors import UnknownCompany
from .model import clean_text, company_key

__all__ = ["match_company", "check_register"]


def match_company(db, text: str, limit: int = 3, min_score: float = 70.0) -> list[dict]:
    """Leerbedrijven whose name looks like ``text`` (fuzzy), best first: ``id``, ``name``, ``place``, ``score``.

    A KvK number (8 digits) matches exactly. Returns [] when nothing looks alike
    (or the register has no leerbedrijven yet).
    """
    from rapidfuzz import fuzz, process, utils  # lazy: nothing heavy at import time

    text = clean_text(text)
    if not text:
        return []
    kvk = re.sub(r"\D", "", text)
    if len(kvk) == 8 and len(re.sub(r"[\d\s]", "", text)) == 0:
        rows = register.companies_by_kvk(db, kvk)
        return [{"id": r["id"], "name": r["name"], "place": r["place"], "score": 100.0} for r in rows[:limit]]

    query = company_key(text)
    if not query:
        return []
    by_id = {r["id"]: r for r in register.company_rows(db)}
    choices = {i: company_key(r["name"]) for i, r in by_id.items()}
    found = process.extract(
        query, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit, score_cutoff=min_score
    )
    return [
        {"id": key, "name": by_id[key]["name"], "place": by_id[key]["place"], "score": round(score, 1)}
        for _choice, score, key in found
    ]


def check_register(db, row: dict) -> None:
    """Raise UnknownCompany or UnknownInstitution when a normalised report names what the register has not got."""
    if row["leerbedrijf_id"] is not None and not register.company_names(db, [row["leerbedrijf_id"]]):
        raise UnknownCompany(
            "Dit bedrijf staat niet in het register. Typ de naam van het bedrijf, dan slaan we die op."
        )
    if row["route"] == "follow_up":
        try:
            register.get_institution(db, row["institution_code"])
        except UnknownInstitution:
            # The register's message is for operators; the student gets this one.
            raise UnknownInstitution(
                f"School {row['institution_code']!r} kennen we niet. Kies je school uit de lijst, "
                "of kies 'alleen registreren'."
            ) from None
