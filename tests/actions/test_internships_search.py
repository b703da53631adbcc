"""Internship search conversation: form validation, result cards, paging, widening."""
import csv
import io

import pytest

import internships
from actions.internships_results import ActionInternshipSearch, ActionInternshipWiden
from actions.internships_search import (
    ActionAsk_internship_programme,
    ActionInternshipIntro,
    ActionInternshipOtherProgramme,
    ActionInternshipRejected,
    ValidateInternshipForm,
    parse_leerweg,
    parse_radius,
)
from actions.navigation import interrupted_form
from actions.other_options import ActionOtherOptions
from bot import facts

FORM = ValidateInternshipForm()
SEARCH = {"internship_programme": "25180", "internship_leerweg": "bol",
          "internship_location": "Utrecht", "internship_radius": "25"}


def row(n, **overrides):
    base = {"external_id": f"K-{n}", "title": f"Stage kok {n}", "company": f"Restaurant {n}",
            "crebo": "25180", "leerweg": "bol", "postcode": "3511 AB", "start_date": f"2027-0{1 + n % 9}-01",
            "erkend": "ja", "apply_url": f"https://example.org/stage/{n}"}
    base.update(overrides)
    return base


def import_rows(db, rows, code="ROC-T"):
    internships.add_institution(db, code, "ROC Test")
    columns = sorted({k for r in rows for k in r})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return internships.import_listings(db, out.getvalue().encode(), institution=code, fmt="csv")


@pytest.fixture
def register(fresh_db):
    """Seven kok listings in Utrecht (one with inclusive signals in Barneveld, 33 km away), none elsewhere."""
    db = fresh_db
    rows = [row(n) for n in range(6)]
    rows.append(row(6, postcode="3771 AB", inclusive="name_blind", features="fysiek toegankelijk",
                    apply_url="", contact_email="stage@eerlijk.example"))
    import_rows(db, rows)
    return db


def texts(dispatcher):
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


WIDGET_TURN = [{"event": "user", "text": "zoek", "input_channel": "socketio"}]


def run(action, dispatcher, tracker, widget=True, **slots):
    """Run an action as if the student used the widget (cards) or REST (text)."""
    t = tracker(slots={**SEARCH, **slots}, events=WIDGET_TURN if widget else [])
    return action.run(dispatcher, t, {}), t


# ---- programme -------------------------------------------------------------------------

def test_unknown_crebo_is_named_and_asked_again(dispatcher, tracker):
    out = FORM.validate_internship_programme("12345", dispatcher, tracker("12345"), {})
    assert out["internship_programme"] is None
    assert "onbekende opleidingscode 12345" in texts(dispatcher)


def test_known_crebo_and_unique_name_are_accepted(dispatcher, tracker):
    assert FORM.validate_internship_programme("25180", dispatcher, tracker(), {})["internship_programme"] == "25180"
    assert FORM.validate_internship_programme("software developer", dispatcher, tracker(), {})["internship_programme"] == "25998"


def test_an_earlier_code_becomes_the_current_programme_and_is_said(dispatcher, tracker):
    out = FORM.validate_internship_programme("25491", dispatcher, tracker("25491"), {})
    assert out["internship_programme"] == "25656"
    assert "Code 25491 is vervallen. De nieuwe opleiding is Verzorgende-IG (25656)." in texts(dispatcher)


def test_several_programmes_become_buttons(dispatcher, tracker):
    out = FORM.validate_internship_programme("kok", dispatcher, tracker(), {})
    assert out["internship_programme"] is None
    assert out["internship_candidates"][:2] == ["25180", "25182"]  # Kok 2, Zelfstandig werkend kok 3
    ActionAsk_internship_programme().run(dispatcher, tracker(slots=out), {})
    buttons = dispatcher.messages[-1]["buttons"]
    assert {"title": "Kok (niveau 2)", "payload": "25180"} in buttons


def test_unknown_programme_name_gets_examples(dispatcher, tracker):
    assert FORM.validate_internship_programme("banaanschillen", dispatcher, tracker(), {})["internship_programme"] is None
    assert "Die opleiding ken ik niet" in texts(dispatcher)


def test_programme_from_study_choice_is_the_default(dispatcher, tracker):
    t = tracker("ja", intent="affirm", slots={"focus_crebo": "25180"})
    ActionAsk_internship_programme().run(dispatcher, t, {})
    assert dispatcher.messages[0]["text"].startswith("Zoek je een stage voor Kok?")
    assert dispatcher.messages[0]["buttons"] == [{"title": "Ja, Kok", "payload": "25180"}]
    assert FORM.validate_internship_programme("ja", dispatcher, t, {})["internship_programme"] == "25180"


def test_rejection_words_offer_the_reporting_flow(dispatcher, tracker):
    out = FORM.validate_internship_programme("ik word steeds afgewezen", dispatcher, tracker(), {})
    assert out == {"internship_programme": None}
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/report_discrimination"


