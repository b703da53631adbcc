"""Reporting discrimination: each form question's validation, the conditional questions, the summary."""
import asyncio
import datetime as dt

import pytest

from actions.reporting_ask import ASK_ACTIONS
from actions.reporting_form import ValidateReportForm
from internships.reports import GROUND_LABELS

# Schools ROCA ("ROC Alfa") and ROCB ("ROC Beta"); leerbedrijf 1 is Bakkerij Jansen B.V. in Utrecht.
from tests.internships.reports_fixtures import add_register

FORM = ValidateReportForm()

ANONYMOUS = {
    "report_route": "anonymous",
    "report_what": "Ze wilden me niet vanwege mijn hoofddoek.",
    "report_when": "month:2026-03",
    "report_company": "Bakkerij Jansen B.V.",
    "report_company_pick": "1",
    "report_role": "self",
    "report_ground_consent": "no",
}


def required(tracker):
    return asyncio.run(FORM.required_slots([], None, tracker, {}))


def texts(dispatcher):
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def answered(result):
    """A validator's slot updates without the miss count (actions/answer_misses.py)."""
    return {k: v for k, v in result.items() if k != "answer_misses"}


# ---------------------------------------------------------------- validation, one question at a time


@pytest.mark.parametrize("text, route", [
    ("alleen registreren", "anonymous"), ("anoniem graag", "anonymous"),
    ("hulp vragen", "follow_up"), ("ik wil hulp van school", "follow_up"), ("banaan", None),
])
def test_route(dispatcher, tracker, text, route):
    assert answered(FORM.validate_report_route(text, dispatcher, tracker(text), {})) == {"report_route": route}
    assert bool(dispatcher.messages) == (route is None)


def test_what_happened_needs_words_and_is_trimmed(dispatcher, tracker):
    assert FORM.validate_report_what("??", dispatcher, tracker(), {}) == {"report_what": None}
    assert FORM.validate_report_what("  ze  wilden me niet ", dispatcher, tracker(), {}) == {
        "report_what": "ze wilden me niet"
    }


def test_when_is_parsed_with_its_precision(dispatcher, tracker):
    result = FORM.validate_report_when("vorige week", dispatcher, tracker(), {})["report_when"]
    precision, iso = result.split(":", 1)
    assert precision == "week" and dt.date.fromisoformat(iso).weekday() == 0
    assert FORM.validate_report_when("weet ik niet", dispatcher, tracker(), {}) == {"report_when": "-"}
    assert not dispatcher.messages


@pytest.mark.parametrize("text", ["blauwe banaan", "12-03-2999"])
def test_unclear_or_future_date_is_asked_again_with_the_hint(dispatcher, tracker, text):
    assert answered(FORM.validate_report_when(text, dispatcher, tracker(), {})) == {"report_when": None}
    assert "Typ bijvoorbeeld" in texts(dispatcher) or "toekomst" in texts(dispatcher).lower()


def test_company_is_matched_against_the_register(fresh_db, dispatcher, tracker):
    add_register(fresh_db)
    result = FORM.validate_report_company("bakkerij jansen", dispatcher, tracker(), {})
    assert result["report_company"] == "bakkerij jansen"
    assert result["report_company_candidates"][0] == {"id": 1, "name": "Bakkerij Jansen B.V.", "place": "Utrecht"}
    assert result["report_company_pick"] is None


def test_unknown_company_keeps_the_free_text(fresh_db, dispatcher, tracker):
    add_register(fresh_db)
    result = FORM.validate_report_company("Kapsalon Zus", dispatcher, tracker(), {})
    assert result == {"report_company": "Kapsalon Zus", "report_company_candidates": None, "report_company_pick": None}
    assert FORM.validate_report_company("liever niet", dispatcher, tracker(), {})["report_company"] == "-"


def test_company_pick_from_buttons(dispatcher, tracker):
    candidates = [{"id": 1, "name": "Bakkerij Jansen B.V.", "place": "Utrecht"}]
    t = tracker("1", slots={"report_company_candidates": candidates})
    assert FORM.validate_report_company_pick("1", dispatcher, t, {}) == {
        "report_company_pick": "1", "report_company": "Bakkerij Jansen B.V."
    }
    assert FORM.validate_report_company_pick("geen van deze", dispatcher, t, {}) == {"report_company_pick": "none"}
    assert answered(FORM.validate_report_company_pick("hmm", dispatcher, t, {})) == {"report_company_pick": None}


