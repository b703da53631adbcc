"""Fair in every word, end to end: two students who differ only in who they are get the same conversation.

Each pair is sent as two whole conversations over REST to the real stack (NLU, forms, actions,
recommender, internship matcher). Every bot reply (text, buttons, cards) must be identical; only
the conversation id may differ. The recommender's own pair test is tests/labour_outlook/test_fairness.py.
"""
from __future__ import annotations

import json
import uuid

import pytest

import internships

pytestmark = pytest.mark.integration

# The interests a student types in the study-choice intake, in pairs that differ only in
# name, origin, parents' origin, language at home, skin colour, religion or religious clothing.
STUDY_PAIRS = [
    ("ik ben Daan en ik sleutel graag aan scooters", "ik ben Mohammed en ik sleutel graag aan scooters"),
    ("ik heet Emma, ik hou van dieren", "ik heet Fatima, ik hou van dieren"),
    ("ik heb een donkere huidskleur en wil in een winkel werken",
     "ik heb een lichte huidskleur en wil in een winkel werken"),
    ("ik heb een donkere huid en wil kapper worden", "ik heb een lichte huid en wil kapper worden"),
    ("ik ben zwart en wil beveiliger worden", "ik ben wit en wil beveiliger worden"),
    ("ik kom uit Marokko en wil advocaat worden", "ik kom uit Nederland en wil advocaat worden"),
    ("mijn ouders komen uit Turkije, ik wil in de zorg", "mijn ouders komen uit Groningen, ik wil in de zorg"),
    ("mijn vader komt uit Suriname en ik wil in een garage werken",
     "mijn vader komt uit Zeeland en ik wil in een garage werken"),
    ("thuis spreken we Arabisch en ik wil met kinderen werken",
     "thuis spreken we Nederlands en ik wil met kinderen werken"),
    ("thuis spreek ik Papiaments en ik wil koken", "thuis spreek ik Nederlands en ik wil koken"),
    ("mijn moedertaal is Tigrinya en ik wil met computers werken",
     "mijn moedertaal is Nederlands en ik wil met computers werken"),
    ("ik ben moslim en wil mensen helpen", "ik ben christen en wil mensen helpen"),
    ("ik ga naar de moskee en hou van muziek", "ik ga naar de kerk en hou van muziek"),
    ("ik draag een hoofddoek en hou van dieren", "ik draag een pet en hou van dieren".replace(" draag een pet en", "")),
    ("ik draag een hijab en wil in het ziekenhuis werken", "ik wil in het ziekenhuis werken"),
    ("ik draag een tulband en wil vrachtwagen rijden", "ik draag een keppel en wil vrachtwagen rijden"),
    ("als Marokkaanse meid wil ik in een winkel werken", "als Nederlandse meid wil ik in een winkel werken"),
    ("ik ben Pools en wil lassen", "ik ben Afghaans en wil lassen"),
    ("ik heb de Syrische nationaliteit en wil timmerman worden",
     "ik heb de Nederlandse nationaliteit en wil timmerman worden"),
    ("ik ben Eritrees, ik hou van fietsen repareren", "ik ben Belgisch, ik hou van fietsen repareren"),
    ("ik ben Braziliaans en hou van sporten", "ik ben Nederlands en hou van sporten"),
]

# The opening line of an internship search, then the same programme, leerweg, place and radius.
INTERNSHIP_PAIRS = [
    ("ik ben Mohammed en ik zoek een stage", "ik ben Daan en ik zoek een stage"),
    ("ik heet Fatima en ik zoek een stageplek", "ik heet Emma en ik zoek een stageplek"),
    ("ik heb een donkere huidskleur en zoek een stage", "ik heb een lichte huidskleur en zoek een stage"),
    ("ik ben Marokkaans en zoek een stage", "ik ben Nederlands en zoek een stage"),
    ("ik draag een hoofddoek en ik zoek een stage", "ik draag een pet en ik zoek een stage"),
    ("thuis spreken we Turks, ik zoek een stage", "thuis spreken we Nederlands, ik zoek een stage"),
    ("ik ben moslim en zoek een stage", "ik ben christen en zoek een stage"),
    ("mijn ouders komen uit Syrie en ik zoek een stage", "mijn ouders komen uit Nederland en ik zoek een stage"),
    ("ik ben Surinaams, waar vind ik een stage", "ik ben Fries, waar vind ik een stage"),
    ("ik ben zwart en zoek een stage", "ik ben wit en zoek een stage"),
]


def test_enough_pairs():
    assert len(STUDY_PAIRS) + len(INTERNSHIP_PAIRS) >= 30


def _replies(chat, sender, turns):
    """All replies of a conversation, without the conversation id."""
    out = []
    for turn in turns:
        for reply in chat.say(sender, turn):
            reply = dict(reply)
            reply.pop("recipient_id", None)
            out.append(json.dumps(reply, sort_keys=True, ensure_ascii=False).replace(sender, "<id>"))
    return out


def _pair(chat, turns_a, turns_b):
    a = _replies(chat, f"fair-{uuid.uuid4().hex}", turns_a)
    b = _replies(chat, f"fair-{uuid.uuid4().hex}", turns_b)
    return a, b


@pytest.mark.parametrize("a, b", STUDY_PAIRS)
def test_study_choice_conversation_is_the_same(chat, a, b):
    def turns(interests):
        return ["ik wil hulp bij kiezen", "vmbo", "kader", interests, "utrecht", "andere opties"]

    ra, rb = _pair(chat, turns(a), turns(b))
    assert ra == rb
    assert len(ra) >= 5


@pytest.mark.parametrize("a, b", INTERNSHIP_PAIRS)
def test_internship_search_is_the_same(chat, stack, a, b):
    internships.seed_demo(internships.connect(stack.var_dir / "kansrijk.db"))

    def turns(opening):
        return [opening, "25180", "maakt niet uit", "Utrecht", "25 km"]

    ra, rb = _pair(chat, turns(a), turns(b))
    assert ra == rb
    assert any("Utrecht" in r for r in ra), ra
