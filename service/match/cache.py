"""A least-recently-used cache bounded by bytes, not by entries: the normalization caches' one kind.

functools.lru_cache bounds the number of entries, and an entry's size is the caller's: about 10.7 KiB for a
distinct 500-character query, so the caches' 65,536-entry caps came to about 680 MiB per worker. `bytes_cache`
counts what it keeps (the key's and the value's sizes, as sys.getsizeof sees them, plus the bookkeeping) and
evicts the least recently used entries past its budget. It never changes a result: only what is remembered.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, TypeVar

R = TypeVar("R")
ENTRY_OVERHEAD = 100  # bytes of OrderedDict node and bookkeeping per entry, roughly


_FLAT = frozenset({str, bytes, int, float, bool, type(None)})  # the types whose size is sys.getsizeof's alone


def size_of(value: Any) -> int:
    """Bytes of a value made of texts, numbers and tuples of them (a dataclass counted by its fields)."""
    # the caches weigh every value they keep: the exact types they hold are told by one set lookup, before
    # the isinstance checks that subclasses need (a third of the cost of a cache miss's bookkeeping before)
    kind = type(value)
    if kind in _FLAT:
        return sys.getsizeof(value)
    if kind is tuple or kind is list:
        return sys.getsizeof(value) + sum([sys.getsizeof(v) if type(v) in _FLAT else size_of(v) for v in value])
    if isinstance(value, str | bytes | int | float | bool):
        return sys.getsizeof(value)
    if isinstance(value, tuple | list):
        return sys.getsizeof(value) + sum(size_of(v) for v in value)
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return sys.getsizeof(value) + sum([size_of(getattr(value, name)) for name in fields])
    return sys.getsizeof(value)


class BytesCache:
    def __init__(self, function: Callable[..., Any], max_bytes: int):
        self.function = function
        self.max_bytes = max_bytes
        self.bytes = 0
        self.hits = self.misses = 0
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, *args: Hashable) -> Any:
        # A hit takes no lock: OrderedDict's get and move_to_end are each one C call, atomic under the GIL, and
        # an entry another thread evicted in between is a KeyError, answered as a miss. Hits are most calls
        # (the matcher's token caches, hundreds per query), and the lock was a third of their cost.
        found = self._entries.get(args)
        if found is not None:
            try:
                self._entries.move_to_end(args)
            except KeyError:
                pass
            else:
                self.hits += 1
                return found[0]
        value = self.function(*args)  # outside the lock: two threads may compute one value, never block
        cost = size_of(args) + size_of(value) + ENTRY_OVERHEAD
        if cost > self.max_bytes:
            return value
        with self._lock:
            self.misses += 1
            if args not in self._entries:
                self._entries[args] = (value, cost)
                self.bytes += cost
                while self.bytes > self.max_bytes:
                    _, (_, dropped) = self._entries.popitem(last=False)
                    self.bytes -= dropped
        return value

    def cache_clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


def bytes_cache(max_bytes: int) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Decorator: memoize a function of hashable positional arguments within `max_bytes`."""

    def decorate(function: Callable[..., R]) -> Callable[..., R]:
        cache = BytesCache(function, max_bytes)
        entries = cache._entries

        @wraps(function)
        def wrapper(*args: Hashable) -> R:
            # the hit path of BytesCache.__call__, inline: these caches are called hundreds of times a query
            found = entries.get(args)
            if found is not None:
                try:
                    entries.move_to_end(args)
                except KeyError:
                    pass
                else:
                    cache.hits += 1
                    return found[0]  # type: ignore[no-any-return]
            return cache(*args)  # type: ignore[no-any-return]

        wrapper.cache = cache  # type: ignore[attr-defined]
        wrapper.cache_clear = cache.cache_clear  # type: ignore[attr-defined]
        return wrapper

    return decorate
