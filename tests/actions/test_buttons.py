"""Button payloads: the exact strings that the test stories and the action tests expect."""
import pytest

from actions.buttons import SPACED, button, payload, reply


def test_intent_payloads_are_compact_json_like_the_test_stories():
    assert payload("deny") == "/deny"
    assert payload("deny", crebo="25145") == '/deny{"crebo":"25145"}'  # tests/stories/study_choice.yml
    assert payload("internship_widen", separators=SPACED, widening="radius") == (
        '/internship_widen{"widening": "radius"}'  # tests/stories/internships.yml
    )
    assert payload("inform", place="Den Haag é") == '/inform{"place":"Den Haag é"}'


def test_buttons_and_replies():
    assert button("Nee", "deny", crebo="25180") == {"title": "Nee", "payload": '/deny{"crebo":"25180"}'}
    assert reply("Opslaan") == {"title": "Opslaan", "payload": "opslaan"}
    assert reply("Ja, Kok", "25180") == {"title": "Ja, Kok", "payload": "25180"}


@pytest.mark.parametrize("bad", ["/deny", "Deny", "deny{}", ""])
def test_intent_names_are_checked(bad):
    with pytest.raises(ValueError):
        payload(bad)


def test_a_reply_is_never_an_intent():
    with pytest.raises(ValueError):
        reply("Stoppen", "/stop")
