"""The report's statistics against a worked example computed by hand.

Worked example: framed 30 of 100 conversations looked at an alternative, standard 20 of 100.
z = 1.959964 (two-sided 95%), z^2 = 3.841459.

Wilson interval for x of n (p = x/n):
    centre = (p + z^2/(2n)) / (1 + z^2/n),
    half   = z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/(4n^2)).
    With n = 100: 1 + z^2/n = 1.0384146, z^2/(2n) = 0.0192073, z^2/(4n^2) = 0.0000960,
    z / 1.0384146 = 1.887455.
  framed 30/100:   centre = 0.3192073 / 1.0384146 = 0.307399
                   half   = 1.887455 * sqrt(0.0021 + 0.0000960) = 1.887455 * 0.046862 = 0.088450
                   95% CI = [0.218949, 0.395849]
  standard 20/100: centre = 0.2192073 / 1.0384146 = 0.211098
                   half   = 1.887455 * sqrt(0.0016 + 0.0000960) = 1.887455 * 0.041183 = 0.077731
                   95% CI = [0.133367, 0.288829]

Difference framed - standard = 0.30 - 0.20 = 0.10, Newcombe's interval from the two Wilson intervals
(l1, u1 framed; l2, u2 standard):
    lower = 0.10 - sqrt((0.30 - 0.218949)^2 + (0.288829 - 0.20)^2) = 0.10 - sqrt(0.006569 + 0.007891)
          = 0.10 - 0.120249 = -0.020249
    upper = 0.10 + sqrt((0.395849 - 0.30)^2 + (0.20 - 0.133367)^2) = 0.10 + sqrt(0.009187 + 0.004440)
          = 0.10 + 0.116734 = 0.216734

Test (pooled two-proportion z-test = score test without correction):
    pooled p = 50/200 = 0.25, se = sqrt(0.25 * 0.75 * (1/100 + 1/100)) = sqrt(0.00375) = 0.0612372
    z = 0.10 / 0.0612372 = 1.632993, p = 2 * (1 - Phi(1.632993)) = 0.10247  -> not significant at 0.05.
"""
from __future__ import annotations

import pytest

from bot.experiments import report, stats, store
from tests.experiments.helpers import TODAY, make_definition, record_conversations


def test_wilson_interval():
    framed = stats.proportion(30, 100)
    assert framed.p == 0.30
    assert framed.ci == pytest.approx((0.218949, 0.395849), abs=1e-6)
    assert stats.proportion(20, 100).ci == pytest.approx((0.133367, 0.288829), abs=1e-6)


def test_difference_interval_and_test():
    diff = stats.difference(30, 100, 20, 100)
    assert diff.diff == pytest.approx(0.10)
    assert diff.ci == pytest.approx((-0.020249, 0.216734), abs=1e-6)
    assert diff.p_value == pytest.approx(0.10247, abs=1e-5)
    assert not diff.significant


def test_a_clear_difference_is_significant():
    # 60/200 vs 40/200: pooled 0.25, se = sqrt(0.25*0.75*0.01) = 0.0433013, z = 2.309401, p = 0.020921.
    diff = stats.difference(60, 200, 40, 200)
    assert diff.p_value == pytest.approx(0.020921, abs=1e-5) and diff.significant


def test_the_report_shows_the_worked_example(fresh_db):
    store.add(fresh_db, make_definition(arms={"standard": 1, "framed": 1}, secondary_outcomes=None), on=TODAY)
    record_conversations(fresh_db, "nudge_test", "standard", 100, alternative_viewed=20)
    record_conversations(fresh_db, "nudge_test", "framed", 100, alternative_viewed=30)
    built = report.build(fresh_db, "nudge_test", on=TODAY)
    assert built["experiment"] == "nudge_test" and built["min_sample_reached"] is True
    standard, framed = built["arms"]
    assert (standard["arm"], standard["n"], framed["arm"], framed["n"]) == ("standard", 100, "framed", 100)
    cell = framed["outcomes"]["looked_at_alternative"]
    assert cell["p"] == 0.30 and cell["ci"] == pytest.approx([0.218949, 0.395849], abs=1e-6)
    assert cell["difference"]["diff"] == pytest.approx(0.10)
    assert cell["difference"]["ci"] == pytest.approx([-0.020249, 0.216734], abs=1e-6)
    assert cell["difference"]["p_value"] == pytest.approx(0.10247, abs=1e-5)
    assert cell["difference"]["significant"] is False
    assert standard["outcomes"]["looked_at_alternative"]["difference"] is None  # the control arm
    text = built["explanation"]
    assert "10,0 procentpunt vaker dan in de groep standaard" in text
    assert "Dat verschil kan toeval zijn." in text
    assert "Geen duidelijk verschil betekent niet dat er geen effect is." in text
    assert "te weinig gesprekken" not in text  # 100 per arm: the minimum was reached
