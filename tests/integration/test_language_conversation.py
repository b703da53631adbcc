"""Switching language over REST: typed requests, the widget's lang metadata, and back (issue 16, dead end 6)."""
import pytest

pytestmark = pytest.mark.integration


def texts(replies):
    return [r.get("text") or "" for r in replies]


def titles(replies):
    return [b["title"] for r in replies for b in r.get("buttons") or []]


def test_hi_can_we_talk_in_english_switches_and_nederlands_graag_switches_back(chat, sender):
    replies = chat.say(sender, "hi, can we talk in english?")
    assert texts(replies)[0] == "Okay, we'll talk in English."
    assert "Find an internship" in titles(replies)
    assert chat.tracker(sender)["slots"]["language"] == "en"
    assert chat.text(sender, "thanks!") == "You're welcome!"

    back = chat.say(sender, "Nederlands graag")
    assert texts(back)[0] == "Oké, we praten Nederlands."
    assert "Stage zoeken" in titles(back)
    assert chat.text(sender, "dankjewel") == "Graag gedaan!"


@pytest.mark.parametrize("request_text", ["in het Engels graag", "english please", "can we talk in English?"])
def test_every_way_of_asking_for_english(chat, sender, request_text):
    assert "English" in chat.text(sender, request_text)
    assert chat.tracker(sender)["slots"]["language"] == "en"


def test_data_lang_en_greets_in_english_and_a_typed_switch_holds(chat, sender):
    widget = {"school": "DEMO01", "lang": "en"}
    assert chat.text(sender, "/greet", widget).startswith("Hi! I am Kansrijk")
    assert chat.text(sender, "Nederlands graag", widget).startswith("Oké, we praten Nederlands")
    # The widget keeps sending lang=en: only a change of it counts.
    assert chat.text(sender, "/greet", widget).startswith("Hoi! Ik ben Kansrijk")


def test_the_language_button(chat, sender):
    chat.say(sender, "/greet", {"lang": "nl"})
    assert chat.text(sender, "/switch_language", {"lang": "en"}).startswith("Okay, we'll talk in English")
    assert chat.text(sender, "/switch_language", {"lang": "nl"}).startswith("Oké, we praten Nederlands")
