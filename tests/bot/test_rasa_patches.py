"""The Rasa patches keep Rasa's behaviour, refuse another Rasa, and notice when Rasa's patched code changes."""
import json
import textwrap

import pytest

from tests.bot.rasa_venv import run_in_rasa_venv

SCRIPT = textwrap.dedent("""
    import jsonschema
    from bot.rasa_ext import tracker_store  # installs the patches, as `rasa run` does
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


VERSION = textwrap.dedent("""
    import rasa
    from bot.rasa_ext import rasa_patches
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    stock = RemoteAction._validate_action_result
    real, rasa.__version__ = rasa.__version__, "3.7.0"
    try:
        rasa_patches.install()
    except RuntimeError as error:
        assert "3.6.21" in str(error) and "3.7.0" in str(error), str(error)
    else:
        raise AssertionError("installed on Rasa 3.7.0")
    assert RemoteAction._validate_action_result is stock  # nothing patched

    rasa.__version__ = real
    rasa_patches.install()
    patched = (RemoteAction._validate_action_result, Event.resolve_by_type)
    assert patched[0] is not stock
    rasa_patches.install()  # again: nothing changes, resolve_by_type is not wrapped twice
    assert (RemoteAction._validate_action_result, Event.resolve_by_type) == patched
    print("ok")
""")


def test_install_refuses_another_rasa_version_and_is_idempotent():
    result = run_in_rasa_venv(VERSION)
    assert result.stdout.strip().endswith("ok"), result.stderr[-2000:]


# Tripwires: each module's PATCHED holds the sha256 of the source of every Rasa function
# it replaces or overrides, as it was when the patch was written. The hashes are taken
# after the patches are installed (rasa_patches keeps the originals) and every method
# the subclasses override must be listed.
TRIPWIRES = textwrap.dedent("""
    import inspect, json
    from bot.rasa_ext import rasa_patches, socketio_channel, tracker_store

    def overridden(cls):
        base = cls.__bases__[0]
        return {f"{base.__module__}.{base.__qualname__}.{attr}"
                for attr, value in vars(cls).items()
                if (inspect.isfunction(value) or isinstance(value, (classmethod, staticmethod)))
                and hasattr(base, attr)}

    subclasses = {
        "rasa_patches": [],
        "tracker_store": [tracker_store.ForgettingSQLTrackerStore],
        "socketio_channel": [socketio_channel.SocketIOInput, socketio_channel.SocketIOOutput],
    }
    report = {}
    for module in (rasa_patches, tracker_store, socketio_channel):
        short = module.__name__.rsplit(".", 1)[1]
        report[short] = {
            "hashes": {name: [recorded, rasa_patches.source_sha256(name)]
                       for name, recorded in module.PATCHED.items()},
            "unlisted": sorted(set().union(*map(overridden, subclasses[short])) - set(module.PATCHED)),
        }
    print(json.dumps(report))
""")


@pytest.fixture(scope="module")
def tripwires():
    result = run_in_rasa_venv(TRIPWIRES)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", ["rasa_patches", "tracker_store", "socketio_channel"])
def test_the_rasa_code_a_patch_relies_on_is_unchanged(tripwires, module):
    found = tripwires[module]
    assert found["hashes"], f"bot/rasa_ext/{module}.py records no Rasa functions in PATCHED"
    changed = [f"{name} (recorded sha256 {recorded}, now {actual})"
               for name, (recorded, actual) in found["hashes"].items() if recorded != actual]
    assert not changed, (
        f"Rasa's source changed for: {'; '.join(changed)}. The patch in "
        f"bot/rasa_ext/{module}.py must be re-checked against the new Rasa code; "
        f"then record the new sha256 in its PATCHED.")
    assert not found["unlisted"], (
        f"bot/rasa_ext/{module}.py overrides {found['unlisted']} without a tripwire: "
        f"add them to its PATCHED with the sha256 of Rasa's source.")


KEPT = textwrap.dedent("""
    import asyncio, json
    from aiohttp import web
    from rasa.utils.endpoints import EndpointConfig
    from bot.rasa_ext import rasa_patches

    rasa_patches.install()

    async def main():
        peers = []

        async def webhook(request):
            peers.append(request.transport.get_extra_info("peername")[1])  # the client port
            return web.json_response({"events": [], "responses": []})

        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={"X-Test": "1"})
        answers = [await endpoint.request(json={"n": i}) for i in range(3)]
        other = EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={"X-Test": "2"})
        await other.request(json={})
        await runner.cleanup()
        print(json.dumps({"answers": answers, "ports": peers}))

    asyncio.run(main())
""")


def test_calls_to_the_action_server_reuse_their_connection():
    result = run_in_rasa_venv(KEPT)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["answers"] == [{"events": [], "responses": []}] * 3
    first, second, third, other = found["ports"]
    assert first == second == third  # one keep-alive connection for one endpoint's calls
    assert other != first  # other headers (another endpoint): its own session


SLIM = textwrap.dedent("""
    import json
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker
    from bot.rasa_ext import rasa_patches

    rasa_patches.install()
    domain = Domain.load("domain")
    tracker = DialogueStateTracker.from_events("t", [])
    body = RemoteAction("validate_study_form", None)._action_call_format(tracker, domain)
    again = RemoteAction("action_recommend", None)._action_call_format(tracker, domain)
    print(json.dumps({"keys": sorted(body["domain"]), "forms": sorted(body["domain"]["forms"]),
                      "same": body["domain"] is again["domain"], "full": "responses" in domain.as_dict(),
                      "size": len(json.dumps(body["domain"]))}))
""")


def test_the_action_server_gets_the_domain_without_responses():
    result = run_in_rasa_venv(SLIM)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert "responses" not in found["keys"] and {"slots", "forms", "intents", "entities"} <= set(found["keys"])
    assert "study_form" in found["forms"] and found["same"] and found["full"]  # Rasa's own domain keeps them
    assert found["size"] < 25_000
