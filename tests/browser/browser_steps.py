"""Small steps the browser tests share: talk through the widget, log in to the portal."""
from __future__ import annotations

from playwright.sync_api import Page, expect

PASSWORD = "geheim-wachtwoord-123"

LOG = ".kr-log"


def open_widget(page: Page, school: str = "DEMO01") -> None:
    page.goto(f"/?school={school}")
    page.get_by_role("button", name="Chat met Kansrijk").click()
    expect(page.locator("#kr-input")).to_be_focused()


def bot_says(page: Page, text: str, timeout: float = 30_000) -> None:
    expect(page.locator(f"{LOG} .kr-bot").filter(has_text=text).last).to_be_visible(timeout=timeout)


def type_message(page: Page, text: str) -> None:
    page.locator("#kr-input").fill(text)
    page.locator("#kr-input").press("Enter")


def session_id(page: Page, school: str = "DEMO01") -> str:
    """The conversation id the server issued, from the widget's sessionStorage (page scripts get no getter)."""
    return page.evaluate("school => JSON.parse(sessionStorage.getItem('kansrijk:' + school)).id", school)


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/portaal/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
