"""The research pages and the school overview: who sees what, suppressed cells, CSV, charts."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from bot import accounts, experiments, facts
from bot.experiments import store
from bot.web.portal import overview, research

PASSWORD = "geheim-wachtwoord-123"
PNG = b"\x89PNG\r\n\x1a\n"
ARM_LABELS = ("standaard (aanbod van alternatieven)", "geen aanbod", "aanbod vanuit de interesses")
TIMMERMAN, VERZORGENDE = "25829", "25656"  # Timmerman: Bouw en infra; Verzorgende-IG: Zorg en welzijn


def definition(name: str = "nudge_web", school: str = "DEMO01"):
    today = store.today()
    return experiments.parse_definition({
        "name": name, "schools": [school], "start": today - timedelta(days=10), "end": today + timedelta(days=200),
        "arms": {"standard": 1, "no_offer": 1, "framed": 1}, "primary_outcome": "looked_at_alternative",
        "secondary_outcomes": ["asked_internship_search", "final_kans_op_werk"], "min_sample_per_arm": 100,
        "hypothesis": "Een aanbod vanuit de interesses helpt leerlingen vaker naar een alternatief te kijken.",
    })


def record(db, experiment: str, arm: str, n: int, **events: int) -> None:
    """``n`` conversations in ``arm``; ``events``: per fact kind, how many of them have it."""
    ids = [f"{experiment}-{arm}-{i:03d}" for i in range(n)]
    rows = [(cid, "experiment_arm", {"experiment": experiment, "arm": arm}) for cid in ids]
    for kind, count in events.items():
        rows += [(cid, kind, {}) for cid in ids[:count]]
    facts.record_facts(db, rows)


@pytest.fixture
def study(fresh_db):
    """Experiment nudge_web at DEMO01 with 105 conversations; nudge_andere runs at another school."""
    store.add(fresh_db, definition())
    record(fresh_db, "nudge_web", "standard", 40, alternative_viewed=20, internship_search=5)
    record(fresh_db, "nudge_web", "no_offer", 35, alternative_viewed=10, internship_search=12)
    record(fresh_db, "nudge_web", "framed", 30, alternative_viewed=18, internship_search=15)
    store.add(fresh_db, definition("nudge_andere", "ANDERE"))
    record(fresh_db, "nudge_andere", "standard", 20, alternative_viewed=10)
    return fresh_db


@pytest.fixture
def researcher(fresh_db):
    return accounts.add_account(fresh_db, "onderzoek@demo01.nl", "researcher", "DEMO01", PASSWORD)


@pytest.fixture
def staff(fresh_db):
    return accounts.add_account(fresh_db, "staf@demo-utr.nl", "institution", "DEMO-UTR", PASSWORD)


def test_researcher_starts_at_the_research_list(client, study, researcher, login):
    assert login(client, researcher.email).status_code == 303
    home = client.get("/portaal", follow_redirects=False)
    assert home.headers["location"] == "/portaal/onderzoek"
    page = client.get("/portaal/onderzoek")
    assert page.status_code == 200
    assert 'href="/portaal/onderzoek/nudge_web"' in page.text and "nudge_andere" not in page.text
    assert "loopt" in page.text and "geen aanbod: 33%" in page.text
    # The menu: research and overview, not the counsellor's or the institution's pages.
    assert 'href="/portaal/overzicht"' in page.text
    assert 'href="/portaal/gesprekken"' not in page.text and 'href="/portaal/instelling"' not in page.text
    assert client.get("/portaal/gesprekken").status_code == 403
    assert client.get("/portaal/overdrachten").status_code == 403


def test_researcher_reads_the_report_with_three_arms(client, study, researcher, login):
    login(client, researcher.email)
    page = client.get("/portaal/onderzoek/nudge_web")
    assert page.status_code == 200
    text = page.text
    for label in ARM_LABELS:
        assert label in text
    for n in ("<td>40</td>", "<td>35</td>", "<td>30</td>"):
        assert n in text
    assert "50,0%" in text  # standard: 20 of 40 looked at an alternative
    assert "-21,4 procentpunt" in text  # no_offer: 10 of 35 = 28,6%, minus 50,0%
    assert "nog niet bereikt" in text  # 100 per arm needed
    assert "Het lot bepaalde welke manier een gesprek kreeg." in text  # the explanation paragraph
    assert 'src="/portaal/onderzoek/nudge_web/grafiek.png"' in text
    assert 'alt="Staafdiagram: Keek naar een alternatief, per groep' in text
    assert 'href="/portaal/onderzoek/nudge_web.csv"' in text
    assert "p-waarde" in text


def test_small_cells_show_less_than_10(client, study, researcher, login):
    login(client, researcher.email)
    text = client.get("/portaal/onderzoek/nudge_web").text
    # standard: only 5 of 40 searched an internship; the cell and its differences are hidden.
    table = text.split("Zocht een stage")[1].split("</table>")[0]
    assert table.count("&lt; 10") >= 2
    assert "12,5%" not in table  # 5/40 would be 12,5%


def test_counsellor_reads_the_same_pages_read_only(client, study, counsellor, login):
    login(client, counsellor.email)
    listing = client.get("/portaal/onderzoek")
    assert listing.status_code == 200 and "nudge_web" in listing.text
    page = client.get("/portaal/onderzoek/nudge_web")
    assert page.status_code == 200 and "geen aanbod" in page.text
    assert page.text.count("<form") == 1  # only the logout button
    assert client.get("/portaal/onderzoek/nudge_web.csv").status_code == 200
    assert 'href="/portaal/gesprekken"' in page.text and 'href="/portaal/onderzoek"' in page.text


def test_institution_staff_and_strangers_see_nothing(client, study, staff, login):
    paths = ("/portaal/onderzoek", "/portaal/onderzoek/nudge_web", "/portaal/onderzoek/nudge_web.csv",
             "/portaal/onderzoek/nudge_web/grafiek.png", "/portaal/overzicht", "/portaal/overzicht/weken.png")
    for path in paths:
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/portaal/login", path
    login(client, staff.email)
    for path in paths:
        assert client.get(path).status_code == 403, path
    assert 'href="/portaal/onderzoek"' not in client.get("/portaal/instelling").text


def test_other_schools_and_unknown_experiments_are_404(client, study, researcher, login):
    login(client, researcher.email)
    for name in ("nudge_andere", "bestaat_niet", "a.b", "NUDGE_WEB"):
        for path in (f"/portaal/onderzoek/{name}", f"/portaal/onderzoek/{name}.csv",
                     f"/portaal/onderzoek/{name}/grafiek.png"):
            response = client.get(path)
            assert response.status_code == 404, path
            assert "Dit onderzoek loopt niet op jouw school." in response.text  # the same for all four


def test_csv_downloads_aggregates_with_safe_cells(client, study, researcher, login):
    login(client, researcher.email)
    response = client.get("/portaal/onderzoek/nudge_web.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="kansrijk-onderzoek-nudge_web.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {row["arm"] for row in rows} == {"standard", "no_offer", "framed"}
    assert not any("conversation" in key for key in rows[0])  # aggregates only
    searched = next(r for r in rows if r["arm"] == "standard" and r["outcome"] == "asked_internship_search")
    assert searched["count"] == "< 10" and searched["p"] == "" and searched["suppressed"] == "ja"
    looked = next(r for r in rows if r["arm"] == "no_offer" and r["outcome"] == "looked_at_alternative")
    assert float(looked["diff_vs_standard"]) < 0  # a negative number stays a number
    for row in rows:
        for cell in row.values():
            assert cell[:1] not in ("=", "+", "@", "\t", "\r"), cell
            assert not cell.startswith("-") or float(cell) < 0


def test_csv_cells_that_look_like_formulas_get_an_apostrophe(client, study, researcher, login, monkeypatch):
    for hostile in ("=HYPERLINK(\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert research.csv_cell(hostile) == "'" + hostile
    for plain in ("-0.214", "-1.5e-05", "0.5", "< 10", "standaard"):
        assert research.csv_cell(plain) == plain
    monkeypatch.setattr(experiments, "to_csv", lambda report: 'arm,label\nstandard,"=cmd|\' /C calc\'!A0"\n')
    login(client, researcher.email)
    text = client.get("/portaal/onderzoek/nudge_web.csv").text
    assert list(csv.reader(io.StringIO(text)))[1] == ["standard", "'=cmd|' /C calc'!A0"]


def test_chart_route_returns_a_png(client, study, researcher, login):
    login(client, researcher.email)
    response = client.get("/portaal/onderzoek/nudge_web/grafiek.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(PNG)


def test_report_counts_conversations_the_allocation_assigned(client, fresh_db, researcher, login):
    store.add(fresh_db, definition())
    drawn = experiments.get(fresh_db, "nudge_web").definition
    expected = {"standard": 0, "no_offer": 0, "framed": 0}
    for i in range(60):
        conversation = f"gesprek-{i:03d}"
        assert experiments.assign(fresh_db, conversation, "DEMO01").arm == experiments.draw(drawn, conversation)
        expected[experiments.draw(drawn, conversation)] += 1
    experiments.opt_out(fresh_db, "gesprek-000")
    expected[experiments.draw(drawn, "gesprek-000")] -= 1
    login(client, researcher.email)
    text = client.get("/portaal/onderzoek/nudge_web").text
    groups = text.split("Gesprekken per groep")[1].split("</table>")[0]
    for count in expected.values():
        assert f"<td>{count if count >= 10 else '&lt; 10'}</td>" in groups
    assert "Wilden niet meedoen</dt><dd>&lt; 10" in text


# ---------------------------------------------------------------------------- the overview


def shared_conversation(db, conversation, school="DEMO01", programmes=(TIMMERMAN,), first=None, looked=False):
    facts.record_fact(db, conversation, "programmes_shown", {
        "programmes": [{"crebo": crebo, "name": "x", "niveau": 2, "kans_op_werk": "goed"} for crebo in programmes]})
    if first:
        facts.record_fact(db, conversation, "prospects_asked", {"crebo": "1", "name": "x", "kans_op_werk": first})
        facts.record_fact(db, conversation, "prospects_asked", {"crebo": "2", "name": "y", "kans_op_werk": "goed"})
    if looked:
        facts.record_fact(db, conversation, "alternative_viewed", {"crebo": "2", "name": "y"})
    facts.share_with_school(db, conversation, school)


@pytest.fixture
def school_data(fresh_db):
    """30 shared conversations at DEMO01 (20 weak first choices, 10 of them looked further), 15 elsewhere."""
    for i in range(30):
        programmes = (TIMMERMAN, VERZORGENDE) if i < 4 else (TIMMERMAN,)
        first = "gering" if i < 20 else "goed"
        shared_conversation(fresh_db, f"s-{i:02d}", programmes=programmes, first=first, looked=i < 10)
    for i in range(15):
        shared_conversation(fresh_db, f"andere-{i:02d}", school="ANDERE", programmes=(VERZORGENDE,), first="matig")
    for i in range(3):
        facts.create_handoff(fresh_db, f"s-{i:02d}", "vraag", "zelf", school="DEMO01")
    return fresh_db


def test_overview_shows_figures_from_10_and_hides_smaller_ones(client, school_data, counsellor, login):
    login(client, counsellor.email)
    page = client.get("/portaal/overzicht")
    assert page.status_code == 200
    text = page.text
    assert "Gedeelde gesprekken in totaal: <strong>30</strong>" in text
    assert "Van andere gesprekken weten we niet bij welke school ze horen." in text
    assert "<th scope=\"row\">Bouw en infra</th><td>30</td>" in text
    assert "<th scope=\"row\">Zorg en welzijn</th><td>&lt; 10</td>" in text  # 4 here; ANDERE's 15 not counted
    assert "<td>20</td><td>66,7%</td>" in text  # 20 of 30 first choices gering or matig
    assert "<td>10</td><td>50,0%</td>" in text  # 10 of those 20 looked at an alternative
    assert "Open vragen om een gesprek met de decaan: <strong>&lt; 10</strong>" in text
    assert 'href="/portaal/overdrachten?status=open"' in text
    weeks = text.split("Gedeelde gesprekken per week</caption>")[1].split("</table>")[0]
    assert weeks.count("<td>30</td>") == 1 and weeks.count("&lt; 10") == overview.WEEKS - 1
    for name in ("weken", "domeinen", "eerste-keuze"):
        assert f'src="/portaal/overzicht/{name}.png" alt="Staafdiagram: ' in text
    assert "Bouw en infra: 30" in text  # in the domains chart's alt text


def test_overview_below_10_shows_nothing_countable(client, fresh_db, researcher, login):
    for i in range(5):
        shared_conversation(fresh_db, f"s-{i}", first="gering", looked=True)
    login(client, researcher.email)
    text = client.get("/portaal/overzicht").text
    assert "Gedeelde gesprekken in totaal: <strong>&lt; 10</strong>" in text
    assert "<td>5</td>" not in text and "100,0%" not in text
    assert "Nog geen domein met 10 of meer gesprekken" in text
    assert 'href="/portaal/overdrachten' not in text  # researchers have no hand-off queue
    assert client.get("/portaal/overzicht/domeinen.png").status_code == 404  # no chart without a domain


def test_overview_charts_are_png(client, school_data, researcher, login):
    login(client, researcher.email)
    for name in ("weken", "domeinen", "eerste-keuze"):
        response = client.get(f"/portaal/overzicht/{name}.png")
        assert response.status_code == 200 and response.headers["content-type"] == "image/png", name
        assert response.content.startswith(PNG)
    assert client.get("/portaal/overzicht/iets.png").status_code == 404


def test_hidden_weeks_cannot_be_worked_out_from_the_total():
    assert overview.suppress_parts([30, 12, 5]) == [30, None, None]  # 5 alone would follow from the total
    assert overview.suppress_parts([30, 5, 0]) == [None, None, None]  # 5 + 0 hidden, still < 10 together
    assert overview.suppress_parts([30, 0, 0]) == [30, None, None]  # two zeros reveal no student
    assert overview.suppress_parts([12, 15]) == [12, 15]
