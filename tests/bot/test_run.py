"""`make run` (bot.run.Stack): a taken port named up front, no secret on a command line, each
server only its own secrets, owner-only files, and the retention purges on a schedule."""
import os
import socket
import stat
import threading

import pytest

from bot import run, tokens
from bot.rasa_ext import serve  # stdlib only until it starts Rasa
from bot.run import Stack, StartupError


def test_a_taken_port_is_named_before_anything_starts(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        stack = Stack(var_dir=tmp_path, rasa_port=port, action_port=port + 1, with_web=False)
        with pytest.raises(StartupError, match=f"poort {port} \\(rasa\\) is al in gebruik"):
            stack.start()
    assert stack.processes == {}


# ------------------------------------------------------------------ trust boundaries (issue 14)

def secrets_of(stack):
    return [stack.token, stack.jwt_secret, stack.action_secret]


def test_no_secret_is_on_any_command_line(tmp_path):
    """`ps` shows every command line to every user: the secrets travel in the environment."""
    stack = Stack(var_dir=tmp_path)
    commands = stack.commands()
    assert set(commands) == {"rasa", "actions", "web"}
    for name, command in commands.items():
        for secret in secrets_of(stack):
            assert not any(secret in argument for argument in command), name
    assert commands["rasa"][1:3] == ["-m", "bot.rasa_ext.serve"]
    assert commands["actions"][1:3] == ["-m", "bot.action_server"]
    assert "--auth-token" not in commands["rasa"] and "*" not in commands["rasa"]


def test_each_server_gets_only_the_secrets_it_needs(tmp_path, monkeypatch):
    for name in run.SECRET_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    stack = Stack(var_dir=tmp_path, web_port=8123)
    rasa, actions, web = (stack.process_environment(n) for n in ("rasa", "actions", "web"))
    assert rasa["KANSRIJK_RASA_TOKEN"] == stack.token
    assert rasa["KANSRIJK_RASA_JWT_SECRET"] == stack.jwt_secret
    assert rasa["KANSRIJK_ACTION_SECRET"] == actions["KANSRIJK_ACTION_SECRET"] == stack.action_secret
    assert "KANSRIJK_RASA_TOKEN" not in actions and "KANSRIJK_RASA_JWT_SECRET" not in actions
    assert "KANSRIJK_ACTION_SECRET" not in web
    assert web["KANSRIJK_RASA_JWT_SECRET"] == stack.jwt_secret
    assert not set(run.SECRET_VARIABLES) & set(stack.process_environment("retention"))
    # CORS: the web app's own page, on the port this stack serves it.
    assert rasa["KANSRIJK_CORS_ORIGINS"] == "http://localhost:8123 http://127.0.0.1:8123"
    secrets_dir = tmp_path / "secrets"
    assert stat.S_IMODE(secrets_dir.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in secrets_dir.iterdir()} == {0o600}


def test_the_rasa_wrapper_adds_secrets_loopback_and_cors_itself(tmp_path):
    argv = ["--port", "5005", "--model", "models"]
    env = {"KANSRIJK_RASA_TOKEN": "tok", "KANSRIJK_RASA_JWT_SECRET": "jwt"}
    arguments = serve.rasa_arguments(argv, env)
    assert arguments[:2] == ["run", "--enable-api"]
    assert arguments[arguments.index("--interface") + 1] == "127.0.0.1"
    assert "--auth-token=tok" in arguments and "--jwt-secret=jwt" in arguments
    assert arguments[arguments.index("--cors") + 1:] == ["http://localhost:8000", "http://127.0.0.1:8000"]
    configured = serve.rasa_arguments(argv, {
        **env, "KANSRIJK_RASA_HOST": "0.0.0.0",
        "KANSRIJK_CORS_ORIGINS": "https://school.example, https://andere.example"})
    assert configured[configured.index("--interface") + 1] == "0.0.0.0"
    assert configured[configured.index("--cors") + 1:] == ["https://school.example", "https://andere.example"]
    # From the secrets folder when the environment has none; refused on the command line.
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "rasa_token").write_text("from-file\n")
    (tmp_path / "secrets" / "rasa_jwt_secret").write_text("jwt-file\n")
    from_files = serve.rasa_arguments(argv, {"KANSRIJK_VAR": str(tmp_path)})
    assert "--auth-token=from-file" in from_files
    with pytest.raises(serve.MissingSecret, match="KANSRIJK_RASA_TOKEN"):
        serve.rasa_arguments(argv, {"KANSRIJK_VAR": str(tmp_path / "elsewhere")})
    with pytest.raises(serve.MissingSecret, match="opdrachtregel"):
        serve.rasa_arguments([*argv, "--auth-token", "x"], env)


