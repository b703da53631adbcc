"""Which shared interests make a kansrijk alternative worth offering, and which are too general to say.

"Apothekersassistent past ook bij regels" tells a student nothing: almost every job has rules.
An alternative is offered on what the two programmes really share: a telling shared
interest word, or, when they share no words at all, a shared RIASEC type.
"""

from __future__ import annotations

from .text import fold

__all__ = ["GENERIC_SHARED", "telling_words", "worth_offering"]

# Interest words of the catalogue that fit nearly any job or office: never a reason on their own.
GENERIC_SHARED = frozenset(
    """regels regel kantoor computer computers klant klanten mensen werken samenwerken team contact
    praktisch netjes precies zelfstandig communicatie communiceren""".split()
)


def telling_words(shared: list[str]) -> list[str]:
    """``shared`` without the generic words, in the same order."""
    return [w for w in shared if not all(part in GENERIC_SHARED for part in fold(w).split())]


def worth_offering(shared: list[str], shared_types: list[str]) -> bool:
    """True when the programmes share a telling word, or no words at all but a RIASEC type."""
    if shared:
        return bool(telling_words(shared))
    return bool(shared_types)
