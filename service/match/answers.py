"""One index's answers, remembered: the same name asked again with the same knobs is answered from memory.

News and pipelines ask for the same names over and over (the names of a week's news are a few hundred, asked
thousands of times), and a fuzzy answer costs milliseconds. An answer depends on the index, the name and the
knobs alone (as_of by its date: no knob means today, and today's answer is remembered under today's date), so
an `Answers` belongs to one index and dies with it: a reloaded store starts with none. Results are frozen, so
one is shared by every thread that asks. Bounded by bytes (service/match/cache.py); 0 remembers nothing.
What a caller does per request (count the outcome, note a miss for the curators) it still does per request.
"""

from __future__ import annotations

import datetime as dt

from service.match.cache import BytesCache
from service.match.index import Index
from service.match.matcher import DEFAULT_LIMIT, DEFAULT_THRESHOLD, Result, check_params, check_query, resolve

DEFAULT_MAX_BYTES = 16 * 1024 * 1024  # about 5,000 answers of five candidates


class Answers:
    def __init__(self, index: Index, max_bytes: int = DEFAULT_MAX_BYTES):
        self.index = index
        self.max_bytes = max_bytes
        self._cache = BytesCache(self._resolve, max_bytes)

    def resolve(self, query: str, *, type: str | None = None, limit: int = DEFAULT_LIMIT,
                threshold: float = DEFAULT_THRESHOLD, as_of: str | dt.date | None = None) -> Result:
        """service.match.matcher.resolve on this index, remembered. Raises BadRequest as resolve does."""
        if not self.max_bytes:
            return resolve(self.index, query, type=type, limit=limit, threshold=threshold, as_of=as_of)
        day = check_params(type, limit, threshold, as_of)  # the knobs checked first: a bad one is never kept
        return self._cache(check_query(query), type, limit, float(threshold), day)  # type: ignore[no-any-return]

    def _resolve(self, query: str, type: str | None, limit: int, threshold: float, day: dt.date) -> Result:
        return resolve(self.index, query, type=type, limit=limit, threshold=threshold, as_of=day)

    def stats(self) -> dict[str, int]:
        return {"entries": len(self._cache), "bytes": self._cache.bytes, "max_bytes": self.max_bytes,
                "hits": self._cache.hits, "misses": self._cache.misses}
