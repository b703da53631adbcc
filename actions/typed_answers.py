"""Read a typed answer to a button question: any case, repeated letters, small typos ("LEUKKK", "luek", "jaa").

Pure functions, no Rasa: the form validators call them and unit tests can too.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Dict, Iterable, Optional, Sequence, Tuple

__all__ = ["normalise", "collapse", "has_phrase", "choose", "quiz_answer", "yes_no"]

# A single word this close (rapidfuzz ratio, 0-100) to a known answer word counts as it.
TYPO_SCORE = 75
# Longer messages are read for whole phrases only: "ik sleutel graag aan scooters" is no answer.
FUZZY_MAX_WORDS = 4


def normalise(text: str) -> str:
    """Lower case, no accents, punctuation and emoji to spaces, letters repeated 3+ times to one."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("'", ""))
    text = re.sub(r"([a-z])\1{2,}", r"\1", text)
    return " ".join(text.split())


def collapse(word: str) -> str:
    """Any run of one letter to a single letter, so 'leukk', 'jaa' and 'neee' meet 'leuk', 'ja', 'ne'."""
    return re.sub(r"([a-z])\1+", r"\1", word)


def _padded(text: str) -> str:
    return " " + " ".join(collapse(w) for w in normalise(text).split()) + " "


def has_phrase(text: str, phrases: Iterable[str]) -> bool:
    """True when one of ``phrases`` occurs in ``text`` as whole words (after normalising both)."""
    padded = _padded(text)
    return any(_padded(p) in padded for p in phrases if normalise(p))


def _typo_of(text: str, words: Iterable[str]) -> bool:
    """True when a word of a short ``text`` is a likely typo of one of ``words`` (3+ letters)."""
    from rapidfuzz import fuzz  # lazy: nothing heavy at import time

    typed = [collapse(w) for w in normalise(text).split()]
    if not typed or len(typed) > FUZZY_MAX_WORDS:
        return False
    targets = [collapse(w) for w in words if len(w) >= 3]
    return any(len(t) >= 3 and fuzz.ratio(t, w) >= TYPO_SCORE for t in typed for w in targets)


def choose(text: str, options: Sequence[Tuple[str, Sequence[str]]], typo_words: Optional[Dict[str, Sequence[str]]] = None
           ) -> Optional[str]:
    """The key of the first option whose phrases occur in ``text``; then the first whose typo words fit.

    ``options`` is checked in order, so put longer phrases ("niet leuk") before the shorter
    ones they contain ("leuk").
    """
    for key, phrases in options:
        if has_phrase(text, phrases):
            return key
    for key, _phrases in options:
        if typo_words and key in typo_words and _typo_of(text, typo_words[key]):
            return key
    return None


QUIZ_OPTIONS = (
    ("weet ik niet", ("weet ik niet", "weet ik nie", "weet niet", "weet nie", "weetniet", "wt nie", "geen idee",
                      "idk", "ik weet het niet", "weet het niet", "twijfel", "soms", "beetje", "een beetje",
                      "misschien", "gaat wel", "mwah", "mwa", "mja", "zozo", "so so", "hangt ervan af",
                      "dunno", "no idea", "maybe", "neutraal", "maakt niet uit", "mag ook")),
    ("niet leuk", ("niet leuk", "nie leuk", "niet zo leuk", "niet echt", "nee", "neen", "ne", "nah", "nope",
                   "no", "niet", "nie", "saai", "stom", "boeit me niet", "boeit niet", "boeit me niks",
                   "interesseert me niet", "niks", "niks voor mij", "niets voor mij", "echt niet", "liever niet",
                   "hekel", "bah", "nooit", "vreselijk", "verschrikkelijk", "haat", "not", "dislike", "nein")),
    ("leuk", ("leuk", "ja", "jep", "jup", "yes", "yep", "ya", "zeker", "vet", "nice", "chill", "tof", "top",
              "gaaf", "super", "mooi", "klopt", "dat ben ik", "jazeker", "tuurlijk", "natuurlijk", "zeker weten",
              "lijkt me leuk", "like", "love", "cool", "prima", "ok", "oke", "okay", "zalig", "geweldig")),
)
QUIZ_TYPOS = {"weet ik niet": ("weet",), "niet leuk": ("niet",), "leuk": ("leuk",)}


def quiz_answer(text: str) -> Optional[str]:
    """'leuk', 'weet ik niet' or 'niet leuk' for a typed quiz answer; None when it is no answer.

    'ja leuk', 'LEUKKK', 'luek' -> leuk; 'nee', 'boeit me niet' -> niet leuk;
    'weet niet', 'geen idee', 'idk' -> weet ik niet.
    """
    typed = normalise(text)
    if not typed:
        return None
    words = typed.split()
    # "niet" next to a typo of "leuk" ("niet luek") is still "niet leuk".
    if len(words) <= FUZZY_MAX_WORDS and "niet" in words and _typo_of(" ".join(w for w in words if w != "niet"),
                                                                       ("leuk",)):
        return "niet leuk"
    return choose(typed, QUIZ_OPTIONS, QUIZ_TYPOS)


YES = ("ja", "jawel", "jep", "jup", "yes", "yep", "ok", "oke", "okay", "prima", "goed", "is goed", "mag",
       "dat mag", "zeker", "tuurlijk", "natuurlijk", "akkoord", "doe maar", "graag", "klopt", "sure", "y")
NO = ("nee", "neen", "ne", "nope", "no", "nah", "niet", "liever niet", "hoeft niet", "echt niet", "geen", "n",
      "mag niet", "niet doen", "nooit")


def yes_no(text: str) -> Optional[bool]:
    """True or False for a typed yes or no ('jaaa', 'Nee!', 'liever niet'); None when unclear."""
    answer = choose(text, [("no", NO), ("yes", YES)], {"no": ("nee",), "yes": ("ja", "prima")})
    return None if answer is None else answer == "yes"
