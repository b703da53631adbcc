"""An experiment at DEMO01 over the real stack: 60 conversations over REST, each arm's nudge, then the report."""
from __future__ import annotations

import uuid
from datetime import timedelta

import httpx
import pytest

import appdb
from bot import facts
from bot.experiments import allocation, definition, outcomes, report, store

pytestmark = pytest.mark.integration

SCHOOL = {"school": "DEMO01"}
PER_ARM = 20
ARMS = ("standard", "no_offer", "framed")
WEAK = "heb je werk met juridisch-administratief dienstverlener?"
# What only an active offer says (standard and framed); no_offer never shows any of it.
OFFER_TEXTS = ("Wil je die zien?", "Wil je ze bekijken?", "Jij kiest zelf", "Er zijn opleidingen die ook bij je passen",
               "passen ook bij wat je leuk vindt")
OFFER_BUTTONS = ("Ja, laat zien", "Nee, ik wil dit echt")
ALTERNATIVES = "Deze passen ook bij je en geven meer kans op werk:"


@pytest.fixture
def db(stack):
    connection = appdb.connect(stack.var_dir / "kansrijk.db")
    yield connection
    connection.close()


@pytest.fixture
def experiment(db):
    """Three equal arms at DEMO01 from today; stopped afterwards, so other tests of the shared stack see today's nudge."""
    today = store.today()
    name = f"nudge_e2e_{uuid.uuid4().hex[:8]}"  # stopped ones stay in the shared database
    registered = store.add(db, definition.parse({
        "name": name,
        "schools": ["DEMO01"],
        "start": today,
        "end": today + timedelta(days=60),
        "arms": {"standard": 1, "no_offer": 1, "framed": 1},
        "primary_outcome": "looked_at_alternative",
        "secondary_outcomes": ["final_kans_op_werk", "ended_kansrijk", "asked_internship_search",
                               "shared_summary", "conversation_completed"],
        "min_sample_per_arm": 10,
        "hypothesis": "Een aanbod vanuit de interesses helpt leerlingen vaker naar een alternatief te kijken.",
    }))
    try:
        yield registered
    finally:
        store.stop(db, name)


def senders(experiment) -> dict[str, list[str]]:
    """Random conversation ids, PER_ARM of each arm (the arm follows from the id), so no cell is suppressed."""
    chosen: dict[str, list[str]] = {arm: [] for arm in ARMS}
    while any(len(ids) < PER_ARM for ids in chosen.values()):
        cid = f"e2e-{uuid.uuid4().hex}"
        arm = allocation.draw(experiment.definition, cid)
        if len(chosen[arm]) < PER_ARM:
            chosen[arm].append(cid)
    return chosen


def texts(messages) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def titles(messages) -> list[str]:
    return [b["title"] for m in messages for b in m.get("buttons") or []]


def button(messages, title_start: str) -> str:
    return next(b["payload"] for m in messages for b in m.get("buttons") or [] if b["title"].startswith(title_start))


# A conversation's k-th place in its arm decides what the student does after the nudge;
# every arm gets the same mix, so the expected counts per arm are the same.
def looks_at_alternatives(k: int) -> bool:
    return k % 3 == 0


def views_one(k: int) -> bool:
    return k % 6 == 0


def keeps_choice(k: int) -> bool:
    return k % 5 == 2 and not looks_at_alternatives(k)


def says_goodbye(k: int) -> bool:
    return k % 4 == 1


def shares(k: int) -> bool:
    return k % 8 == 1


