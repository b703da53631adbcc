"""Start Rasa, the action server and the web app together; Ctrl-C stops all three.

`python -m bot.run` is what `make run` calls. The same `Stack` class starts the
real servers for the integration tests, on other ports and a temporary var dir.

Trust boundaries (see ../shared/DESIGN.md): Rasa and the action server listen on
127.0.0.1 unless KANSRIJK_RASA_HOST / KANSRIJK_ACTION_HOST say otherwise; the action
server answers only calls with the shared secret that Rasa sends (bot/action_server.py);
the Rasa API token and JWT secret reach Rasa in the environment through
bot/rasa_ext/serve.py, never on a command line (`ps` shows those to every user). The var
folder, its secrets, logs and databases are owner-only (umask 077 for every child).
`make run` also runs the retention purges at start and then daily (bot/retention.py).
"""
from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

from appdb.settings import REPO
from bot import retention, tokens


class StartupError(RuntimeError):
    """A server did not come up; its log file says why."""


RUNTIME_DEFAULTS = {
    "MALLOC_ARENA_MAX": "2",
    "TF_INTRA_OP_PARALLELISM_THREADS": "1",
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
}

# Files the servers create get no group or world bits.
UMASK = 0o077
# The secrets each server needs, by its environment variable; the others are withheld.
# KANSRIJK_SESSION_KEY is passed on only when set; else bot.rasa_ext.serve reads its file.
SECRET_VARIABLES = ("KANSRIJK_RASA_TOKEN", "KANSRIJK_RASA_JWT_SECRET", "KANSRIJK_ACTION_SECRET",
                    "KANSRIJK_SESSION_KEY")
SECRETS_FOR = {
    "rasa": set(SECRET_VARIABLES),
    "actions": {"KANSRIJK_ACTION_SECRET"},
    "web": {"KANSRIJK_RASA_TOKEN", "KANSRIJK_RASA_JWT_SECRET"},
}
RETENTION_INTERVAL = 24 * 3600


