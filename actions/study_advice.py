"""Study advice: recommendations, programme details, prospects, comparison and the nudge."""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import labour_outlook
from actions import library_texts, programme_texts, texts
from actions.buttons import button
from actions.common import app_db, is_widget, latest_text, school_code
from actions.study_intake import SKIPPED
from actions.study_texts import (
    code_note,
    compare_table,
    framed_names,
    join_names,
    programme_line,
    prospects_sentence,
    sample_note,
    weak_prospects_variables,
)
from bot import facts
from bot.experiments import allocation
from bot.experiments.errors import ExperimentError
from labour_outlook.interest_words import carries_interest
from labour_outlook.regions import region_for_place, same_region

logger = logging.getLogger(__name__)

PAGE = 5
ORDINALS = {"eerste": 0, "1e": 0, "tweede": 1, "2e": 1, "derde": 2, "3e": 2, "vierde": 3, "4e": 3,
            "vijfde": 4, "5e": 4, "laatste": -1}


def situation_of(tracker: Tracker) -> Optional[labour_outlook.Situation]:
    school = tracker.get_slot("school_type")
    if school == "vmbo" and tracker.get_slot("vmbo_leerweg"):
        return labour_outlook.Situation(school="vmbo", leerweg=tracker.get_slot("vmbo_leerweg"))
    if school == "mbo" and tracker.get_slot("mbo_niveau"):
        return labour_outlook.Situation(school="mbo", niveau=int(float(tracker.get_slot("mbo_niveau"))))
    return None


def place_of(tracker: Tracker) -> Optional[str]:
    place = tracker.get_slot("place")
    return None if place in (None, SKIPPED) else place


def prospects_of(crebo: str, tracker: Tracker):
    """Prospects in the student's region when they gave a place, else national."""
    place = place_of(tracker)
    region = region_for_place(place) if place else None
    return labour_outlook.prospects_for(crebo, region=region)


def region_note(tracker: Tracker, prospects) -> str:
    """Which region the figures are for, when the student gave a place ('' without a place)."""
    place = place_of(tracker)
    region = region_for_place(place) if place else None
    if not region:
        return ""
    if same_region(prospects.region, region):
        return texts.fragment(tracker, "prospects_region", region=prospects.region)
    return texts.fragment(tracker, "prospects_region_missing", region=region)


def code_replaced_note(tracker: Tracker, code: str) -> str:
    """'Opleidingscode 25491 is vervallen; de nieuwe opleiding is ...' for an earlier code, else ''."""
    programme = labour_outlook.get_catalogue().replacement(code)
    if programme is None:
        return ""
    return texts.fragment(tracker, "code_replaced", old=code, name=programme_texts.programme_name(texts.language(tracker), programme),
                          crebo=programme.crebo)


def interest_texts(tracker: Tracker) -> List[str]:
    texts = [t for t in (tracker.get_slot("interest_texts") or []) if t and t != "quiz"]
    return texts


def mentioned_programmes(tracker: Tracker) -> List[labour_outlook.Programme]:
    """Programmes named in the latest message: crebo entities first, then the words."""
    catalogue = labour_outlook.get_catalogue()
    found: List[labour_outlook.Programme] = []
    for entity in (tracker.latest_message or {}).get("entities") or []:
        if entity.get("entity") == "crebo":
            try:
                found.append(catalogue.get(str(entity.get("value"))))
            except labour_outlook.UnknownCrebo:
                pass
    if found:
        return found
    return labour_outlook.resolve_programmes_in(latest_text(tracker))


def recommendations(tracker: Tracker, offset: int = 0) -> List[Any]:
    return labour_outlook.recommend(
        interest_texts(tracker) or [""],
        riasec=tracker.get_slot("riasec_profile") or None,
        situation=situation_of(tracker),
        place=place_of(tracker),
        top=offset + PAGE,
    )[offset:]