# ---- leerweg, place, radius ------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [("bol", "bol"), ("BBL", "bbl"), ("maakt niet uit", "-"),
                                            ("allebei", "-"), ("-", "-"), ("banaan", None)])
def test_leerweg(text, expected):
    assert parse_leerweg(text) == expected


def test_leerweg_question_explains_bol_and_bbl():
    import yaml

    from appdb.settings import REPO

    responses = yaml.safe_load((REPO / "domain" / "texts.yml").read_text())["responses"]
    question = responses["utter_ask_internship_leerweg"][-1]  # the Dutch variation comes last
    assert "Bij de bbl werk je" in question["text"]
    assert [b["payload"] for b in question["buttons"]] == ["bol", "bbl", "maakt niet uit"]


@pytest.mark.parametrize("text, expected", [("utrecht", "Utrecht"), ("3525", "3525"), ("3511 AB", "3511"),
                                            ("Den Haag", "Den Haag")])
def test_location_resolves(dispatcher, tracker, text, expected):
    assert FORM.validate_internship_location(text, dispatcher, tracker(text), {}) == {"internship_location": expected}


def test_location_from_an_entity_in_a_sentence(dispatcher, tracker):
    t = tracker("ik woon in zwolle")
    t.latest_message["entities"] = [{"entity": "place", "value": "zwolle"}]
    assert FORM.validate_internship_location("ik woon in zwolle", dispatcher, t, {}) == {"internship_location": "Zwolle"}


def test_unknown_location_is_asked_again(dispatcher, tracker):
    assert FORM.validate_internship_location("Banaanstad", dispatcher, tracker(), {})["internship_location"] is None
    assert "4 cijfers" in texts(dispatcher)


@pytest.mark.parametrize("text, expected", [("25 km", "25"), ("10", "10"), ("12,5 km", "12.5"), ("dichtbij", "10"),
                                            ("mag ver weg", "50"), ("banaan", None), ("900 km", None)])
def test_radius(text, expected):
    assert parse_radius(text) == expected


def test_stored_values_pass_validation_again(dispatcher, tracker):
    """Reusing a search activates the form with every slot filled: Rasa validates them all again."""
    stored = {"internship_programme": "25180", "internship_leerweg": "-",
              "internship_location": "3525", "internship_radius": "12.5"}
    for slot, value in stored.items():
        out = getattr(FORM, f"validate_{slot}")(value, dispatcher, tracker("/seek_internship"), {})
        assert out[slot] is not None, slot
    assert dispatcher.messages == []


# ---- results ---------------------------------------------------------------------------

def test_results_are_five_cards_with_lines_and_buttons(register, dispatcher, tracker):
    events, _ = run(ActionInternshipSearch(), dispatcher, tracker)
    header, cards_msg, buttons_msg = dispatcher.messages
    assert "Ik vond 6 stageplekken voor Kok binnen 25 km van Utrecht" in header["text"]
    assert "demo" not in header["text"]
    cards = cards_msg["custom"]["cards"]
    assert len(cards) == 5
    assert cards[0]["title"].startswith("Stage kok")
    assert cards[0]["subtitle"].startswith("Restaurant")
    assert any(line.startswith("Start: ") for line in cards[0]["lines"])
    assert cards[0]["link"].startswith("https://example.org/stage/")
    assert [b["title"] for b in buttons_msg["buttons"]] == ["Meer", "Verder weg zoeken", "Andere opleiding"]
    assert [b["payload"] for b in buttons_msg["buttons"]] == ["/other_options", "/internship_widen",
                                                              "/internship_other_programme"]
    assert {"event": "slot", "name": "internship_offset", "value": 0.0, "timestamp": None} in events
    assert {"event": "slot", "name": "offer", "value": "internships", "timestamp": None} in events


def test_rest_clients_get_the_results_as_text(register, dispatcher, tracker):
    run(ActionInternshipSearch(), dispatcher, tracker, widget=False)
    assert "1. Stage kok" in dispatcher.messages[1]["text"]
    assert not dispatcher.messages[1]["custom"]


def test_search_records_criteria_and_count_only(register, dispatcher, tracker, fresh_db):
    run(ActionInternshipSearch(), dispatcher, tracker)
    [fact] = facts.facts_for(fresh_db, "test-conversation", "internship_search")
    assert fact["payload"] == {"crebo": "25180", "programme": "Kok", "leerweg": "bol", "place": "Utrecht",
                               "radius_km": 25.0, "found": 6}


def test_more_shows_the_next_page_without_more_button(register, dispatcher, tracker):
    run(ActionOtherOptions(), dispatcher, tracker, internship_offset=0.0, offer="internships")
    assert len(dispatcher.messages[1]["custom"]["cards"]) == 1
    assert "nummer 6 tot en met 6" in dispatcher.messages[0]["text"]
    assert "Meer" not in [b["title"] for b in dispatcher.messages[-1]["buttons"]]


