"""Reports: privacy rules, consent, codes, status, withdrawal and the summary shown before saving."""

import datetime as dt
import re
import sqlite3

import pytest

import appdb
import internships.errors
from internships import reports
from internships.dates import IncidentDate
from internships.reports import store
from tests.internships.reports_fixtures import TODAY, draft, follow_up


def count_reports(db):
    reports.ensure_schema(db)
    return db.conn.execute("SELECT count(*) FROM reports").fetchone()[0]


def stored(db, code):
    cursor = db.conn.execute("SELECT * FROM reports WHERE code = ?", [code])
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row))


# --- consent and privacy ----------------------------------------------------------------------


def test_anonymous_is_the_default_and_stores_no_conversation_id(fresh_db):
    code = reports.submit_report(fresh_db, draft(conversation_id="conv-123"))
    row = stored(fresh_db, code)
    assert row["route"] == "anonymous"
    assert row["conversation_id"] is None
    assert row["contact_route"] is None and row["contact_details"] is None
    assert "conv-123" not in repr(fresh_db.conn.execute("SELECT * FROM reports").fetchall())
    assert "conv-123" not in repr(fresh_db.conn.execute("SELECT * FROM report_status_history").fetchall())


def test_follow_up_stores_conversation_id_and_contact(register_db):
    code = reports.submit_report(register_db, follow_up())
    row = stored(register_db, code)
    assert row["route"] == "follow_up"
    assert row["conversation_id"] == "conv-123"
    assert (row["contact_route"], row["contact_details"]) == ("email", "student@example.nl")


def test_follow_up_without_contact_details_stores_none(register_db):
    code = reports.submit_report(register_db, follow_up(contact_route=None, contact_details=None))
    row = stored(register_db, code)
    assert row["contact_route"] is None and row["contact_details"] is None


def test_contact_route_without_details_needs_nothing_stored_for_mentor(register_db):
    code = reports.submit_report(register_db, follow_up(contact_route="mentor", contact_details="ignored"))
    assert stored(register_db, code)["contact_details"] is None


def test_contact_details_on_anonymous_route_are_refused(fresh_db):
    with pytest.raises(reports.ContactRequiresFollowUp) as info:
        reports.submit_report(fresh_db, draft(contact_route="email", contact_details="a@b.nl"))
    assert "hulp vragen" in str(info.value)
    assert isinstance(info.value, ValueError)
    assert count_reports(fresh_db) == 0


def test_ground_without_consent_raises_consent_required(fresh_db):
    for consent in (False, None, "ja", 1):
        with pytest.raises(reports.ConsentRequired) as info:
            reports.submit_report(fresh_db, draft(ground="religie_hoofddoek", ground_consent=consent))
        assert isinstance(info.value, ValueError)
        assert "toestemming" in str(info.value) or "'ja'" in str(info.value)
    assert count_reports(fresh_db) == 0


def test_ground_with_consent_is_stored_with_consent_day(fresh_db):
    code = reports.submit_report(fresh_db, draft(ground="religie_hoofddoek", ground_consent=True), now=TODAY)
    row = stored(fresh_db, code)
    assert row["ground"] == "religie_hoofddoek"
    assert row["ground_consent_on"] == "2026-03-12"


def test_consent_without_ground_stores_no_ground(fresh_db):
    code = reports.submit_report(fresh_db, draft(ground=None, ground_consent=True))
    row = stored(fresh_db, code)
    assert row["ground"] is None and row["ground_consent_on"] is None


@pytest.mark.parametrize("ground", reports.GROUNDS)
def test_every_ground_can_be_stored_with_consent(fresh_db, ground):
    code = reports.submit_report(fresh_db, draft(ground=ground, ground_consent=True))
    assert stored(fresh_db, code)["ground"] == ground


