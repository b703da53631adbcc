"""Run a small script inside .venv-rasa (Python 3.10, Rasa), where the modules of
bot/rasa_ext/ run; the tests themselves run in .venv."""
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_in_rasa_venv(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(REPO / ".venv-rasa/bin/python"), "-c", script, *args], cwd=REPO,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
