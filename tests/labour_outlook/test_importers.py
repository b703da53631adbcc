import pytest

import labour_outlook
from labour_outlook import (
    ImportFailed,
    MissingColumns,
    UnsupportedFormat,
    get_catalogue,
    import_kansen,
    import_programmes,
    prospects_for,
)

KANSEN_OK = """crebo;kwalificatie;niveau;arbeidsmarktregio;kans op werk;kans op stage;kans op leerbaan;jaar
25180;Kok;2;Nederland;Ruim voldoende;goed;voldoende;2025
25180;Kok;2;Rijnmond;goed;goed;goed;2025
25603;Pedagogisch medewerker kinderopvang;3;Nederland;goed;ruim voldoende;goed;2025
"""


def test_import_kansen_replaces_sample_rows(data_dir, write):
    result = import_kansen(write("kansen.csv", KANSEN_OK))
    assert result.imported == 3 and not result.skipped
    assert result.destination == data_dir / "kansen.csv"
    pr = prospects_for("25180")
    assert pr.kans_op_werk == "ruim voldoende" and pr.source == "import kansen.csv" and not pr.sample
    assert prospects_for("25180", "Rotterdam").kans_op_werk == "goed"
    other = next(p.crebo for p in get_catalogue() if p.crebo not in ("25180", "25603"))
    assert prospects_for(other).sample


def test_bad_rows_are_reported_with_line_numbers_and_nothing_is_imported(data_dir, write):
    text = KANSEN_OK + "\n".join([
        "12345;Bestaat niet;2;Nederland;goed;goed;goed;2025",       # line 5
        "25180;Kok;2;Twente;super;goed;goed;2025",                   # line 6
        "25180;Kok;2;Groningen;goed;goed;goed;twintig",              # line 7
        "2518;Kok;2;Haaglanden;goed;goed;goed;2025",                 # line 8
        "25180;Kok;2;Rijnmond;goed;goed;goed;2025",                  # line 9 duplicate of 3
    ]) + "\n"
    with pytest.raises(ImportFailed) as e:
        import_kansen(write("kansen.csv", text))
    lines = [err.line for err in e.value.errors]
    assert lines == [5, 6, 7, 8, 9]
    reasons = " ".join(err.reason for err in e.value.errors)
    assert "onbekende crebo 12345" in reasons and "'super'" in reasons and "jaartal" in reasons
    assert "dubbele regel" in reasons and "regel 3" in reasons
    assert "regel 5" in str(e.value) and "--skip-invalid" in str(e.value)
    assert not (data_dir / "kansen.csv").exists()
    assert prospects_for("25180").sample


def test_skip_invalid_imports_the_good_rows(data_dir, write):
    text = KANSEN_OK + "12345;X;2;Nederland;goed;goed;goed;2025\n"
    result = import_kansen(write("kansen.csv", text), skip_invalid=True)
    assert result.imported == 3 and [e.line for e in result.skipped] == [5]
    assert not prospects_for("25180").sample


def test_missing_columns(data_dir, write):
    with pytest.raises(MissingColumns) as e:
        import_kansen(write("k.csv", "crebo,jaar\n25180,2025\n"))
    assert "kans op werk" in str(e.value)


def test_combined_stage_leerbaan_column_and_xlsx_is_not_required(data_dir, write):
    text = "Crebo,Kans op werk,Kans op stage/leerbaan,Leerweg,Jaar\n25180,goed,matig,bbl,2024\n"
    import_kansen(write("k.csv", text))
    pr = prospects_for("25180")
    assert pr.kans_op_leerbaan == "matig" and pr.year == 2024
    with pytest.raises(UnsupportedFormat):
        import_kansen(write("k.json", "{}"))


DUO = """KWALIFICATIE CODE;KWALIFICATIE NAAM;KWALIFICATIENIVEAU;DOMEIN;LEERWEG;INSTELLINGSNAAM
25180;Kok;2;Horeca en bakkerij;BOL;ROC A
25180;Kok;2;Horeca en bakkerij;BBL;ROC B
29999;Nieuwe opleiding;3;Zorg en welzijn;BOL;ROC A
"""


def test_import_programmes_merges_and_confirms_codes(data_dir, write):
    result = import_programmes(write("duo.csv", DUO))
    assert result.imported == 2
    cat = get_catalogue()
    new = cat.get("29999")
    assert new.name == "Nieuwe opleiding" and new.niveau == 3 and new.code_confirmed and new.leerwegen == ("bol",)
    kok = cat.get("25180")
    assert kok.synonyms and set(kok.leerwegen) == {"bol", "bbl"}
    assert kok.profile_written and kok.dossier == "Keuken"  # the import changes the code facts, not the profile
    assert len(cat) == 713
    assert prospects_for("29999").kans_op_werk is None


