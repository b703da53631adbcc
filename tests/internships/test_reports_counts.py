"""Per-company counts for institutions: hidden below the threshold so no single report can be traced."""

import pytest

from internships import reports
from tests.internships.reports_fixtures import draft, follow_up


def submit_many(db, n, **kwargs):
    for _ in range(n):
        reports.submit_report(db, draft(**kwargs))


@pytest.fixture(autouse=True)
def no_env(monkeypatch):
    monkeypatch.delenv("KANSRIJK_REPORT_THRESHOLD", raising=False)


def test_companies_below_threshold_are_hidden(register_db):
    submit_many(register_db, 3, leerbedrijf_id=1)
    submit_many(register_db, 2, leerbedrijf_id=3)
    submit_many(register_db, 1, company_name="Snackbar De Hoek")
    counts = reports.company_counts(register_db)
    assert counts == [{"leerbedrijf_id": 1, "company": "Bakkerij Jansen B.V.", "count": 3}]


def test_free_text_names_count_together_when_they_normalise_the_same(fresh_db):
    for name in ("Snackbar De Hoek", "snackbar de hoek B.V.", "  Snackbar  De Hoek! "):
        reports.submit_report(fresh_db, draft(company_name=name))
    counts = reports.company_counts(fresh_db)
    assert len(counts) == 1 and counts[0]["count"] == 3 and counts[0]["leerbedrijf_id"] is None


def test_follow_up_reports_are_not_counted_so_staff_cannot_subtract_them(register_db):
    """Staff read ROCA's follow-up reports one by one. Had they counted, 3 shown minus the
    1 that staff already know would reveal the 2 anonymous reports below the threshold."""
    submit_many(register_db, 2, leerbedrijf_id=2, institution_code="ROCA")
    reports.submit_report(register_db, follow_up(leerbedrijf_id=2))
    assert reports.company_counts(register_db, institution="ROCA") == []
    assert reports.company_counts(register_db) == []
    reports.submit_report(register_db, draft(leerbedrijf_id=2, institution_code="ROCA"))
    assert reports.company_counts(register_db, institution="ROCA")[0]["count"] == 3


def test_one_conversation_counts_once_per_company_so_it_cannot_pad_a_count(register_db):
    """Three reports about one company from one conversation are one reporter: with a
    genuine report next to them the count stays below the threshold of 3."""
    for _ in range(3):
        reports.submit_report(register_db, draft(leerbedrijf_id=2, conversation_id="forger"))
    reports.submit_report(register_db, draft(leerbedrijf_id=2, conversation_id="student"))
    assert reports.company_counts(register_db) == []
    assert reports.company_counts(register_db, threshold=2)[0]["count"] == 2
    # The same conversation about another company is another reporter there.
    for _ in range(3):
        reports.submit_report(register_db, draft(company_name="Snackbar De Hoek", conversation_id=f"c{_}"))
    assert [c["company"] for c in reports.company_counts(register_db)] == ["Snackbar De Hoek"]


def test_the_reporter_key_does_not_show_the_conversation(register_db, monkeypatch):
    monkeypatch.setenv("KANSRIJK_REPORT_KEY", "key-one")
    reports.submit_report(register_db, draft(leerbedrijf_id=2, conversation_id="conv-secret"))
    monkeypatch.setenv("KANSRIJK_REPORT_KEY", "key-two")
    reports.submit_report(register_db, draft(leerbedrijf_id=2, conversation_id="conv-secret"))
    rows = register_db.conn.execute("SELECT conversation_id, reporter_key FROM reports").fetchall()
    assert [r[0] for r in rows] == [None, None]
    assert "conv-secret" not in repr(rows)
    # Without the key nobody can recompute it: another key gives another value.
    assert rows[0][1] and rows[1][1] and rows[0][1] != rows[1][1]


def test_all_institutions_hide_a_company_when_all_minus_own_is_below_the_threshold(register_db):
    submit_many(register_db, 3, leerbedrijf_id=1, institution_code="ROCA")
    reports.submit_report(register_db, draft(leerbedrijf_id=1, institution_code="ROCB"))
    assert reports.company_counts(register_db, institution="ROCA")[0]["count"] == 3
    # ROCA would learn that ROCB has exactly 1 report (4 - 3): not shown to ROCA.
    assert reports.company_counts(register_db, viewer="ROCA") == []
    # ROCB's own 1 stays hidden from it; the other 3 reach the threshold: shown.
    assert reports.company_counts(register_db, viewer="ROCB")[0]["count"] == 4
    # Without a viewer (the CLI on the server): every count from the threshold up.
    assert reports.company_counts(register_db)[0]["count"] == 4


def test_threshold_from_argument_and_env(register_db, monkeypatch):
    submit_many(register_db, 2, leerbedrijf_id=3)
    assert reports.company_counts(register_db) == []
    assert reports.company_counts(register_db, threshold=2)[0]["count"] == 2
    monkeypatch.setenv("KANSRIJK_REPORT_THRESHOLD", "2")
    assert reports.company_counts(register_db)[0]["company"] == "Garage Van Dijk"
    monkeypatch.setenv("KANSRIJK_REPORT_THRESHOLD", "5")
    submit_many(register_db, 2, leerbedrijf_id=3)
    assert reports.company_counts(register_db) == []


@pytest.mark.parametrize("bad", ["0", "-1", "drie", ""])
def test_bad_threshold_is_a_named_error(register_db, monkeypatch, bad):
    monkeypatch.setenv("KANSRIJK_REPORT_THRESHOLD", bad)
    with pytest.raises(reports.InvalidSetting) as info:
        reports.company_counts(register_db)
    assert "KANSRIJK_REPORT_THRESHOLD" in str(info.value)


def test_counts_per_institution(register_db):
    submit_many(register_db, 3, leerbedrijf_id=1, institution_code="ROCA")
    submit_many(register_db, 2, leerbedrijf_id=1, institution_code="ROCB")
    assert reports.company_counts(register_db, institution="ROCA")[0]["count"] == 3
    assert reports.company_counts(register_db, institution="ROCB") == []
    assert reports.company_counts(register_db)[0]["count"] == 5


def test_reports_without_company_are_not_counted(fresh_db):
    submit_many(fresh_db, 4)
    assert reports.company_counts(fresh_db) == []


def test_counts_sorted_most_first(register_db):
    submit_many(register_db, 3, leerbedrijf_id=1)
    submit_many(register_db, 4, leerbedrijf_id=2)
    assert [c["leerbedrijf_id"] for c in reports.company_counts(register_db)] == [2, 1]
