"""Retention: delete every report whose term per status (or, for anonymous reports, since it was made) has passed."""

from __future__ import annotations

import datetime as dt

from . import lookups, store
from .model import day_of
from .settings import retention_days
from .vocabulary import STATUSES

__all__ = ["purge"]


def purge(
    db, now: dt.datetime | dt.date | None = None, retention: dict | str | None = None, *, dry_run: bool = False,
) -> int:
    """Delete reports older than their retention; returns how many were (or, with ``dry_run``, would be) deleted.

    A report goes when its status's term has passed since the last status
    change, or - for anonymous reports - when the ``anonymous`` term has
    passed since it was made, whichever comes first.
    """
    days = retention_days(retention)
    today = day_of(now)

    def cutoff(key: str) -> str:
        return (today - dt.timedelta(days=days[key])).isoformat()

    if not dry_run:
        lookups.delete_stale(db)  # throttle misses and withdrawal tickets live minutes, not days
    return store.delete_expired(
        db, cutoff("anonymous"), {status: cutoff(status) for status in STATUSES}, dry_run=dry_run
    )
