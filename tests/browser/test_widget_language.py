"""The widget's language button: its own labels and the assistant's replies switch to English and back."""
from __future__ import annotations

from browser_steps import bot_says, open_widget
from playwright.sync_api import expect


def test_the_language_button_switches_to_english_and_back(page, shot):
    open_widget(page)
    bot_says(page, "Waar wil je mee beginnen?")
    page.get_by_role("button", name="Switch to English").click()
    bot_says(page, "Okay, we'll talk in English.")
    bot_says(page, "What else can I help you with?")
    expect(page.get_by_role("button", name="Find an internship").last).to_be_visible()
    expect(page.locator(".kr-send")).to_have_text("Send")
    expect(page.locator(".kr-privacy")).to_contain_text("never asks your name")
    shot(page, "english")

    page.get_by_role("button", name="Verder in het Nederlands").click()
    bot_says(page, "Oké, we praten Nederlands.")
    expect(page.locator(".kr-send")).to_have_text("Verstuur")
    assert page.js_errors == []
