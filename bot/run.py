"""Start Rasa, the action server and the web app together; Ctrl-C stops all three.

`python -m bot.run` is what `make run` calls. The same `Stack` class starts the
real servers for the integration tests, on other ports and a temporary var dir.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from appdb.settings import REPO
from bot import tokens


class StartupError(RuntimeError):
    """A server did not come up; its log file says why."""


RUNTIME_DEFAULTS = {
    "MALLOC_ARENA_MAX": "2",
    "TF_INTRA_OP_PARALLELISM_THREADS": "1",
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
}


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

    @property
    def token(self) -> str:
        return tokens.ensure_token(self.var_dir / "secrets" / "rasa_token")

    def environment(self) -> Dict[str, str]:
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

    def commands(self) -> Dict[str, List[str]]:
        commands = {
            "actions": [
                str(REPO / ".venv/bin/python"), "-m", "rasa_sdk",
                "--actions", "actions", "--port", str(self.action_port),
            ],
            "rasa": [
                str(REPO / ".venv-rasa/bin/rasa"), "run", "--enable-api",
                "--auth-token", self.token, "--cors", "*",
                "--port", str(self.rasa_port), "--model", str(self.model),
                "--endpoints", "endpoints.yml", "--credentials", "credentials.yml",
            ],
        }
        if self.with_web:
            commands["web"] = [
                str(REPO / ".venv/bin/python"), "-m", "uvicorn",
                "bot.web.app:create_app", "--factory", "--port", str(self.web_port),
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

    def start(self, timeout: float = 180) -> "Stack":
        self.check_ports_free()
        (self.var_dir / "logs").mkdir(parents=True, exist_ok=True)
        env = self.environment()
        for name, command in self.commands().items():
            log = open(self.log_path(name), "ab")
            self.processes[name] = subprocess.Popen(
                command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_for(f"http://localhost:{self.action_port}/health", "actions", timeout)
            self._warm_up_actions()
            self._wait_for(f"{self.rasa_url}/status?token={self.token}", "rasa", timeout)
            if self.with_web:
                self._wait_for(f"{self.web_url}/health", "web", timeout)
        except Exception:
            self.stop()
            raise
        return self

    def _wait_for(self, url: str, name: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = self.processes[name]
            if process.poll() is not None:
                raise StartupError(
                    f"{name} stopte meteen (code {process.returncode}); zie {self.log_path(name)}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
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
            self.action_url, data=body, headers={"Content-Type": "application/json"}
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


def main(argv: Optional[List[str]] = None) -> int:
    stack = Stack()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Also when started from a script, where SIGINT may arrive ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    print("Kansrijk start op (Rasa laden duurt even)...", flush=True)
    try:
        stack.start()
        print(
            f"\nKansrijk draait:\n"
            f"  demo-schoolpagina met chat: {stack.web_url}/\n"
            f"  Rasa REST:                  {stack.rasa_url}/webhooks/rest/webhook\n"
            f"  actieserver:                http://localhost:{stack.action_port}\n"
            f"  logs:                       {stack.var_dir / 'logs'}\n"
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
        stack.stop()
        print("Alles gestopt.", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
