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


def test_follow_up_and_anonymous_reports_both_count(register_db):
    submit_many(register_db, 2, leerbedrijf_id=2)
    reports.submit_report(register_db, follow_up(leerbedrijf_id=2))
    assert reports.company_counts(register_db)[0]["count"] == 3


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
