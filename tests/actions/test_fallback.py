"""The fallback answers unusable messages politely and asks in Dutch what was meant."""
from actions.fallback import (
    ActionDefaultAskAffirmation,
    ActionDefaultAskRephrase,
    ActionDefaultFallback,
    unusable_reason,
)


def test_long_message_gets_a_polite_request_to_be_short(dispatcher, tracker):
    ActionDefaultAskAffirmation().run(dispatcher, tracker(text="bla " * 2500, intent="nlu_fallback"), {})
    [message] = dispatcher.messages
    assert "heel lang bericht" in message["text"]
    assert message["buttons"]


def test_emoji_only_message_is_answered_kindly(dispatcher, tracker):
    ActionDefaultAskAffirmation().run(dispatcher, tracker(text="😂😂🔥", intent="nlu_fallback"), {})
    assert "emoji" in dispatcher.messages[0]["text"]


def test_empty_message(dispatcher, tracker):
    ActionDefaultAskAffirmation().run(dispatcher, tracker(text="   ", intent="nlu_fallback"), {})
    assert "geen tekst" in dispatcher.messages[0]["text"]


def test_arabic_script_gets_a_language_hint(dispatcher, tracker):
    ActionDefaultAskAffirmation().run(dispatcher, tracker(text="مرحبا كيف حالك", intent="nlu_fallback"), {})
    assert "Nederlands" in dispatcher.messages[0]["text"]


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
    assert "Zoek je een stage?" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["/seek_internship", "/out_of_scope"]


def test_rephrase_and_give_up(dispatcher, tracker):
    ActionDefaultAskRephrase().run(dispatcher, tracker(text="hmm blub"), {})
    events = ActionDefaultFallback().run(dispatcher, tracker(text="blub"), {})
    assert "andere manier" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[1]["buttons"]
    assert events == [{"event": "rewind", "timestamp": None}]
