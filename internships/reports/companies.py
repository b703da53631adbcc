"""The reports' look-ups in the register (through ``internships.register``): match a typed company, check a report's ids."""

from __future__ import annotations

import re

from internships import register
from internships.errors import UnknownInstitution

from .errors import UnknownCompany
from .model import clean_text, company_key

__all__ = ["match_company", "check_register"]


# Words that say nothing about which company it is: they never make a match on their own.
STOP_WORDS = frozenset(
    "de het een der den des van in bij te op uit aan en of voor the and of s t bedrijf firma winkel zaak "
    "locatie vestiging filiaal".split()
)
# Kinds of business ("Autobedrijf", "Bakkerij"): they count, but less than the name itself.
KIND_WORDS = frozenset(
    """autobedrijf garage tweewielers bakkerij restaurant hotel eetcafe cafe kapsalon
    schoonheidssalon barbershop supermarkt bouwmarkt bouwbedrijf aannemersbedrijf schilderwerken timmerbedrijf
    installatietechniek metaalbedrijf elektrotechniek laboratorium tandtechniek opticien studio drukkerij
    mediaproducties software netwerkbeheer transportbedrijf logistiek distributiecentrum mode accountants
    administratiekantoor adviesbureau sportcentrum beveiliging fitness camping reisbureau recreatiepark
    kinderopvang kinderdagverblijf bso zorgcentrum thuiszorg zorggroep hoveniersbedrijf dierenkliniek
    tuincentrum infra onderhoud apotheek praktijk""".split()
)
KIND_WEIGHT = 0.4
TOKEN_MIN = 80  # a typed word this close to a word of the name counts as that word (rapidfuzz ratio)
KIND_MIN = 90  # kinds of business must be nearer: "bakkerij" is not the surname "Bakker"
ELSEWHERE_MIN = 90  # when the student named a place, a company elsewhere needs this score
PLACE_BONUS = 10


def _tokens(text: str) -> list[str]:
    return [w for w in company_key(text).split() if w not in STOP_WORDS]


def _named_place(words: list[str]) -> tuple[str | None, list[str], bool]:
    """The place at the end of the words ("... in Utrecht", "... Den Haag"), the words before it,
    and whether "in", "te", "uit" or "bij" came before it (then it surely is no part of the name)."""
    from internships.errors import UnknownLocation
    from internships.geo import place_key, resolve_location

    for size in (3, 2, 1):
        if len(words) <= size:
            continue  # the whole text is never taken for a place
        tail = " ".join(words[-size:])
        if any(ch.isdigit() for ch in tail):
            continue
        try:
            location = resolve_location(tail)
        except UnknownLocation:
            continue
        if place_key(location.place) != place_key(tail):
            continue  # a near miss of a place name is more likely part of the company's name
        rest = words[:-size]
        preposition = rest[-1] in ("in", "te", "uit", "bij")
        while rest and rest[-1] in ("in", "te", "uit", "bij"):
            rest = rest[:-1]
        return location.place, rest, preposition
    return None, words, False


def _token_score(word: str, others: list[str]) -> float:
    from rapidfuzz import fuzz

    # "Dyk" and "Dijk" are one name: students type either.
    word = word.replace("ij", "y")
    best = max((fuzz.ratio(word, other.replace("ij", "y")) for other in others), default=0.0)
    return best if best >= (KIND_MIN if word in KIND_WORDS else TOKEN_MIN) else 0.0


def _side(words: list[str], others: list[str]) -> float:
    """How much of ``words`` is found in ``others`` (0-100), kinds of business counting less."""
    weights = [KIND_WEIGHT if w in KIND_WORDS else 1.0 for w in words]
    if not words:
        return 0.0
    return sum(wt * _token_score(w, others) for w, wt in zip(words, weights)) / sum(weights)


def name_score(query: list[str], name: list[str]) -> float:
    """0-100: both ways, how well the words match; 0 when only kinds of business or stop words match."""
    distinct = [w for w in query if w not in KIND_WORDS]
    if not distinct or not any(_token_score(w, name) for w in distinct):
        return 0.0  # "Autobedrijf De Vries" is not "Autobedrijf Jansen"; "de bakkerij" is too vague
    score = 0.6 * _side(query, name) + 0.4 * _side(name, query)
    query_kinds, name_kinds = {w for w in query if w in KIND_WORDS}, {w for w in name if w in KIND_WORDS}
    if query_kinds and name_kinds and not any(_token_score(k, list(name_kinds)) for k in query_kinds):
        score *= 0.7  # "Bakkerij De Vries" when the student typed "Autobedrijf De Vries"
    return score


def match_company(db, text: str, limit: int = 3, min_score: float = 70.0) -> list[dict]:
    """Leerbedrijven whose name looks like ``text``, best first: ``id``, ``name``, ``place``, ``score``.

    Stop words ("de", "van") and a place at the end ("in Utrecht") never make a match; a
    company in the place the student named comes first, one elsewhere needs a higher score.
    A KvK number (8 digits) matches exactly. Returns [] when nothing scores ``min_score``
    (or the register has no leerbedrijven yet).
    """
    from internships.geo import place_key

    text = clean_text(text)
    if not text:
        return []
    kvk = re.sub(r"\D", "", text)
    if len(kvk) == 8 and len(re.sub(r"[\d\s]", "", text)) == 0:
        rows = register.companies_by_kvk(db, kvk)
        return [{"id": r["id"], "name": r["name"], "place": r["place"], "score": 100.0} for r in rows[:limit]]

    every = company_key(text).split()
    place, words, preposition = _named_place(every)
    query = [w for w in words if w not in STOP_WORDS]
    if not preposition and not any(w not in KIND_WORDS for w in query):
        query = [w for w in every if w not in STOP_WORDS]  # "Zorggroep Utrecht": the place is the name
    if not query:
        return []
    found = []
    for row in register.company_rows(db):
        score = name_score(query, _tokens(row["name"]))
        if not score:
            continue
        here = bool(place and row["place"] and place_key(row["place"]) == place_key(place))
        if place and not here and score < max(min_score, ELSEWHERE_MIN):
            continue
        score += PLACE_BONUS if here else 0.0
        if score >= min_score:
            found.append((score, row))
    found.sort(key=lambda pair: (-pair[0], pair[1]["id"]))
    return [{"id": row["id"], "name": row["name"], "place": row["place"], "score": round(min(score, 100.0), 1)}
            for score, row in found[:limit]]


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