def programme_card(recommendation, lang: str = texts.DEFAULT) -> Dict[str, Any]:
    programme, prospects = recommendation.programme, recommendation.prospects
    return {
        "title": programme_texts.programme_name(lang, programme),
        "subtitle": texts.fragment(lang, "programme_card_subtitle", niveau=programme.niveau,
                                   years=programme.duration_years),
        "lines": [programme_texts.programme_description(lang, programme), prospects_sentence(prospects, lang)]
        + library_texts.reasons(lang, recommendation)[:1],
    }


def tell_more(lang: str, name: str, crebo) -> Dict[str, str]:
    return button(texts.fragment(lang, "button_tell_more", name=name), "ask_prospects", crebo=str(crebo))


def advice_buttons(shown: List[Any], lang: str = texts.DEFAULT) -> List[Dict[str, str]]:
    buttons = [tell_more(lang, programme_texts.programme_name(lang, p), p.crebo) for p in shown[:3]]
    buttons += [
        button(texts.fragment(lang, "button_compare"), "compare_programmes"),
        button(texts.fragment(lang, "button_other_options"), "other_options"),
        button(texts.fragment(lang, "button_seek_internship"), "seek_internship"),
    ]
    return buttons


def send_recommendations(dispatcher, tracker, offset: int) -> List[Dict[Text, Any]]:
    recs = recommendations(tracker, offset)
    lang = texts.language(tracker)
    if not recs:
        dispatcher.utter_message(response="utter_recommend_none")
        return []
    programmes = [r.programme for r in recs]
    which = "first" if offset == 0 else "more"
    notes = [note for note in (sample_note(lang) if any(r.sample for r in recs) else "", code_note(programmes, lang),
                               region_note(tracker, recs[0].prospects)) if note]
    if is_widget(tracker):
        # The widget shows programme cards; the buttons go on the last message.
        dispatcher.utter_message(response=f"utter_recommend_intro_{which}")
        dispatcher.utter_message(json_message={"cards": [programme_card(r, lang) for r in recs]})
        dispatcher.utter_message(response="utter_recommend_what_now", notes="".join(n + " " for n in notes),
                                 buttons=advice_buttons(programmes, lang))
    else:
        lines = [
            programme_line(i + 1, r.programme, r.prospects, lang)
            + (texts.fragment(lang, "programme_reasons", reasons="; ".join(library_texts.reasons(lang, r)))
               if r.reasons else "")
            for i, r in enumerate(recs)
        ] + notes
        dispatcher.utter_message(response=f"utter_recommend_list_{which}", lines="\n".join(lines),
                                 buttons=advice_buttons(programmes, lang))
    facts.record_fact(app_db(), tracker.sender_id, "programmes_shown", {
        "programmes": [
            {"crebo": r.programme.crebo, "name": r.programme.name, "niveau": r.programme.niveau,
             "kans_op_werk": r.prospects.kans_op_werk, "kans_op_stage": r.prospects.kans_op_stage}
            for r in recs
        ],
        "sample": any(r.sample for r in recs),
    })
    return [
        SlotSet("shown_crebos", [p.crebo for p in programmes]),
        SlotSet("rec_offset", float(offset)),
        SlotSet("offer", "programmes"),
    ]


class ActionRecommend(Action):
    def name(self) -> Text:
        return "action_recommend"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        return send_recommendations(dispatcher, tracker, 0)


def more_recommendations(dispatcher, tracker) -> List[Dict[Text, Any]]:
    """The next page of recommendations ("andere opties")."""
    if not tracker.get_slot("shown_crebos"):
        return ask_for_interests(dispatcher)
    offset = int(tracker.get_slot("rec_offset") or 0) + PAGE
    return send_recommendations(dispatcher, tracker, offset)


def ask_for_interests(dispatcher) -> List[Dict[Text, Any]]:
    dispatcher.utter_message(response="utter_ask_for_interests")
    return []


