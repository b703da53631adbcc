"""How many conversations per arm an experiment needs: a two-sided test of two proportions (statsmodels).

``effect`` is the absolute difference to detect, in proportion points: ``baseline=0.20,
effect=0.05`` asks how many conversations each arm needs to tell 20% from 25%. The
effect size is Cohen's h (``proportion_effectsize``, arcsine transformation) and the
sample size comes from ``NormalIndPower().solve_power`` with equal arms, rounded up.
"""

from __future__ import annotations

import math

from .errors import InvalidPowerInput

__all__ = ["n_per_arm"]


def n_per_arm(baseline: float, effect: float, alpha: float = 0.05, power: float = 0.8) -> int:
    """Conversations needed in each arm to find ``baseline`` vs ``baseline + effect`` (two-sided)."""
    if not 0 < baseline < 1:
        raise InvalidPowerInput(f"--baseline is {baseline}; geef een aandeel tussen 0 en 1, bijvoorbeeld 0.20")
    if effect == 0 or not 0 < baseline + effect < 1:
        raise InvalidPowerInput(
            f"--effect is {effect}; geef een verschil (niet 0) waarbij {baseline} + effect tussen 0 en 1 blijft, "
            "bijvoorbeeld 0.05"
        )
    if not 0 < alpha < 1:
        raise InvalidPowerInput(f"--alpha is {alpha}; geef een kans tussen 0 en 1, meestal 0.05")
    if not 0 < power < 1:
        raise InvalidPowerInput(f"--power is {power}; geef een kans tussen 0 en 1, meestal 0.8")
    from statsmodels.stats.power import NormalIndPower
    from statsmodels.stats.proportion import proportion_effectsize

    size = abs(proportion_effectsize(baseline + effect, baseline))
    n = NormalIndPower().solve_power(effect_size=size, alpha=alpha, power=power, ratio=1.0, alternative="two-sided")
    # A tiny tolerance, so that a solver result like 1092.0000000001 is not rounded to 1093.
    return int(math.ceil(float(n) - 1e-9))
