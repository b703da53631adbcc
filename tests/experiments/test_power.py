"""The power calculation: conversations per arm for a two-sided test of two proportions (statsmodels).

baseline 0.20, effect 0.05 (20% -> 25%), alpha 0.05, power 0.8:
    Cohen's h = 2 asin(sqrt(0.25)) - 2 asin(sqrt(0.20)) = 1.047198 - 0.927295 = 0.119902
    n per arm = 2 * ((z_0.975 + z_0.8) / h)^2 = 2 * ((1.959964 + 0.841621) / 0.119902)^2
              = 2 * 23.36551^2 = 1091.9  -> 1092 (statsmodels NormalIndPower: 1091.896).
"""
from __future__ import annotations

import pytest

from bot.experiments import errors, n_per_arm


def test_the_statsmodels_figure():
    assert n_per_arm(0.20, 0.05) == 1092


def test_more_power_or_a_smaller_effect_needs_more_conversations():
    assert n_per_arm(0.20, 0.10) < n_per_arm(0.20, 0.05) < n_per_arm(0.20, 0.05, power=0.9)
    assert n_per_arm(0.20, 0.05, alpha=0.01) > 1092
    assert n_per_arm(0.25, -0.05) == 1092  # the same two proportions, the other way round


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"baseline": 0, "effect": 0.05}, "--baseline"),
        ({"baseline": 1.2, "effect": 0.05}, "--baseline"),
        ({"baseline": 0.2, "effect": 0}, "--effect"),
        ({"baseline": 0.9, "effect": 0.2}, "--effect"),
        ({"baseline": 0.2, "effect": 0.05, "alpha": 0}, "--alpha"),
        ({"baseline": 0.2, "effect": 0.05, "power": 1}, "--power"),
    ],
)
def test_inputs_out_of_range(kwargs, fragment):
    with pytest.raises(errors.InvalidPowerInput, match=fragment):
        n_per_arm(**kwargs)
