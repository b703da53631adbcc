"""The reports' fixed vocabulary: routes, roles, grounds, contact routes, statuses, codes and defaults.

``appdb.migrations`` writes ROUTES, ROLES, GROUNDS and STATUSES out literally in the
``reports`` CHECK constraints (a released migration must not change); a test compares them.
"""

from __future__ import annotations

__all__ = [
    "ROUTES",
    "ROLES",
    "GROUNDS",
    "GROUND_LABELS",
    "CONTACT_ROUTES",
    "CONTACT_NEEDS_DETAILS",
    "STATUSES",
    "STATUS_TEXT",
    "ground_label",
    "contact_label",
    "status_name",
    "status_text",
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "CODE_LENGTHS",
    "MAX_TEXT",
    "DEFAULT_THRESHOLD",
    "DEFAULT_RETENTION_DAYS",
]

ROUTES = ("anonymous", "follow_up")
ROLES = ("self", "witness")
GROUNDS = (
    "naam_afkomst",
    "religie_hoofddoek",
    "huidskleur",
    "beperking",
    "gender",
    "leeftijd",
    "anders",
    "zeg_ik_liever_niet",
)
# Neutral wording: the student may be a witness, so no "je".
GROUND_LABELS = {
    "naam_afkomst": "naam of afkomst",
    "religie_hoofddoek": "geloof of hoofddoek",
    "huidskleur": "huidskleur",
    "beperking": "beperking of ziekte",
    "gender": "gender (jongen, meisje of anders)",
    "leeftijd": "leeftijd",
    "anders": "iets anders",
    "zeg_ik_liever_niet": "zeg ik liever niet",
}
CONTACT_ROUTES = {
    "email": "e-mail",
    "telefoon": "telefoon",
    "mentor": "via je mentor of stagebegeleider",
    "zelf_langskomen": "je gaat zelf langs bij het stagebureau",
}
CONTACT_NEEDS_DETAILS = ("email", "telefoon")
STATUSES = ("nieuw", "in behandeling", "doorverwezen", "afgesloten")
STATUS_TEXT = {
    "nieuw": "Je melding is binnen. Nog niemand heeft ernaar gekeken.",
    "in behandeling": "Iemand van school werkt aan je melding.",
    "doorverwezen": "Je melding is doorgestuurd, bijvoorbeeld naar het Meldpunt Stagediscriminatie van SBB.",
    "afgesloten": "Je melding is afgehandeld.",
}


# The words a student reads; another language passes its own (texts/<code>.yml
# library.report: grounds, contact_routes, statuses, status_texts). The keys stay what is stored.
_LABELS = {"ground": GROUND_LABELS, "contact": CONTACT_ROUTES, "status": {s: s for s in STATUSES},
           "status_text": STATUS_TEXT}


def _label(kind: str, key: str, names: dict | None) -> str:
    return (names or {}).get(key) or _LABELS[kind][key]


def ground_label(key: str, names: dict | None = None) -> str:
    """The ground's label: Dutch, or from ``names`` (a translation by key)."""
    return _label("ground", key, names)


def contact_label(key: str, names: dict | None = None) -> str:
    """The contact route's label: Dutch, or from ``names``."""
    return _label("contact", key, names)


def status_name(status: str, names: dict | None = None) -> str:
    """A status as the student reads it: the stored Dutch word, or its translation in ``names``."""
    return _label("status", status, names)


def status_text(status: str, texts: dict | None = None) -> str:
    """What a status means for the student: Dutch, or from ``texts``."""
    return _label("status_text", status, texts)


CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O/1/I
# New codes have 10 characters (50 bits); reports made before 2026-12-02 keep their
# 8-character code (40 bits), which still works. Why 10: ``lookups.guessing_figure``.
CODE_LENGTH = 10
CODE_LENGTHS = (10, 8)
MAX_TEXT = 4000
DEFAULT_THRESHOLD = 3
# Days a report is kept. "anonymous" counts from the day it was made; the
# statuses count from the last status change (only closed/referred cases
# normally get that far; "nieuw" and "in behandeling" stop forgotten cases
# from living forever).
DEFAULT_RETENTION_DAYS = {
    "anonymous": 730,
    "nieuw": 730,
    "in behandeling": 730,
    "doorverwezen": 365,
    "afgesloten": 365,
}
