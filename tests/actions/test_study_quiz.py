"""The interest quiz: answers, the RIASEC profile and its explanation."""
from actions.study_quiz import (
    QUIZ_SLOTS,
    STATEMENTS,
    ActionQuizResult,
    ValidateQuizForm,
    parse_answer,
    profile,
    top_types,
)
from bot import facts


def test_twelve_statements_two_per_type():
    assert len(STATEMENTS) == 12
    assert sorted(letter for letter, _ in STATEMENTS) == sorted("RIASEC" * 2)


def test_answers_from_buttons_and_typing():
    assert parse_answer("leuk") == "leuk"
    assert parse_answer("Niet leuk") == "niet leuk"
    assert parse_answer("weet ik niet") == "weet ik niet"
    assert parse_answer("ja vet") == "leuk"
    assert parse_answer("pizza") is None


def test_unclear_answer_is_asked_again(tracker, dispatcher):
    assert ValidateQuizForm().validate_quiz_q3("pizza", dispatcher, tracker(), {})["quiz_q3"] is None
    assert dispatcher.messages[0]["response"] == "utter_typed_retry_quiz"


def test_profile_and_result(fresh_db, tracker, dispatcher):
    answers = {slot: "niet leuk" for slot in QUIZ_SLOTS}
    for slot, (letter, _) in zip(QUIZ_SLOTS, STATEMENTS, strict=True):
        if letter == "S":
            answers[slot] = "leuk"
        if letter == "A":
            answers[slot] = "weet ik niet"
    assert top_types(profile(answers)) == ["S", "A"]

    events = ActionQuizResult().run(dispatcher, tracker(slots=answers), {})
    text = dispatcher.messages[0]["text"]
    assert "Sociaal" in text and "Creatief" in text
    assert {"event": "slot", "name": "riasec_profile", "value": "SA", "timestamp": None} in events
    assert {"event": "slot", "name": "interests", "value": "quiz", "timestamp": None} in events
    assert facts.facts_for(fresh_db, "test-conversation", "quiz_profile")[0]["payload"]["top"] == "SA"