def test_a_secret_that_starts_with_a_dash_reaches_rasa_as_its_value():
    """token_urlsafe gives a leading "-" one time in 64: Rasa's argparse must still read it as the value."""
    import argparse

    parser = argparse.ArgumentParser()  # the options as `rasa run` declares them
    parser.add_argument("-t", "--auth-token", type=str)
    parser.add_argument("--jwt-secret", type=str)
    parser.add_argument("--cors", nargs="*")
    parser.add_argument("--interface")
    env = {"KANSRIJK_RASA_TOKEN": "-x8abc", "KANSRIJK_RASA_JWT_SECRET": "--jwt"}
    parsed, _ = parser.parse_known_args(serve.rasa_arguments([], env)[2:])
    assert (parsed.auth_token, parsed.jwt_secret) == ("-x8abc", "--jwt")


def test_the_portal_jwt_is_valid_for_rasa_and_one_conversation(tmp_path):
    """Signed here without PyJWT; checked with the PyJWT that Rasa's sanic-jwt uses."""
    from tests.bot.rasa_venv import run_in_rasa_venv

    jwt = tokens.rasa_api_jwt("conv-1", secret="geheim", lifetime=60)
    admin = tokens.rasa_api_jwt(secret="geheim", lifetime=60)
    expired = tokens.rasa_api_jwt(secret="geheim", lifetime=60, now=1_000_000)
    script = (
        "import sys, jwt\n"
        "for token in sys.argv[1:3]:\n"
        "    print(jwt.decode(token, 'geheim', algorithms=['HS256'])['user'])\n"
        "try:\n"
        "    jwt.decode(sys.argv[3], 'geheim', algorithms=['HS256'])\n"
        "except jwt.ExpiredSignatureError:\n"
        "    print('expired')\n"
    )
    result = run_in_rasa_venv(script, jwt, admin, expired)
    assert result.stdout.splitlines() == [
        "{'username': 'conv-1', 'role': 'user'}", "{'username': 'kansrijk', 'role': 'admin'}", "expired",
    ], result.stderr[-2000:]


def test_existing_var_files_are_made_owner_only(tmp_path, monkeypatch):
    old = os.umask(0o022)
    try:
        var = tmp_path / "var"
        (var / "logs").mkdir(parents=True)
        (var / "logs" / "rasa.log").write_text("oud\n")
        for name in ("kansrijk.db", "kansrijk.db-wal", "rasa_tracker.db"):
            (var / name).write_text("")
        monkeypatch.delenv("KANSRIJK_DB", raising=False)
        monkeypatch.delenv("KANSRIJK_TRACKER_DB", raising=False)
        stack = Stack(var_dir=var)
        stack.secure_files()
        for folder in (var, var / "logs", var / "secrets"):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
        for name in ("logs/rasa.log", "kansrijk.db", "kansrijk.db-wal", "rasa_tracker.db"):
            assert stat.S_IMODE((var / name).stat().st_mode) == 0o600, name
        with stack._open_log("web"):
            pass
        assert stat.S_IMODE(stack.log_path("web").stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_the_retention_schedule_runs_at_start_and_then_every_interval(tmp_path):
    calls = []
    ran = threading.Event()

    def purge(env, log):
        calls.append(env)
        log(f"run {len(calls)}")
        if len(calls) == 2:
            raise RuntimeError("kapot")  # logged; the schedule goes on
        if len(calls) == 3:
            ran.set()

    schedule = run.RetentionSchedule({"KANSRIJK_VAR": "x"}, tmp_path / "retention.log",
                                     interval=0.05, run=purge).start()
    try:
        assert ran.wait(10)
    finally:
        schedule.stop()
    assert calls[0] == {"KANSRIJK_VAR": "x"}
    log = (tmp_path / "retention.log").read_text()
    assert "run 1" in log and "opschonen mislukt: RuntimeError('kapot')" in log and "run 3" in log
    assert stat.S_IMODE((tmp_path / "retention.log").stat().st_mode) == 0o600
    # The default interval is a day.
    assert run.RETENTION_INTERVAL == 24 * 3600


def test_make_run_starts_the_retention_schedule(tmp_path, monkeypatch):
    """main() (what `make run` runs) purges once the servers are up, with the servers' settings."""
    purged = threading.Event()
    seen = {}

    class Stopped:
        returncode = 0

        def poll(self):
            return 0 if purged.wait(10) else None

    def fake_start(self, timeout=180):
        self.processes["rasa"] = Stopped()
        return self

    def fake_purge(env, log):
        seen.update(env)
        purged.set()

    monkeypatch.setattr(run.Stack, "start", fake_start)
    monkeypatch.setattr(run.Stack, "stop", lambda self: None)
    monkeypatch.setattr(run.retention, "run_all", fake_purge)
    stack = Stack(var_dir=tmp_path)
    monkeypatch.setattr(run, "Stack", lambda: stack)
    old = os.umask(0o022)
    try:
        assert run.main() == 1  # "a server stopped"
        assert os.umask(0o022) == run.UMASK  # main made the supervisor's files owner-only
    finally:
        os.umask(old)
    assert purged.is_set()
    assert seen["KANSRIJK_VAR"] == str(tmp_path)
    assert not set(run.SECRET_VARIABLES) & set(seen)
