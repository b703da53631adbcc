"""The statistics of a report, all from statsmodels: a proportion's interval, and a difference's interval and test.

- A proportion's 95% interval is Wilson's score interval (``proportion_confint``,
  ``method="wilson"``): good also for small groups and proportions near 0 or 1.
- The difference between an arm and ``standard`` (arm minus standard) gets Newcombe's
  hybrid score interval (``confint_proportions_2indep``, ``method="newcomb"``), built
  from the two Wilson intervals.
- Its test is the score test without small-sample correction
  (``test_proportions_2indep``, ``method="score"``, ``correction=False``): the classic
  pooled two-proportion z-test, two-sided, the same as a chi-square test of the 2x2
  table without continuity correction.

statsmodels is imported on first use, not when this module is imported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

__all__ = ["Proportion", "Difference", "proportion", "difference", "ALPHA"]

ALPHA = 0.05  # two-sided: 95% intervals, significant when p < 0.05


@dataclass(frozen=True)
class Proportion:
    p: float
    ci: tuple[float, float]


@dataclass(frozen=True)
class Difference:
    diff: float
    ci: tuple[float, float]
    p_value: Optional[float]  # None when the test is undefined (no variation in either arm)

    @property
    def significant(self) -> bool:
        return self.p_value is not None and self.p_value < ALPHA


def _number(value) -> Optional[float]:
    value = float(value)
    return None if math.isnan(value) else value


def proportion(count: int, n: int) -> Proportion:
    """``count / n`` with its 95% Wilson interval (``n`` must be positive)."""
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(count, n, alpha=ALPHA, method="wilson")
    return Proportion(count / n, (float(low), float(high)))


def difference(count: int, n: int, control_count: int, control_n: int) -> Difference:
    """Arm minus control: the difference of proportions, its 95% Newcombe interval and the score test's p."""
    from statsmodels.stats.proportion import confint_proportions_2indep, test_proportions_2indep

    low, high = confint_proportions_2indep(
        count, n, control_count, control_n, method="newcomb", compare="diff", alpha=ALPHA
    )
    test = test_proportions_2indep(
        count, n, control_count, control_n, method="score", compare="diff", correction=False,
        alternative="two-sided",
    )
    return Difference(count / n - control_count / control_n, (float(low), float(high)), _number(test.pvalue))
