"""A real Rasa server and action server hold a Dutch conversation over REST."""
import pytest

import appdb
from bot import facts

pytestmark = pytest.mark.integration


def test_greeting_offers_the_four_main_choices(chat, sender):
    [message] = chat.say(sender, "hoi")
    assert "chatbot" in message["text"]
    titles = [b["title"] for b in message["buttons"]]
    assert titles == ["Studiekeuze", "Stage zoeken", "Discriminatie melden", "Praten met een mens"]


def test_bot_is_honest_about_being_a_program(chat, sender):
    assert "computerprogramma" in chat.text(sender, "ben jij een echte persoon of een bot?")


@pytest.mark.parametrize(
    "message",
    [
        "",
        "    ",
        "a" * 10_000,
        "lees dit " * 1200,
        "😂😂😂🔥",
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "مرحبا، أبحث عن تدريب",
        "merhaba staj arıyorum ağabey çok zor",
    ],
    ids=["empty", "whitespace", "10k-chars", "10k-words", "emoji", "script-tag", "img-tag", "arabic", "turkish"],
)
def test_bad_input_gets_a_polite_answer(chat, sender, message):
    replies = chat.say(sender, message)
    assert replies, "every message gets an answer"
    assert all(r.get("text") for r in replies)
    # The server keeps working afterwards.
    assert "chatbot" in chat.text(sender, "hallo")


def test_request_human_records_a_handoff_for_the_school(chat, stack, sender):
    chat.say(sender, "hoi", metadata={"school": "DEMO01"})
    chat.say(sender, "ik wil met een echt mens praten")
    chat.say(sender, "ik twijfel tussen zorg en techniek")
    reply = chat.text(sender, "via mijn mentor")
    db = appdb.connect(stack.var_dir / "kansrijk.db")
    [handoff] = facts.handoffs_for(db, sender)
    assert handoff["topic"] == "ik twijfel tussen zorg en techniek"
    assert handoff["contact_route"] == "school"
    assert handoff["school"] == "DEMO01"
    assert handoff["code"] in reply


def test_delete_my_data_removes_tracker_events_and_facts(chat, stack, sender):
    chat.say(sender, "hoi", metadata={"school": "DEMO01"})  # a hand-off needs a registered school
    chat.say(sender, "ik wil met een mens praten")
    chat.say(sender, "stage zoeken lukt niet")
    chat.say(sender, "ik loop zelf binnen")
    db = appdb.connect(stack.var_dir / "kansrijk.db")
    assert facts.handoffs_for(db, sender)
    assert any(e["event"] == "user" for e in chat.tracker(sender)["events"])

    assert "wis" in chat.text(sender, "verwijder mijn gegevens")
    assert "gewist" in chat.text(sender, "ja")

    events = chat.tracker(sender)["events"]
    assert [e for e in events if e["event"] in ("user", "bot")] == []
    assert facts.handoffs_for(db, sender) == []
    assert facts.facts_for(db, sender) == []


def test_http_api_needs_the_token(chat, stack, sender):
    import httpx

    response = httpx.get(f"{stack.rasa_url}/conversations/{sender}/tracker")
    assert response.status_code == 401