def test_further_doubles_the_radius_and_finds_the_far_listing(register, dispatcher, tracker):
    events, _ = run(ActionInternshipWiden(), dispatcher, tracker)  # no kind: further away
    assert "7 stageplekken" in dispatcher.messages[0]["text"]
    assert {"event": "slot", "name": "internship_radius", "value": "50", "timestamp": None} in events


def test_prefer_inclusive_is_passed_to_matching(register, dispatcher, tracker, monkeypatch):
    seen = {}
    real = internships.match

    def spy(db, **kwargs):
        seen.update(kwargs)
        return real(db, **kwargs)

    monkeypatch.setattr(internships, "match", spy)
    run(ActionInternshipSearch(), dispatcher, tracker, prefer_inclusive=True, internship_radius="50")
    assert seen["prefer_inclusive"] is True
    # The listing with inclusive recruitment is 33 km away but comes first.
    first = dispatcher.messages[1]["custom"]["cards"][0]
    assert first["subtitle"] == "Restaurant 6, Barneveld"
    assert "Solliciteren: mail naar stage@eerlijk.example" in first["lines"]
    assert "Eerlijk selecteren: anoniem solliciteren (je naam telt niet mee)" in first["lines"]
    assert "fysiek toegankelijk" in first["lines"]
    assert first["link"] is None


def test_nothing_found_offers_widening_and_the_stagebureau(register, dispatcher, tracker):
    run(ActionInternshipSearch(), dispatcher, tracker, internship_location="Barneveld", internship_radius="10",
        internship_leerweg="bbl")
    [message] = dispatcher.messages
    assert message["text"].startswith("Ik vond geen stageplekken voor Kok binnen 10 km van Barneveld.")
    assert "stagebureau van je school" in message["text"]
    payloads = [b["payload"] for b in message["buttons"]]
    assert '/internship_widen{"widening": "leerweg"}' in payloads
    assert payloads[-1] == "/internship_other_programme"


def test_widen_applies_the_chosen_suggestion(register, dispatcher, tracker):
    t = tracker(slots={**SEARCH, "internship_location": "Barneveld", "internship_radius": "10", "internship_leerweg": "bbl"})
    t.latest_message["entities"] = [{"entity": "widening", "value": "leerweg"}]
    events = ActionInternshipWiden().run(dispatcher, t, {})
    assert "Ik vond 1 stageplek voor Kok" in dispatcher.messages[0]["text"]
    assert {"event": "slot", "name": "internship_leerweg", "value": "bol", "timestamp": None} in events


def test_demo_results_say_so(fresh_db, dispatcher, tracker):
    internships.seed_demo(fresh_db)
    run(ActionInternshipSearch(), dispatcher, tracker, internship_leerweg="-")
    assert "Dit zijn demo-stages" in dispatcher.messages[0]["text"]


def test_more_without_a_search_offers_to_start(fresh_db, dispatcher, tracker):
    ActionOtherOptions().run(dispatcher, tracker(slots={"offer": "internships"}), {})
    assert dispatcher.messages[0]["buttons"] == [{"title": "Stage zoeken", "payload": "/seek_internship"}]


# ---- around the form -------------------------------------------------------------------

def test_intro_knows_when_the_search_can_continue(dispatcher, tracker):
    ActionInternshipIntro().run(dispatcher, tracker(slots=SEARCH), {})
    ActionInternshipIntro().run(dispatcher, tracker(), {})
    assert dispatcher.messages[0]["text"].startswith("We gaan verder")
    assert "paar korte vragen" in dispatcher.messages[1]["text"]


def test_other_programme_keeps_place_and_radius(dispatcher, tracker):
    events = ActionInternshipOtherProgramme().run(dispatcher, tracker(slots=SEARCH), {})
    names = {e["name"] for e in events}
    assert "internship_programme" in names
    assert not names & {"internship_location", "internship_radius", "internship_leerweg"}


def test_rejected_gives_tips_and_a_way_back(dispatcher, tracker):
    assert ActionInternshipRejected().run(dispatcher, tracker(slots=SEARCH), {}) == []
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert payloads[:2] == ["/report_discrimination", "/seek_internship"]
    assert "Tips" in dispatcher.messages[0]["text"]


def test_interrupted_internship_form_can_be_resumed():
    events = [{"event": "active_loop", "name": "internship_form"},
              {"event": "user", "parse_data": {"intent": {"name": "report_discrimination"}}},
              {"event": "active_loop", "name": None}]
    assert interrupted_form(events) == "internship_form"
    assert interrupted_form(events + [{"event": "action", "name": "action_internship_search"}]) is None
