"""The reports' settings from the environment: threshold, retention terms, look-up limits and the reporter key."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from .errors import InvalidSetting
from .vocabulary import DEFAULT_RETENTION_DAYS, DEFAULT_THRESHOLD, STATUSES

__all__ = ["report_threshold", "retention_days", "LookupLimits", "lookup_limits", "reporter_secret"]


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


@dataclass(frozen=True)
class LookupLimits:
    """How many failed code look-ups (status or withdrawal) are allowed before look-ups pause."""

    per_conversation: int = 5
    conversation_window: int = 15 * 60  # seconds
    total: int = 100
    total_window: int = 60 * 60  # seconds


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise InvalidSetting(f"{name} moet een heel getal van 1 of meer zijn, niet {raw!r}.")
    return value


def lookup_limits() -> LookupLimits:
    """The look-up throttle: env ``KANSRIJK_REPORT_LOOKUPS_CONVERSATION`` (failed look-ups per
    conversation per 15 minutes, default 5) and ``KANSRIJK_REPORT_LOOKUPS_TOTAL`` (failed
    look-ups of all conversations together per hour, default 100)."""
    defaults = LookupLimits()
    return LookupLimits(
        per_conversation=_positive("KANSRIJK_REPORT_LOOKUPS_CONVERSATION", defaults.per_conversation),
        total=_positive("KANSRIJK_REPORT_LOOKUPS_TOTAL", defaults.total),
    )


def reporter_secret() -> bytes:
    """The key of the reporter keys: env ``KANSRIJK_REPORT_KEY``, else the file ``report_key``
    in the secrets folder (``KANSRIJK_SECRETS``, default ``$KANSRIJK_VAR/secrets``), made
    owner-only on first use. Every action-server replica needs the same key."""
    from_env = os.environ.get("KANSRIJK_REPORT_KEY")
    if from_env:
        return from_env.encode("utf-8")
    from appdb import settings

    path: Path = settings.load().secrets_dir / "report_key"
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written aside and linked into place: a process that reads it never sees half a key,
        # and of two processes starting at once, the first link wins and both use that key.
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(32) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    key = path.read_text(encoding="utf-8").strip()
    if not key:
        raise InvalidSetting(f"Het bestand {path} is leeg. Wis het; het wordt opnieuw gemaakt.")
    return key.encode("utf-8")
