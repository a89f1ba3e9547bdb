"""The normalization caches are bounded by bytes (issue 17, item 8): distinct long queries fill them to their
budget and no further, and what they return is what the function returns."""

from __future__ import annotations

import dataclasses
import random
import sys
from typing import NamedTuple

import pytest

from service.match.cache import BytesCache, bytes_cache, size_of
from service.match.normalize import keys, normalize, skeleton_token
from service.match.variants import respellings


def _long(rng: random.Random) -> str:
    return "".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(250)) + " " + "".join(
        rng.choice("abcdefghij ") for _ in range(249))


def test_a_cache_stays_within_its_bytes() -> None:
    cache = BytesCache(lambda text: text * 3, 200_000)
    rng = random.Random(8)
    for _ in range(2000):
        cache(_long(rng))
    assert 0 < cache.bytes <= 200_000
    assert len(cache) < 2000


def test_least_recently_used_goes_first() -> None:
    cache = BytesCache(lambda text: text, 3 * (size_of(("a" * 100,)) + size_of("a" * 100) + 100))
    a, b, c, d = ("a" * 100, "b" * 100, "c" * 100, "d" * 100)
    for text in (a, b, c):
        cache(text)
    cache(a)  # a is now the most recent
    cache(d)  # b goes
    assert cache(a) == a and cache.hits == 2
    cache(b)
    assert cache.misses == 5  # a, b, c, d, then b again


def test_a_value_bigger_than_the_budget_is_returned_not_kept() -> None:
    cache = BytesCache(lambda n: "x" * n, 1000)
    assert cache(5000) == "x" * 5000 and len(cache) == 0


@pytest.mark.parametrize("function", [normalize, keys, skeleton_token, respellings],
                         ids=["normalize", "keys", "skeleton_token", "respellings"])
def test_the_normalization_caches_are_bounded(function: object) -> None:
    cache = function.cache  # type: ignore[attr-defined]
    assert isinstance(cache, BytesCache) and cache.max_bytes <= 8 * 1024 * 1024


def test_keys_under_distinct_long_queries_stays_within_budget() -> None:
    cache = keys.cache  # type: ignore[attr-defined]
    rng = random.Random(3)
    texts = [_long(rng) for _ in range(300)]
    for text in texts:
        assert keys(text) == keys.__wrapped__(text)  # type: ignore[attr-defined]
    assert cache.bytes <= cache.max_bytes
    per_entry = cache.bytes / max(1, len(cache))
    assert per_entry < 20_000  # a few KiB each: the budget holds thousands


def test_decorator_keeps_the_name_and_results() -> None:
    @bytes_cache(10_000)
    def double(x: int) -> int:
        return 2 * x

    assert double(21) == 42 and double(21) == 42 and double.__name__ == "double"
    assert double.cache.hits == 1  # type: ignore[attr-defined]


class _Word(str):
    pass


class _Pair(NamedTuple):
    norm: str
    phon: str


@dataclasses.dataclass(frozen=True)
class _Held:
    text: str
    parts: tuple[str, ...]


_G = sys.getsizeof
SIZES = [
    ("a text", "mohammed", _G("mohammed")),
    ("a number", 0.5, _G(0.5)),
    ("nothing", None, _G(None)),
    ("a tuple of texts", ("abu", "mohammed"), _G(("abu", "mohammed")) + _G("abu") + _G("mohammed")),
    ("nested tuples", (("ab",), 1.0), _G((("ab",), 1.0)) + _G(("ab",)) + _G("ab") + _G(1.0)),
    ("a list", ["x", 3], _G(["x", 3]) + _G("x") + _G(3)),
    ("a subclass of str", _Word("assad"), _G(_Word("assad"))),
    ("a named tuple: its items counted", _Pair("assad", "asad"), _G(_Pair("assad", "asad")) + _G("assad") + _G("asad")),
    ("a dataclass: its fields counted", _Held("hts", ("hayat", "tahrir")),
     _G(_Held("hts", ("hayat", "tahrir"))) + _G("hts") + _G(("hayat", "tahrir")) + _G("hayat") + _G("tahrir")),
    ("a Keys", keys("Deir ez-Zor"), _G(keys("Deir ez-Zor")) + sum(
        _G(getattr(keys("Deir ez-Zor"), f.name)) for f in dataclasses.fields(keys("Deir ez-Zor")))),
]


@pytest.mark.parametrize(("value", "expected"), [row[1:] for row in SIZES], ids=[row[0] for row in SIZES])
def test_size_of_counts_every_part(value: object, expected: int) -> None:
    """The quick path for the exact types the caches hold weighs what the general one does, subclasses included."""
    assert size_of(value) == expected
