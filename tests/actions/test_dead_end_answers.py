"""No dead ends at button questions: typed answers are read, and the second miss says what to type (issue 16)."""
import asyncio

import pytest

from actions.answer_misses import MISSES
from actions.reporting_form import ValidateReportForm
from actions.study_intake import ValidateStudyForm
from actions.study_quiz import QUIZ_SLOTS, SKIPPED, USE_TYPED, ActionQuizResult, ValidateQuizForm
from tests.actions.conftest import make_tracker

SCOOTERS = "ik sleutel graag aan scooters"


def responses(dispatcher):
    return [m.get("response") for m in dispatcher.messages]


def after(result, text, slots=None, **kwargs):
    """The tracker of the next turn: the slots the validator set, and what the student types now."""
    return make_tracker(text, slots={**(slots or {}), MISSES: result[MISSES]}, **kwargs)


# ---------------------------------------------------------------- interest quiz (dead end 1)


def test_typed_interests_in_the_quiz_get_the_offer_to_stop_and_use_them(fresh_db, dispatcher):
    form = ValidateQuizForm()
    first = form.validate_quiz_q1(SCOOTERS, dispatcher, make_tracker(SCOOTERS, "share_interests"), {})
    assert first["quiz_q1"] is None and responses(dispatcher) == ["utter_typed_retry_quiz"]
    second = form.validate_quiz_q1("en aan brommers", dispatcher, after(first, "en aan brommers"), {})
    assert second["quiz_q1"] is None
    assert responses(dispatcher)[-1] == "utter_quiz_offer_typed"
    assert SCOOTERS in dispatcher.messages[-1]["typed"]

    used = form.validate_quiz_q1(USE_TYPED, dispatcher, after(second, USE_TYPED), {})
    assert used["interests"] == f"{SCOOTERS} en aan brommers"
    assert all(used[slot] == SKIPPED for slot in QUIZ_SLOTS)  # the form is done
    assert used[MISSES] is None


def test_the_quiz_result_says_it_uses_what_was_typed(fresh_db, dispatcher):
    slots = {slot: "leuk" for slot in QUIZ_SLOTS[:3]} | {slot: SKIPPED for slot in QUIZ_SLOTS[3:]}
    slots["interests"] = SCOOTERS
    events = ActionQuizResult().run(dispatcher, make_tracker(slots=slots), {})
    assert responses(dispatcher) == ["utter_quiz_used_typed"]
    assert dispatcher.messages[0]["interests"] == SCOOTERS
    assert {"event": "slot", "timestamp": None, "name": "interests", "value": "quiz"} not in events


def test_a_second_non_answer_without_interests_says_what_to_type(dispatcher):
    form = ValidateQuizForm()
    first = form.validate_quiz_q2("hmm", dispatcher, make_tracker("hmm"), {})
    form.validate_quiz_q2("wat?", dispatcher, after(first, "wat?"), {})
    assert responses(dispatcher) == ["utter_typed_retry_quiz", "utter_typed_help_quiz"]


@pytest.mark.parametrize("text, answer", [("LEUKKK", "leuk"), ("boeit me niet", "niet leuk"), ("idk", "weet ik niet")])
def test_typed_quiz_answers_count(dispatcher, text, answer):
    assert ValidateQuizForm().validate_quiz_q5(text, dispatcher, make_tracker(text), {}) == {"quiz_q5": answer}
    assert dispatcher.messages == []


def test_an_answer_clears_the_miss_count(dispatcher):
    missed = {"slot": "quiz", "count": 1, "texts": ["hmm"]}
    tracker = make_tracker("leuk", slots={MISSES: missed, "requested_slot": "quiz_q1"},
                           events=[{"event": "slot", "name": "quiz_q1", "value": "leuk"}])
    domain = {"forms": {"quiz_form": {"required_slots": QUIZ_SLOTS}}}
    events = asyncio.run(ValidateQuizForm().get_validation_events(dispatcher, tracker, domain))
    names = {e["name"]: e["value"] for e in events}
    assert names["quiz_q1"] == "leuk" and names[MISSES] is None


# ---------------------------------------------------------------- "Wat vind je leuk om te doen?" (dead end 2)


@pytest.mark.parametrize("text", ["vmbo kader", "ok", "mbo niveau 2", "ja hoor"])
def test_an_answer_without_interests_gets_examples_and_the_quiz(fresh_db, dispatcher, text):
    result = ValidateStudyForm().validate_interests(text, dispatcher, make_tracker(text, "affirm"), {})
    assert result == {"interests": None}
    assert responses(dispatcher) == ["utter_interests_none"]