def test_unknown_values_are_invalid(fresh_db):
    with pytest.raises(reports.InvalidReport):
        reports.submit_report(fresh_db, draft(ground="nationaliteit", ground_consent=True))
    with pytest.raises(reports.InvalidReport):
        reports.submit_report(fresh_db, draft(route="public"))
    with pytest.raises(reports.InvalidReport):
        reports.submit_report(fresh_db, draft(role="mother"))
    with pytest.raises(reports.InvalidReport):
        reports.submit_report(fresh_db, follow_up(contact_details="geen-mail"))
    with pytest.raises(reports.InvalidReport):
        reports.submit_report(fresh_db, follow_up(contact_route="telefoon", contact_details="0612"))


def test_database_constraints_repeat_the_privacy_rules(fresh_db):
    """Even a writer that skips this module cannot link an anonymous report or store a ground without consent."""
    reports.ensure_schema(fresh_db)
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.conn.execute(
            "INSERT INTO reports (code, route, conversation_id, created_on, status_changed_on)"
            " VALUES ('AAAAAAAA', 'anonymous', 'conv', '2026-01-01', '2026-01-01')"
        )
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db.conn.execute(
            "INSERT INTO reports (code, route, ground, created_on, status_changed_on)"
            " VALUES ('BBBBBBBB', 'anonymous', 'huidskleur', '2026-01-01', '2026-01-01')"
        )


def test_follow_up_needs_a_known_institution(register_db):
    with pytest.raises(reports.InstitutionRequired):
        reports.submit_report(register_db, follow_up(institution_code=None))
    with pytest.raises(reports.UnknownInstitution) as info:
        reports.submit_report(register_db, follow_up(institution_code="NOPE"))
    assert "kennen we niet" in str(info.value)  # the student's message, not the register's


def test_unknown_institution_is_the_registers_error_and_an_invalid_report():
    assert reports.UnknownInstitution is internships.errors.UnknownInstitution
    assert issubclass(reports.UnknownInstitution, reports.InvalidReport)
    assert issubclass(reports.UnknownInstitution, internships.errors.InternshipsError)


def test_anonymous_may_have_no_institution(fresh_db):
    code = reports.submit_report(fresh_db, draft(institution_code=None))
    assert stored(fresh_db, code)["institution_code"] is None


def test_report_day_is_stored_without_time_of_day(fresh_db):
    code = reports.submit_report(fresh_db, draft(), now=dt.datetime(2026, 3, 12, 14, 33, 7))
    row = stored(fresh_db, code)
    assert row["created_on"] == "2026-03-12"
    history = fresh_db.conn.execute("SELECT changed_at, changed_by FROM report_status_history").fetchall()
    assert history == [("2026-03-12", "student")]


# --- what is stored ---------------------------------------------------------------------------


def test_stores_fields_as_given(register_db):
    code = reports.submit_report(
        register_db,
        draft(
            what_happened="  Ze wilden me niet vanwege mijn hoofddoek.  ",
            incident_date=IncidentDate(dt.date(2026, 2, 1), "month"),
            company_name="Bakkerij Jansen",
            leerbedrijf_id=1,
            role="witness",
            institution_code="ROCB",
        ),
    )
    row = stored(register_db, code)
    assert row["what_happened"] == "Ze wilden me niet vanwege mijn hoofddoek."
    assert (row["incident_date"], row["incident_date_precision"]) == ("2026-02", "month")
    # A matched company is stored by id only.
    assert (row["leerbedrijf_id"], row["company_name"]) == (1, None)
    assert row["role"] == "witness"
    assert row["institution_code"] == "ROCB"
    assert row["status"] == "nieuw"


def test_unmatched_company_is_stored_as_free_text(fresh_db):
    code = reports.submit_report(fresh_db, draft(company_name="Snackbar De Hoek", incident_date="2026-03-01"))
    row = stored(fresh_db, code)
    assert (row["leerbedrijf_id"], row["company_name"]) == (None, "Snackbar De Hoek")
    assert (row["incident_date"], row["incident_date_precision"]) == ("2026-03-01", "day")


def test_unknown_leerbedrijf_id_is_refused(register_db):
    with pytest.raises(reports.UnknownCompany):
        reports.submit_report(register_db, draft(leerbedrijf_id=999))


