import json

import pytest

from internships import ImportFailed, UnknownInstitution, UnsupportedFormat, import_listings


@pytest.fixture(autouse=True)
def _schools(two_schools):
    return two_schools


def _listing_count(db):
    return db.execute("SELECT count(*) FROM listings").fetchone()[0]


def test_valid_file_is_imported(load, fresh_db, make_row):
    result = load([make_row(), make_row(external_id="V-2", leerweg="bbl", features="begeleiding op maat; fysiek toegankelijk",
                                        inclusive="anoniem solliciteren;structured_interview")])
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    row = fresh_db.execute("SELECT place, pc4, lat, niveau, features, inclusive_signals, inclusive FROM listings WHERE external_id='V-2'").fetchone()
    assert row[0] == "Utrecht" and row[1] == "3511" and row[2] > 52
    assert row[3] == 3  # from the catalogue
    assert json.loads(row[4]) == ["begeleiding op maat", "fysiek toegankelijk"]
    assert json.loads(row[5]) == ["name_blind", "structured_interview"] and row[6] == 2


@pytest.mark.parametrize(
    "field, value, fragment",
    [
        ("title", "", "verplicht"),
        ("external_id", "", "verplicht"),
        ("crebo", "2560", "5 cijfers"),
        ("crebo", "12345", "onbekende opleidingscode 12345"),
        ("leerweg", "stage", "kies bol of bbl"),
        ("postcode", "3511", "geen Nederlandse postcode"),
        ("postcode", "3511 SS", "geen Nederlandse postcode"),
        ("postcode", "1000 AA", "niet in de postcodelijst"),
        ("start_date", "01-09-2025", "JJJJ-MM-DD"),
        ("start_date", "2025-02-30", "JJJJ-MM-DD"),
        ("erkend", "misschien", "kies ja of nee"),
        ("niveau", "5", "1, 2, 3 of 4"),
        ("niveau", "2", "past niet bij opleiding 25696"),
        ("kvk", "123", "8 cijfers"),
        ("days_per_week", "7", "0,5 tot en met 5"),
        ("allowance", "veel", "euro per maand"),
        ("features", "x" * 81, "te lang"),
        ("inclusive", "altijd eerlijk", "onbekend: altijd eerlijk"),
        ("status", "bezet", "kies open of filled"),
        ("apply_url", "www.voorbeeld.nl", "https://"),
        ("contact_email", "geen-adres", "geen e-mailadres"),
        ("title", "x" * 201, "te lang"),
    ],
)
def test_each_error_kind_names_line_and_field(load, fresh_db, make_row, field, value, fragment):
    rows = [make_row(), make_row(**{"external_id": "V-2", field: value})]
    with pytest.raises(ImportFailed) as exc:
        load(rows)
    errors = exc.value.errors
    assert len(errors) == 1, errors
    assert errors[0].line == 3 and errors[0].field == field
    assert fragment in errors[0].message
    assert f"regel 3, veld {field}" in exc.value.message
    assert _listing_count(fresh_db) == 0  # nothing written


def test_unknown_crebo_message_is_exact(load, make_row):
    with pytest.raises(ImportFailed) as exc:
        load([make_row(crebo="12345")])
    assert str(exc.value.errors[0]) == "regel 2, veld crebo: onbekende opleidingscode 12345"


def test_all_bad_rows_are_reported(load, make_row):
    rows = [make_row(leerweg="x"), make_row(external_id="V-2"), make_row(external_id="V-3", postcode="99", start_date="morgen")]
    with pytest.raises(ImportFailed) as exc:
        load(rows)
    assert [(e.line, e.field) for e in exc.value.errors] == [(2, "leerweg"), (4, "postcode"), (4, "start_date")]


def test_duplicate_external_id_in_file(load, make_row):
    with pytest.raises(ImportFailed) as exc:
        load([make_row(), make_row()])
    assert exc.value.errors[0].line == 3 and "regel 2" in exc.value.errors[0].message


def test_missing_and_unknown_columns(csv_file, fresh_db, catalogue):
    path = csv_file("external_id,title,company,crebo,leerweg,postcode,startdatum\nV-1,a,b,25696,bol,3511 AB,2025-09-01\n")
    with pytest.raises(ImportFailed) as exc:
        import_listings(fresh_db, path, institution="ROC-A", catalogue=catalogue)
    fields = {(e.line, e.field) for e in exc.value.errors}
    assert fields == {(1, "start_date"), (1, "startdatum")}


def test_line_numbers_count_multiline_cells(load, make_row):
    rows = [make_row(description="regel een\nregel twee"), make_row(external_id="V-2", leerweg="x")]
    with pytest.raises(ImportFailed) as exc:
        load(rows)
    assert exc.value.errors[0].line == 4


def test_skip_invalid_writes_good_rows(load, fresh_db, make_row):
    result = load([make_row(), make_row(external_id="V-2", crebo="12345")], skip_invalid=True)
    assert result.created == 1
    assert any("onbekende opleidingscode 12345" in w for w in result.warnings)


def test_reimport_is_idempotent(load, fresh_db, make_row):
    rows = [make_row(), make_row(external_id="V-2")]
    load(rows)
    before = fresh_db.execute("SELECT * FROM listings ORDER BY id").fetchall()
    audits = fresh_db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    result = load(rows)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert fresh_db.execute("SELECT * FROM listings ORDER BY id").fetchall() == before
    assert fresh_db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audits
    assert fresh_db.execute("SELECT count(*) FROM leerbedrijven").fetchone()[0] == 1


