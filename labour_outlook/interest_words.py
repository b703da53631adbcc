"""Tell whether a typed answer says anything about what a student likes ("vmbo kader", "ok" do not).

Pure and catalogue-free on purpose: it must give the same answer whatever the catalogue
holds, so a school type, a level, a filler or a name never passes for an interest.
"""

from __future__ import annotations

import re

from .text import STOPWORDS, fold, neutralise

__all__ = ["NO_INTEREST_WORDS", "interest_words", "carries_interest"]

# Words that answer another question (school, level, leerweg), fill a sentence, or say
# "I do not know". STOPWORDS already holds the commonest ones.
NO_INTEREST_WORDS = frozenset(
    """
    vmbo mbo havo vwo mavo praktijkonderwijs pro entree niveau niv lvl level klas leerjaar jaar
    basis basisberoeps basisberoepsgerichte kader kaderberoeps kaderberoepsgerichte gemengd gemengde
    theoretisch theoretische tl gl kb bb kbl bbl bol bb tl gt leerweg leerwegen profiel
    een twee drie vier vijf zes eerste tweede derde vierde
    ok oke okay oki okido prima goed top ja jaa jep yes yep nee neen nope no nah
    weet weten weetniet wt idk idee geen niks niets nix precies eigenlijk zeker echt helemaal
    beetje soms misschien denk denken ff even nog nu al wel niet hmm hm eh ehm uh uhm huh
    alles anders iets dingen ding van alles maakt uit boeit boeien whatever dunno
    leuk leuke leuks tof toffe vet chill nice gaaf lekker fijn mooi saai stom
    doen doe doet maken kijken gaan zijn hebben willen worden houden hou houd graag
    school opleiding opleidingen studie studeren kiezen keuze vak vakken
    hallo hoi hey hee hi yo doei bye dank dankje dankjewel thanks bedankt sorry pardon
    vraag vragen antwoord quiz test hoor joh jo nou hoe zit waarom wrm
    """.split()
)
_LETTERS = re.compile(r"[a-z]{3,}")


def interest_words(text: str) -> list[str]:
    """The words of ``text`` that could say what the student likes (names and origins removed first)."""
    words = []
    for word in neutralise(fold(text or "")).split():
        if word in STOPWORDS or word in NO_INTEREST_WORDS or not _LETTERS.fullmatch(word):
            continue
        words.append(word)
    return words


def carries_interest(text: str) -> bool:
    """True when ``text`` names at least one thing a student might like: 'ik game veel', not 'vmbo kader'."""
    return bool(interest_words(text))
