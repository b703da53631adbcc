"""The Rasa speed patch keeps Rasa's validation of action-server responses."""
import subprocess
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import jsonschema
    from bot import tracker_store  # installs the patches, as `rasa run` does
    from rasa.core.actions.action import RemoteAction

    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [], "responses": [{"text": "hoi"}]})
    try:
        action._validate_action_result({"events": "not a list", "responses": []})
    except jsonschema.ValidationError as error:
        assert "Failed to validate Action server response" in error.message
        print("ok")
""")


def test_patched_validation_accepts_good_and_rejects_bad_responses():
    result = subprocess.run([str(REPO / ".venv-rasa/bin/python"), "-c", SCRIPT], cwd=REPO,
                            capture_output=True, text=True, timeout=120,
                            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert result.stdout.strip().endswith("ok"), result.stderr[-2000:]
