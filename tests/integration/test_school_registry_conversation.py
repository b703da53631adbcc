"""Over the real stack: a school code nobody registered gets nothing stored, and typed text is stored clean."""
import pytest

import appdb
from bot import facts

pytestmark = pytest.mark.integration


def ask_for_a_talk(chat, sender, school, topic):
    chat.say(sender, "hoi", metadata={"school": school})
    chat.say(sender, "ik wil met een echt mens praten", metadata={"school": school})
    chat.say(sender, topic, metadata={"school": school})
    return chat.text(sender, "ik loop zelf binnen", metadata={"school": school})


def test_an_unregistered_school_gets_no_handoff_and_the_conversation_goes_on(chat, stack, sender):
    reply = ask_for_a_talk(chat, sender, "DEMO99", "ik twijfel over mijn opleiding")
    assert "niet in onze lijst" in reply and "code" not in reply.lower()
    db = appdb.connect(stack.var_dir / "kansrijk.db")
    assert facts.handoffs_for(db, sender) == []
    assert facts.school_handoffs(db, "DEMO99") == []
    assert "chatbot" in chat.text(sender, "hallo")  # the conversation goes on


def test_a_typed_topic_is_stored_without_control_and_bidi_characters(chat, stack, sender):
    reply = ask_for_a_talk(chat, sender, "DEMO01", "ik twijfel \u202eover\u202c mijn\x07 opleiding")
    db = appdb.connect(stack.var_dir / "kansrijk.db")
    [handoff] = facts.handoffs_for(db, sender)
    assert handoff["topic"] == "ik twijfel over mijn opleiding"
    assert handoff["code"] in reply
