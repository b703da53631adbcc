"""Find the programme(s) a student means: a crebo, a name, a trade or a synonym, also inside a sentence or misspelt."""

from __future__ import annotations

from . import matching
from .catalogue import Catalogue, Programme, get_catalogue
from .matching import ResolveIndex

__all__ = ["resolve_programme", "resolve_programmes_in", "nlu_lookup", "ResolveIndex", "resolve_index"]


def resolve_index(catalogue: Catalogue | None = None) -> ResolveIndex:
    """The phrase index of the catalogue (default: the current one)."""
    return matching.resolve_index(catalogue or get_catalogue())


def resolve_programme(text: str, limit: int = 5, *, catalogue: Catalogue | None = None) -> list[Programme]:
    """Programmes the text most likely names, best first; [] when nothing plausible is mentioned."""
    return matching.ranked(text, catalogue or get_catalogue(), limit)


def resolve_programmes_in(text: str, *, catalogue: Catalogue | None = None) -> list[Programme]:
    """Every distinct programme mentioned, in order of mention, the best match per mention."""
    return matching.mentioned(text, catalogue or get_catalogue())


def nlu_lookup(*, catalogue: Catalogue | None = None) -> dict[str, list[str]]:
    """Programme name -> the words students use for it (beroepen and synonyms that point to few programmes)."""
    return matching.lookup_terms(catalogue or get_catalogue())
