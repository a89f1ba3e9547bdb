"""The store a running service answers from, swapped whole when a new build is asked for. No Flask here.

`aliases build` writes the new database beside the old and renames it into place, so the path always holds a
complete database. `reload()` opens it in full (integrity check, schema and normalizer versions, every row)
before swapping one reference; a request that took the old index finishes on it, the next one gets the new one,
and no answer mixes the two. A database that cannot be opened is refused: the old index stays, and the refusal
is counted and kept for the reload response and the metrics.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from service.errors import AliasError
from service.match.index import Index

log = logging.getLogger("service")


@dataclass(frozen=True)
class ReloadOutcome:
    status: str  # "reloaded", "unchanged" or "refused"
    content_hash: str  # of the index now serving
    previous_hash: str
    message: str
    seconds: float

    def to_dict(self) -> dict[str, object]:
        return {"status": self.status, "content_hash": self.content_hash, "previous_hash": self.previous_hash,
                "message": self.message, "seconds": round(self.seconds, 3)}


class LiveIndex:
    """Holds the serving Index; `current` is one attribute read, safe from any thread."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.current: Index = Index.open(self.path)  # at start-up a bad database raises: refuse to start
        self.outcomes: dict[str, int] = {"reloaded": 0, "unchanged": 0, "refused": 0}
        self.last: ReloadOutcome | None = None
        self._lock = threading.Lock()  # one reload at a time

    def reload(self) -> ReloadOutcome:
        with self._lock:
            started = time.perf_counter()
            old = self.current
            try:
                new = Index.open(self.path)
            except Exception as exc:  # noqa: BLE001 (whatever the file does, the old store keeps serving)
                reason = exc.message if isinstance(exc, AliasError) else f"{type(exc).__name__}: {exc}"
                outcome = ReloadOutcome("refused", old.content_hash, old.content_hash,
                                        f"kept serving {old.content_hash[:12]}: {reason}",
                                        time.perf_counter() - started)
            else:
                if new.content_hash == old.content_hash:
                    outcome = ReloadOutcome("unchanged", old.content_hash, old.content_hash,
                                            "the database holds the store already served",
                                            time.perf_counter() - started)
                else:
                    self.current = new
                    outcome = ReloadOutcome("reloaded", new.content_hash, old.content_hash,
                                            f"now serving {new.content_hash[:12]} ({new.counts()})",
                                            time.perf_counter() - started)
            self.outcomes[outcome.status] += 1
            self.last = outcome
            if outcome.status == "refused":
                log.warning("store reload refused: %s", outcome.message)
            else:
                log.info("store reload %s: %s (%.2fs)", outcome.status, outcome.message, outcome.seconds)
            return outcome
