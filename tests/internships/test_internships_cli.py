import json
import re
from pathlib import Path

import pytest

from internships import catalogue as catalogue_module
from internships.cli import build_parser, main


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys, catalogue):
    monkeypatch.setenv("KANSRIJK_DB", str(tmp_path / "cli.db"))
    # The CLI uses labour_outlook's catalogue; pin the test one.
    monkeypatch.setattr(catalogue_module, "_DEFAULT", catalogue)

    def run(*args):
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_institution_import_match_flow(cli, csv_file, make_row):
    assert cli("institutions", "add", "ROC-A", "ROC Alfa")[0] == 0
    code, out, err = cli("institutions", "token", "ROC-A")
    assert code == 0 and out.strip().startswith("kr_") and "één keer" in err

    bad = csv_file([make_row(), make_row(external_id="V-2", crebo="12345")])
    code, out, err = cli("import", bad, "--institution", "ROC-A")
    assert code == 1 and "regel 3, veld crebo: onbekende opleidingscode 12345" in err

    good = csv_file([make_row(), make_row(external_id="V-2", postcode="3584 AB")])
    code, out, _ = cli("import", good, "--institution", "ROC-A")
    assert code == 0 and "2 nieuw" in out
    code, out, _ = cli("import", good, "--institution", "ROC-A", "--json")
    assert json.loads(out)["unchanged"] == 2

    code, out, _ = cli("match", "--crebo", "25696", "--postcode", "3525", "--radius-km", "25", "--leerweg", "bol", "--json")
    found = json.loads(out)
    assert code == 0 and sorted(m["external_id"] for m in found) == ["V-1", "V-2"]
    assert found[0]["distance_km"] <= found[1]["distance_km"]
    assert {"listing_id", "institution", "distance_km", "recognised", "reasons"} <= set(found[0])

    code, out, _ = cli("match", "--crebo", "25696", "--place", "Utrecht")
    assert code == 0 and "Stage pedagogisch medewerker" in out

    code, out, _ = cli("match", "--crebo", "25696", "--place", "Groningen", "--radius-km", "5")
    assert code == 0 and "Geen stageplekken gevonden" in out and "stagebureau" in out

    code, _, err = cli("match", "--crebo", "25696", "--place", "Atlantis")
    assert code == 1 and "Atlantis" in err

    one = csv_file([make_row()])
    code, out, _ = cli("import", one, "--institution", "ROC-A", "--expire-missing")
    assert code == 0 and "1 verlopen" in out


def test_seed_demo_command(cli):
    code, out, _ = cli("seed-demo")
    assert code == 0 and "1000 nieuw" in out
    code, out, _ = cli("seed-demo")
    assert code == 0 and "1000 ongewijzigd" in out
    code, out, _ = cli("institutions", "list", "--json")
    assert all("(demo)" in i["name"] for i in json.loads(out))


def test_readme_section_commands_exist_in_help():
    """Docs tested against --help: every `python -m internships X` in the README exists."""
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)
    used = set(re.findall(r"python -m internships ([a-z][a-z-]*)", text))
    assert used and used <= commands
