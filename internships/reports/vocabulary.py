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
    "GROUND_LABELS_EN",
    "CONTACT_ROUTES_EN",
    "STATUS_NAMES_EN",
    "STATUS_TEXT_EN",
    "LANGUAGES",
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


# English labels for a student who switched language (issue 16). The keys above stay
# what is stored; these are only what the student reads. Dutch is the default.
GROUND_LABELS_EN = {
    "naam_afkomst": "name or background",
    "religie_hoofddoek": "religion or headscarf",
    "huidskleur": "skin colour",
    "beperking": "disability or illness",
    "gender": "gender (boy, girl or other)",
    "leeftijd": "age",
    "anders": "something else",
    "zeg_ik_liever_niet": "I'd rather not say",
}
CONTACT_ROUTES_EN = {
    "email": "email",
    "telefoon": "phone",
    "mentor": "through your mentor or internship supervisor",
    "zelf_langskomen": "you drop in at the internship office yourself",
}
STATUS_NAMES_EN = {
    "nieuw": "new",
    "in behandeling": "in progress",
    "doorverwezen": "referred",
    "afgesloten": "closed",
}
STATUS_TEXT_EN = {
    "nieuw": "Your report has arrived. Nobody has looked at it yet.",
    "in behandeling": "Someone at school is working on your report.",
    "doorverwezen": "Your report was passed on, for example to the SBB hotline for internship discrimination "
                    "(Meldpunt Stagediscriminatie).",
    "afgesloten": "Your report has been dealt with.",
}
LANGUAGES = ("nl", "en")
_LABELS = {
    "nl": {"ground": GROUND_LABELS, "contact": CONTACT_ROUTES, "status": {s: s for s in STATUSES},
           "status_text": STATUS_TEXT},
    "en": {"ground": GROUND_LABELS_EN, "contact": CONTACT_ROUTES_EN, "status": STATUS_NAMES_EN,
           "status_text": STATUS_TEXT_EN},
}


def _label(kind: str, key: str, language: str | None) -> str:
    return _LABELS.get(language or "nl", _LABELS["nl"])[kind][key]


def ground_label(key: str, language: str | None = "nl") -> str:
    """The ground's label in ``language`` (Dutch for an unknown language)."""
    return _label("ground", key, language)


def contact_label(key: str, language: str | None = "nl") -> str:
    """The contact route's label in ``language`` (Dutch for an unknown language)."""
    return _label("contact", key, language)


def status_name(status: str, language: str | None = "nl") -> str:
    """A status as the student reads it: the stored Dutch word, or its translation."""
    return _label("status", status, language)


def status_text(status: str, language: str | None = "nl") -> str:
    """What a status means for the student, in ``language``."""
    return _label("status_text", status, language)


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
