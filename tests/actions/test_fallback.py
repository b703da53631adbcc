"""The fallback answers unusable messages politely and asks in the student's language what was meant."""
from actions.fallback import (
    ActionDefaultAskAffirmation,
    ActionDefaultAskRephrase,
    ActionDefaultFallback,
    unusable_reason,
)
from tests.texts.rendering import render


def test_long_message_gets_a_polite_request_to_be_short(dispatcher, tracker):
    ActionDefaultAskAffirmation().run(dispatcher, tracker(text="bla " * 2500, intent="nlu_fallback"), {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_unusable_too_long"
    assert render(message)["buttons"]


def test_emoji_only_message_is_answered_kindly(dispatcher, tracker):
    ActionDefaultAskAffirmation().run(dispatcher, tracker(text="😂😂🔥", intent="nlu_fallback"), {})
    assert dispatcher.messages[0]["response"] == "utter_unusable_no_words"


def test_empty_message(dispatcher, tracker):
    ActionDefaultAskAffirmation().run(dispatcher, tracker(text="   ", intent="nlu_fallback"), {})
    assert dispatcher.messages[0]["response"] == "utter_unusable_empty"


def test_arabic_script_gets_a_language_hint(dispatcher, tracker):
    ActionDefaultAskAffirmation().run(dispatcher, tracker(text="مرحبا كيف حالك", intent="nlu_fallback"), {})
    message = render(dispatcher.messages[0])
    assert "Nederlands" in message["text"] and "English" in message["text"]


def test_turkish_letters_are_not_treated_as_another_script():
    assert unusable_reason("staj arıyorum, çok zor ağabey") == ""


def test_affirmation_offers_the_best_guess_in_dutch(dispatcher, tracker):
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.55},
        {"name": "seek_internship", "confidence": 0.4},
        {"name": "greet", "confidence": 0.1},
    ]
    ActionDefaultAskAffirmation().run(
        dispatcher, tracker(text="stagie?", intent="nlu_fallback", intent_ranking=ranking), {}
    )
    message = dispatcher.messages[0]
    assert message["response"] == "utter_fallback_guess" and message["intent"] == "seek_internship"
    assert "Zoek je een stage?" in render(message)["text"]
    assert [b["payload"] for b in render(message)["buttons"]] == ["/seek_internship", "/out_of_scope"]


def test_affirmation_asks_in_english_when_the_student_chose_english(dispatcher, tracker):
    ranking = [{"name": "nlu_fallback", "confidence": 0.55}, {"name": "seek_internship", "confidence": 0.4}]
    t = tracker(text="internship??", intent="nlu_fallback", intent_ranking=ranking, slots={"language": "en"})
    ActionDefaultAskAffirmation().run(dispatcher, t, {})
    message = render(dispatcher.messages[0], "en")
    assert message["text"] == "I'm not sure. Are you looking for an internship?"
    assert [b["title"] for b in message["buttons"]] == ["Yes", "No, something else"]


def test_rephrase_and_give_up(dispatcher, tracker):
    ActionDefaultAskRephrase().run(dispatcher, tracker(text="hmm blub"), {})
    events = ActionDefaultFallback().run(dispatcher, tracker(text="blub"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_rephrase", "utter_give_up"]
    assert render(dispatcher.messages[1])["buttons"]
    assert events == [{"event": "rewind", "timestamp": None}]