def test_changed_row_is_updated_and_audited(load, fresh_db, make_row):
    load([make_row()])
    result = load([make_row(title="Nieuwe titel")])
    assert result.updated == 1
    details = fresh_db.execute(
        "SELECT details FROM audit_log WHERE entity='listing' AND action='update'").fetchone()[0]
    assert json.loads(details) == {"title": ["Stage pedagogisch medewerker", "Nieuwe titel"]}


def test_expire_missing(load, fresh_db, make_row):
    load([make_row(), make_row(external_id="V-2")])
    load([make_row(external_id="V-x")], institution="ROC-B")
    result = load([make_row()], expire_missing=True)
    assert result.expired == 1
    status = dict(fresh_db.execute("SELECT external_id, status FROM listings WHERE institution_id = (SELECT id FROM institutions WHERE code='ROC-A')").fetchall())
    assert status == {"V-1": "open", "V-2": "expired"}
    # Another institution's listings are never expired.
    assert fresh_db.execute("SELECT status FROM listings WHERE external_id='V-x'").fetchone()[0] == "open"
    # Without the flag nothing expires; a listing that comes back is open again.
    assert load([make_row()]).expired == 0
    load([make_row(), make_row(external_id="V-2")])
    assert fresh_db.execute("SELECT status FROM listings WHERE external_id='V-2'").fetchone()[0] == "open"


def test_same_external_id_at_two_institutions(load, fresh_db, make_row):
    load([make_row()], institution="ROC-A")
    load([make_row()], institution="ROC-B")
    assert _listing_count(fresh_db) == 2


def test_semicolon_csv_with_bom_and_cp1252(csv_file, fresh_db, catalogue, make_row, to_csv):
    path = csv_file([make_row(company="Café Zoë")], delimiter=";", encoding="cp1252")
    import_listings(fresh_db, path, institution="ROC-A", catalogue=catalogue)
    path = csv_file("\ufeff" + to_csv([make_row(external_id="V-2")], ";"))
    import_listings(fresh_db, path, institution="ROC-A", catalogue=catalogue)
    names = {r[0] for r in fresh_db.execute("SELECT name FROM leerbedrijven").fetchall()}
    assert "Café Zoë" in names and _listing_count(fresh_db) == 2


def test_json_import(tmp_path, fresh_db, catalogue, make_row):
    path = tmp_path / "v.json"
    path.write_text(json.dumps([make_row(crebo=25696, days_per_week=4, erkend=True,
                                         features=["begeleiding op maat"])]))
    result = import_listings(fresh_db, path, institution="ROC-A", catalogue=catalogue)
    assert result.created == 1
    path.write_text(json.dumps([make_row(leerweg="x", postcod="1234")]))
    with pytest.raises(ImportFailed) as exc:
        import_listings(fresh_db, path, institution="ROC-A", catalogue=catalogue)
    assert {(e.line, e.field) for e in exc.value.errors} == {(1, "postcod"), (1, "leerweg")}


def test_bad_files(tmp_path, fresh_db, catalogue):
    bad = tmp_path / "x.json"
    bad.write_text("{nope")
    with pytest.raises(UnsupportedFormat):
        import_listings(fresh_db, bad, institution="ROC-A", catalogue=catalogue)
    with pytest.raises(UnsupportedFormat):
        import_listings(fresh_db, tmp_path / "missing.csv", institution="ROC-A", catalogue=catalogue)
    with pytest.raises(UnknownInstitution):
        import_listings(fresh_db, bad, institution="NOPE", catalogue=catalogue)


def test_without_catalogue_crebo_existence_is_not_checked(fresh_db, csv_file, make_row, monkeypatch):
    import internships.catalogue as cat

    monkeypatch.setattr(cat, "load_catalogue", lambda c=None: None)
    monkeypatch.setattr("internships.importer.load_catalogue", lambda c=None: None)
    result = import_listings(fresh_db, csv_file([make_row(crebo="12345")]), institution="ROC-A")
    assert result.created == 1 and "niet gecontroleerd" in result.warnings[0]


def test_erkend_column_sets_recognition_per_crebo(load, fresh_db, make_row):
    load([make_row(erkend="nee"), make_row(external_id="V-2", crebo="25180", erkend=None)])
    rows = fresh_db.execute("SELECT crebo, recognised, source FROM recognitions").fetchall()
    assert rows == [("25696", 0, "institution:ROC-A")]


def test_company_identity(load, fresh_db, make_row):
    load([make_row(kvk="12345678"), make_row(external_id="V-2", kvk="12345678", company="De Linde BV", postcode="3525 AB"),
          make_row(external_id="V-3", leerbedrijf_id="111", company="Kinderopvang De Linde"),
          make_row(external_id="V-4", leerbedrijf_id="222", company="Kinderopvang De Linde")])
    # V-1 and V-2 share a KvK number; V-3 and V-4 carry different SBB ids.
    ids = dict(fresh_db.execute("SELECT external_id, leerbedrijf_id FROM listings").fetchall())
    assert ids["V-1"] == ids["V-2"]
    assert ids["V-3"] != ids["V-4"]
