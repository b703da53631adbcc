"""One running Kansrijk (real Rasa server, action server, web app) shared by the
integration and browser tests of a pytest session."""
from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import List

import pytest

from bot.run import Stack
from bot.settings import REPO

# KANSRIJK_TEST_MODEL: run against another trained model (e.g. a feature branch's).
MODEL = Path(os.environ.get("KANSRIJK_TEST_MODEL") or REPO / "models" / "kansrijk.tar.gz")


def free_ports(count: int) -> List[int]:
    """Ports nobody listens on now, so parallel test runs and `make run` don't collide."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail("Geen getraind model: draai eerst `make train` (make test doet dat zelf).")
    rasa_port, action_port, web_port = free_ports(3)
    running = Stack(var_dir=Path(tmp_path_factory.mktemp("var")), rasa_port=rasa_port,
                    action_port=action_port, web_port=web_port, model=MODEL, with_web=True)
    # Loading the model takes minutes on a busy 2-core machine.
    running.start(timeout=480)
    try:
        yield running
    finally:
        running.stop()
