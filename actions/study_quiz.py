"""The interest quiz: 12 short statements, two per RIASEC type, answered with buttons."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import app_db
from bot import facts

# Written for this project at B1 level. Order alternates types so the quiz feels varied.
STATEMENTS = [
    ("R", "Ik maak graag iets met mijn handen, zoals timmeren of sleutelen."),
    ("I", "Ik wil graag weten hoe iets werkt."),
    ("A", "Ik bedenk graag iets nieuws, zoals een tekening, filmpje of outfit."),
    ("S", "Ik help graag andere mensen."),
    ("E", "Ik neem graag de leiding in een groep."),
    ("C", "Ik werk graag netjes en volgens een plan."),
    ("R", "Ik ben graag buiten of bezig met machines of dieren."),
    ("I", "Ik zoek graag dingen uit, zoals op de computer of in een lab."),
    ("A", "Ik ben graag bezig met muziek, kleding, eten of design."),
    ("S", "Ik leg graag iets uit aan een ander of zorg graag voor iemand."),
    ("E", "Ik vind het leuk om iets te verkopen of mensen over te halen."),
    ("C", "Ik houd van lijstjes, cijfers en alles op orde."),
]
QUIZ_SLOTS = [f"quiz_q{i}" for i in range(1, len(STATEMENTS) + 1)]
ANSWERS = {"leuk": 1.0, "weet ik niet": 0.5, "niet leuk": 0.0}
TYPE_SENTENCES = {
    "R": "Praktisch: je werkt graag met je handen, met gereedschap, machines, planten of dieren.",
    "I": "Onderzoekend: je wilt graag snappen hoe iets werkt en zoekt dingen uit.",
    "A": "Creatief: je maakt graag iets moois of nieuws.",
    "S": "Sociaal: je helpt, verzorgt of leert anderen graag iets.",
    "E": "Ondernemend: je neemt graag de leiding, overtuigt mensen en verkoopt graag.",
    "C": "Ordelijk: je werkt graag precies, met cijfers, lijsten en een vaste planning.",
}


def parse_answer(text: str) -> Optional[str]:
    lowered = " ".join(text.lower().split())
    if any(w in lowered for w in ("niet leuk", "nee", "saai", "stom", "boeit niet")):
        return "niet leuk"
    if any(w in lowered for w in ("weet ik niet", "weet niet", "idk", "twijfel", "soms", "beetje")):
        return "weet ik niet"
    if any(w in lowered for w in ("leuk", "ja", "zeker", "vet", "nice", "yes", "chill")):
        return "leuk"
    return None


def profile(answers: Dict[str, Optional[str]]) -> Dict[str, float]:
    """RIASEC scores between 0 and 1 from the quiz answers."""
    totals: Dict[str, List[float]] = {letter: [] for letter in "RIASEC"}
    for slot, (letter, _) in zip(QUIZ_SLOTS, STATEMENTS, strict=True):
        answer = answers.get(slot)
        if answer in ANSWERS:
            totals[letter].append(ANSWERS[answer])
    return {letter: (sum(v) / len(v) if v else 0.0) for letter, v in totals.items()}


def top_types(scores: Dict[str, float], n: int = 2) -> List[str]:
    ranked = sorted(scores, key=lambda letter: (-scores[letter], "RIASEC".index(letter)))
    return [letter for letter in ranked[:n] if scores[letter] > 0]


class ValidateQuizForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_quiz_form"


def _validator(slot: str):
    def validate(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        answer = parse_answer(str(value or ""))
        if answer is None:
            dispatcher.utter_message(text="Tik op leuk, weet ik niet of niet leuk.")
        return {slot: answer}

    return validate


# The questions are asked by utter_ask_quiz_qN (domain/questions.yml,
# generated from STATEMENTS by scripts/make_questions.py).
for _slot in QUIZ_SLOTS:
    setattr(ValidateQuizForm, f"validate_{_slot}", _validator(_slot))


class ActionQuizResult(Action):
    """Explain the quiz result in one sentence per top type and keep it for the advice."""

    def name(self) -> Text:
        return "action_quiz_result"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        scores = profile({slot: tracker.get_slot(slot) for slot in QUIZ_SLOTS})
        best = top_types(scores)
        if best:
            lines = ["Klaar! Dit past bij jou:"] + [f"- {TYPE_SENTENCES[t]}" for t in best]
        else:
            lines = ["Klaar! Je vond niet veel leuk. Dat geeft niet. Ik kijk breed voor je."]
        dispatcher.utter_message(text="\n".join(lines))
        facts.record_fact(app_db(), tracker.sender_id, "quiz_profile",
                          {"top": "".join(best), "scores": scores})
        events = [SlotSet("riasec_profile", "".join(best) or None)]
        if not tracker.get_slot("interests"):
            events.append(SlotSet("interests", "quiz"))
        events += [SlotSet(slot, None) for slot in QUIZ_SLOTS]
        return events
