"""The nudge experiment in the conversation: each arm's behaviour, the facts outcomes need, privacy and opt-out."""
from datetime import timedelta

import pytest

import labour_outlook
from actions import texts
from actions.other_options import ActionOtherOptions
from actions.privacy import ActionExplainPrivacy
from actions.research import ActionOptOutResearch
from actions.sharing import ActionGoodbye, ActionShareSummary
from actions.study_advice import ActionKeepChoice, ActionProspects, programme_details
from bot import facts
from bot.experiments import allocation, definition, outcomes, store
from tests.texts.rendering import render

SCHOOL = {"school": "DEMO01"}
NAME = "nudge_actions"
OFFER_WORDS = ("Wil je", "Jij kiest zelf", "Er zijn opleidingen", "passen ook bij wat je leuk vindt")


def weak_programme():
    """A programme with weak prospects whose alternatives share words with it (for the framed wording)."""
    for programme in labour_outlook.get_catalogue().programmes:
        if labour_outlook.prospects_for(programme.crebo).weak:
            alternatives = labour_outlook.alternatives(programme.crebo)
            if alternatives and any(a.shared for a in alternatives):
                return programme
    pytest.fail("the sample data has no programme with weak prospects and kansrijke alternatives")


@pytest.fixture
def experiment(fresh_db):
    """An experiment with three equal arms at DEMO01 (a registered school), running from today."""
    from bot.schools import add_school

    add_school(fresh_db, "DEMO01", "Demoschool")
    today = store.today()
    return store.add(fresh_db, definition.parse({
        "name": NAME,
        "schools": ["DEMO01"],
        "start": today,
        "end": today + timedelta(days=200),
        "arms": {"standard": 1, "no_offer": 1, "framed": 1},
        "primary_outcome": "looked_at_alternative",
        "secondary_outcomes": ["final_kans_op_werk", "shared_summary", "conversation_completed"],
        "min_sample_per_arm": 100,
        "hypothesis": "Een aanbod vanuit de interesses helpt leerlingen vaker naar een alternatief te kijken.",
    }))


def sender_in(experiment, arm: str) -> str:
    """A conversation id that the experiment puts in ``arm`` (the draw is a seeded hash)."""
    return next(cid for cid in (f"conv-{arm}-{i}" for i in range(1000))
                if allocation.draw(experiment.definition, cid) == arm)


def ask_prospects(dispatcher, tracker, programme, sender, metadata=SCHOOL, slots=None):
    t = tracker(text=f"hoe is de kans op werk met {programme.crebo}", intent="ask_prospects",
                sender_id=sender, metadata=metadata, slots=slots)
    t.latest_message["entities"] = [{"entity": "crebo", "value": programme.crebo}]
    return ActionProspects().run(dispatcher, t, {})


def weak_note(programme, prospects):
    """The sentence every arm starts with (utter_weak_prospects in Dutch)."""
    return f"Goed om te weten: met {programme.name} is de kans op werk {prospects.kans_op_werk}."


def slot_value(events, name):
    return [e["value"] for e in events if e.get("name") == name][-1]


def kinds(db, sender):
    return [f["kind"] for f in facts.facts_for(db, sender)]


# ------------------------------------------------------------------------------- the arms


def test_without_an_experiment_the_nudge_is_todays(fresh_db, tracker, dispatcher):
    programme = weak_programme()
    ask_prospects(dispatcher, tracker, programme, "no-experiment")
    _, nudge = dispatcher.messages
    assert nudge["response"] == "utter_nudge_offer" and nudge["programme"] == programme.name
    [shown] = facts.facts_for(fresh_db, "no-experiment", "nudge_shown")
    assert shown["payload"]["arm"] == "standard" and shown["payload"]["experiment"] is None
    assert {"crebo", "name", "kans_op_werk", "alternatives"} <= set(shown["payload"])
    assert "experiment_arm" not in kinds(fresh_db, "no-experiment")


def test_standard_arm_offers_the_alternatives_as_today(fresh_db, experiment, tracker, dispatcher):
    programme, sender = weak_programme(), sender_in(experiment, "standard")
    events = ask_prospects(dispatcher, tracker, programme, sender)
    _, nudge = dispatcher.messages
    assert nudge["text"] == (
        f"Goed om te weten: met {programme.name} is de kans op werk "
        f"{labour_outlook.prospects_for(programme.crebo).kans_op_werk}. "
        "Er zijn opleidingen die ook bij je passen, met meer kans op werk. Wil je die zien? Jij kiest zelf."
    )
    assert [b["payload"] for b in nudge["buttons"]] == [f'/other_options{{"crebo":"{programme.crebo}"}}',
                                                        f'/deny{{"crebo":"{programme.crebo}"}}']
    assert slot_value(events, "offer") == "alternatives"
    [arm] = facts.facts_for(fresh_db, sender, "experiment_arm")
    assert arm["payload"] == {"experiment": NAME, "arm": "standard"}
    [shown] = facts.facts_for(fresh_db, sender, "nudge_shown")
    assert shown["payload"]["arm"] == "standard" and shown["payload"]["experiment"] == NAME
    assert shown["payload"]["crebo"] == programme.crebo


