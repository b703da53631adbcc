"""The interest quiz: 12 short statements, two per RIASEC type, answered with buttons."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import texts
from actions.answer_misses import ResetsMisses, miss, misses_of
from actions.button_titles import TypedTitles
from actions.common import app_db, slot_text
from actions.typed_answers import has_phrase, quiz_answer
from bot import facts
from labour_outlook.interest_words import carries_interest

# The 12 statements are the responses utter_ask_quiz_q1..q12 (texts/<language>.yml, written
# for this project at B1 level); here each one's RIASEC type and response, in quiz order.
# The order alternates types so the quiz feels varied.
STATEMENTS = [(letter, f"utter_ask_quiz_q{i}") for i, letter in enumerate("RIASECRIASEC", start=1)]
QUIZ_SLOTS = [f"quiz_q{i}" for i in range(1, len(STATEMENTS) + 1)]
ANSWERS = {"leuk": 1.0, "weet ik niet": 0.5, "niet leuk": 0.0}


# What the "use what I typed" button sends, and what a student may type for it.
USE_TYPED = "gebruik wat ik typte"
USE_TYPED_PHRASES = (USE_TYPED, "gebruik dat", "gebruik dit", "gebruik mijn tekst", "stop de quiz en gebruik")
SKIPPED = "-"  # a question the student skipped by stopping the quiz with typed interests


def parse_answer(text: str) -> Optional[str]:
    """'leuk', 'weet ik niet' or 'niet leuk', typed in any spelling; None when it is no answer."""
    return quiz_answer(text)


def typed_interests(texts: List[str]) -> List[str]:
    """The typed non-answers that say what the student likes."""
    return [t for t in texts if carries_interest(t)]


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


class ValidateQuizForm(TypedTitles, ResetsMisses, FormValidationAction):
    def name(self) -> Text:
        return "validate_quiz_form"


def use_typed(slot: str, tracker: Tracker, texts: List[str]) -> Dict[Text, Any]:
    """Stop the quiz: the questions left count as skipped, what the student typed becomes the interests."""
    text = slot_text(" ".join(texts))
    known = list(tracker.get_slot("interest_texts") or [])
    facts.record_fact(app_db(), tracker.sender_id, "interests", {"text": text})
    left = QUIZ_SLOTS[QUIZ_SLOTS.index(slot):]
    return {**{s: SKIPPED for s in left}, "interests": text, "interest_texts": (known + [text])[-5:],
            "answer_misses": None}


def _validator(slot: str):
    def validate(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        text = str(value or "")
        answer = parse_answer(text)
        if answer is not None:
            return {slot: answer}
        earlier = typed_interests(misses_of(tracker, "quiz")["texts"])
        if earlier and has_phrase(text, USE_TYPED_PHRASES):
            return use_typed(slot, tracker, earlier)
        typed = typed_interests(misses_of(tracker, "quiz")["texts"] + [text])
        if typed:  # from the second miss on: offer to stop and use what they typed
            return miss(dispatcher, tracker, slot, key="quiz", first="utter_typed_retry_quiz",
                        help="utter_quiz_offer_typed", typed=slot_text(" ".join(typed), 120))
        return miss(dispatcher, tracker, slot, key="quiz", first="utter_typed_retry_quiz")

    return validate


# The questions are asked by utter_ask_quiz_qN (texts/<language>.yml, domain/texts.yml).
for _slot in QUIZ_SLOTS:
    setattr(ValidateQuizForm, f"validate_{_slot}", _validator(_slot))


class ActionQuizResult(Action):
    """Explain the quiz result in one sentence per top type and keep it for the advice."""

    def name(self) -> Text:
        return "action_quiz_result"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        answers = {slot: tracker.get_slot(slot) for slot in QUIZ_SLOTS}
        scores = profile(answers)
        best = top_types(scores)
        if SKIPPED in answers.values():
            dispatcher.utter_message(response="utter_quiz_used_typed", interests=tracker.get_slot("interests") or "")
        elif best:
            lines = [f"- {texts.fragment(tracker, f'riasec_{t}')}" for t in best]
            dispatcher.utter_message(response="utter_quiz_result", lines="\n".join(lines))
        else:
            dispatcher.utter_message(response="utter_quiz_result_none")
        facts.record_fact(app_db(), tracker.sender_id, "quiz_profile",
                          {"top": "".join(best), "scores": scores})
        events = [SlotSet("riasec_profile", "".join(best) or None)]
        if not tracker.get_slot("interests"):
            events.append(SlotSet("interests", "quiz"))
        events += [SlotSet(slot, None) for slot in QUIZ_SLOTS]
        return events