# --- codes ------------------------------------------------------------------------------------


def test_codes_are_ten_unambiguous_characters(fresh_db):
    codes = {reports.submit_report(fresh_db, draft()) for _ in range(40)}
    assert len(codes) == 40
    for code in codes:
        assert re.fullmatch(r"[A-HJ-NP-Z2-9]{10}", code), code
    assert not set("0O1I") & set(reports.CODE_ALPHABET)


def test_a_report_made_with_an_eight_character_code_keeps_working(fresh_db, monkeypatch):
    """Reports from before the codes got longer keep their code: status and withdrawal still find them."""
    monkeypatch.setattr(store, "_new_code", lambda: "K7PQ2XHM")
    code = reports.submit_report(fresh_db, draft())
    assert code == "K7PQ2XHM"
    assert reports.get_status(fresh_db, "k7pq-2xhm").status == "nieuw"
    assert reports.lookup_status(fresh_db, "K7PQ 2XHM", "conv-old").code == "K7PQ2XHM"
    reports.withdraw_by_ticket(fresh_db, reports.withdrawal_ticket(fresh_db, code, "conv-old"))
    assert count_reports(fresh_db) == 0


def test_code_collision_is_retried(fresh_db, monkeypatch):
    sequence = iter(["AAAAAAAA", "AAAAAAAA", "BBBBBBBB"])
    monkeypatch.setattr(store, "_new_code", lambda: next(sequence))
    assert reports.submit_report(fresh_db, draft()) == "AAAAAAAA"
    assert reports.submit_report(fresh_db, draft()) == "BBBBBBBB"
    assert fresh_db.conn.execute("SELECT count(*) FROM report_status_history").fetchone()[0] == 2


def test_failure_between_report_and_history_stores_nothing(fresh_db, monkeypatch):
    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store, "_insert_history", broken)
    with pytest.raises(reports.ReportNotSaved) as info:
        reports.submit_report(fresh_db, draft())
    assert "Probeer het" in str(info.value)
    assert count_reports(fresh_db) == 0
    assert not fresh_db.conn.in_transaction


def test_open_transaction_is_refused(fresh_db):
    reports.ensure_schema(fresh_db)
    fresh_db.conn.execute("BEGIN")
    with pytest.raises(reports.TransactionOpen) as info:
        reports.submit_report(fresh_db, draft())
    fresh_db.conn.execute("ROLLBACK")
    # The reports' TransactionOpen is also appdb's: either `except` catches it.
    assert isinstance(info.value, appdb.TransactionOpen)
    assert "sluit die eerst af" in str(info.value)
    assert count_reports(fresh_db) == 0


def test_writes_use_synchronous_full(fresh_db):
    reports.submit_report(fresh_db, draft())
    assert fresh_db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_inside_a_callers_transaction_the_report_goes_with_it(fresh_db):
    with pytest.raises(RuntimeError):
        with appdb.transaction(fresh_db):
            reports.submit_report(fresh_db, draft())
            raise RuntimeError("the caller changes its mind")
    assert count_reports(fresh_db) == 0
    with appdb.transaction(fresh_db):
        code = reports.submit_report(fresh_db, draft())
    assert reports.get_status(fresh_db, code).status == "nieuw"


def test_ensure_schema_is_idempotent(fresh_db):
    reports.ensure_schema(fresh_db)
    reports.ensure_schema(fresh_db)
    assert {"reports", "report_status_history"} <= set(fresh_db.table_names())


# --- status, withdraw, delete -----------------------------------------------------------------


