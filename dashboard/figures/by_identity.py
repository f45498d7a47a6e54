"""Work done once per shared, never-changed object (the provinces' GeoJSON and outlines).

The maps are drawn on objects the process builds once from package data (data.geo,
callbacks/clusters.py `province_shapes`) and never changes; what is derived from them alone
(their bounds, their outline paths) was worked out again on every page. The objects are
dicts and lists, not hashable, so the cache is keyed by identity, and it holds the object
itself so that its id cannot be reused by another one while the entry lives.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")

MAX_ENTRIES = 8  # only ever a few shared objects: more means callers pass fresh ones


class ByIdentity(Generic[T]):
    """`compute(obj, *key)` remembered per (the very object `obj`, `key`)."""

    def __init__(self, compute: Callable[..., T]) -> None:
        self._compute = compute
        self._kept: dict[tuple[int, tuple[Hashable, ...]], tuple[object, T]] = {}

    def __call__(self, obj: object, *key: Hashable) -> T:
        slot = (id(obj), key)
        kept = self._kept.get(slot)
        if kept is not None and kept[0] is obj:
            return kept[1]
        value = self._compute(obj, *key)
        if len(self._kept) >= MAX_ENTRIES:
            self._kept.clear()
        self._kept[slot] = (obj, value)
        return value