def experiment_arm(db, tracker: Tracker) -> tuple[str, Optional[str]]:
    """The arm of the nudge for this conversation and its experiment (None: no experiment).

    Joins the experiment that runs at the student's school, if any, the first time the
    nudge is due; only conversations that reach this moment are compared.
    """
    school = school_code(tracker)
    assignment = None
    if school:
        try:
            assignment = allocation.assign(db, tracker.sender_id, school)
        except ExperimentError:
            # A broken experiment must never break the conversation: today's behaviour then.
            logger.exception("experiment assignment failed")
    return allocation.arm_for(db, tracker.sender_id), assignment.experiment if assignment else None


def nudge(dispatcher, tracker, programme, prospects) -> List[Dict[Text, Any]]:
    """Say plainly that prospects are weak and offer alternatives, unless declined before.

    In an experiment the offer depends on the arm: ``standard`` is the offer below,
    ``framed`` words it around what the alternatives share with the student's
    interests, ``no_offer`` only repeats the prospects (every arm does). "Andere opties"
    shows the alternatives in every arm.
    """
    if not prospects.weak or programme.crebo in (tracker.get_slot("nudge_declined") or []):
        return []
    alternatives = labour_outlook.alternatives(
        programme.crebo, interests=interest_texts(tracker) or None, situation=situation_of(tracker)
    )
    if not alternatives:
        return []
    db = app_db()
    arm, experiment = experiment_arm(db, tracker)
    payload = {
        "crebo": programme.crebo, "name": programme.name,
        "kans_op_werk": prospects.kans_op_werk,
        "alternatives": [a.programme.crebo for a in alternatives],
        "arm": arm, "experiment": experiment,
    }
    # "offer" stays "alternatives" in every arm, so "andere opties" shows them.
    events = [SlotSet("focus_crebo", programme.crebo), SlotSet("offer", "alternatives")]
    lang = texts.language(tracker)
    note = weak_prospects_variables(programme, prospects, lang)
    if arm == "no_offer":
        dispatcher.utter_message(response="utter_weak_prospects", **note)
        facts.record_fact(db, tracker.sender_id, "nudge_withheld", payload)
        return events
    buttons = [
        button(texts.fragment(lang, "button_show_alternatives"), "other_options", crebo=str(programme.crebo)),
        button(texts.fragment(lang, "button_keep_choice"), "deny", crebo=str(programme.crebo)),
    ]
    if arm == "framed":
        dispatcher.utter_message(response="utter_nudge_framed", names=framed_names(alternatives, lang),
                                 buttons=buttons, **note)
    else:
        dispatcher.utter_message(response="utter_nudge_offer", buttons=buttons, **note)
    facts.record_fact(db, tracker.sender_id, "nudge_shown", payload)
    return events


def programme_details(programme, prospects, lang: str = texts.DEFAULT) -> str:
    t = texts.fragment
    lines = [
        t(lang, "details_title", name=programme_texts.programme_name(lang, programme), niveau=programme.niveau, years=programme.duration_years,
          leerwegen=f" {t(lang, 'or')} ".join(programme.leerwegen)),
        programme_texts.programme_description(lang, programme),
        t(lang, "details_jobs", jobs=join_names(programme_texts.job_names(lang, list(programme.beroepen)[:3]), lang)),
        prospects_sentence(prospects, lang),
    ]
    if prospects.sample:
        lines.append(sample_note(lang))
    key = "code_confirmed" if programme.code_confirmed else "code_unconfirmed"
    lines.append(t(lang, key, crebo=programme.crebo))
    return "\n".join(lines)


def shown_by_ordinal(tracker: Tracker) -> List[labour_outlook.Programme]:
    """'de tweede', 'de laatste': a programme from the list shown last."""
    shown = list(tracker.get_slot("shown_crebos") or [])
    for word in latest_text(tracker).lower().split():
        index = ORDINALS.get(word.strip("?.!,"))
        if index is not None and shown and -len(shown) <= index < len(shown):
            return [labour_outlook.get_catalogue().get(shown[index])]
    return []


