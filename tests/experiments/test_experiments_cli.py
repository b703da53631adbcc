"""The CLI (python -m bot.experiments): a thin layer over the API, with Dutch help and one-line Dutch errors."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import yaml

from appdb.settings import REPO
from bot.experiments import cli
from tests.experiments.helpers import definition_data, record_conversations


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path, **changes):
    # The CLI uses the real date, so the experiment runs around today.
    today = date.today()
    data = definition_data(start=(today - timedelta(days=3)).isoformat(), end=(today + timedelta(days=90)).isoformat(),
                           **changes)
    path = tmp_path / f"{data['name']}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_add_list_stop(fresh_db, tmp_path, capsys):
    path = write(tmp_path)
    code, out, _ = run(capsys, "add", str(path))
    assert code == 0 and "Experiment 'nudge_test' aangemeld" in out and "Vingerafdruk (sha256): " in out
    code, out, _ = run(capsys, "add", str(path))
    assert code == 0 and "er is niets veranderd" in out
    code, out, _ = run(capsys, "list", "--json")
    listed = json.loads(out)
    assert [(e["name"], e["status"]) for e in listed] == [("nudge_test", "running")]
    assert len(listed[0]["content_hash"]) == 64
    code, out, _ = run(capsys, "show", "nudge_test", "--json")
    assert json.loads(out)["arms"] == {"standard": "1/3", "no_offer": "1/3", "framed": "1/3"}
    code, out, _ = run(capsys, "stop", "nudge_test")
    assert code == 0 and "gestopt" in out
    assert json.loads(run(capsys, "list", "--json")[1])[0]["status"] == "stopped"


def test_a_changed_started_experiment_is_refused(fresh_db, tmp_path, capsys):
    run(capsys, "add", str(write(tmp_path)))
    code, out, err = run(capsys, "add", str(write(tmp_path, min_sample_per_arm=500)), "--replace")
    assert code == 1 and out == ""
    assert err == ("Fout: een gestart experiment kan niet veranderen; maak een nieuw experiment "
                   "(met een andere naam dan 'nudge_test')\n")


def test_errors_are_one_dutch_line_and_exit_1(fresh_db, tmp_path, capsys):
    code, _, err = run(capsys, "add", str(write(tmp_path, primary_outcome="x")))
    assert code == 1 and err.startswith("Fout: onbekende uitkomst 'x' in 'primary_outcome'; kies uit: ")
    assert err.count("\n") == 1
    code, _, err = run(capsys, "report", "nope")
    assert code == 1 and err == "Fout: er is geen experiment 'nope'; bekijk de namen met: python -m bot.experiments list\n"
    code, _, err = run(capsys, "power", "--baseline", "0", "--effect", "0.05")
    assert code == 1 and err.startswith("Fout: --baseline is 0.0; geef een aandeel tussen 0 en 1")


def test_report_json_csv_and_chart(fresh_db, tmp_path, capsys):
    run(capsys, "add", str(write(tmp_path)))
    for arm, looked in (("standard", 12), ("no_offer", 15), ("framed", 20)):
        record_conversations(fresh_db, "nudge_test", arm, 40, alternative_viewed=looked)
    csv_path, png_path = tmp_path / "verslag.csv", tmp_path / "grafiek.png"
    code, out, err = run(capsys, "report", "nudge_test", "--json", "--csv", str(csv_path), "--chart", str(png_path))
    assert code == 0
    built = json.loads(out)
    assert built["experiment"] == "nudge_test" and built["min_sample_reached"] is False
    assert [(arm["arm"], arm["n"]) for arm in built["arms"]] == [("standard", 40), ("no_offer", 40), ("framed", 40)]
    cell = built["arms"][2]["outcomes"]["looked_at_alternative"]
    assert cell["p"] == 0.5 and len(cell["ci"]) == 2 and cell["ci"][0] < 0.5 < cell["ci"][1]
    assert set(built["arms"][0]["outcomes"]) == set(built["outcomes"])
    assert csv_path.read_text(encoding="utf-8").startswith("experiment,arm,arm_label,n,outcome,")
    assert png_path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert "Tabel opgeslagen" in err and "Tekst bij de grafiek: Staafdiagram" in err
    code, out, _ = run(capsys, "report", "nudge_test")
    assert code == 0 and "Wat zeggen deze cijfers?" in out and "Hoofduitkomst: keek naar een alternatief." in out


def test_power_json(capsys):
    code, out, _ = run(capsys, "power", "--baseline", "0.20", "--effect", "0.05", "--json")
    assert code == 0 and json.loads(out)["n_per_arm"] == 1092
    code, out, _ = run(capsys, "power", "--baseline", "0.20", "--effect", "0.05")
    assert out == ("Per groep zijn 1092 gesprekken nodig om een verschil van 20% naar 25% te vinden "
                   "(tweezijdig, alpha 0.05, power 0.8).\n")


def test_help_is_dutch_and_runs_as_a_module(tmp_path):
    done = subprocess.run([sys.executable, "-m", "bot.experiments", "--help"], cwd=REPO, capture_output=True,
                          text=True, env={"PYTHONPATH": str(REPO), "KANSRIJK_VAR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("gebruik: python -m bot.experiments")
    for word in ("opdrachten", "add", "list", "stop", "report", "power", "toon deze hulp en stop"):
        assert word in done.stdout
    usage = subprocess.run([sys.executable, "-m", "bot.experiments", "report"], cwd=REPO, capture_output=True,
                           text=True, env={"PYTHONPATH": str(REPO), "KANSRIJK_VAR": str(tmp_path)})
    assert usage.returncode == 1 and "Fout: " in usage.stderr and "--help" in usage.stderr
