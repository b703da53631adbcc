"""'Waar waren we?' returns to an unfinished form, and only then."""
from actions.navigation import ActionResume, interrupted_form
from tests.texts.rendering import render


def user(intent):
    return {"event": "user", "parse_data": {"intent": {"name": intent}}}


def test_unfinished_form_is_resumed(dispatcher, tracker):
    events = [user("request_human"), {"event": "active_loop", "name": "handoff_form"},
              user("ask_privacy"), {"event": "action", "name": "action_explain_privacy"}]
    result = ActionResume().run(dispatcher, tracker(events=events), {})
    assert result == [{"event": "followup", "name": "handoff_form", "timestamp": None}]
    assert render(dispatcher.messages[0])["text"] == "We waren bezig met je vraag voor de decaan. We gaan verder."


def test_finished_or_stopped_form_is_not_resumed():
    finished = [{"event": "active_loop", "name": "handoff_form"},
                {"event": "active_loop", "name": None},
                {"event": "action", "name": "action_submit_handoff"}]
    stopped = [{"event": "active_loop", "name": "handoff_form"}, user("stop")]
    assert interrupted_form(finished) is None
    assert interrupted_form(stopped) is None


def test_nothing_to_resume_offers_the_menu(dispatcher, tracker):
    assert ActionResume().run(dispatcher, tracker(events=[]), {}) == []
    assert dispatcher.messages[0]["response"] == "utter_resume_nothing"
    assert render(dispatcher.messages[0])["buttons"]


def test_an_interrupted_intake_is_found_behind_a_finished_handoff():
    events = [{"event": "active_loop", "name": "study_form"},
              {"event": "active_loop", "name": None},
              {"event": "active_loop", "name": "handoff_form"},
              {"event": "active_loop", "name": None},
              {"event": "action", "name": "action_submit_handoff"}]
    assert interrupted_form(events) == "study_form"