def programmes_asked_about(dispatcher, tracker: Tracker) -> Optional[List[labour_outlook.Programme]]:
    """The programme(s) the student asks about; None after telling them the code is unknown."""
    crebo_entities = [e for e in (tracker.latest_message or {}).get("entities") or []
                      if e.get("entity") == "crebo"]
    if crebo_entities:
        code = str(crebo_entities[0]["value"])
        try:
            programme = labour_outlook.get_catalogue().get(code)
            note = code_replaced_note(tracker, code)
            if note:
                dispatcher.utter_message(response="utter_code_replaced", note=note)
            return [programme]
        except labour_outlook.UnknownCrebo as error:
            dispatcher.utter_message(response="utter_unknown_crebo", crebo=error.crebo)
            return None
    programmes = shown_by_ordinal(tracker) or labour_outlook.resolve_programme(latest_text(tracker), limit=4)
    if not programmes:
        # "vertel meer", "is dat kansrijk?": the programme we were talking about.
        focus = tracker.get_slot("focus_crebo") or (tracker.get_slot("shown_crebos") or [None])[0]
        if focus:
            programmes = [labour_outlook.get_catalogue().get(focus)]
    return programmes


class ActionProspects(Action):
    """A programme in the student's own words ("heb je werk met kapper?", "vertel meer"):
    what the work is, niveau and length, and its prospects; then the nudge when they are weak."""

    def name(self) -> Text:
        return "action_prospects"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        programmes = programmes_asked_about(dispatcher, tracker)
        if programmes is None:
            return []
        lang = texts.language(tracker)
        if not programmes:
            dispatcher.utter_message(response="utter_which_programme")
            return []
        if len(programmes) > 1:
            dispatcher.utter_message(
                response="utter_which_one",
                buttons=[button(texts.fragment(lang, "programme_with_niveau", name=programme_texts.programme_name(lang, p),
                                                niveau=p.niveau),
                                "ask_prospects", crebo=str(p.crebo)) for p in programmes],
            )
            return []
        programme = programmes[0]
        prospects = prospects_of(programme.crebo, tracker)
        region = region_note(tracker, prospects)
        dispatcher.utter_message(response="utter_programme_details",
                                 details=programme_details(programme, prospects, lang) + (f"\n{region}" if region else ""))
        facts.record_fact(app_db(), tracker.sender_id, "prospects_asked", {
            "crebo": programme.crebo, "name": programme.name, "kans_op_werk": prospects.kans_op_werk})
        alternatives_seen = [
            crebo for fact in facts.facts_for(app_db(), tracker.sender_id, "alternatives_shown")
            for crebo in fact["payload"]["crebos"]
        ]
        if programme.crebo in alternatives_seen:
            facts.record_fact(app_db(), tracker.sender_id, "alternative_viewed",
                              {"crebo": programme.crebo, "name": programme.name})
        events = [SlotSet("focus_crebo", programme.crebo), SlotSet("offer", "programmes")]
        return events + nudge(dispatcher, tracker, programme, prospects)


class ActionCompare(Action):
    def name(self) -> Text:
        return "action_compare"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        crebos = [p.crebo for p in mentioned_programmes(tracker)]
        if len(crebos) < 2:
            crebos = (crebos + list(tracker.get_slot("shown_crebos") or []))
        crebos = list(dict.fromkeys(crebos))[:3]
        if len(crebos) < 2:
            dispatcher.utter_message(response="utter_compare_which")
            return []
        lang = texts.language(tracker)
        rows = labour_outlook.compare(crebos, place=place_of(tracker))
        catalogue = labour_outlook.get_catalogue()
        shown = [{**r, "name": programme_texts.programme_name(lang, catalogue.get(r["crebo"])),
                  "domain": programme_texts.field_name(lang, r["domain"]),
                  "beroepen": programme_texts.job_names(lang, r.get("beroepen") or [])} for r in rows]
        text = compare_table(shown, lang)
        if any(r.get("sample") for r in rows):
            text += f"\n{sample_note(lang)}"
        dispatcher.utter_message(response="utter_compare", table=text, buttons=[
            tell_more(lang, r["name"], r["crebo"]) for r in shown
        ] + [button(texts.fragment(lang, "button_seek_internship"), "seek_internship")])
        facts.record_fact(app_db(), tracker.sender_id, "programmes_compared",
                          {"crebos": crebos, "names": [r["name"] for r in rows]})
        return [SlotSet("offer", "programmes")]


