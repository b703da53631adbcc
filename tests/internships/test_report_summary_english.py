"""Issue 16: a student who switched to English reads the report summary and the status labels in English (texts/en.yml)."""
import datetime as dt
import re

import pytest

from actions import library_texts, texts
from internships import reports
from internships.dates import IncidentDate
from internships.reports.summary import PERIODS
from tests.internships.reports_fixtures import draft, follow_up

# Words that only the Dutch summary and status texts use.
DUTCH = re.compile(r"\b(Dit slaan we op|Wie ziet dit|Reden|Wanneer|Bedrijf|Wat er gebeurde|melding|meldingen|je|jij|"
                   r"niet|wissen|bewaren|toestemming|stagebureau|bedrijf nummer|maart|week van|jaar|"
                   r"Niemand|gesprek|afgesloten|nieuw|in behandeling|doorverwezen|e-mail|telefoon|"
                   r"geloof|ziekte|afkomst|mentor of stagebegeleider)\b", re.I)
# The Dutch proper name of SBB's hotline may stay, in brackets.
PROPER_NAMES = re.compile(r"\(Meldpunt Stagediscriminatie\)")


EN = library_texts.report_translation("en")  # texts/en.yml library.report


def dutch_words(text):
    return DUTCH.findall(PROPER_NAMES.sub("", text))


ANONYMOUS = dict(company_name="Kapsalon Zus", incident_date=IncidentDate(dt.date(2026, 3, 2), "week"), role="self")
CASES = [
    pytest.param(lambda: draft(**ANONYMOUS), id="anonymous"),
    pytest.param(lambda: draft(**ANONYMOUS, ground="religie_hoofddoek", ground_consent=True), id="anonymous-ground"),
    pytest.param(lambda: follow_up(institution_name="ROC Alfa", company_name="Kapsalon Zus", role="witness",
                                   ground="beperking", ground_consent=True), id="follow-up-email"),
    pytest.param(lambda: follow_up(institution_name="ROC Alfa", contact_route="telefoon",
                                   contact_details="0612345678"), id="follow-up-phone"),
    pytest.param(lambda: follow_up(institution_name="ROC Alfa", contact_route="mentor", contact_details=None,
                                   incident_date=IncidentDate(dt.date(2026, 3, 1), "month")), id="follow-up-mentor"),
    pytest.param(lambda: follow_up(institution_name="ROC Alfa", contact_route=None, contact_details=None,
                                   conversation_id=None), id="follow-up-no-contact"),
]


def test_dutch_stays_the_default():
    lines = reports.summary_lines(draft(**ANONYMOUS))
    assert lines[0] == "Dit slaan we op:" and "Wie ziet dit?" in lines
    assert reports.summary_lines(draft(**ANONYMOUS), translation=library_texts.report_translation("nl")) == lines


@pytest.mark.parametrize("make", CASES)
def test_english_summary_has_no_dutch_words(make):
    text = "\n".join(reports.summary_lines(make(), translation=EN))
    assert text.startswith("This is what we store:") and "Who sees this?" in text
    assert dutch_words(text) == []


@pytest.mark.parametrize("make", CASES)
def test_english_summary_carries_the_same_facts(make):
    d = make()
    nl = reports.summary_lines(d)
    en = reports.summary_lines(d, translation=EN)
    assert len(en) == len(nl)  # line by line the same facts
    for fact in ("Kapsalon Zus", "ROC Alfa", "student@example.nl", "0612345678", d.what_happened):
        assert (fact in "\n".join(nl)) == (fact in "\n".join(en)), fact
    # Dates, numbers (threshold, retention) and the place of the code line match.
    assert re.findall(r"\d+", "\n".join(nl)) == re.findall(r"\d+", "\n".join(en))
    assert nl[-1].startswith("Je krijgt een code") and en[-1].startswith("You get a code")


def test_english_summary_names_ground_route_and_period():
    en = "\n".join(reports.summary_lines(
        follow_up(institution_name="ROC Alfa", ground="beperking", ground_consent=True,
                  incident_date=IncidentDate(dt.date(2026, 3, 2), "week")), translation=EN))
    assert "- Reason: disability or illness (you agreed that we keep this)" in en
    assert "- Contact by email: student@example.nl" in en
    assert "- When: week of 2 March 2026" in en
    assert "The internship office of ROC Alfa sees your whole report" in en
    assert "1 year after the school has closed it" in en
    anonymous = "\n".join(reports.summary_lines(draft(), translation=EN))
    assert "- Reason: we do not store it." in anonymous and "We keep your report for 2 years." in anonymous


def test_english_summary_raises_what_submit_would_raise():
    with pytest.raises(reports.ConsentRequired):
        reports.summary_lines(draft(ground="huidskleur"), translation=EN)


@pytest.mark.parametrize("status", reports.STATUSES)
def test_status_labels_in_english(status):
    assert reports.status_name(status) == status and reports.status_text(status) == reports.STATUS_TEXT[status]
    name, text = reports.status_name(status, EN["statuses"]), reports.status_text(status, EN["status_texts"])
    assert dutch_words(f"{name}. {text}") == []
    assert text != reports.STATUS_TEXT[status]


def test_every_label_has_an_english_one():
    for key in reports.GROUNDS:
        assert reports.ground_label(key, EN["grounds"]) and not dutch_words(reports.ground_label(key, EN["grounds"]))
    for key in reports.CONTACT_ROUTES:
        assert reports.contact_label(key, EN["contact_routes"]) and not dutch_words(reports.contact_label(key, EN["contact_routes"]))


@pytest.mark.parametrize("code", [c for c in texts.codes() if c != texts.DEFAULT])
def test_every_language_translates_every_report_text(code):
    words = texts.library(code, "report")
    assert set(reports.PHRASES) <= set(words), f"missing in texts/{code}.yml library.report"
    assert set(words["periods"]) == set(PERIODS)
    assert set(words["grounds"]) == set(reports.GROUNDS)
    assert set(words["contact_routes"]) == set(reports.CONTACT_ROUTES)
    assert set(words["statuses"]) == set(words["status_texts"]) == set(reports.STATUSES)
