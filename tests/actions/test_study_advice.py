"""Study advice over the real labour_outlook library: recommendations, prospects, nudge, compare."""
import pytest

import labour_outlook
from actions.other_options import ActionOtherOptions
from actions.study_advice import (
    ActionCompare,
    ActionKeepChoice,
    ActionProspects,
    ActionRecommend,
)
from bot import facts


def weak_programme():
    for programme in labour_outlook.get_catalogue().programmes:
        if labour_outlook.prospects_for(programme.crebo).weak and labour_outlook.alternatives(programme.crebo):
            return programme
    pytest.fail("the sample data has no programme with weak prospects")


def strong_programme():
    for programme in labour_outlook.get_catalogue().programmes:
        if labour_outlook.prospects_for(programme.crebo).kans_op_werk == "goed":
            return programme


def slot_value(events, name):
    return next(e["value"] for e in events if e.get("name") == name)


def test_recommendations_come_from_labour_outlook_with_prospects(fresh_db, tracker, dispatcher):
    t = tracker(slots={"school_type": "vmbo", "vmbo_leerweg": "kader",
                       "interest_texts": ["ik sleutel graag aan scooters"], "place": "-"})
    events = ActionRecommend().run(dispatcher, t, {})
    expected = labour_outlook.recommend(["ik sleutel graag aan scooters"],
                                        situation=labour_outlook.Situation(school="vmbo", leerweg="kader"))
    message = dispatcher.messages[0]
    assert expected[0].programme.name in message["text"]
    assert "Kans op werk:" in message["text"]
    assert "voorbeeldcijfers" in message["text"]
    titles = [b["title"] for b in message["buttons"]]
    assert {"Vergelijk", "Andere opties", "Stage zoeken"} <= set(titles)
    assert any(title.startswith("Vertel meer") for title in titles)
    assert slot_value(events, "shown_crebos") == [r.programme.crebo for r in expected]
    shown = facts.facts_for(fresh_db, "test-conversation", "programmes_shown")[0]["payload"]
    assert [p["crebo"] for p in shown["programmes"]] == [r.programme.crebo for r in expected]


def test_weak_prospects_lead_to_a_nudge_with_a_free_choice(fresh_db, tracker, dispatcher):
    programme = weak_programme()
    t = tracker(text=f"hoe is de kans op werk met {programme.crebo}", intent="ask_prospects")
    t.latest_message["entities"] = [{"entity": "crebo", "value": programme.crebo}]
    ActionProspects().run(dispatcher, t, {})
    answer, nudge = dispatcher.messages
    assert labour_outlook.prospects_for(programme.crebo).kans_op_werk in answer["text"]
    assert "Jij kiest zelf" in nudge["text"]
    assert [b["title"] for b in nudge["buttons"]] == ["Ja, laat zien", "Nee, ik wil dit echt"]
    assert [b["payload"] for b in nudge["buttons"]] == [f'/other_options{{"crebo":"{programme.crebo}"}}',
                                                        f'/deny{{"crebo":"{programme.crebo}"}}']
    assert facts.facts_for(fresh_db, "test-conversation", "nudge_shown")[0]["payload"]["crebo"] == programme.crebo


def test_no_nudge_for_good_prospects(fresh_db, tracker, dispatcher):
    programme = strong_programme()
    t = tracker(text=programme.crebo, intent="ask_prospects")
    t.latest_message["entities"] = [{"entity": "crebo", "value": programme.crebo}]
    ActionProspects().run(dispatcher, t, {})
    assert len(dispatcher.messages) == 1
    assert facts.facts_for(fresh_db, "test-conversation", "nudge_shown") == []


