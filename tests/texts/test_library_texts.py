"""The libraries' messages to a student, in the student's language (issue 16): keyed errors and dates."""
import datetime as dt
import string

import pytest

from actions import library_texts, texts
from internships import UnknownLocation, resolve_location
from internships.dates import DateError, IncidentDate, parse_incident_date
from internships.messages import MESSAGES, dutch

OTHERS = [code for code in texts.codes() if code != texts.DEFAULT]


def names(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", OTHERS)
def test_every_library_message_is_translated_with_the_same_variables(code):
    translated = texts.library(code, "errors")
    assert sorted(set(MESSAGES) - set(translated)) == [], f"missing in texts/{code}.yml library.errors"
    assert sorted(set(translated) - set(MESSAGES)) == [], f"not in internships/messages.py: texts/{code}.yml"
    for key, template in MESSAGES.items():
        assert names(translated[key]) == names(template), key


def error_of(call, *args):
    with pytest.raises((UnknownLocation, DateError)) as caught:
        call(*args)
    return caught.value


def test_dutch_reads_as_the_library_wrote_it():
    error = error_of(resolve_location, "Utrehct")
    assert library_texts.said("nl", error) == str(error) == dutch("place_unknown_suggest", text="Utrehct", names=["Utrecht"])


def test_english_place_error_keeps_the_suggestion():
    error = error_of(resolve_location, "Utrehct")
    assert library_texts.said("en", error) == ("I don't know the place 'Utrehct'. Do you mean Utrecht? "
                                       "You can also give your postcode, for example 3525.")


def test_english_date_errors():
    future = error_of(parse_incident_date, "12 maart 2099")
    assert library_texts.said("en", future).startswith("12 March 2099 is in the future. When did it happen? Type for example")
    assert library_texts.said("en", error_of(parse_incident_date, "banaan")).startswith("I don't understand when it was.")


def test_date_labels_per_language():
    week = IncidentDate(dt.date(2026, 3, 2), "week")
    assert library_texts.date_label("en", week) == "week of 2 March 2026"
    assert library_texts.date_label("nl", week) == "week van 2 maart 2026"
    assert library_texts.date_label("en", IncidentDate(dt.date(2026, 3, 1), "month")) == "March 2026"


def test_an_internship_card_in_english(tmp_path):
    import internships
    from actions.internships_results import card
    from internships.validate import INCLUSIVE_SIGNALS

    db = internships.connect(tmp_path / "k.db")
    internships.seed_demo(db)
    found = internships.match(db, crebo="25180", place="Utrecht", radius_km=50, limit=50)
    with_words = [m for m in found if m.features or m.inclusive_signals]
    assert with_words
    english = texts.library("en", "internships")
    assert set(english["inclusive"]) == set(INCLUSIVE_SIGNALS)
    for m in with_words:
        lines = "\n".join(card(m, "en")["lines"])
        assert not any(f in lines for f in m.features if f.lower() in english["features"])
        assert not any(INCLUSIVE_SIGNALS[s] in lines for s in m.inclusive_signals)
        assert set(m.features) <= set(card(m, "nl")["lines"])  # Dutch: as the institution wrote them
