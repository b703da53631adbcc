"""Show internship search results as short cards, page through them and widen the search."""
from __future__ import annotations

import functools
from datetime import date
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import library_texts, programme_texts, texts
from actions.buttons import SPACED, button
from actions.common import app_db, is_widget
from bot import facts

PAGE = 5
MAX_RADIUS = 300
# Widenings that get a button (the fragment widen_<kind> is its title).
WIDEN_BUTTONS = ("radius", "neighbours", "leerweg", "unconfirmed")


def register_db():
    """The internship register: its tables are in the app database, on the same connection."""
    return app_db()


def programme_name(crebo: Optional[str], lang: str = texts.DEFAULT) -> str:
    """The programme's name as the student reads it ('Kok (cook)' in English); Dutch for what is stored."""
    from labour_outlook import UnknownCrebo, get_catalogue

    try:
        return programme_texts.programme_name(lang, get_catalogue().get(crebo))
    except UnknownCrebo:
        return texts.fragment(lang, "internships_unknown_programme", crebo=crebo)


def km(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def search_options(tracker: Tracker) -> Dict[str, Any]:
    """The options for internships.match from the slots (without limit and offset)."""
    location = str(tracker.get_slot("internship_location") or "")
    leerweg = tracker.get_slot("internship_leerweg")
    options: Dict[str, Any] = {
        "crebo": tracker.get_slot("internship_programme"),
        "radius_km": float(tracker.get_slot("internship_radius") or 25),
        "leerweg": leerweg if leerweg in ("bol", "bbl") else None,
        "prefer_inclusive": bool(tracker.get_slot("prefer_inclusive")),
    }
    options["postcode" if location.isdigit() else "place"] = location
    extra = tracker.get_slot("internship_extra") or {}
    for key in ("include_neighbours", "include_unconfirmed"):
        if extra.get(key):
            options[key] = True
    return options


def local_date(iso: str, lang: str) -> str:
    """'3 maart 2027' or '3 March 2027'."""
    d = date.fromisoformat(iso)
    month = texts.fragment(lang, "months").split()[d.month - 1]
    return texts.fragment(lang, "date", day=d.day, month=month, year=d.year)


def card(m: Any, lang: str = texts.DEFAULT) -> Dict[str, Any]:
    """One result as a widget card: title, company and place, a few short lines, a link."""
    d = m.to_dict()
    t = functools.partial(texts.fragment, lang)
    lines = [t("card_distance", km=km(d["distance_km"])), t("card_start", date=local_date(d["start_date"], lang)),
             d["leerweg"].upper()]
    if d["neighbour"]:
        lines.append(t("card_neighbour", programme=programme_name(d["crebo"], lang) if d["programme"] else d["crebo"]))
    if not d["recognised"]:
        lines.append(t("card_unconfirmed"))
    # Features are the institution's own words: a known one is said in the student's language.
    words = texts.library(lang, "internships")
    features, signals = words.get("features") or {}, words.get("inclusive") or {}
    lines += [features.get(f.lower(), f) for f in d["features"]]
    if d["inclusive_labels"]:
        labels = [signals.get(s, label) for s, label in zip(m.inclusive_signals, d["inclusive_labels"])]
        lines.append(t("card_inclusive", labels=", ".join(labels)))
    if d["apply_url"]:
        lines.append(t("card_apply_url", url=d["apply_url"]))
    elif d["contact_email"]:
        lines.append(t("card_apply_email", email=d["contact_email"]))
    else:
        lines.append(t("card_apply_school", institution=d["institution"]))
    return {
        "title": d["title"],
        "subtitle": f"{d['company']}, {d['place']}",
        "lines": lines,
        "link": d["apply_url"] if d["apply_url"] else None,
    }


def card_text(number: int, c: Dict[str, Any]) -> str:
    return f"{number}. {c['title']} – {c['subtitle']}\n   " + "\n   ".join(c["lines"])


def show_results(
    dispatcher: CollectingDispatcher, tracker: Tracker, *, offset: int = 0,
    options: Optional[Dict[str, Any]] = None, record: bool = True,
) -> List[Dict[Text, Any]]:
    """Search, say what was found (or how to widen), and keep the search state in slots."""
    import internships

    options = options or search_options(tracker)
    lang = texts.language(tracker)
    db = register_db()
    name = programme_name(options["crebo"], lang)
    where = {"programme": name, "radius": km(options["radius_km"]),
             "place": options.get("place") or options.get("postcode")}
    try:
        total = internships.count_matches(db, **options)
        found = internships.match(db, **options, limit=PAGE, offset=offset)
    except internships.InternshipsError as e:
        dispatcher.utter_message(response="utter_internships_error", error=library_texts.said(lang, e))
        return [SlotSet("internship_offset", float(offset))]
    if record:
        facts.record_fact(app_db(), tracker.sender_id, "internship_search", {
            "crebo": options["crebo"], "programme": programme_name(options["crebo"]), "leerweg": options.get("leerweg"),
            "place": options.get("place") or options.get("postcode"), "radius_km": options["radius_km"],
            "found": total,
        })
    if total == 0:
        nothing_found(dispatcher, db, options, where, lang)
    elif not found:
        dispatcher.utter_message(response="utter_internships_seen_all", total=total,
                                 buttons=next_buttons(options, lang, more=False), **where)
    else:
        first, last = offset + 1, offset + len(found)
        page = texts.fragment(lang, "internships_page", first=first, last=last) if total > len(found) else ""
        demo = texts.fragment(lang, "internships_demo") if any(m.demo for m in found) else ""
        if total == 1:
            dispatcher.utter_message(response="utter_internships_found_one", demo=demo, **where)
        else:
            dispatcher.utter_message(response="utter_internships_found", total=total, page=page, demo=demo, **where)
        cards = [card(m, lang) for m in found]
        if is_widget(tracker):  # the widget shows cards; REST clients get the same as text
            dispatcher.utter_message(json_message={"cards": cards})
        else:
            dispatcher.utter_message(response="utter_internships_list",
                                     lines="\n".join(card_text(first + i, c) for i, c in enumerate(cards)))
        dispatcher.utter_message(response="utter_internships_next",
                                 buttons=next_buttons(options, lang, more=last < total))
    return [
        SlotSet("internship_offset", float(offset)),
        SlotSet("internship_radius", km(options["radius_km"]).replace(",", ".")),
        SlotSet("offer", "internships"),
    ]


def next_buttons(options: Dict[str, Any], lang: str = texts.DEFAULT, *, more: bool) -> List[Dict[str, str]]:
    buttons = []
    if more:
        buttons.append(button(texts.fragment(lang, "internships_more"), "other_options"))
    if options["radius_km"] < MAX_RADIUS:
        buttons.append(button(texts.fragment(lang, "internships_further"), "internship_widen"))
    buttons.append(button(texts.fragment(lang, "internships_other_programme"), "internship_other_programme"))
    return buttons


def widening_text(w: Any, lang: str) -> str:
    """What a widening would find, in the student's language (internships gives Dutch only)."""
    return texts.fragment(lang, f"widening_{w.kind}", count=w.count, radius_km=w.options.get("radius_km"),
                          leerweg=w.options.get("leerweg"))


def nothing_found(dispatcher: CollectingDispatcher, db: Any, options: Dict[str, Any],
                  where: Dict[str, Any], lang: str) -> None:
    import internships

    lines, buttons = [], []
    for w in internships.suggest_widening(db, **options):
        lines.append(widening_text(w, lang))
        if w.kind in WIDEN_BUTTONS:
            title = texts.fragment(lang, f"widen_{w.kind}", radius_km=w.options.get("radius_km"),
                                   leerweg=w.options.get("leerweg"))
            buttons.append(button(title, "internship_widen", separators=SPACED, widening=w.kind))
    buttons.append(button(texts.fragment(lang, "internships_other_programme"), "internship_other_programme"))
    dispatcher.utter_message(response="utter_internships_none", buttons=buttons,
                             suggestions="".join("\n" + line for line in lines), **where)


class ActionInternshipSearch(Action):
    def name(self) -> Text:
        return "action_internship_search"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        return show_results(dispatcher, tracker, offset=0)


def more_results(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """The next five internships ("Meer")."""
    if not ready(dispatcher, tracker):
        return []
    offset = int(tracker.get_slot("internship_offset") or 0) + PAGE
    return show_results(dispatcher, tracker, offset=offset, record=False)


def search_further(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[Text, Any]]:
    """Twice the distance, up to MAX_RADIUS ("Verder weg zoeken")."""
    options = search_options(tracker)
    options["radius_km"] = min(options["radius_km"] * 2, MAX_RADIUS)
    return show_results(dispatcher, tracker, options=options)


class ActionInternshipWiden(Action):
    """A widening the search suggested (by its kind), or without a kind: search further away."""

    def name(self) -> Text:
        return "action_internship_widen"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        import internships

        if not ready(dispatcher, tracker):
            return []
        kind = next(tracker.get_latest_entity_values("widening"), None)
        if kind is None:
            return search_further(dispatcher, tracker)
        options = search_options(tracker)
        chosen = [w for w in internships.suggest_widening(register_db(), **options) if w.kind == kind]
        if not chosen or not chosen[0].options:
            dispatcher.utter_message(response="utter_internships_ask_school",
                                     buttons=next_buttons(options, texts.language(tracker), more=False))
            return []
        options.update(chosen[0].options)
        events = show_results(dispatcher, tracker, options=options)
        extra = {k: v for k, v in options.items() if k in ("include_neighbours", "include_unconfirmed")}
        events += [SlotSet("internship_extra", extra or None),
                   SlotSet("internship_leerweg", options["leerweg"] or "-")]
        return events


def ready(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """True when there is a search to continue; otherwise offer to start one."""
    if tracker.get_slot("internship_programme") and tracker.get_slot("internship_location"):
        return True
    dispatcher.utter_message(response="utter_internships_not_yet")
    return False