def test_no_offer_arm_shows_the_prospects_without_an_offer(fresh_db, experiment, tracker, dispatcher):
    programme, sender = weak_programme(), sender_in(experiment, "no_offer")
    events = ask_prospects(dispatcher, tracker, programme, sender)
    _, note = dispatcher.messages
    assert note["response"] == "utter_weak_prospects"
    assert note["text"] == weak_note(programme, labour_outlook.prospects_for(programme.crebo))
    assert not note.get("buttons")
    assert not any(word in note["text"] for word in OFFER_WORDS)
    assert "nudge_shown" not in kinds(fresh_db, sender)
    [withheld] = facts.facts_for(fresh_db, sender, "nudge_withheld")
    assert withheld["payload"]["arm"] == "no_offer" and withheld["payload"]["crebo"] == programme.crebo
    assert withheld["payload"]["alternatives"]

    # "andere opties" still shows the kansrijke alternatieven.
    dispatcher.messages.clear()
    t = tracker(text="andere opties", intent="other_options", sender_id=sender, metadata=SCHOOL,
                slots={"offer": slot_value(events, "offer"), "focus_crebo": slot_value(events, "focus_crebo")})
    ActionOtherOptions().run(dispatcher, t, {})
    assert "Deze passen ook bij je en geven meer kans op werk:" in dispatcher.messages[0]["text"]
    [shown] = facts.facts_for(fresh_db, sender, "alternatives_shown")
    assert shown["payload"]["crebos"] == withheld["payload"]["alternatives"]


