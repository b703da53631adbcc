"""The Rasa speed patch keeps Rasa's validation of action-server responses."""
import textwrap

from tests.bot.rasa_venv import run_in_rasa_venv

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
    result = run_in_rasa_venv(SCRIPT)
    assert result.stdout.strip().endswith("ok"), result.stderr[-2000:]