def test_no_nudge_again_after_keep_choice(fresh_db, tracker, dispatcher):
    programme = weak_programme()
    t = tracker(text="nee ik wil dit echt", intent="deny",
                slots={"focus_crebo": programme.crebo, "offer": "alternatives"})
    events = ActionKeepChoice().run(dispatcher, t, {})
    assert "jouw keuze" in dispatcher.messages[0]["text"]
    assert slot_value(events, "nudge_declined") == [programme.crebo]
    assert slot_value(events, "offer") == "programmes"
    assert facts.facts_for(fresh_db, "test-conversation", "final_interest")[0]["payload"]["after_nudge"]

    dispatcher.messages.clear()
    t = tracker(text="vertel meer", intent="ask_prospects",
                slots={"nudge_declined": [programme.crebo], "focus_crebo": programme.crebo})
    ActionProspects().run(dispatcher, t, {})
    assert len(dispatcher.messages) == 1  # details only, no second nudge
    assert programme.name in dispatcher.messages[0]["text"]


def test_keep_choice_button_names_the_programme(fresh_db, tracker, dispatcher):
    programme = weak_programme()
    t = tracker(text=f'/deny{{"crebo":"{programme.crebo}"}}', intent="deny")
    t.latest_message["entities"] = [{"entity": "crebo", "value": programme.crebo}]
    ActionKeepChoice().run(dispatcher, t, {})
    assert programme.name in dispatcher.messages[0]["text"]