def converse(chat, sender: str, arm: str, k: int) -> None:
    nudge = chat.say(sender, WEAK, SCHOOL)
    text = texts(nudge)
    assert "Kans op werk: matig" in text or "Kans op werk: gering" in text, text
    assert "Goed om te weten: met Juridisch-administratief dienstverlener is de kans op werk" in text
    if arm == "no_offer":
        assert not any(offer in text for offer in OFFER_TEXTS), text
        assert not set(OFFER_BUTTONS) & set(titles(nudge))
    else:
        assert "Jij kiest zelf" in text and set(OFFER_BUTTONS) <= set(titles(nudge))
        wording = "passen ook bij wat je leuk vindt" in text
        assert wording == (arm == "framed"), text
    if looks_at_alternatives(k):
        ask = "andere opties" if k % 2 == 0 else "laat de alternatieven zien"
        alternatives = chat.say(sender, ask, SCHOOL)
        assert ALTERNATIVES in texts(alternatives), texts(alternatives)
        if views_one(k):
            assert "Kans op werk:" in chat.text(sender, button(alternatives, "Vertel meer"), SCHOOL)
    if keeps_choice(k) and arm != "no_offer":
        assert "jouw keuze" in chat.text(sender, button(nudge, "Nee, ik wil dit echt"), SCHOOL)
    if says_goodbye(k):
        goodbye = chat.say(sender, "doei", SCHOOL)
        assert "samenvatting" in texts(goodbye), texts(goodbye)
        if shares(k):
            assert "Dank je!" in chat.text(sender, button(goodbye, "Ja, dat mag"), SCHOOL)


def test_sixty_conversations_in_three_arms_and_the_report(chat, stack, db, experiment):
    name = experiment.name
    plan = senders(experiment)
    for k in range(PER_ARM):
        for arm in ARMS:  # interleaved, as students arrive
            converse(chat, plan[arm][k], arm, k)

    # One more student hears about the research, is in no_offer, then opts out: standard from then on.
    extra = next(c for c in (f"e2e-{uuid.uuid4().hex}" for _ in range(1000))
                 if allocation.draw(experiment.definition, c) == "no_offer")
    assert "Je school doet mee aan onderzoek" in chat.text(extra, "wat bewaren jullie van mij", SCHOOL)
    assert "Jij kiest zelf" not in chat.text(extra, WEAK, SCHOOL)
    assert "Je doet niet mee aan het onderzoek" in chat.text(extra, "ik wil niet meedoen aan onderzoek", SCHOOL)
    assert "Jij kiest zelf" in chat.text(extra, WEAK, SCHOOL)

    # The arm facts are the recorded truth: one per conversation, the arm its id draws.
    for arm, ids in plan.items():
        for cid in ids:
            [fact] = facts.facts_for(db, cid, "experiment_arm")
            assert fact["payload"] == {"experiment": name, "arm": arm}
            kinds = [f["kind"] for f in facts.facts_for(db, cid)]
            if arm == "no_offer":
                assert "nudge_withheld" in kinds and "nudge_shown" not in kinds
            else:
                assert "nudge_shown" in kinds and "nudge_withheld" not in kinds

    built = report.build(db, name)
    assert built["experiment"] == name
    assert [a["arm"] for a in built["arms"]] == list(ARMS)
    assert [a["n"] for a in built["arms"]] == [PER_ARM] * 3
    assert sum(a["n"] for a in built["arms"]) == 60
    assert built["min_sample_reached"] is True

    # The exact counts behind the report (which suppresses cells under 10).
    counted = outcomes.tally(db, name)
    assert counted.opted_out == 1
    ks = range(PER_ARM)
    for arm in ARMS:
        tally = counted.arms[arm]
        assert tally.n == PER_ARM
        assert tally.counts["looked_at_alternative"] == sum(map(views_one, ks))
        assert tally.counts["ended_kansrijk"] == sum(map(views_one, ks))
        assert tally.counts["shared_summary"] == sum(map(shares, ks))
        assert tally.counts["conversation_completed"] == sum(map(says_goodbye, ks))
        kept = sum(map(keeps_choice, ks)) if arm != "no_offer" else 0
        assert kept == sum(
            1 for cid in plan[arm] if facts.facts_for(db, cid, "final_interest")
        )


def test_the_widget_asks_whether_the_school_does_research(stack, db, experiment):
    def research(school: str) -> bool:
        response = httpx.get(f"{stack.web_url}/widget/research", params={"school": school}, timeout=30)
        response.raise_for_status()
        assert response.headers["access-control-allow-origin"] == "*"
        return response.json()["research"]

    assert research("DEMO01") is True
    assert research("demo01") is True
    assert research("OTHER9") is False
    assert research("") is False
    store.stop(db, experiment.name)
    assert research("DEMO01") is False