@pytest.mark.parametrize("text, role", [
    ("het overkwam mij", "self"), ("ik zag het bij iemand anders", "witness"),
    ("mijn klasgenoot", "witness"), ("ikzelf", None),
])
def test_role(dispatcher, tracker, text, role):
    assert answered(FORM.validate_report_role(text, dispatcher, tracker(), {})) == {"report_role": role}


def test_consent_from_buttons_or_words(dispatcher, tracker):
    assert FORM.validate_report_ground_consent("/affirm", dispatcher, tracker("/affirm", "affirm"), {}) == {
        "report_ground_consent": "yes"
    }
    # Refusing also drops a ground that was given before 'Aanpassen'.
    assert FORM.validate_report_ground_consent("nee liever niet", dispatcher, tracker("nee", "inform"), {}) == {
        "report_ground_consent": "no", "report_ground": None
    }
    assert answered(FORM.validate_report_ground_consent("pizza", dispatcher, tracker("pizza", "inform"), {})) == {
        "report_ground_consent": None
    }


@pytest.mark.parametrize("text, ground", [
    *[(label, key) for key, label in GROUND_LABELS.items()],
    ("vanwege mijn hoofddoek", "religie_hoofddoek"), ("mijn achternaam", "naam_afkomst"),
    ("omdat ik in een rolstoel zit", "beperking"), ("ze wilden een jongen", "gender"), ("xyz", None),
])
def test_ground_from_buttons_and_words(dispatcher, tracker, text, ground):
    assert answered(FORM.validate_report_ground(text, dispatcher, tracker(), {})) == {"report_ground": ground}


def test_school_is_looked_up_or_the_student_goes_anonymous(fresh_db, dispatcher, tracker):
    add_register(fresh_db)
    assert FORM.validate_report_school("ROC Alfa", dispatcher, tracker(), {}) == {"report_school": "ROCA"}
    assert FORM.validate_report_school("rocb", dispatcher, tracker(), {}) == {"report_school": "ROCB"}
    assert FORM.validate_report_school("alleen registreren", dispatcher, tracker(), {}) == {
        "report_school": None, "report_route": "anonymous"
    }
    assert answered(FORM.validate_report_school("Hogwarts", dispatcher, tracker(), {})) == {"report_school": None}
    assert "niet" in texts(dispatcher)


@pytest.mark.parametrize("text, route", [
    ("e-mail", "email"), ("telefoon", "telefoon"), ("via je mentor of stagebegeleider", "mentor"),
    ("je gaat zelf langs bij het stagebureau", "zelf_langskomen"), ("geen contact", "-"), ("??", None),
])
def test_contact_route(dispatcher, tracker, text, route):
    assert FORM.validate_report_contact_route(text, dispatcher, tracker(), {})["report_contact_route"] == route


def test_contact_details_use_the_library_rules(dispatcher, tracker):
    email = tracker(slots={"report_contact_route": "email"})
    assert FORM.validate_report_contact_details("ik@school", dispatcher, email, {}) == {"report_contact_details": None}
    assert "e-mailadres" in texts(dispatcher)
    assert FORM.validate_report_contact_details("ik@voorbeeld.nl", dispatcher, email, {}) == {
        "report_contact_details": "ik@voorbeeld.nl"
    }
    phone = tracker(slots={"report_contact_route": "telefoon"})
    assert FORM.validate_report_contact_details("06 1234 5678", dispatcher, phone, {}) == {
        "report_contact_details": "06 1234 5678"
    }


def test_summary_choice(dispatcher, tracker):
    assert FORM.validate_report_confirm("opslaan", dispatcher, tracker("opslaan"), {}) == {"report_confirm": "save"}
    assert FORM.validate_report_confirm("aanpassen", dispatcher, tracker("aanpassen"), {}) == {"report_confirm": "edit"}
    assert answered(FORM.validate_report_confirm("hmm", dispatcher, tracker("hmm", "inform"), {})) == {"report_confirm": None}


def test_edit_clears_one_answer_and_what_depends_on_it(dispatcher, tracker):
    assert FORM.validate_report_edit("wanneer", dispatcher, tracker(), {}) == {
        "report_when": None, "report_edit": None, "report_confirm": None
    }
    result = FORM.validate_report_edit("reden", dispatcher, tracker(), {})
    assert result["report_ground_consent"] is None and result["report_ground"] is None
    result = FORM.validate_report_edit("hulp of alleen registreren", dispatcher, tracker(), {})
    assert {"report_route", "report_school", "report_contact_route", "report_contact_details"} <= set(result)


