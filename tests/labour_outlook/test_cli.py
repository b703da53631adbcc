import json
import subprocess
import sys
from pathlib import Path

from labour_outlook.cli import build_parser, main

REPO = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_recommend_json_contract(model, capsys):
    code, out, err = run(capsys, "recommend", "ik sleutel graag aan scooters", "--top", "5", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data) == 5
    for row in data:
        assert {"crebo", "name", "niveau", "domain", "kans_op_werk", "kans_op_stage", "score", "reasons",
                "sample", "code_confirmed"} <= set(row)
    assert data[0]["domain"] == "Mobiliteit en voertuigen"


def test_recommend_options(model, capsys):
    code, out, _ = run(capsys, "recommend", "ik", "wil", "verpleegkundige", "worden", "--vmbo-leerweg", "basis",
                       "--json", "--place", "Rotterdam", "--riasec", "SIR")
    assert code == 0 and all(r["niveau"] <= 2 for r in json.loads(out))
    code, out, _ = run(capsys, "recommend", "koken", "--mbo-niveau", "1")
    assert code == 0 and "voorbeeldcijfers" in out and "niet bevestigd" not in out


def test_show_compare_alternatives(model, capsys):
    code, out, _ = run(capsys, "show", "25603")
    assert code == 0 and "Pedagogisch medewerker kinderopvang" in out and "voorbeeldcijfers" in out
    code, out, _ = run(capsys, "compare", "25180", "25603", "--json")
    assert code == 0 and [r["crebo"] for r in json.loads(out)] == ["25180", "25696"]  # 25603 is an earlier code
    code, out, _ = run(capsys, "compare", "25180", "25603")
    assert "kans op werk" in out
    code, out, _ = run(capsys, "alternatives", "25180")
    assert code == 0 and "Geen alternatieven nodig" in out


def test_show_with_an_earlier_code_names_the_successor(capsys):
    code, out, _ = run(capsys, "show", "25491")
    assert code == 0 and out.startswith("Opleidingscode 25491 is vervallen; de nieuwe opleiding is Verzorgende-IG (25656).")
    code, out, _ = run(capsys, "show", "25491", "--json")
    data = json.loads(out)
    assert data["crebo"] == "25656" and data["requested_crebo"] == "25491" and "25656" in data["note"]
    code, out, _ = run(capsys, "show", "25604", "--json")
    data = json.loads(out)
    assert (data["name"], data["niveau"], data["code_confirmed"]) == ("Software developer", 4, True)


def test_list_every_programme_and_with_all_every_code(capsys):
    code, out, _ = run(capsys, "list", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 712
    assert all({"crebo", "name", "niveau", "domain", "code_confirmed"} <= set(r) and r["code_confirmed"] for r in rows)
    code, out, _ = run(capsys, "list", "--json", "--all")
    rows = json.loads(out)
    assert len(rows) == 1037 and len({r["crebo"] for r in rows}) == 1037
    old = next(r for r in rows if r["crebo"] == "25491")
    assert old["current_crebo"] == "25656" and old["current"] is False
    assert all(r["current_crebo"] == r["crebo"] for r in rows if r["current"])


def test_errors_go_to_stderr_with_nonzero_exit(capsys):
    code, out, err = run(capsys, "show", "12345")
    assert code == 1 and out == "" and "onbekende opleidingscode 12345" in err
    code, out, err = run(capsys, "compare", "25180")
    assert code == 1 and "2 tot 4" in err
    code, out, err = run(capsys, "import-kansen", "/nonexistent/file.csv")
    assert code == 1 and "niet gevonden" in err


def test_import_cli_reports_line_numbers(data_dir, write, capsys):
    f = write("k.csv", "crebo,kans op werk,jaar\n25180,goed,2025\n12345,goed,2025\n")
    code, out, err = run(capsys, "import-kansen", str(f))
    assert code == 1 and "regel 3" in err and "--skip-invalid" in err
    code, out, err = run(capsys, "import-kansen", str(f), "--skip-invalid")
    assert code == 0 and "1 opleiding(en)/regel(s)" in out and "regel 3" in err


def test_help_lists_every_command():
    text = build_parser().format_help()
    for cmd in ("list", "recommend", "alternatives", "compare", "show", "import-kansen", "import-programmes"):
        assert cmd in text


def test_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "labour_outlook", "show", "11111"], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "onbekende opleidingscode 11111" in proc.stderr
