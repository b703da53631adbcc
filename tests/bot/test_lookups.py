"""Generated NLU lookup tables and domain questions match the sources they come from."""
import subprocess
import sys

from bot.settings import REPO


def test_lookup_tables_are_up_to_date():
    result = subprocess.run([sys.executable, "scripts/make_lookups.py", "--check"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_study_questions_are_up_to_date():
    result = subprocess.run([sys.executable, "scripts/make_questions.py", "--check"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
