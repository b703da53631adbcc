"""Fixtures for every test package: one fresh app database, and one running Kansrijk
(real Rasa server, action server, web app) shared by the integration and browser tests."""
from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import List

import pytest

import appdb
from appdb.settings import REPO
from bot.run import Stack

# KANSRIJK_TEST_MODEL: run against another trained model (e.g. a feature branch's).
MODEL = Path(os.environ.get("KANSRIJK_TEST_MODEL") or REPO / "models" / "kansrijk.tar.gz")


def pytest_configure(config):
    # Tests move KANSRIJK_VAR to temporary folders; the catalogue's embedding cache is
    # keyed by content and model, so all of them (and the servers they start) share the
    # checkout's cache instead of computing the vectors again for every test.
    os.environ.setdefault("KANSRIJK_CACHE_DIR", str(REPO / "var" / "cache"))
    # The Makefile exports the checkout's tracker database for `make run`; the test stack
    # keeps its conversations in its own temporary folder instead.
    os.environ.pop("KANSRIJK_TRACKER_DB", None)


@pytest.fixture
def fresh_db(tmp_path, monkeypatch):
    """The migrated app database in a temporary file.

    ``KANSRIJK_VAR`` and ``KANSRIJK_DB`` point there too, so the actions, the web app and
    the CLIs that a test calls open this same database.
    """
    path = tmp_path / "kansrijk.db"
    monkeypatch.setenv("KANSRIJK_VAR", str(tmp_path))
    monkeypatch.setenv("KANSRIJK_DB", str(path))
    db = appdb.connect(path)
    yield db
    db.close()


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
        # As `make run` seeds them: the demo page's school DEMO01 and the demo institutions
        # are in the school registry, so shares and hand-offs of the tests reach them.
        from bot.seed import seed_schools

        seeded = appdb.connect(running.var_dir / "kansrijk.db")
        seed_schools(seeded)
        seeded.close()
        yield running
    finally:
        running.stop()
