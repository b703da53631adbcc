"""per_catalogue caches a value per catalogue object, for as long as that catalogue lives."""

from __future__ import annotations

import gc

from labour_outlook import Catalogue, Programme
from labour_outlook.cache import MAX_ARGS_PER_CATALOGUE, per_catalogue


def _catalogue(*names: str) -> Catalogue:
    return Catalogue([Programme(crebo=f"{10000 + i}", name=n, niveau=2, domain="Zorg en welzijn")
                      for i, n in enumerate(names)])


def test_one_value_per_catalogue_object():
    calls = []

    @per_catalogue
    def size(catalogue):
        calls.append(catalogue)
        return len(catalogue)

    a, b = _catalogue("Kok"), _catalogue("Kok")
    assert size(a) == size(a) == 1
    assert size(b) == 1  # same content, another object (a reload): built again
    assert calls == [a, b] and calls[0] is a and calls[1] is b


def test_extra_arguments_key_the_value():
    @per_catalogue
    def tagged(catalogue, tag):
        return (len(catalogue), tag, object())

    a = _catalogue("Kok", "Bakker")
    first = tagged(a, "x")
    assert tagged(a, "x") is first
    assert tagged(a, "y") is not first
    for n in range(MAX_ARGS_PER_CATALOGUE + 1):
        tagged(a, n)
    assert tagged(a, "x") is not first  # the oldest slots make room


def test_entry_is_dropped_with_its_catalogue():
    built = []

    @per_catalogue
    def value(catalogue):
        built.append(1)
        return [p.name for p in catalogue]

    a = _catalogue("Kok")
    value(a)
    del a
    gc.collect()
    b = _catalogue("Kapper")  # may get the old object's id: it must not see the old value
    assert value(b) == ["Kapper"] and len(built) == 2


def test_cache_clear():
    calls = []

    @per_catalogue
    def value(catalogue):
        calls.append(1)
        return 1

    a = _catalogue("Kok")
    value(a)
    value.cache_clear()
    value(a)
    assert len(calls) == 2


def test_indexes_are_cached_per_catalogue():
    from labour_outlook import get_catalogue
    from labour_outlook.index import lexical_index
    from labour_outlook.resolve import resolve_index

    catalogue = get_catalogue()
    assert lexical_index(catalogue) is lexical_index(catalogue) is lexical_index()
    assert resolve_index(catalogue) is resolve_index()
    assert resolve_index(catalogue).programmes[0] is catalogue.programmes[0]