def test_import_programmes_validation(data_dir, write):
    bad = DUO + "\n".join([
        "1234;Te kort;2;Zorg en welzijn;BOL;X",                # line 5
        "25181;Zelfstandig werkend kok;7;Horeca en bakkerij;BOL;X",  # line 6
        "25182;Gespecialiseerd kok;4;Koken;BOL;X",             # line 7
        "25180;Kok;3;Horeca en bakkerij;BOL;X",                # line 8: conflicts with line 2
    ]) + "\n"
    with pytest.raises(ImportFailed) as e:
        import_programmes(write("duo.csv", bad))
    assert [err.line for err in e.value.errors] == [5, 6, 7, 8]
    assert "DOMEIN" in e.value.errors[2].reason and "regel 2" in e.value.errors[3].reason
    assert not (data_dir / "programmes.csv").exists()
    with pytest.raises(MissingColumns):
        import_programmes(write("duo2.csv", "KWALIFICATIE CODE;DOMEIN\n25180;Horeca en bakkerij\n"))


def test_reload_after_cleanup(data_dir):
    labour_outlook.reload()
    assert get_catalogue().get("25180").code_confirmed


def test_kansen_under_an_earlier_code_count_for_the_current_programme(data_dir, write):
    text = "crebo;kans op werk;jaar\n25491;goed;2025\n"
    result = import_kansen(write("k.csv", text))
    assert result.imported == 1
    assert [str(n) for n in result.notes] == [
        "regel 2: opleidingscode 25491 is vervallen; de nieuwe opleiding is Verzorgende-IG (25656): opgeslagen onder 25656"]
    pr = prospects_for("25656")
    assert pr.crebo == "25656" and pr.kans_op_werk == "goed" and not pr.sample


def test_real_figures_replace_every_sample_row_of_the_programme(data_dir, write):
    assert prospects_for("25180", "Rotterdam").sample  # a sample row for Rijnmond exists
    import_kansen(write("k.csv", "crebo;kans op werk;jaar\n25180;matig;2025\n"))
    pr = prospects_for("25180", "Rotterdam")
    assert not pr.sample and pr.region == "Nederland" and pr.kans_op_werk == "matig"


def test_import_programmes_with_an_earlier_code_adds_nothing(data_dir, write):
    text = "KWALIFICATIE CODE;KWALIFICATIE NAAM;KWALIFICATIENIVEAU;DOMEIN\n25491;verzorgende-IG;3;Zorg en welzijn\n"
    result = import_programmes(write("duo.csv", text))
    assert result.imported == 0 and "vervallen" in str(result.notes[0]) and "25656" in str(result.notes[0])
    assert get_catalogue().get("25491").crebo == "25656" and len(get_catalogue()) == 712


def test_a_newer_imported_code_becomes_the_current_code(data_dir, write):
    text = "KWALIFICATIE CODE;KWALIFICATIE NAAM;KWALIFICATIENIVEAU;DOMEIN\n29001;Kok;2;Horeca en bakkerij\n"
    import_programmes(write("duo.csv", text))
    cat = get_catalogue()
    kok = cat.get("25180")
    assert kok.crebo == "29001" and "25180" in kok.earlier_codes and kok.profile_written
    assert cat.code_note("25180").endswith("de nieuwe opleiding is Kok (29001)")
    assert len(cat) == 712


def test_entree_programmes_can_be_imported(data_dir, write):
    text = "KWALIFICATIE CODE;KWALIFICATIE NAAM;KWALIFICATIENIVEAU;DOMEIN\n29002;Assistent nieuw;1;Entree\n"
    import_programmes(write("duo.csv", text))
    assert get_catalogue().get("29002").domain == "Entree"


def test_imported_regions_match_the_place_table_in_any_spelling(data_dir, write):
    text = "crebo;arbeidsmarktregio;kans op werk;jaar\n25180;Nederland;voldoende;2025\n25180;Zaanstreek-Waterland;goed;2025\n"
    import_kansen(write("k.csv", text))
    pr = prospects_for("25180", "Zaandam")  # the place table says "Zaanstreek/Waterland"
    assert pr.region == "Zaanstreek-Waterland" and pr.kans_op_werk == "goed"
    assert prospects_for("25180", "Maastricht").kans_op_werk == "voldoende"
