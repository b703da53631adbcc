"""WCAG 2.1 AA checks of the widget and the portal: axe-core with a conversation in it, keyboard only,
and the research report and school overview with figures in them."""
from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_steps import PASSWORD, bot_says, log_in, open_widget, type_message
from playwright.sync_api import expect

from bot import accounts, experiments, facts
from bot.experiments import store

# A school of its own, so the experiment changes no other test's conversations at DEMO01.
AXE_SCHOOL = "AXE01"

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}


def serious(page) -> list:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_finds_no_serious_violations_with_a_conversation_open(page, shot):
    open_widget(page)
    bot_says(page, "Waar wil je mee beginnen?")
    type_message(page, "ben jij een bot?")
    bot_says(page, "computerprogramma")
    expect(page.locator(".kr-choices").first).to_be_visible()
    shot(page, "axe-widget-open")
    assert serious(page) == []


def test_axe_on_portal_login(page, shot):
    page.goto("/portaal/login")
    shot(page, "axe-login")
    assert serious(page) == []


def test_keyboard_only_walk_through(page, shot):
    page.emulate_media(reduced_motion="reduce")
    page.goto("/")
    launcher = page.get_by_role("button", name="Chat met Kansrijk")
    for _ in range(10):  # Tab from the top of the page to the launcher
        page.keyboard.press("Tab")
        if launcher.evaluate("el => el === document.activeElement"):
            break
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    outline = launcher.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "focus must be visible"

    page.keyboard.press("Enter")
    expect(page.locator("#kr-input")).to_be_focused()  # focus moves into the input
    expect(page.locator(".kr-log")).to_have_attribute("role", "log")
    bot_says(page, "Waar wil je mee beginnen?")
    assert page.locator(".kr-dot").first.evaluate("el => getComputedStyle(el).animationName") == "none"

    # Shift+Tab back from the input reaches the quick-reply buttons; Enter sends one.
    page.keyboard.press("Shift+Tab")
    for _ in range(8):
        if page.evaluate("document.activeElement.classList.contains('kr-choice')"):
            break
        page.keyboard.press("Shift+Tab")
    chosen = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    expect(page.locator(".kr-user").last).to_have_text(f"Jij: {chosen}")
    expect(page.locator("#kr-input")).to_be_focused()
    shot(page, "keyboard-choice")

    page.keyboard.type("hoi")
    page.keyboard.press("Enter")
    expect(page.locator(".kr-user").last).to_have_text("Jij: hoi")

    page.keyboard.press("Escape")  # close: focus goes back to the launcher
    expect(page.locator(".kr-panel")).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    shot(page, "keyboard-closed")


def test_widget_buttons_have_names_and_contrast(page):
    open_widget(page)
    for button in page.locator(".kr-root button").all():
        if button.is_visible():
            name = button.get_attribute("aria-label") or button.inner_text()
            assert name.strip(), "every button has a name"
    # The colour check is axe's; here a brand colour that is too light must still give readable text.
    page.goto("/")
    page.evaluate("""() => {
        document.querySelectorAll('.kr-root').forEach(n => n.remove());
        delete window.KansrijkWidget;
        const s = document.createElement('script');
        s.src = '/static/kansrijk-widget.js'; s.dataset.school = 'DEMO01';
        s.dataset.color = '#ffd700'; s.dataset.rasaUrl = 'http://localhost:16005';
        document.body.appendChild(s);
    }""")
    expect(page.locator(".kr-launcher")).to_have_count(1)
    assert page.locator(".kr-launcher").evaluate("el => getComputedStyle(el).color") == "rgb(17, 17, 17)"


@pytest.fixture(scope="module")
def research_data(app_db):
    """An experiment at AXE01 with three arms and a small cell, shared conversations, two logins."""
    today = store.today()
    store.add(app_db, experiments.parse_definition({
        "name": "axe_onderzoek", "schools": [AXE_SCHOOL], "start": today - timedelta(days=5),
        "end": today + timedelta(days=100), "arms": {"standard": 1, "no_offer": 1, "framed": 1},
        "primary_outcome": "looked_at_alternative", "secondary_outcomes": ["final_kans_op_werk"],
        "min_sample_per_arm": 100, "hypothesis": "Een aanbod vanuit de interesses helpt.",
    }))
    rows = []
    for arm, n, looked in (("standard", 30, 12), ("no_offer", 25, 5), ("framed", 20, 10)):
        ids = [f"axe-{arm}-{i}" for i in range(n)]
        rows += [(cid, "experiment_arm", {"experiment": "axe_onderzoek", "arm": arm}) for cid in ids]
        rows += [(cid, "alternative_viewed", {}) for cid in ids[:looked]]
    facts.record_facts(app_db, rows)
    for i in range(14):
        conversation = f"axe-gedeeld-{i}"
        facts.record_fact(app_db, conversation, "programmes_shown", {"programmes": [{"crebo": "25829"}]})
        facts.record_fact(app_db, conversation, "prospects_asked", {"crebo": "25829", "kans_op_werk": "matig"})
        facts.share_with_school(app_db, conversation, AXE_SCHOOL)
    for email, role in (("onderzoek@axe01.nl", "researcher"), ("decaan@axe01.nl", "counsellor")):
        accounts.add_account(app_db, email, role, AXE_SCHOOL, PASSWORD)
    return app_db


def test_axe_on_research_report(page, research_data, shot):
    log_in(page, "onderzoek@axe01.nl")
    expect(page.get_by_role("heading", name="Onderzoek op jouw school")).to_be_visible()
    page.get_by_role("link", name="axe_onderzoek").click()
    expect(page.get_by_role("heading", name="Onderzoek axe_onderzoek")).to_be_visible()
    expect(page.locator("main")).to_contain_text("< 10")  # no_offer: only 5 looked at an alternative
    image = page.locator("main img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    assert image.get_attribute("alt").startswith("Staafdiagram")
    shot(page, "axe-research-report")
    assert serious(page) == []


def test_axe_on_school_overview(page, research_data, shot):
    log_in(page, "decaan@axe01.nl")
    page.get_by_role("link", name="Overzicht school").click()
    expect(page.get_by_role("heading", name=f"Overzicht van school {AXE_SCHOOL}")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Gedeelde gesprekken in totaal: 14")
    for image in page.locator("main img").all():
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        assert image.get_attribute("alt").startswith("Staafdiagram")
    shot(page, "axe-school-overview")
    assert serious(page) == []
