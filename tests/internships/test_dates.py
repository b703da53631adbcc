"""Dutch relative date parsing for 'when did it happen'."""

import datetime as dt

import pytest

from internships.dates import DateError, DateInFuture, IncidentDate, UnrecognisedDate, parse_incident_date

TODAY = dt.date(2026, 3, 12)  # a Thursday
D = dt.date


@pytest.mark.parametrize(
    "text, start, precision",
    [
        ("vandaag", D(2026, 3, 12), "day"),
        ("Vandaag.", D(2026, 3, 12), "day"),
        ("net", D(2026, 3, 12), "day"),
        ("het is net gebeurd", D(2026, 3, 12), "day"),
        ("gisteren", D(2026, 3, 11), "day"),
        ("eergisteren", D(2026, 3, 10), "day"),
        ("3 dagen geleden", D(2026, 3, 9), "day"),
        ("een paar dagen geleden", D(2026, 3, 9), "week"),
        ("vorige week", D(2026, 3, 2), "week"),
        ("ik denk afgelopen week", D(2026, 3, 2), "week"),
        ("vorige week dinsdag", D(2026, 3, 3), "day"),
        ("deze week", D(2026, 3, 9), "week"),
        ("2 weken geleden", D(2026, 2, 23), "week"),
        ("twee weken geleden", D(2026, 2, 23), "week"),
        ("vorige maand", D(2026, 2, 1), "month"),
        ("3 maanden geleden", D(2025, 12, 1), "month"),
        ("in maart", D(2026, 3, 1), "month"),
        ("in april", D(2025, 4, 1), "month"),  # most recent April not in the future
        ("ergens in januari ofzo", D(2026, 1, 1), "month"),
        ("mei", D(2025, 5, 1), "month"),
        ("maart 2025", D(2025, 3, 1), "month"),
        ("sept 2025", D(2025, 9, 1), "month"),
        ("12 maart", D(2026, 3, 12), "day"),
        ("13 maart", D(2025, 3, 13), "day"),
        ("op 1 februari", D(2026, 2, 1), "day"),
        ("12 maart 2025", D(2025, 3, 12), "day"),
        ("12-03-2026", D(2026, 3, 12), "day"),
        ("12/3/2026", D(2026, 3, 12), "day"),
        ("1-2-26", D(2026, 2, 1), "day"),
        ("12.03.2026", D(2026, 3, 12), "day"),
        ("2026-03-12", D(2026, 3, 12), "day"),
        ("2026-02", D(2026, 2, 1), "month"),
        ("maandag", D(2026, 3, 9), "day"),
        ("afgelopen donderdag", D(2026, 3, 5), "day"),
        ("yesterday", D(2026, 3, 11), "day"),
        ("last week", D(2026, 3, 2), "week"),
        ("in march", D(2026, 3, 1), "month"),
    ],
)
def test_parses(text, start, precision):
    assert parse_incident_date(text, TODAY) == IncidentDate(start, precision)


def test_iso_and_labels():
    assert IncidentDate(D(2026, 3, 1), "month").iso() == "2026-03"
    assert IncidentDate(D(2026, 3, 2), "week").iso() == "2026-03-02"
    assert IncidentDate(D(2026, 3, 12), "day").label_nl() == "12 maart 2026"
    assert IncidentDate(D(2026, 3, 2), "week").label_nl() == "week van 2 maart 2026"
    assert IncidentDate(D(2026, 3, 1), "month").label_nl() == "maart 2026"
    assert IncidentDate.from_iso("2026-03") == IncidentDate(D(2026, 3, 1), "month")


@pytest.mark.parametrize("text", ["", "   ", "ooit", "weet ik niet", "morgen", "volgend jaar"])
def test_unrecognised_has_dutch_hint(text):
    with pytest.raises(UnrecognisedDate) as info:
        parse_incident_date(text, TODAY)
    assert "vorige week" in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, DateError)


def test_impossible_date():
    with pytest.raises(UnrecognisedDate, match="bestaat niet"):
        parse_incident_date("31-02-2026", TODAY)


@pytest.mark.parametrize("text", ["13-03-2026", "maart 2027", "2027-01-01", "1 april 2026"])
def test_future_dates_are_refused(text):
    with pytest.raises(DateInFuture) as info:
        parse_incident_date(text, TODAY)
    assert "toekomst" in str(info.value)


def test_today_defaults_to_the_real_today():
    assert parse_incident_date("vandaag") == IncidentDate(dt.date.today(), "day")