# ---------------------------------------------------------------- which questions are asked


def test_anonymous_report_asks_no_ground_school_or_contact(tracker):
    assert required(tracker(slots=ANONYMOUS)) == [
        "report_route", "report_what", "report_when", "report_company", "report_role",
        "report_ground_consent", "report_confirm",
    ]


def test_ground_is_asked_only_after_consent(tracker):
    assert "report_ground" in required(tracker(slots={**ANONYMOUS, "report_ground_consent": "yes"}))
    assert "report_ground" not in required(tracker(slots={**ANONYMOUS, "report_ground_consent": "no"}))
    assert "report_ground" not in required(tracker(slots={**ANONYMOUS, "report_ground_consent": None}))


def test_follow_up_asks_the_school_only_without_widget_school(fresh_db, tracker):
    add_register(fresh_db)  # ROCA is a registered school
    slots = {**ANONYMOUS, "report_route": "follow_up", "report_contact_route": "email"}
    without = required(tracker(slots=slots))
    assert ["report_school", "report_contact_route", "report_contact_details"] == without[-4:-1]
    with_school = required(tracker(slots=slots, metadata={"school": "ROCA"}))
    assert "report_school" not in with_school and "report_contact_details" in with_school


def test_company_buttons_and_edit_question_are_inserted(tracker):
    candidates = [{"id": 1, "name": "Bakkerij Jansen B.V.", "place": "Utrecht"}]
    slots = {**ANONYMOUS, "report_company_pick": None, "report_company_candidates": candidates}
    assert required(tracker(slots=slots))[4] == "report_company_pick"
    assert required(tracker(slots={**ANONYMOUS, "report_confirm": "edit"}))[-2:] == ["report_edit", "report_confirm"]


# ---------------------------------------------------------------- the questions themselves


def ask(slot, dispatcher, t):
    ASK_ACTIONS[slot]().run(dispatcher, t, {})
    return dispatcher.messages[-1]


def test_consent_question_says_why_before_asking(dispatcher, tracker):
    message = ask("report_ground_consent", dispatcher, tracker())
    assert message["text"].index("gevoelige") < message["text"].index("Mogen we")
    assert [b["payload"] for b in message["buttons"]] == ["/affirm", "/deny"]


def test_ground_buttons_offer_every_ground_including_rather_not(dispatcher, tracker):
    message = ask("report_ground", dispatcher, tracker())
    assert [b["payload"] for b in message["buttons"]] == list(GROUND_LABELS.values())
    assert "zeg ik liever niet" in [b["payload"] for b in message["buttons"]]


def test_route_question_explains_both_routes(dispatcher, tracker):
    message = ask("report_route", dispatcher, tracker())
    assert "anoniem" in message["text"] and "Meldpunt Stagediscriminatie" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["alleen registreren", "hulp vragen"]


def test_summary_says_what_is_stored_and_who_sees_it(fresh_db, dispatcher, tracker):
    add_register(fresh_db)
    message = ask("report_confirm", dispatcher, tracker(slots=ANONYMOUS))
    assert "Dit slaan we op" in message["text"] and "Wie ziet dit?" in message["text"]
    assert "hoofddoek" in message["text"]  # what happened, as typed
    assert "Reden: die slaan we niet op" in message["text"]
    assert [b["title"] for b in message["buttons"]] == ["Opslaan", "Aanpassen", "Stoppen"]
    assert message["buttons"][2]["payload"] == "/stop"


def test_follow_up_summary_names_the_school(fresh_db, dispatcher, tracker):
    add_register(fresh_db)
    slots = {**ANONYMOUS, "report_route": "follow_up", "report_contact_route": "mentor"}
    message = ask("report_confirm", dispatcher, tracker(slots=slots, metadata={"school": "ROCA"}))
    assert "stagebureau van ROC Alfa" in message["text"]


def test_company_pick_shows_register_matches(dispatcher, tracker):
    candidates = [{"id": 1, "name": "Bakkerij Jansen B.V.", "place": "Utrecht"}]
    message = ask("report_company_pick", dispatcher, tracker(slots={"report_company_candidates": candidates}))
    assert message["buttons"][0] == {"title": "Bakkerij Jansen B.V. (Utrecht)", "payload": "1"}
    assert message["buttons"][-1]["payload"] == "/deny"