@dataclass
class Stack:
    """The three processes of a running Kansrijk, started in the right order."""

    var_dir: Path = REPO / "var"
    rasa_port: int = 5005
    action_port: int = 5055
    web_port: int = 8000
    model: Path = REPO / "models"
    with_web: bool = True
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://localhost:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}/webhook"

    @property
    def web_url(self) -> str:
        return f"http://localhost:{self.web_port}"

    def _secret(self, variable: str, filename: str) -> str:
        return os.environ.get(variable) or tokens.ensure_token(self.var_dir / "secrets" / filename)

    @property
    def token(self) -> str:
        """Rasa's API token (accepted only as ``?token=``; the portal uses a JWT instead)."""
        return self._secret("KANSRIJK_RASA_TOKEN", "rasa_token")

    @property
    def jwt_secret(self) -> str:
        return self._secret("KANSRIJK_RASA_JWT_SECRET", "rasa_jwt_secret")

    @property
    def action_secret(self) -> str:
        return self._secret("KANSRIJK_ACTION_SECRET", "action_secret")

    def api_headers(self, conversation_id: Optional[str] = None) -> Dict[str, str]:
        """Headers for Rasa's HTTP API: a short-lived JWT (admin, or for one conversation)."""
        jwt = tokens.rasa_api_jwt(conversation_id, secret=self.jwt_secret, lifetime=300)
        return {"Authorization": f"Bearer {jwt}"}

    def environment(self) -> Dict[str, str]:
        """Everything the servers share, every secret included (see process_environment)."""
        env = dict(os.environ)
        env.update(
            PYTHONPATH=str(REPO),
            HF_HUB_OFFLINE="1",
            RASA_TELEMETRY_ENABLED="false",
            TF_CPP_MIN_LOG_LEVEL="2",
            KANSRIJK_VAR=str(self.var_dir),
            KANSRIJK_DB=env.get("KANSRIJK_DB") or str(self.var_dir / "kansrijk.db"),
            KANSRIJK_ACTION_URL=self.action_url,
            KANSRIJK_RASA_URL=self.rasa_url,
            KANSRIJK_RASA_TOKEN=self.token,
            KANSRIJK_RASA_JWT_SECRET=self.jwt_secret,
            KANSRIJK_ACTION_SECRET=self.action_secret,
            # The browser reaches Rasa's socket.io channel from the web app's page.
            KANSRIJK_CORS_ORIGINS=env.get("KANSRIJK_CORS_ORIGINS")
            or f"http://localhost:{self.web_port} http://127.0.0.1:{self.web_port}",
            KANSRIJK_TRACKER_DIALECT=env.get("KANSRIJK_TRACKER_DIALECT", "sqlite"),
            KANSRIJK_TRACKER_DB=env.get("KANSRIJK_TRACKER_DB")
            or str(self.var_dir / "rasa_tracker.db"),
        )
        # Memory and latency: few malloc arenas (glibc makes one per thread, which
        # costs hundreds of MB in TensorFlow's thread pools) and one TensorFlow
        # thread per op (the model is small; thread hand-offs cost more than they
        # save). Each can be overridden from the environment.
        for name, value in RUNTIME_DEFAULTS.items():
            env.setdefault(name, value)
        return env

    def process_environment(self, name: str) -> Dict[str, str]:
        """The environment of one server: the shared one without the secrets it does not need."""
        env = self.environment()
        for variable in SECRET_VARIABLES:
            if variable not in SECRETS_FOR.get(name, ()):
                env.pop(variable, None)
        return env

    def commands(self) -> Dict[str, List[str]]:
        """The servers' command lines: no secret in any of them (they are public in `ps`)."""
        commands = {
            "actions": [
                str(REPO / ".venv/bin/python"), "-m", "bot.action_server",
                "--actions", "actions", "--port", str(self.action_port),
            ],
            "rasa": [
                str(REPO / ".venv-rasa/bin/python"), "-m", "bot.rasa_ext.serve",
                "--port", str(self.rasa_port), "--model", str(self.model),
                "--endpoints", "endpoints.yml", "--credentials", "credentials.yml",
            ],
        }
        if self.with_web:
            commands["web"] = [
                str(REPO / ".venv/bin/python"), "-m", "uvicorn",
                "bot.web.app:create_app", "--factory", "--port", str(self.web_port),
                # The portal itself decides whose X-Forwarded-For counts (KANSRIJK_TRUSTED_PROXIES);
                # uvicorn would otherwise believe any client on 127.0.0.1.
                "--no-proxy-headers",
            ]
        return commands

    def log_path(self, name: str) -> Path:
        return self.var_dir / "logs" / f"{name}.log"

    def ports(self) -> Dict[str, int]:
        ports = {"rasa": self.rasa_port, "actions": self.action_port}
        if self.with_web:
            ports["web"] = self.web_port
        return ports

    def check_ports_free(self) -> None:
        """A server whose port is taken exits at once (Rasa even with code 0): say so first."""
        for name, port in self.ports().items():
            with socket.socket() as probe:
                probe.settimeout(0.5)
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    raise StartupError(
                        f"poort {port} ({name}) is al in gebruik. Draait Kansrijk al? "
                        f"Stop dat eerst, of stop het programma dat poort {port} gebruikt."
                    )

    def secure_files(self) -> None:
        """Make the var folder, secrets, logs and databases owner-only, also when they exist."""
        for folder in (self.var_dir, self.var_dir / "secrets", self.var_dir / "logs"):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            _restrict(folder, 0o700)
        env = self.environment()
        files = list((self.var_dir / "secrets").iterdir()) + list((self.var_dir / "logs").iterdir())
        for database in (env.get("KANSRIJK_DB"), env.get("KANSRIJK_TRACKER_DB")):
            if database and "://" not in database and database != ":memory:":
                files += [Path(database + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
        for path in files:
            if path.is_file():
                _restrict(path, 0o600)

    def _open_log(self, name: str):
        fd = os.open(self.log_path(name), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return os.fdopen(fd, "ab")

    def start(self, timeout: float = 180) -> "Stack":
        self.check_ports_free()
        self.secure_files()
        for name, command in self.commands().items():
            with self._open_log(name) as log:
                self.processes[name] = subprocess.Popen(
                    command, cwd=REPO, env=self.process_environment(name), stdout=log,
                    stderr=subprocess.STDOUT, start_new_session=True, umask=UMASK,
                )
        try:
            self._wait_for(f"http://localhost:{self.action_port}/health", "actions", timeout)
            self._warm_up_actions()
            self._wait_for(f"{self.rasa_url}/status", "rasa", timeout, self.api_headers)
            if self.with_web:
                self._wait_for(f"{self.web_url}/health", "web", timeout)
        except Exception:
            self.stop()
            raise
        return self

    def _wait_for(
        self, url: str, name: str, timeout: float,
        headers: Optional[Callable[[], Dict[str, str]]] = None,
    ) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = self.processes[name]
            if process.poll() is not None:
                raise StartupError(
                    f"{name} stopte meteen (code {process.returncode}); zie {self.log_path(name)}"
                )
            request = urllib.request.Request(url, headers=headers() if headers else {})
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.5)
        raise StartupError(f"{name} reageert niet na {timeout:.0f} s; zie {self.log_path(name)}")

    def _warm_up_actions(self) -> None:
        body = json.dumps(
            {"next_action": "action_warm_up", "sender_id": "warm-up",
             "tracker": {"sender_id": "warm-up", "slots": {}, "latest_message": {},
                         "events": [], "paused": False, "latest_event_time": None,
                         "followup_action": None, "active_loop": {},
                         "latest_action_name": None},
             "domain": {}, "version": "3.6.21"}
        ).encode()
        request = urllib.request.Request(
            self.action_url, data=body,
            headers={"Content-Type": "application/json",
                     tokens.ACTION_SECRET_HEADER: self.action_secret},
        )
        with urllib.request.urlopen(request, timeout=300):
            pass

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def _restrict(path: Path, mode: int) -> None:
    """chmod `path` to `mode` if it allows more; leave files of other users alone."""
    try:
        if stat.S_IMODE(path.stat().st_mode) & ~mode:
            path.chmod(mode)
    except PermissionError:
        pass


class RetentionSchedule:
    """Runs the retention purges (bot.retention.run_all) now and then every `interval` seconds,
    in a background thread; a failed run is logged and tried again at the next interval."""

    def __init__(
        self,
        env: Dict[str, str],
        log_path: Optional[Path] = None,
        interval: float = RETENTION_INTERVAL,
        run: Optional[Callable[..., object]] = None,
    ):
        self.env = env
        self.log_path = log_path
        self.interval = interval
        self.run = run or retention.run_all
        self.runs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="retention", daemon=True)

    def log(self, line: str) -> None:
        stamped = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}\n"
        if self.log_path is None:
            sys.stderr.write(stamped)
            return
        fd = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a") as handle:
            handle.write(stamped)

    def _loop(self) -> None:
        while True:
            try:
                self.run(env=self.env, log=self.log)
            except Exception as error:  # noqa: BLE001 - the servers keep running; next run tries again
                self.log(f"opschonen mislukt: {error!r}")
            self.runs += 1
            if self._stop.wait(self.interval):
                return

    def start(self) -> "RetentionSchedule":
        self._thread.start()
        return self

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)