def test_a_plain_no_without_a_nudge_offers_the_menu(fresh_db, tracker, dispatcher):
    t = tracker(text="nee", intent="deny", slots={"focus_crebo": weak_programme().crebo, "offer": "programmes"})
    events = ActionKeepChoice().run(dispatcher, t, {})
    assert events == []
    assert "Studiekeuze" in [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert facts.facts_for(fresh_db, "test-conversation", "final_interest") == []


def test_more_about_an_ordinal_uses_the_list_shown(fresh_db, tracker, dispatcher):
    shown = [p.crebo for p in labour_outlook.get_catalogue().programmes[:3]]
    t = tracker(text="vertel meer over de tweede", intent="ask_prospects", slots={"shown_crebos": shown})
    ActionProspects().run(dispatcher, t, {})
    assert labour_outlook.get_catalogue().get(shown[1]).name in dispatcher.messages[0]["text"]


def test_more_without_a_programme_asks_which_one(fresh_db, tracker, dispatcher):
    ActionProspects().run(dispatcher, tracker(text="vertel meer", intent="ask_prospects"), {})
    assert "Welke opleiding bedoel je?" in dispatcher.messages[0]["text"]


def test_alternatives_are_shown_and_a_viewed_alternative_is_recorded(fresh_db, tracker, dispatcher):
    programme = weak_programme()
    t = tracker(text="ja laat zien", intent="affirm", slots={"focus_crebo": programme.crebo, "offer": "alternatives"})
    events = ActionOtherOptions().run(dispatcher, t, {})
    alternative = slot_value(events, "shown_crebos")[1]
    assert "meer kans op werk" in dispatcher.messages[0]["text"]
    assert slot_value(events, "offer") == "programmes"
    t = tracker(intent="ask_prospects")
    t.latest_message["entities"] = [{"entity": "crebo", "value": alternative}]
    ActionProspects().run(dispatcher, t, {})
    viewed = facts.facts_for(fresh_db, "test-conversation", "alternative_viewed")
    assert viewed[0]["payload"]["crebo"] == alternative


def test_ambiguous_programme_asks_which_one(fresh_db, tracker, dispatcher):
    ActionProspects().run(dispatcher, tracker(text="hoe zijn de kansen voor kapper?", intent="ask_prospects"), {})
    message = dispatcher.messages[0]
    assert message["text"] == "Welke bedoel je?"
    assert len(message["buttons"]) >= 2
    assert all(b["payload"].startswith('/ask_prospects{"crebo":') for b in message["buttons"])


def test_unknown_crebo_is_named(fresh_db, tracker, dispatcher):
    t = tracker(text="kans op werk 12345", intent="ask_prospects")
    t.latest_message["entities"] = [{"entity": "crebo", "value": "12345"}]
    ActionProspects().run(dispatcher, t, {})
    assert "onbekende opleidingscode 12345" in dispatcher.messages[0]["text"]


def test_compare_two_named_programmes(fresh_db, tracker, dispatcher):
    ActionCompare().run(dispatcher, tracker(text="vergelijk kok en bakker", intent="compare_programmes"), {})
    text = dispatcher.messages[0]["text"]
    assert "Kok (2) | Uitvoerend bakker (2)" in text
    assert "Werk:" in text and "Stage:" in text
    assert all(len(line) <= 60 for line in text.splitlines()[:6])
    assert facts.facts_for(fresh_db, "test-conversation", "programmes_compared")


def test_compare_without_names_uses_the_shown_programmes(fresh_db, tracker, dispatcher):
    ActionCompare().run(dispatcher, tracker(text="vergelijk", slots={"shown_crebos": ["25180", "25603"]}), {})
    assert "Pedagogisch" in dispatcher.messages[0]["text"]


def test_the_widget_gets_programme_cards(fresh_db, tracker, dispatcher):
    t = tracker(slots={"interest_texts": ["ik werk graag met kinderen"]},
                events=[{"event": "user", "text": "x", "input_channel": "socketio"}])
    ActionRecommend().run(dispatcher, t, {})
    cards = dispatcher.messages[1]["custom"]["cards"]
    assert len(cards) == 5
    assert all("Kans op werk" in " ".join(card["lines"]) for card in cards)
    assert "voorbeeldcijfers" in dispatcher.messages[2]["text"]
    assert dispatcher.messages[2]["buttons"]


def test_an_earlier_code_names_the_new_programme_first(fresh_db, tracker, dispatcher):
    t = tracker(text="hoe is de kans op werk met 25491", intent="ask_prospects")
    t.latest_message["entities"] = [{"entity": "crebo", "value": "25491"}]
    events = ActionProspects().run(dispatcher, t, {})
    assert dispatcher.messages[0]["text"] == "Code 25491 is vervallen. De nieuwe opleiding is Verzorgende-IG (25656)."
    assert dispatcher.messages[1]["text"].startswith("Verzorgende-IG (niveau 3")
    assert "Opleidingscode (crebo): 25656." in dispatcher.messages[1]["text"]
    assert "niet gecontroleerd" not in dispatcher.messages[1]["text"]
    assert slot_value(events, "focus_crebo") == "25656"


def test_prospects_say_which_region_they_are_for(fresh_db, tracker, dispatcher):
    def details(place):
        d = type(dispatcher)()
        t = tracker(text="hoe is de kans op werk met 25180", intent="ask_prospects", slots={"place": place})
        t.latest_message["entities"] = [{"entity": "crebo", "value": "25180"}]
        ActionProspects().run(d, t, {})
        return d.messages[0]["text"]

    assert details("Rotterdam").endswith("Dit zijn de kansen in de regio Rijnmond.")
    # Maastricht is in Zuid-Limburg: the sample data has no figures there, and the answer says so.
    assert details("Maastricht").endswith("Voor de regio Zuid-Limburg heb ik geen cijfers. Dit zijn de kansen in heel Nederland.")
    assert "regio" not in details("-")  # no place given: no promise of a regional view


def test_recommendations_say_which_region_they_are_for(fresh_db, tracker, dispatcher):
    t = tracker(slots={"interest_texts": ["ik sleutel graag aan scooters"], "place": "Rotterdam"})
    ActionRecommend().run(dispatcher, t, {})
    assert "Dit zijn de kansen in de regio Rijnmond." in dispatcher.messages[0]["text"]
    other = type(dispatcher)()
    ActionRecommend().run(other, tracker(slots={"interest_texts": ["ik sleutel graag aan scooters"], "place": "-"}), {})
    assert "regio" not in other.messages[0]["text"]
