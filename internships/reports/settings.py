"""The reports' settings from the environment: the company-count threshold and the retention terms."""

from __future__ import annotations

import os

from .errors import InvalidSetting
from .vocabulary import DEFAULT_RETENTION_DAYS, DEFAULT_THRESHOLD, STATUSES

__all__ = ["report_threshold", "retention_days"]


def report_threshold(value: int | str | None = None) -> int:
    """The minimum number of reports before a company's count is shown (env ``KANSRIJK_REPORT_THRESHOLD``)."""
    raw = value if value is not None else os.environ.get("KANSRIJK_REPORT_THRESHOLD", DEFAULT_THRESHOLD)
    try:
        threshold = int(raw)
    except (TypeError, ValueError):
        raise InvalidSetting(
            f"De drempel moet een heel getal zijn, niet {raw!r}. Zet KANSRIJK_REPORT_THRESHOLD op bijvoorbeeld 3."
        ) from None
    if threshold < 1:
        raise InvalidSetting("De drempel moet 1 of hoger zijn. Zet KANSRIJK_REPORT_THRESHOLD op bijvoorbeeld 3.")
    return threshold


def retention_days(overrides: dict | str | None = None) -> dict[str, int]:
    """Retention in days per key of ``DEFAULT_RETENTION_DAYS``.

    Read from env ``KANSRIJK_REPORT_RETENTION`` (``"afgesloten=365,anonymous=730"``;
    ``in_behandeling`` may be written with an underscore) unless ``overrides``
    (a dict or the same text) is given. Keys not mentioned keep their default.
    """
    if overrides is None:
        overrides = os.environ.get("KANSRIJK_REPORT_RETENTION", "")
    if isinstance(overrides, str):
        pairs = {}
        for part in filter(None, (p.strip() for p in overrides.split(","))):
            key, sep, value = part.partition("=")
            if not sep:
                raise InvalidSetting(
                    f"Bewaartermijn {part!r} mist '='. Schrijf bijvoorbeeld 'afgesloten=365,anonymous=730'."
                )
            pairs[key.strip()] = value.strip()
        overrides = pairs
    days = dict(DEFAULT_RETENTION_DAYS)
    for key, value in overrides.items():
        key = key.replace("_", " ") if key.replace("_", " ") in STATUSES else key
        if key not in days:
            raise InvalidSetting(
                f"Onbekende bewaartermijn {key!r}. Kies uit: {', '.join(DEFAULT_RETENTION_DAYS)}."
            )
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if number < 1:
            raise InvalidSetting(f"Bewaartermijn voor {key!r} moet een aantal dagen zijn (1 of meer), niet {value!r}.")
        days[key] = number
    return days
