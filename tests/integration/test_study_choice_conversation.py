"""From 'hoi' to a comparison over REST, with real recommendations from labour_outlook."""
import pytest

import appdb
import labour_outlook
from bot import facts

pytestmark = pytest.mark.integration


def buttons(messages):
    return [b for m in messages for b in m.get("buttons") or []]


def test_from_greeting_to_comparison_with_prospects_and_an_alternative(chat, stack, sender):
    greeting = chat.say(sender, "hoi")
    study = next(b for b in buttons(greeting) if b["title"] == "Studiekeuze")

    assert "vmbo of op het mbo" in chat.text(sender, study["payload"])
    assert "leerweg" in chat.text(sender, "vmbo")
    assert "leuk om te doen" in chat.text(sender, "kader")
    assert "regio" in chat.text(sender, "ik sleutel graag aan scooters en brommers")
    advice = chat.say(sender, "utrecht")
    text = "\n".join(m.get("text") or "" for m in advice)

    expected = labour_outlook.recommend(
        ["ik sleutel graag aan scooters en brommers"],
        situation=labour_outlook.Situation(school="vmbo", leerweg="kader"), place="Utrecht")
    assert expected[0].programme.name in text
    assert "Kans op werk:" in text and "voorbeeldcijfers" in text
    titles = [b["title"] for b in buttons(advice)]
    assert {"Vergelijk", "Andere opties", "Stage zoeken"} <= set(titles)

    comparison = chat.text(sender, "/compare_programmes")
    assert "Vergelijking" in comparison
    assert expected[0].programme.name in comparison

    db = appdb.connect(stack.var_dir / "kansrijk.db")
    kinds = [f["kind"] for f in facts.facts_for(db, sender)]
    assert kinds[:2] == ["interests", "programmes_shown"]
    assert "programmes_compared" in kinds


def test_weak_prospects_offer_alternatives_and_respect_the_choice(chat, stack, sender):
    reply = chat.say(sender, "heb je werk met juridisch-administratief dienstverlener?")
    text = "\n".join(m.get("text") or "" for m in reply)
    assert "Kans op werk: matig" in text or "Kans op werk: gering" in text
    assert "Jij kiest zelf" in text
    choice = [b for b in buttons(reply) if b["title"] == "Nee, ik wil dit echt"][0]
    assert "jouw keuze" in chat.text(sender, choice["payload"])
    again = chat.text(sender, "heb je werk met juridisch-administratief dienstverlener?")
    assert "Jij kiest zelf" not in again


def test_dont_know_leads_to_the_quiz(chat, sender):
    chat.say(sender, "ik wil hulp bij kiezen")
    chat.say(sender, "mbo niveau 2")
    assert "quiz" in chat.text(sender, "weet ik niet")
    assert "Vraag 1 van 12" in chat.text(sender, "/start_quiz")
    for answer in ["leuk", "niet leuk"] * 5 + ["leuk"]:
        chat.say(sender, answer)
    result = chat.text(sender, "weet ik niet")
    assert "Dit past bij jou" in result
    assert "regio" in result


def test_switch_to_a_human_and_come_back_to_the_intake(chat, stack, sender):
    chat.say(sender, "welke opleiding past bij mij", metadata={"school": "DEMO01"})  # a registered school
    chat.say(sender, "vmbo")
    assert "decaan" in chat.text(sender, "ik wil met een echt mens praten")
    chat.say(sender, "twijfel over mijn keuze")
    assert "code" in chat.text(sender, "ik loop zelf binnen")
    back = chat.text(sender, "waar waren we")
    assert "studiekeuze" in back
    assert "leerweg" in back


def test_stop_leaves_the_intake_cleanly(chat, sender):
    chat.say(sender, "help me kiezen")
    assert "stoppen" in chat.text(sender, "stop")
    assert "chatbot" in chat.text(sender, "hoi")
