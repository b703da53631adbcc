"""Match the programme names, trades and synonyms a text mentions against one given catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cache import disk_cached, per_catalogue
from .text import GENERIC, STOPWORDS, fold

if TYPE_CHECKING:  # only for annotations: importing catalogue here would close a cycle via Catalogue.resolve
    from .catalogue import Catalogue, Programme

__all__ = ["ResolveIndex", "resolve_index", "build_resolve_index", "ranked", "mentioned", "lookup_terms",
           "NOT_A_PROGRAMME"]

MAX_NGRAM = 6
# Synonyms shared by many programmes ("buiten werken") say what a student likes, not which programme they mean.
MAX_SYNONYM_SPREAD = 4
MAX_TOKEN_SPREAD = 8
MULTI_MENTION_BONUS = 0.15
MAX_DIRECTION_KEYS = 5
# Words that look like programme words but are everyday words in questions about programmes.
NOT_A_PROGRAMME = STOPWORDS | {"kansen", "kans", "werk", "stage", "leerbaan", "opleiding", "vergelijk", "verschil",
                               "beter", "slechter", "tussen", "hoe", "zit", "staat", "welke", "wat",
                               "houdt", "optie", "opties", "vertel", "meer", "info", "uitleg", "eerste",
                               "tweede", "derde", "vierde", "vijfde", "laatste"}


@dataclass
class ResolveIndex:
    """Folded phrases of one catalogue -> its programme rows with a priority, and the keys typo matching searches."""

    keys: dict[str, list[tuple[int, float]]]  # folded phrase -> [(programme row, priority)]
    programmes: list[Programme]
    single_keys: list[str]
    all_keys: list[str]
    names: dict[str, int]

    def best_for(self, key: str) -> int:
        return sorted(self.keys[key], key=lambda t: (-t[1], self.programmes[t[0]].niveau, t[0]))[0][0]


def _add(keys: dict, key: str, i: int, prio: float):
    if not key or key in NOT_A_PROGRAMME:
        return
    slot = keys.setdefault(key, {})
    slot[i] = max(slot.get(i, 0.0), prio)


def build_resolve_index(catalogue: Catalogue) -> ResolveIndex:
    names: dict[str, dict[int, float]] = {}
    tokens: dict[str, dict[int, float]] = {}
    synonyms: dict[str, dict[int, float]] = {}
    name_rows: dict[str, int] = {}
    for i, p in enumerate(catalogue.programmes):
        fname = fold(p.name)
        name_rows.setdefault(fname, i)
        _add(names, fname, i, 1.0)
        for variant in p.name.split("/"):
            _add(names, fold(variant), i, 0.95)
        for w in fname.split():
            if w not in GENERIC and len(w) > 2:
                _add(tokens, w, i, 0.8)
        for b in p.beroepen:
            _add(synonyms, fold(b), i, 0.85)
        for s in p.synonyms:
            _add(synonyms, fold(s), i, 0.7)
    keys: dict[str, dict[int, float]] = {}
    for k, d in names.items():
        for i, pr in d.items():
            _add(keys, k, i, pr)
    for k, d in tokens.items():
        if len(d) <= MAX_TOKEN_SPREAD:
            for i, pr in d.items():
                _add(keys, k, i, pr)
    for k, d in synonyms.items():
        if len(d) <= MAX_SYNONYM_SPREAD or k in keys:
            for i, pr in d.items():
                _add(keys, k, i, pr)
    # A studierichting ("logistiek", "defensie", "toerisme") names a direction, not one programme:
    # it resolves to a few of its programmes (written profiles first, lowest niveau first), so
    # "kansen in de logistiek" gets a choice instead of nothing.
    directions: dict[str, list[int]] = {}
    for i, p in enumerate(catalogue.programmes):
        if p.studierichting:
            directions.setdefault(fold(p.studierichting), []).append(i)
    for k, rows in directions.items():
        if k in keys:
            continue
        best = sorted(rows, key=lambda i: (not getattr(catalogue.programmes[i], "profile_written", True),
                                           catalogue.programmes[i].niveau, catalogue.programmes[i].crebo))
        for i in best[:MAX_DIRECTION_KEYS]:
            _add(keys, k, i, 0.6)
    final = {k: sorted(d.items()) for k, d in keys.items()}
    return ResolveIndex(
        keys=final,
        programmes=list(catalogue.programmes),
        single_keys=sorted(k for k in final if " " not in k and len(k) >= 4),
        all_keys=sorted(final),
        names=name_rows,
    )


@per_catalogue
def resolve_index(catalogue: Catalogue) -> ResolveIndex:
    """The phrase index of this catalogue, built once per content (cached on disk), kept while it lives."""
    return disk_cached("resolve", catalogue, build_resolve_index)


def _fuzzy(word: str, choices: list[str], cutoff: float) -> tuple[str, float] | None:
    from rapidfuzz import fuzz, process

    hit = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    return (hit[0], hit[1] / 100.0) if hit else None


def _mentions(text: str, rix: ResolveIndex, catalogue: Catalogue):
    """(position, kind, value, quality) for each mention, left to right, longest match first."""
    out = []
    toks = fold(str(text)).split()
    i = 0
    while i < len(toks):
        if len(toks[i]) == 5 and toks[i].isdigit():
            if toks[i] in catalogue:
                out.append((i, "crebo", toks[i], 1.0))
            i += 1
            continue
        found = None
        for n in range(min(MAX_NGRAM, len(toks) - i), 0, -1):
            key = " ".join(toks[i:i + n])
            if key in rix.keys:
                found = (n, key, 1.0)
                break
        if found is None and len(toks[i]) >= 4 and toks[i] not in NOT_A_PROGRAMME:
            # a two-word key with a typo ("ict beheeer"), then a single word ("kaper")
            if i + 1 < len(toks):
                hit = _fuzzy(f"{toks[i]} {toks[i + 1]}", rix.all_keys, 88)
                if hit and " " in hit[0]:
                    found = (2, hit[0], hit[1])
            if found is None:
                hit = _fuzzy(toks[i], rix.single_keys, 84)
                if hit:
                    found = (1, hit[0], hit[1])
        if found:
            n, key, quality = found
            out.append((i, "key", key, quality))
            i += n
        else:
            i += 1
    return sorted(out, key=lambda t: t[0])



def ranked(text: str, catalogue: Catalogue, limit: int = 5) -> list[Programme]:
    """Programmes the text most likely names, best first; [] when nothing plausible is mentioned."""
    if not text or not str(text).strip():
        return []
    rix = resolve_index(catalogue)
    scores: dict[int, float] = {}
    hits: dict[int, set[int]] = {}
    for pos, kind, value, quality in _mentions(text, rix, catalogue):
        if kind == "crebo":
            i = catalogue.programmes.index(catalogue.get(value))
            scores[i] = max(scores.get(i, 0.0), 2.0)
            continue
        length_bonus = 0.05 * len(value.split())
        for i, prio in rix.keys[value]:
            scores[i] = max(scores.get(i, 0.0), prio * quality + length_bonus)
            hits.setdefault(i, set()).add(pos)
    # "ict beheer": the programme both words point to beats one that only has "beheer".
    for i, positions in hits.items():
        scores[i] += MULTI_MENTION_BONUS * (len(positions) - 1)
    if not scores:
        whole = fold(text)
        if 3 <= len(whole) <= 40:
            hit = _fuzzy(whole, rix.all_keys, 80)
            if hit:
                for i, prio in rix.keys[hit[0]]:
                    scores[i] = max(scores.get(i, 0.0), prio * hit[1])
    order = sorted(scores, key=lambda i: (-scores[i], rix.programmes[i].niveau, rix.programmes[i].name))
    return [rix.programmes[i] for i in order[: max(int(limit), 0)]]


def mentioned(text: str, catalogue: Catalogue) -> list[Programme]:
    """Every distinct programme mentioned, in order of mention, the best match per mention."""
    if not text:
        return []
    rix = resolve_index(catalogue)
    out: list[Programme] = []
    for _pos, kind, value, _q in _mentions(text, rix, catalogue):
        p = catalogue.get(value) if kind == "crebo" else rix.programmes[rix.best_for(value)]
        if p not in out:
            out.append(p)
    return out


def lookup_terms(catalogue: Catalogue) -> dict[str, list[str]]:
    """Programme name -> the words students use for it (beroepen and synonyms that point to few programmes)."""
    rix = resolve_index(catalogue)
    out: dict[str, list[str]] = {}
    for p in catalogue.programmes:
        terms = []
        for t in (*p.beroepen, *p.synonyms):
            k = fold(t)
            if k in rix.keys and t.lower() not in terms and t.lower() != p.name.lower():
                terms.append(t.lower())
        out[p.name] = terms
    return out
