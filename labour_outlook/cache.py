"""Caches for structures built from a catalogue: per catalogue object in memory, per catalogue content on disk."""

from __future__ import annotations

import functools
import hashlib
import os
import weakref
from typing import Callable, TypeVar

from . import paths

__all__ = ["per_catalogue", "disk_cached", "MAX_ARGS_PER_CATALOGUE"]

T = TypeVar("T")

# Extra arguments (a model, a prospects table, a cache dir) each get a slot; a few are enough, and the
# bound keeps repeated reloads or imports from piling up tables for a long-lived catalogue.
MAX_ARGS_PER_CATALOGUE = 4

# Source files whose code shapes the pickled structures; editing one must invalidate old pickles.
_BUILDER_MODULES = ("index.py", "matching.py", "text.py", "riasec.py")


def per_catalogue(fn: Callable[..., T]) -> Callable[..., T]:
    """Cache ``fn(catalogue, *args)`` for as long as that catalogue object lives.

    Keyed by the catalogue's identity: a reload or an import makes a new Catalogue object, and what
    ``fn`` builds shares that object's own Programme instances. ``args`` must be hashable; they are
    held strongly (so their ids cannot be reused) in a small per-catalogue slot. The value must not
    refer to the catalogue itself, or the catalogue would never be freed. ``cache_clear()`` empties it.
    """
    # Not a WeakKeyDictionary: Catalogue is a frozen dataclass holding a list, so it is unhashable.
    entries: dict[int, tuple[weakref.ref, dict[tuple, T]]] = {}

    def forget(ref: weakref.ref, key: int) -> None:
        entry = entries.get(key)
        if entry is not None and entry[0] is ref:
            del entries[key]

    @functools.wraps(fn)
    def cached(catalogue, *args) -> T:
        key = id(catalogue)
        entry = entries.get(key)
        if entry is None or entry[0]() is not catalogue:
            entry = (weakref.ref(catalogue, functools.partial(forget, key=key)), {})
            entries[key] = entry
        values = entry[1]
        if args not in values:
            if len(values) >= MAX_ARGS_PER_CATALOGUE:
                del values[next(iter(values))]  # oldest first
            values[args] = fn(catalogue, *args)
        return values[args]

    cached.cache_clear = entries.clear  # type: ignore[attr-defined]
    return cached


def disk_cached(kind: str, catalogue, build: Callable):
    """Build once per catalogue content and keep a pickle in the cache dir, so a cold start only loads it."""
    import pickle

    h = hashlib.sha256(f"{catalogue.content_hash}|{kind}".encode())
    for module in _BUILDER_MODULES:
        h.update((paths.PACKAGE_DIR / module).read_bytes())
    key = h.hexdigest()[:16]
    path = paths.cache_dir() / "labour_outlook" / f"{kind}-{key}.pkl"
    if path.exists():
        try:
            with open(path, "rb") as f:
                obj = pickle.load(f)
            obj.programmes = list(catalogue.programmes)  # share the catalogue's own objects
            return obj
        except Exception:  # stale or damaged cache: rebuild
            pass
    obj = build(catalogue)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache dir only costs speed
    return obj
