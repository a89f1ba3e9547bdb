"""The store a running service answers from, swapped whole when a new build is asked for. No Flask here.

`aliases build` writes the new database beside the old and renames it into place, so the path always holds a
complete database. `reload()` opens it in full (integrity check, schema and normalizer versions, every value the
service relies on) before swapping one reference; a request that took the old index finishes on it, the next one
gets the new one, and no answer mixes the two. A database that cannot be opened is refused: the old index stays,
and the refusal is counted and kept for the reload response and the metrics.

Each accepted database is kept under its content hash in `keep_dir` (with a pointer to the last one), so that a
worker started while the path holds a refused file (a worker restarted after a crash, or by the server) loads
the last accepted store instead of failing: the server never goes down while a good store exists. `watch()`
re-opens the path whenever its file changes, so every worker follows a new build (or an admin reload made in
one worker) by itself, with no signal to deliver.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from service.errors import AliasError
from service.match.answers import DEFAULT_MAX_BYTES, Answers
from service.match.index import Index

log = logging.getLogger("service")
KEEP = 2  # accepted databases kept: the one serving and the one before


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


class AcceptedStores:
    """Accepted databases under their content hash, `<hash>.db`, and `last`, the hash of the latest."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def keep(self, index: Index) -> None:
        """Copy the database `index` was opened from, if it still holds that store. Never raises."""
        target = self.folder / f"{index.content_hash}.db"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not target.is_file():
                fd, tmp = tempfile.mkstemp(prefix=".keep.", suffix=".tmp", dir=self.folder)
                os.close(fd)
                try:
                    shutil.copyfile(index.path, tmp)
                    if _content_hash(Path(tmp)) != index.content_hash:  # the path changed under the copy
                        return
                    os.replace(tmp, target)
                finally:
                    Path(tmp).unlink(missing_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".last.", suffix=".tmp", dir=self.folder)
            with os.fdopen(fd, "w") as fh:
                fh.write(index.content_hash)
            os.replace(tmp, self.folder / "last")
            kept = sorted(self.folder.glob("*.db"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in kept[KEEP:]:
                if old != target:
                    old.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not keep the accepted store in %s: %s", self.folder, exc)

    def last(self) -> Path | None:
        try:
            content_hash = (self.folder / "last").read_text().strip()
        except OSError:
            return None
        path = self.folder / f"{content_hash}.db"
        return path if content_hash and path.is_file() else None


def _content_hash(path: Path) -> str | None:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'content_hash'").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class LiveIndex:
    """Holds the serving Index and its remembered answers (service/match/answers.py); `serving` is one attribute
    read, safe from any thread, and a store reloaded comes with answers of its own."""

    def __init__(self, path: str | Path, keep_dir: str | Path | None = None,
                 answer_cache_bytes: int = DEFAULT_MAX_BYTES):
        self.path = Path(path)
        self.answer_cache_bytes = answer_cache_bytes
        self.accepted = AcceptedStores(keep_dir) if keep_dir else None
        self.outcomes: dict[str, int] = {"reloaded": 0, "unchanged": 0, "refused": 0}
        self.last: ReloadOutcome | None = None
        self._lock = threading.Lock()  # one reload at a time
        self._seen = _stamp(self.path)
        try:
            self._serve(Index.open(self.path))
        except AliasError as exc:
            fallback = self.accepted.last() if self.accepted else None
            if fallback is None:
                raise  # at first start-up a bad database raises: refuse to start
            self._serve(Index.open(fallback))
            log.warning("the database at %s is refused (%s); serving the last accepted store %s", self.path,
                        exc.message, self.current.content_hash[:12])
        else:
            if self.accepted:
                self.accepted.keep(self.current)

    def reload(self) -> ReloadOutcome:
        with self._lock:
            started = time.perf_counter()
            old = self.current
            self._seen = _stamp(self.path)
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
                    self._serve(new)
                    if self.accepted:
                        self.accepted.keep(new)
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

    def _serve(self, index: Index) -> None:
        self.serving = Answers(index, self.answer_cache_bytes)

    @property
    def current(self) -> Index:
        return self.serving.index

    def changed(self) -> bool:
        """Whether the file at the path is another file (or another size or time) than at the last open."""
        return _stamp(self.path) != self._seen

    def watch(self, seconds: float, on_outcome: object = None) -> threading.Thread:
        """A daemon thread re-opening the path each time its file changes (checked every `seconds`)."""

        def loop() -> None:
            while True:
                time.sleep(seconds)
                if self.changed():
                    outcome = self.reload()
                    if callable(on_outcome):
                        on_outcome(outcome.status)

        thread = threading.Thread(target=loop, name="store-watch", daemon=True)
        thread.start()
        return thread