def test_in_no_offer_a_plain_no_answers_no_question(fresh_db, experiment, tracker, dispatcher):
    programme, sender = weak_programme(), sender_in(experiment, "no_offer")
    events = ask_prospects(dispatcher, tracker, programme, sender)
    dispatcher.messages.clear()
    t = tracker(text="nee", intent="deny", sender_id=sender, metadata=SCHOOL,
                slots={"offer": slot_value(events, "offer"), "focus_crebo": programme.crebo})
    assert ActionKeepChoice().run(dispatcher, t, {}) == []
    assert "Studiekeuze" in [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert "final_interest" not in kinds(fresh_db, sender)


def test_framed_arm_words_the_offer_around_shared_interests(fresh_db, experiment, tracker, dispatcher):
    programme, sender = weak_programme(), sender_in(experiment, "framed")
    ask_prospects(dispatcher, tracker, programme, sender)
    _, nudge = dispatcher.messages
    alternatives = labour_outlook.alternatives(programme.crebo)
    prospects = labour_outlook.prospects_for(programme.crebo)
    assert nudge["response"] == "utter_nudge_framed"
    assert nudge["text"].startswith(weak_note(programme, prospects))
    assert "Deze opleidingen passen ook bij wat je leuk vindt:" in nudge["text"]
    assert "Ze hebben meer kans op werk." in nudge["text"] and "Jij kiest zelf." in nudge["text"]
    for alternative in alternatives:
        assert alternative.programme.name in nudge["text"]
        for word in alternative.shared:
            assert word in nudge["text"]
    assert [b["title"] for b in nudge["buttons"]] == ["Ja, laat zien", "Nee, ik wil dit echt"]
    [shown] = facts.facts_for(fresh_db, sender, "nudge_shown")
    assert shown["payload"]["arm"] == "framed"


def test_every_arm_shows_the_same_prospect_information(fresh_db, experiment, tracker, dispatcher):
    programme = weak_programme()
    prospects = labour_outlook.prospects_for(programme.crebo)
    for arm in ("standard", "no_offer", "framed"):
        dispatcher.messages.clear()
        ask_prospects(dispatcher, tracker, programme, sender_in(experiment, arm))
        details, nudge = dispatcher.messages
        assert details["text"] == programme_details(programme, prospects), arm
        assert nudge["text"].startswith(weak_note(programme, prospects)), arm


def test_the_arm_is_stable_and_recorded_once(fresh_db, experiment, tracker, dispatcher):
    programme, sender = weak_programme(), sender_in(experiment, "framed")
    for _ in range(3):
        ask_prospects(dispatcher, tracker, programme, sender)
    assert len(facts.facts_for(fresh_db, sender, "experiment_arm")) == 1
    assert [f["payload"]["arm"] for f in facts.facts_for(fresh_db, sender, "nudge_shown")] == ["framed"] * 3


def test_another_school_or_no_school_is_not_in_the_experiment(fresh_db, experiment, tracker, dispatcher):
    programme = weak_programme()
    sender = sender_in(experiment, "no_offer")
    ask_prospects(dispatcher, tracker, programme, sender, metadata={"school": "OTHER9"})
    ask_prospects(dispatcher, tracker, programme, sender + "-x", metadata={})
    assert "experiment_arm" not in kinds(fresh_db, sender) + kinds(fresh_db, sender + "-x")
    assert [f["payload"]["arm"] for f in facts.facts_for(fresh_db, sender, "nudge_shown")] == ["standard"]


def test_a_damaged_experiment_falls_back_to_today(fresh_db, experiment, tracker, dispatcher, monkeypatch):
    from bot.experiments.errors import ExperimentTampered

    def broken(*args, **kwargs):
        raise ExperimentTampered("beschadigd")

    monkeypatch.setattr(allocation.store, "active_for", broken)
    programme = weak_programme()
    ask_prospects(dispatcher, tracker, programme, sender_in(experiment, "no_offer"))
    assert "Jij kiest zelf" in dispatcher.messages[1]["text"]


# ------------------------------------------------------------------------------ opt-out


def test_opt_out_before_the_nudge_gives_standard_and_no_assignment(fresh_db, experiment, tracker, dispatcher):
    programme, sender = weak_programme(), sender_in(experiment, "no_offer")
    assert ActionOptOutResearch().run(dispatcher, tracker(sender_id=sender, metadata=SCHOOL), {}) == []
    assert dispatcher.messages[0]["response"] == "utter_research_opted_out"
    dispatcher.messages.clear()
    ask_prospects(dispatcher, tracker, programme, sender)
    assert "Jij kiest zelf" in dispatcher.messages[1]["text"]
    [shown] = facts.facts_for(fresh_db, sender, "nudge_shown")
    assert shown["payload"]["arm"] == "standard" and shown["payload"]["experiment"] is None
    assert "experiment_arm" not in kinds(fresh_db, sender)


def test_opt_out_after_assignment_gives_standard_and_leaves_the_analysis(fresh_db, experiment, tracker, dispatcher):
    programme, sender = weak_programme(), sender_in(experiment, "no_offer")
    ask_prospects(dispatcher, tracker, programme, sender)
    ActionOptOutResearch().run(dispatcher, tracker(sender_id=sender, metadata=SCHOOL), {})
    dispatcher.messages.clear()
    ask_prospects(dispatcher, tracker, programme, sender)
    assert "Jij kiest zelf" in dispatcher.messages[1]["text"]
    assert facts.facts_for(fresh_db, sender, "nudge_shown")[0]["payload"]["arm"] == "standard"
    assert facts.facts_for(fresh_db, sender, "experiment_opt_out")[0]["payload"] == {"experiment": NAME}
    tally = outcomes.tally(fresh_db, NAME)
    assert tally.opted_out == 1 and sum(a.n for a in tally.arms.values()) == 0


def test_opt_out_without_an_experiment_is_fine(fresh_db, tracker, dispatcher):
    ActionOptOutResearch().run(dispatcher, tracker(sender_id="me"), {})
    ActionOptOutResearch().run(dispatcher, tracker(sender_id="me"), {})  # twice changes nothing
    assert [m["response"] for m in dispatcher.messages] == ["utter_research_opted_out"] * 2
    assert len(facts.facts_for(fresh_db, "me", "experiment_opt_out")) == 1


def test_the_opt_out_answer_is_a_domain_response():
    import yaml

    from appdb.settings import REPO

    domain = yaml.safe_load((REPO / "domain" / "research.yml").read_text(encoding="utf-8"))
    generated = yaml.safe_load((REPO / "domain" / "texts.yml").read_text(encoding="utf-8"))
    dutch = generated["responses"]["utter_research_opted_out"][-1]
    assert dutch["text"] == "Prima. Je doet niet mee aan het onderzoek. Kansrijk werkt voor jou gewoon zoals altijd."
    assert "action_opt_out_research" in domain["actions"]
    assert "opt_out_research" in domain["intents"]


# ------------------------------------------------------------------- facts for outcomes


def test_keep_choice_records_the_kans_op_werk_of_the_final_interest(fresh_db, tracker, dispatcher):
    programme = weak_programme()
    t = tracker(text=f'/deny{{"crebo":"{programme.crebo}"}}', intent="deny")
    t.latest_message["entities"] = [{"entity": "crebo", "value": programme.crebo}]
    ActionKeepChoice().run(dispatcher, t, {})
    [final] = facts.facts_for(fresh_db, "test-conversation", "final_interest")
    assert final["payload"] == {"crebo": programme.crebo, "name": programme.name, "after_nudge": True,
                                "kans_op_werk": labour_outlook.prospects_for(programme.crebo).kans_op_werk}
    derived = outcomes.derive([(f["kind"], f["payload"]) for f in facts.facts_for(fresh_db, "test-conversation")])
    assert derived["final_kans_op_werk"] == final["payload"]["kans_op_werk"]


def test_goodbye_records_a_completed_conversation_once(fresh_db, tracker, dispatcher):
    ActionGoodbye().run(dispatcher, tracker(metadata=SCHOOL), {})
    ActionGoodbye().run(dispatcher, tracker(metadata=SCHOOL, slots={"share_asked": True}), {})
    assert [f["payload"] for f in facts.facts_for(fresh_db, "test-conversation", "conversation_completed")] == [{}]


def test_summary_shared_is_recorded_only_when_the_share_happened(fresh_db, tracker, dispatcher):
    from bot.schools import add_school

    add_school(fresh_db, "DEMO01", "Demoschool")
    ActionShareSummary().run(dispatcher, tracker(metadata=SCHOOL), {})  # nothing to share yet
    ActionShareSummary().run(dispatcher, tracker(sender_id="no-school"), {})  # no school
    facts.record_fact(fresh_db, "no-school", "interests", {"text": "dieren"})
    ActionShareSummary().run(dispatcher, tracker(sender_id="no-school"), {})
    assert facts.facts_for(fresh_db, "test-conversation", "summary_shared") == []
    assert facts.facts_for(fresh_db, "no-school", "summary_shared") == []

    facts.record_fact(fresh_db, "test-conversation", "interests", {"text": "dieren"})
    ActionShareSummary().run(dispatcher, tracker(metadata=SCHOOL), {})
    assert [f["payload"] for f in facts.facts_for(fresh_db, "test-conversation", "summary_shared")] == [{}]


def test_outcomes_follow_from_a_conversation_in_the_experiment(fresh_db, experiment, tracker, dispatcher):
    programme, sender = weak_programme(), sender_in(experiment, "framed")
    events = ask_prospects(dispatcher, tracker, programme, sender)
    t = tracker(text="ja laat zien", intent="affirm", sender_id=sender, metadata=SCHOOL,
                slots={"offer": slot_value(events, "offer"), "focus_crebo": programme.crebo})
    alternative = slot_value(ActionOtherOptions().run(dispatcher, t, {}), "shown_crebos")[1]
    ask_prospects(dispatcher, tracker, labour_outlook.get_catalogue().get(alternative), sender)
    ActionShareSummary().run(dispatcher, tracker(sender_id=sender, metadata=SCHOOL), {})
    ActionGoodbye().run(dispatcher, tracker(sender_id=sender, metadata=SCHOOL, slots={"share_asked": True}), {})
    arm = outcomes.tally(fresh_db, NAME).arms["framed"]
    assert arm.n == 1
    assert arm.counts["looked_at_alternative"] == 1
    assert arm.counts["ended_kansrijk"] == 1  # the last prospects asked: the kansrijke alternative
    assert arm.counts["shared_summary"] == 1 and arm.counts["conversation_completed"] == 1


# ------------------------------------------------------------------------------ privacy


def privacy_answer(dispatcher, tracker, sender="test-conversation", metadata=SCHOOL):
    dispatcher.messages.clear()
    ActionExplainPrivacy().run(dispatcher, tracker(text="wat bewaren jullie", sender_id=sender, metadata=metadata), {})
    return render(dispatcher.messages[0])["text"]


RESEARCH_TEXT = texts.fragment("nl", "research_running")
RESEARCH_OPTED_OUT_TEXT = texts.fragment("nl", "research_opted_out")


def test_the_privacy_answer_announces_research_at_the_school(fresh_db, experiment, tracker, dispatcher):
    text = privacy_answer(dispatcher, tracker)
    assert text.endswith(RESEARCH_TEXT)
    assert "ik wil niet meedoen aan onderzoek" in text and "nooit wie jij bent" in text
    assert "dagen" in text  # the usual answer is still there
    assert RESEARCH_TEXT not in privacy_answer(dispatcher, tracker, metadata={"school": "OTHER9"})
    assert "onderzoek" not in privacy_answer(dispatcher, tracker, metadata={})


def test_the_privacy_answer_without_research_is_unchanged(fresh_db, tracker, dispatcher):
    assert "onderzoek" not in privacy_answer(dispatcher, tracker)


def test_the_privacy_answer_after_opting_out(fresh_db, experiment, tracker, dispatcher):
    ActionOptOutResearch().run(dispatcher, tracker(sender_id="me", metadata=SCHOOL), {})
    text = privacy_answer(dispatcher, tracker, sender="me")
    assert text.endswith(RESEARCH_OPTED_OUT_TEXT)
    assert RESEARCH_TEXT not in text
