"""Generated NLU lookup tables and domain questions match the sources they come from."""
import subprocess
import sys

from appdb.settings import REPO


def test_lookup_tables_are_up_to_date():
    result = subprocess.run([sys.executable, "scripts/make_lookups.py", "--check"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_questions_and_texts_are_up_to_date():
    # The questions are responses in texts/<language>.yml; domain/texts.yml is generated from them.
    result = subprocess.run([sys.executable, "scripts/make_texts.py", "--check"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_report_code_words_are_not_programmes():
    # "mijn code is K7PQ2XHM" must not also name a programme.
    lookup = (REPO / "data" / "nlu" / "lookup_programmes.yml").read_text(encoding="utf-8")
    assert "    - code\n" not in lookup
    assert "    - coden\n" in lookup
