"""Charts: a PNG of the primary outcome by arm with its intervals, and a Dutch text alternative with the figures."""
from __future__ import annotations

from bot.experiments import chart, report, store
from tests.experiments.helpers import TODAY, make_definition, record_conversations

PNG = b"\x89PNG\r\n\x1a\n"


def test_primary_chart_png_and_alt_text(fresh_db):
    store.add(fresh_db, make_definition(), on=TODAY)
    record_conversations(fresh_db, "nudge_test", "standard", 100, alternative_viewed=20)
    record_conversations(fresh_db, "nudge_test", "no_offer", 100, alternative_viewed=30)
    record_conversations(fresh_db, "nudge_test", "framed", 6, alternative_viewed=3)
    drawn = chart.primary_chart(report.build(fresh_db, "nudge_test", on=TODAY))
    assert drawn.png.startswith(PNG) and len(drawn.png) > 5000
    alt = drawn.alt_text
    assert alt.startswith("Staafdiagram: Keek naar een alternatief, per groep")
    for label in ("standaard (aanbod van alternatieven)", "geen aanbod", "aanbod vanuit de interesses"):
        assert label in alt
    assert "standaard (aanbod van alternatieven): 20,0% (95%-interval 13,3% tot 28,9%)" in alt
    assert "aanbod vanuit de interesses: minder dan 10 gesprekken, niet getoond" in alt


def test_bar_chart_is_generic(fresh_db):
    drawn = chart.bar_chart(["week 1", "week 2", "week 3"], [14, None, 31], title="Gesprekken per week",
                            ylabel="gesprekken", as_percent=False)
    assert drawn.png.startswith(PNG)
    assert drawn.alt_text == ("Staafdiagram: Gesprekken per week. week 1: 14; week 2: minder dan 10 gesprekken, "
                              "niet getoond; week 3: 31.")
    empty = chart.bar_chart(["a"], [None], [None], title="Niets te zien")
    assert empty.png.startswith(PNG) and "minder dan 10" in empty.alt_text