def test_weet_niet_precies_gets_the_examples(fresh_db, dispatcher):
    text = "weet niet precies"
    assert ValidateStudyForm().validate_interests(text, dispatcher, make_tracker(text), {}) == {"interests": None}
    assert responses(dispatcher) == ["utter_interests_examples"]


# ---------------------------------------------------------------- button questions (dead end 3)


@pytest.mark.parametrize("text, role", [("ja", "self"), ("jaa", "self"), ("Nee", "witness"),
                                        ("het overkwam mij", "self"), ("ik zag het", "witness")])
def test_role_from_a_typed_yes_or_no(dispatcher, text, role):
    assert ValidateReportForm().validate_report_role(text, dispatcher, make_tracker(text), {}) == {"report_role": role}


@pytest.mark.parametrize("slot, text, value", [
    ("report_route", "1", "anonymous"), ("report_route", "2", "follow_up"), ("report_route", "registeren", "anonymous"),
    ("report_ground_consent", "jaaa", "yes"), ("report_ground", "geloov", "religie_hoofddoek"),
    ("report_contact_route", "mial", "email"), ("report_confirm", "opslaa", "save"),
    ("report_confirm", "klopt", "save"), ("report_confirm", "nee", "edit"),
])
def test_report_buttons_answered_by_typing(dispatcher, slot, text, value):
    result = getattr(ValidateReportForm(), f"validate_{slot}")(text, dispatcher, make_tracker(text, "inform"), {})
    assert result[slot] == value


def test_company_pick_by_number_or_yes(dispatcher):
    two = [{"id": 7, "name": "Autobedrijf De Vries", "place": "Utrecht"},
           {"id": 9, "name": "Autobedrijf De Vries", "place": "Amsterdam"}]
    form = ValidateReportForm()
    pick = form.validate_report_company_pick("de tweede", dispatcher, make_tracker(slots={"report_company_candidates": two}), {})
    assert pick["report_company_pick"] == "9"
    one = two[:1]
    pick = form.validate_report_company_pick("ja", dispatcher, make_tracker("ja", slots={"report_company_candidates": one}), {})
    assert pick["report_company_pick"] == "7"


@pytest.mark.parametrize("form, slot, text", [
    (ValidateReportForm, "report_role", "pizza"),
    (ValidateReportForm, "report_route", "pizza"),
    (ValidateReportForm, "report_ground_consent", "pizza"),
    (ValidateReportForm, "report_confirm", "pizza"),
    (ValidateStudyForm, "school_type", "pizza"),
    (ValidateStudyForm, "vmbo_leerweg", "pizza"),
    (ValidateStudyForm, "mbo_niveau", "pizza"),
])
def test_two_misses_say_what_can_be_typed_and_offer_stop(dispatcher, form, slot, text):
    validate = getattr(form(), f"validate_{slot}")
    first = validate(text, dispatcher, make_tracker(text, "inform"), {})
    assert first[slot] is None and responses(dispatcher) == [f"utter_typed_retry_{slot}"]
    second = validate(text, dispatcher, after(first, text, intent="inform"), {})
    assert second[slot] is None and responses(dispatcher)[-1] == f"utter_typed_help_{slot}"
    assert second[MISSES]["count"] == 2


def test_every_help_response_offers_stop():
    import yaml

    from appdb.settings import REPO

    # Every language's variation (domain/texts.yml, generated from texts/<language>.yml) offers it.
    domain = yaml.safe_load((REPO / "domain" / "texts.yml").read_text())
    helps = {name: variations for name, variations in domain["responses"].items() if name.startswith("utter_typed_help_")}
    assert len(helps) >= 15
    for name, variations in helps.items():
        for variation in variations:
            assert any(b["payload"] == "/stop" for b in variation["buttons"]), name


def test_more_interests_without_interest_words_are_not_kept(fresh_db, dispatcher):
    """Outside the intake too (action_add_interests): "vmbo kader" is no interest; the form then says so."""
    from actions.study_advice import ActionAddInterests
    from bot import facts

    t = make_tracker("vmbo kader", "share_interests", slots={"interests": "dieren", "interest_texts": ["dieren"]},
                     sender_id="conv-none")
    assert ActionAddInterests().run(dispatcher, t, {}) == [{"event": "slot", "timestamp": None, "name": "interests",
                                                            "value": None}]
    assert facts.facts_for(fresh_db, "conv-none", "interests") == []
    kept = ActionAddInterests().run(dispatcher, make_tracker("ik hou van paarden", "share_interests",
                                                             sender_id="conv-none"), {})
    assert {"event": "slot", "timestamp": None, "name": "interests", "value": "ik hou van paarden"} in kept
