"""A running Kansrijk (Rasa, actions, web app) and Debian's chromium for the browser tests."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import appdb
from appdb.settings import REPO

CHROMIUM = Path("/usr/bin/chromium")
VENDORED = REPO / "bot" / "web" / "static" / "vendor" / "socket.io.min.js"
SHOTS = REPO / "test-output" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def web_stack(stack):
    """The shared stack of tests/conftest.py, checked for the widget's assets."""
    if not VENDORED.exists():
        pytest.fail("socket.io-client ontbreekt in bot/web/static/vendor: draai `npm ci`.")
    return stack


@pytest.fixture(scope="session")
def app_db(web_stack):
    """The stack's app database, as the web app and the actions see it."""
    db = appdb.connect(web_stack.var_dir / "kansrijk.db")
    yield db
    db.close()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Geen chromium: draai `make browser-deps` (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, web_stack):
    context = browser.new_context(base_url=web_stack.web_url, locale="nl-NL",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    context.close()


@pytest.fixture
def shot(request):
    """shot(page, "step") saves test-output/browser/<test>-<n>-<step>.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    counter = {"n": 0}
    test = re.sub(r"[^A-Za-z0-9_-]+", "_", request.node.name)

    def take(page, step: str) -> None:
        counter["n"] += 1
        page.screenshot(path=str(SHOTS / f"{test}-{counter['n']:02d}-{step}.png"), full_page=False)

    return take
