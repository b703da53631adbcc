"""Issue 16: in English the report's confirmation summary and a status look-up carry no Dutch."""
from actions.reporting_ask import ASK_ACTIONS
from actions.reporting_codes import ActionReportStatus
from internships import reports
from tests.actions.test_reporting_submit import ANONYMOUS, with_code
from tests.internships.reports_fixtures import add_register
from tests.internships.test_report_summary_english import dutch_words
from tests.texts.rendering import render


def test_confirmation_summary_is_english(fresh_db, dispatcher, tracker):
    add_register(fresh_db)
    ASK_ACTIONS["report_confirm"]().run(dispatcher, tracker(slots={**ANONYMOUS, "language": "en"}), {})
    text = render(dispatcher.messages[-1], "en")["text"]
    assert text.startswith("This is what we store:") and "Who sees this?" in text
    assert "hoofddoek" in text  # what happened, as the student typed it
    assert "Kapsalon Zus" in text and "week of 2 March 2026" in text
    assert dutch_words(text.replace(ANONYMOUS["report_what"], "")) == []


def test_confirmation_summary_stays_dutch_by_default(fresh_db, dispatcher, tracker):
    add_register(fresh_db)
    ASK_ACTIONS["report_confirm"]().run(dispatcher, tracker(slots=ANONYMOUS), {})
    assert dispatcher.messages[-1]["text"].startswith("Dit slaan we op:")


def test_status_look_up_is_english(fresh_db, dispatcher):
    code = reports.submit_report(fresh_db, reports.ReportDraft(what_happened="test"))
    t = with_code(f"status {code}", code, slots={"language": "en"})
    ActionReportStatus().run(dispatcher, t, {})
    text = render(dispatcher.messages[-1], "en")["text"]
    assert text.startswith(f"Report {code}: new. Your report has arrived.")
    assert ": new." in text.split("So far:")[1]
    assert dutch_words(text) == []
