"""The chat widget on the demo school page, driven in chromium against the real Rasa."""
from __future__ import annotations

import json

from browser_steps import bot_says, open_widget, session_id, type_message
from playwright.sync_api import expect

from bot import facts

GREETING = "Waar wil je mee beginnen?"


def test_greeting_buttons_privacy_note_and_handoff(page, app_db, shot, web_stack):
    open_widget(page)
    note = page.locator(".kr-privacy")
    expect(note).to_contain_text("vraagt nooit je naam")
    expect(note.get_by_role("link")).to_have_attribute("href", f"{web_stack.web_url}/privacy")
    bot_says(page, GREETING)
    choices = page.get_by_role("group", name="Kies een antwoord").get_by_role("button")
    expect(choices).to_have_text(
        ["Studiekeuze", "Stage zoeken", "Discriminatie melden", "Praten met een mens"]
    )
    shot(page, "greeting")

    page.get_by_role("button", name="Praten met een mens").click()
    expect(page.locator(".kr-user").last).to_have_text("Jij: Praten met een mens")
    expect(page.locator(".kr-choices")).to_have_count(0)  # used buttons go away
    bot_says(page, "Waar wil je over praten?")
    type_message(page, "twijfel over mijn opleiding")
    bot_says(page, "Hoe wil je contact?")
    page.get_by_role("button", name="Via mijn mentor op school").click()
    bot_says(page, "Je code is")
    shot(page, "handoff-code")

    [handoff] = facts.handoffs_for(app_db, session_id(page))
    assert handoff["school"] == "DEMO01", "the widget sends metadata.school with each message"
    assert handoff["topic"] == "twijfel over mijn opleiding"
    assert handoff["code"] in page.locator(".kr-log").inner_text()
    assert page.js_errors == []


def test_reload_keeps_the_conversation_and_new_conversation_starts_empty(page, shot):
    open_widget(page)
    bot_says(page, GREETING)
    type_message(page, "ben jij een echte persoon?")
    bot_says(page, "computerprogramma")
    first_id = session_id(page)
    before = page.locator(".kr-msg").count()

    page.reload()
    expect(page.locator(".kr-panel")).to_be_visible()  # still open after reload
    expect(page.locator(".kr-msg")).to_have_count(before)
    assert session_id(page) == first_id
    type_message(page, "hoi")  # the same Rasa conversation goes on
    bot_says(page, GREETING)
    shot(page, "after-reload")

    page.get_by_role("button", name="Nieuw gesprek beginnen en dit gesprek wissen").click()
    expect(page.locator(".kr-log")).not_to_contain_text("computerprogramma")
    bot_says(page, GREETING)
    assert session_id(page) != first_id
    expect(page.locator("#kr-input")).to_be_focused()
    shot(page, "new-conversation")


def test_page_scripts_get_no_conversation_id_and_a_copied_id_opens_nothing(page, browser, web_stack):
    """Issue 14, item 5: the server issues the id; without its secret another browser gets a new conversation."""
    open_widget(page)
    bot_says(page, GREETING)
    type_message(page, "ben jij een echte persoon?")
    bot_says(page, "computerprogramma")
    conversation = session_id(page)
    assert conversation.startswith("s_")
    assert page.evaluate("Object.keys(window.KansrijkWidget).sort()") == ["close", "newConversation", "open", "socket"]
    assert conversation not in page.evaluate(
        "JSON.stringify(['open', 'close', 'newConversation'].map(k => String(window.KansrijkWidget[k])))")

    # Someone who copied the id (an export, a shoulder) puts it in their own browser's storage.
    other = browser.new_context(base_url=web_stack.web_url, locale="nl-NL")
    other.set_default_timeout(20_000)
    other.add_init_script(
        "sessionStorage.getItem('kansrijk:DEMO01') || sessionStorage.setItem('kansrijk:DEMO01', JSON.stringify("
        f"{{id: {json.dumps(conversation)}, secret: 'A'.repeat(43), messages: [], open: false}}))")
    intruder = other.new_page()
    open_widget(intruder)
    bot_says(intruder, GREETING)
    assert session_id(intruder) != conversation
    type_message(intruder, "ben jij een bot?")
    bot_says(intruder, "computerprogramma")
    expect(intruder.locator(".kr-log")).not_to_contain_text("echte persoon")
    other.close()
    # The owner's conversation got none of it.
    expect(page.locator(".kr-user")).to_have_count(1)
    assert session_id(page) == conversation