def main(argv: Optional[List[str]] = None) -> int:
    # The supervisor's own files (logs, secrets) are owner-only too.
    os.umask(UMASK)
    stack = Stack()
    schedule: Optional[RetentionSchedule] = None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Also when started from a script, where SIGINT may arrive ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    print("Kansrijk start op (Rasa laden duurt even)...", flush=True)
    try:
        stack.start()
        schedule = RetentionSchedule(
            stack.process_environment("retention"), stack.log_path("retention")
        ).start()
        print(
            f"\nKansrijk draait:\n"
            f"  demo-schoolpagina met chat: {stack.web_url}/\n"
            f"  Rasa REST:                  {stack.rasa_url}/webhooks/rest/webhook\n"
            f"  actieserver:                http://localhost:{stack.action_port}\n"
            f"  logs:                       {stack.var_dir / 'logs'}\n"
            f"  opschonen (bewaartermijn):  nu en elke 24 uur; zie {stack.log_path('retention')}\n"
            f"Stoppen: Ctrl-C\n",
            flush=True,
        )
        while all(p.poll() is None for p in stack.processes.values()):
            time.sleep(1)
        stopped = [n for n, p in stack.processes.items() if p.poll() is not None]
        print(f"Gestopt: {', '.join(stopped)}; zie {stack.var_dir / 'logs'}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    except StartupError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    finally:
        if schedule is not None:
            schedule.stop()
        stack.stop()
        print("Alles gestopt.", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