def show_alternatives(dispatcher, tracker) -> List[Dict[Text, Any]]:
    """Kansrijke alternatieven for the programme of the nudge (or one named)."""
    programmes = mentioned_programmes(tracker)
    crebo = programmes[0].crebo if programmes else tracker.get_slot("focus_crebo")
    if not crebo:
        return ask_for_interests(dispatcher)
    alternatives = labour_outlook.alternatives(
        crebo, interests=interest_texts(tracker) or None, situation=situation_of(tracker))
    if not alternatives:
        dispatcher.utter_message(response="utter_alternatives_none")
        return [SlotSet("offer", "programmes")]
    lang = texts.language(tracker)
    lines = []
    for i, alt in enumerate(alternatives, start=1):
        lines.append(f"{i}. {library_texts.alternative_reason(lang, alt)}")
    if any(a.prospects.sample for a in alternatives):
        lines.append(sample_note(lang))
    dispatcher.utter_message(response="utter_alternatives", lines="\n".join(lines), buttons=[
        tell_more(lang, programme_texts.programme_name(lang, a.programme), a.programme.crebo) for a in alternatives
    ] + [button(texts.fragment(lang, "button_compare"), "compare_programmes")])
    facts.record_fact(app_db(), tracker.sender_id, "alternatives_shown",
                      {"for": crebo, "crebos": [a.programme.crebo for a in alternatives]})
    return [SlotSet("shown_crebos", [crebo] + [a.programme.crebo for a in alternatives]),
            SlotSet("offer", "programmes")]


class ActionKeepChoice(Action):
    """'Nee, ik wil dit echt': help with that choice and never nudge about it again."""

    def name(self) -> Text:
        return "action_keep_choice"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        crebo = next(tracker.get_latest_entity_values("crebo"), None)
        # In the no_offer arm no question was asked, so a plain "nee" answers nothing.
        if (crebo is None and tracker.get_slot("offer") == "alternatives"
                and allocation.arm_for(app_db(), tracker.sender_id) != "no_offer"):
            crebo = tracker.get_slot("focus_crebo")
        if not crebo:  # a plain "nee" without a nudge to answer
            dispatcher.utter_message(response="utter_keep_choice_nothing")
            return []
        try:
            programme = labour_outlook.get_catalogue().get(str(crebo))
        except labour_outlook.UnknownCrebo as error:
            dispatcher.utter_message(response="utter_unknown_crebo_short", crebo=error.crebo)
            return []
        lang = texts.language(tracker)
        dispatcher.utter_message(response="utter_keep_choice", programme=programme_texts.programme_name(lang, programme),
                                 description=programme_texts.programme_description(lang, programme), niveau=programme.niveau)
        prospects = prospects_of(programme.crebo, tracker)
        facts.record_fact(app_db(), tracker.sender_id, "final_interest",
                          {"crebo": programme.crebo, "name": programme.name, "after_nudge": True,
                           "kans_op_werk": prospects.kans_op_werk})
        declined = list(tracker.get_slot("nudge_declined") or []) + [programme.crebo]
        return [SlotSet("nudge_declined", declined), SlotSet("focus_crebo", programme.crebo),
                SlotSet("offer", "programmes")]


class ActionAddInterests(Action):
    """More interests after the intake: remember them; the form then recommends again."""

    def name(self) -> Text:
        return "action_add_interests"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain) -> List[Dict[Text, Any]]:
        text = " ".join(latest_text(tracker).split())[:500]
        if not text or text.startswith("/"):
            return []
        if not carries_interest(text):  # "vmbo kader", "ok": the form says so and asks again
            return [SlotSet("interests", None)]
        texts = (list(tracker.get_slot("interest_texts") or []) + [text])[-5:]
        facts.record_fact(app_db(), tracker.sender_id, "interests", {"text": text})
        return [SlotSet("interest_texts", texts), SlotSet("interests", text)]