def test_get_status_has_history_and_no_sensitive_fields(register_db):
    code = reports.submit_report(register_db, follow_up(ground="huidskleur", ground_consent=True), now=TODAY)
    reports.set_status(register_db, code, "in behandeling", by="stagebureau ROCA", note="Gebeld met student",
                       now=dt.datetime(2026, 3, 13, 9, 0, tzinfo=dt.timezone.utc))
    status = reports.get_status(register_db, code.lower())
    assert status.status == "in behandeling"
    assert status.text == reports.STATUS_TEXT["in behandeling"]
    assert [(h.status, h.on) for h in status.history] == [("nieuw", "2026-03-12"), ("in behandeling", "2026-03-13")]
    text = repr(status.to_dict())
    for secret in ("student@example.nl", "conv-123", "huidskleur", "Gebeld", "stagebureau", "klasgenoot"):
        assert secret not in text


def test_set_status_adds_history_each_time(register_db):
    code = reports.submit_report(register_db, follow_up())
    for status in ("in behandeling", "doorverwezen", "afgesloten"):
        reports.set_status(register_db, code, status, by="ROCA")
    rows = register_db.conn.execute("SELECT status, changed_by FROM report_status_history ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["nieuw", "in behandeling", "doorverwezen", "afgesloten"]
    assert stored(register_db, code)["status"] == "afgesloten"


def test_set_status_rejects_unknown_status_and_code(register_db):
    code = reports.submit_report(register_db, follow_up())
    with pytest.raises(reports.InvalidStatus):
        reports.set_status(register_db, code, "opgelost", by="ROCA")
    with pytest.raises(reports.UnknownReportCode):
        reports.set_status(register_db, "ZZZZZZZZ", "afgesloten", by="ROCA")


def test_set_status_by_id_is_scoped_to_institution(register_db):
    own = reports.submit_report(register_db, follow_up())
    anonymous = reports.submit_report(register_db, draft(institution_code="ROCA"))
    own_id = stored(register_db, own)["id"]
    anon_id = stored(register_db, anonymous)["id"]
    reports.set_status_by_id(register_db, own_id, "in behandeling", by="ROCA", institution="ROCA")
    with pytest.raises(reports.UnknownReportCode):
        reports.set_status_by_id(register_db, own_id, "afgesloten", by="ROCB", institution="ROCB")
    with pytest.raises(reports.UnknownReportCode):
        reports.set_status_by_id(register_db, anon_id, "afgesloten", by="ROCA", institution="ROCA")


def test_withdraw_deletes_report_and_history(register_db):
    keep = reports.submit_report(register_db, draft())
    code = reports.submit_report(register_db, follow_up())
    reports.set_status(register_db, code, "in behandeling", by="ROCA")
    reports.withdraw(register_db, f" {code[:4]}-{code[4:].lower()} ")
    assert register_db.conn.execute("SELECT code FROM reports").fetchall() == [(keep,)]
    assert register_db.conn.execute("SELECT count(*) FROM report_status_history").fetchone()[0] == 1
    with pytest.raises(reports.UnknownReportCode) as info:
        reports.get_status(register_db, code)
    assert "code" in str(info.value) and isinstance(info.value, LookupError)


def test_withdraw_unknown_code(fresh_db):
    with pytest.raises(reports.UnknownReportCode):
        reports.withdraw(fresh_db, "ABCDEFGH")


def test_delete_for_conversation_deletes_only_its_follow_up_reports(register_db):
    mine = [reports.submit_report(register_db, follow_up(conversation_id="conv-1")) for _ in range(2)]
    other = reports.submit_report(register_db, follow_up(conversation_id="conv-2"))
    anonymous = reports.submit_report(register_db, draft(conversation_id="conv-1"))
    assert reports.delete_for_conversation(register_db, "conv-1") == 2
    left = {r[0] for r in register_db.conn.execute("SELECT code FROM reports")}
    assert left == {other, anonymous}
    assert not set(mine) & left
    assert register_db.conn.execute(
        "SELECT count(*) FROM report_status_history WHERE report_id NOT IN (SELECT id FROM reports)"
    ).fetchone()[0] == 0
    assert reports.delete_for_conversation(register_db, "conv-1") == 0
    assert reports.delete_for_conversation(register_db, "") == 0


def test_follow_up_reports_are_per_institution_and_never_show_the_code(register_db):
    a = reports.submit_report(register_db, follow_up(leerbedrijf_id=3, company_name="Garage Van Dijk",
                                                     ground="naam_afkomst", ground_consent=True))
    reports.submit_report(register_db, follow_up(institution_code="ROCB"))
    reports.submit_report(register_db, draft(institution_code="ROCA"))
    rows = reports.follow_up_reports(register_db, "ROCA")
    assert len(rows) == 1
    row = rows[0]
    assert row["what_happened"].startswith("Ze zeiden")
    assert row["contact_details"] == "student@example.nl"
    assert row["conversation_id"] == "conv-123"
    assert row["company_name"] == "Garage Van Dijk"
    assert row["ground"] == "naam_afkomst" and row["ground_label"] == "naam of afkomst"
    assert row["history"][0]["status"] == "nieuw"
    assert a not in repr(rows)
    assert reports.follow_up_reports(register_db, "ROCA", status="afgesloten") == []


# --- summary ----------------------------------------------------------------------------------


def test_summary_for_anonymous_report_says_nobody_contacts_and_no_link(monkeypatch):
    monkeypatch.delenv("KANSRIJK_REPORT_THRESHOLD", raising=False)
    lines = reports.summary_lines(draft(conversation_id="conv-1", company_name="Bakkerij Jansen",
                                        incident_date=IncidentDate(dt.date(2026, 3, 1), "month"), role="self"))
    text = "\n".join(lines)
    assert "Niemand neemt contact met je op." in text
    assert "niet aan dit gesprek" in text
    assert "pas vanaf 3 meldingen" in text
    assert "maart 2026" in text and "Bakkerij Jansen" in text
    assert "Reden: die slaan we niet op." in text
    assert "2 jaar" in text
    assert "conv-1" not in text


def test_summary_for_follow_up_names_school_contact_and_ground():
    lines = reports.summary_lines(follow_up(institution_name="ROC Alfa", ground="beperking", ground_consent=True))
    text = "\n".join(lines)
    assert "Het stagebureau van ROC Alfa ziet je hele melding" in text
    assert "student@example.nl" in text
    assert "beperking" in text and "toestemming" in text
    assert "link naar dit gesprek" in text
    assert "Meldpunt Stagediscriminatie" in text


def test_summary_raises_what_submit_would_raise():
    with pytest.raises(reports.ConsentRequired):
        reports.summary_lines(draft(ground="huidskleur"))
    with pytest.raises(reports.ContactRequiresFollowUp):
        reports.summary_lines(draft(contact_route="telefoon", contact_details="0612345678"))


def test_summary_follows_configured_threshold_and_retention(monkeypatch):
    monkeypatch.setenv("KANSRIJK_REPORT_THRESHOLD", "5")
    monkeypatch.setenv("KANSRIJK_REPORT_RETENTION", "anonymous=365")
    text = "\n".join(reports.summary_lines(draft()))
    assert "pas vanaf 5 meldingen" in text and "1 jaar" in text


# --- public surface ---------------------------------------------------------------------------


def test_every_public_error_has_a_docstring_and_is_a_report_error():
    for name in reports.__all__:
        obj = getattr(reports, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert obj.__doc__ and "\n" not in obj.__doc__.strip(), name
            assert issubclass(obj, reports.ReportError), name
            assert name in reports.__doc__, name


def test_every_public_name_is_importable():
    assert len(set(reports.__all__)) == len(reports.__all__)
    for name in [*reports.__all__, "CODE_LENGTH", "main"]:
        exec(f"from internships.reports import {name}", {})
    assert set(reports.__all__) <= set(dir(reports))


def test_new_codes_always_have_a_digit_and_a_letter():
    pattern = re.compile(r"(?=[A-HJ-NP-Z2-9]*[2-9])(?=[A-HJ-NP-Z2-9]*[A-HJ-NP-Z])[A-HJ-NP-Z2-9]{10}")
    codes = [store._new_code() for _ in range(2000)]
    assert all(pattern.fullmatch(code) for code in codes)