def test_reconnects_after_the_connection_drops(page, shot):
    open_widget(page)
    bot_says(page, GREETING)
    page.evaluate("window.KansrijkWidget.socket.io.engine.close()")
    expect(page.locator(".kr-status")).to_have_text("Weer verbonden.", timeout=15_000)
    type_message(page, "ben jij een bot?")
    bot_says(page, "computerprogramma")
    shot(page, "reconnected")


def test_cards_and_hostile_text_are_shown_as_text(page, shot):
    """Bot text, cards and the student's own text never run as HTML."""
    open_widget(page)
    bot_says(page, GREETING)
    type_message(page, '<img src=x onerror="window.__xss=1">')
    expect(page.locator(".kr-user").last).to_contain_text('<img src=x onerror="window.__xss=1">')
    bot_says(page, "")  # any answer
    # A bot message with a card, as an action would send it (see the README, 'Why our own chat widget').
    page.evaluate(
        """() => window.KansrijkWidget.socket.listeners('bot_uttered')[0]({
             text: '<b>Opleidingen</b>',
             cards: [{title: '<script>window.__xss=2</script>', subtitle: 'Kansen: goed',
                      lines: ['<img src=x onerror="window.__xss=3">'],
                      link: 'javascript:window.__xss=4'}]})"""
    )
    card = page.locator(".kr-card").last
    expect(card.locator(".kr-card-title")).to_have_text("<script>window.__xss=2</script>")
    expect(card.locator("li")).to_have_text('<img src=x onerror="window.__xss=3">')
    expect(card.locator("a")).to_have_count(0)  # javascript: links are dropped
    expect(page.locator(".kr-log img, .kr-log script, .kr-log b")).to_have_count(0)
    shot(page, "escaped")
    assert page.evaluate("window.__xss") is None


def test_full_study_choice_conversation_and_share(page, app_db, shot):
    """Issue 7, browser test 1: study choice through the widget, prospects visible, agree to share."""
    open_widget(page)
    bot_says(page, GREETING)
    page.get_by_role("button", name="Studiekeuze").click()
    bot_says(page, "vmbo of op het mbo")
    page.get_by_role("button", name="vmbo", exact=True).click()
    bot_says(page, "Welke leerweg")
    page.get_by_role("button", name="kader").click()
    bot_says(page, "Wat vind je leuk")
    type_message(page, "ik werk graag met mensen en met computers")
    bot_says(page, "Waar woon je")
    page.get_by_role("button", name="Sla over").click()
    expect(page.locator(".kr-card")).not_to_have_count(0, timeout=30_000)
    expect(page.locator(".kr-card").first).to_contain_text("Kans op werk")
    bot_says(page, "voorbeeldcijfers")
    shot(page, "recommendations")

    page.get_by_role("button", name="Vergelijk").click()
    bot_says(page, "Vergelijking")
    shot(page, "comparison")

    type_message(page, "doei")
    bot_says(page, "samenvatting")  # the sharing question
    assert app_db.execute("select count(*) from shares where conversation_id = ?",
                          [session_id(page)]).fetchone() == (0,)
    page.get_by_role("button", name="Ja, dat mag").click()
    bot_says(page, "Je decaan kan nu een samenvatting zien")
    share = app_db.execute("select school from shares where conversation_id = ?",
                           [session_id(page)]).fetchone()
    assert share == ("DEMO01",)
    shot(page, "shared")
    assert page.js_errors == []
