"""No dead ends (issue 16, items 1-4) over REST against the real Rasa and action server."""
import pytest

import appdb
from bot import facts
from internships import register

pytestmark = pytest.mark.integration

SCOOTERS = "ik sleutel graag aan scooters"


def buttons(messages):
    return [b for m in messages for b in m.get("buttons") or []]


def joined(messages):
    return "\n".join(m.get("text") or "" for m in messages)


def test_typed_text_in_the_quiz_is_offered_as_interests(chat, sender):
    chat.say(sender, "ik wil hulp bij kiezen")
    chat.say(sender, "mbo niveau 2")
    assert "Vraag 1 van 12" in chat.text(sender, "/start_quiz")
    assert "Vraag 2 van 12" in chat.text(sender, "LEUKKK")
    assert "Vraag 3 van 12" in chat.text(sender, "boeit me niet")
    first = chat.text(sender, SCOOTERS)
    assert "typ 'leuk', 'weet ik niet' of 'niet leuk'" in first.lower() and "Vraag 3 van 12" in first
    offer = chat.say(sender, "en aan brommers")
    assert "Zal ik de quiz stoppen" in joined(offer) and SCOOTERS in joined(offer)
    titles = {b["title"]: b["payload"] for b in buttons(offer)}
    assert titles["Stop"] == "/stop"
    used = chat.text(sender, titles["Ja, gebruik wat ik typte"])
    assert "Ik gebruik wat je typte" in used and SCOOTERS in used
    assert "regio" in used  # the intake goes on with the place question
    advice = chat.text(sender, "utrecht")
    assert "Kans op werk:" in advice


def test_an_answer_without_interests_gets_examples_and_the_quiz(chat, sender):
    chat.say(sender, "ik wil hulp bij kiezen")
    chat.say(sender, "vmbo")
    assert "leuk om te doen" in chat.text(sender, "kader")
    for text in ("vmbo kader", "ok"):
        reply = chat.say(sender, text)
        assert "Daar lees ik nog niet in wat je leuk vindt" in joined(reply), text
        assert "/start_quiz" in [b["payload"] for b in buttons(reply)]
        assert "Kans op werk" not in joined(reply)
    assert "Geeft niet" in chat.text(sender, "weet niet precies")
    assert "regio" in chat.text(sender, "ik game veel")


def add_companies(stack):
    db = appdb.connect(stack.var_dir / "kansrijk.db")
    try:
        register.get_institution(db, "DEADENDS")
        return
    except Exception:
        school = register.add_institution(db, "DEADENDS", "ROC Doodlopend (test)", actor="test")
    rows = [
        {"external_id": f"DE-{i}", "title": "Stage", "company": name, "crebo": "25603", "leerweg": "bol",
         "postcode": postcode, "pc4": postcode[:4], "place": place, "lat": 52.0, "lon": 5.0,
         "start_date": "2026-09-01"}
        for i, (name, postcode, place) in enumerate([
            ("Restaurant De Linde", "1234 AB", "Ossenwaard"), ("Hotel De Groot", "1431 AA", "Aalsmeer"),
            ("Autobedrijf De Vries", "3511 AB", "Utrecht")], start=1)
    ]
    register.apply_listings(db, school, rows, actor="test")


def start_report(chat, sender):
    chat.say(sender, "ik wil discriminatie melden")
    assert "Vertel in je eigen woorden" in chat.text(sender, "alleen registreren")
    assert "Wanneer" in chat.text(sender, "ze zeiden dat de plek vol was maar mijn klasgenoot mocht wel komen")
    assert "welk bedrijf" in chat.text(sender, "vorige week")


def test_company_question_suggests_only_look_alikes_then_a_typed_yes_answers_the_role(chat, stack, sender):
    add_companies(stack)
    start_report(chat, sender)
    reply = chat.say(sender, "Autobedrijf De Vries in Utrecht")
    titles = [b["title"] for b in buttons(reply)]
    assert not any("De Linde" in t or "De Groot" in t for t in titles)
    assert titles[0] == "Autobedrijf De Vries (Utrecht)"
    assert "iemand anders" in chat.text(sender, "1")  # the first suggestion, typed
    assert "gevoelige" in chat.text(sender, "ja")  # "Overkwam het jou?" "ja"


def test_two_misses_at_a_button_question_say_what_to_type_and_offer_stop(chat, sender):
    start_report(chat, sender)
    chat.say(sender, "liever niet")  # no company
    assert "gevoelige" in chat.text(sender, "het overkwam mij")
    assert "Kies 'ja' of 'nee'" in chat.text(sender, "pizza")
    help_ = chat.say(sender, "pizza")
    assert "Typ 'ja' als we de reden mogen bewaren" in joined(help_)
    assert "/stop" in [b["payload"] for b in buttons(help_)]
    assert "Dit slaan we op" in chat.text(sender, "neee")


def test_two_misses_in_the_internship_search_offer_stop(chat, sender):
    chat.say(sender, "ik zoek een stage")
    assert "bol of de bbl" in chat.text(sender, "25180")
    chat.say(sender, "pizza")
    help_ = chat.say(sender, "pizza")
    assert "Typ 'bol'" in joined(help_) and "/stop" in [b["payload"] for b in buttons(help_)]
    assert "Waar wil je stage lopen" in chat.text(sender, "bool")


def test_the_hand_off_contact_question_reads_typed_answers_and_offers_stop(chat, stack, sender):
    chat.say(sender, "hoi", metadata={"school": "DEMO01"})  # a hand-off needs a registered school
    chat.say(sender, "ik wil met een mens praten")
    chat.say(sender, "twijfel over mijn opleiding")
    assert "Of typ 'mentor' of 'zelf'" in chat.text(sender, "pizza")
    help_ = chat.say(sender, "pizza")
    assert "Typ 'mentor'" in joined(help_) and "/stop" in [b["payload"] for b in buttons(help_)]
    done = chat.text(sender, "ik ga zelf wel langs")
    [handoff] = facts.handoffs_for(appdb.connect(stack.var_dir / "kansrijk.db"), sender)
    assert handoff["contact_route"] == "zelf" and handoff["code"] in done

