"""The miss log: lookups that did not match, kept for curators. Opt-in; a SQLite file apart from the store.

One row per (normalized query, type asked): the last raw form seen, the decision (unmatched or ambiguous), how
many times, first and last seen, and the best candidates then. Recording is buffered in memory and written by a
background thread every FLUSH_SECONDS (and at exit), so a lookup never waits for the disk; a write that fails
(disk full, locked, read-only) is counted and dropped, and never fails a lookup. The log is bounded: past
max_rows, the rows seen least often (then least recently) are deleted.

Several server workers share one file: SQLite's WAL journal and a busy timeout let them take turns.

`read_misses` reads this log and the CSV written by `aliases normalize --misses`, into one list.
"""

from __future__ import annotations

import atexit
import csv
import datetime as dt
import json
import logging
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from service.match.matcher import Result
from service.match.normalize import normalize

FLUSH_SECONDS = 2.0
DEFAULT_MAX_ROWS = 100_000
BUFFER_MAX = 10_000  # distinct misses held between flushes; more are dropped (and counted)
SQLITE_MAGIC = b"SQLite format 3\x00"
log = logging.getLogger("service")

SCHEMA = """
CREATE TABLE IF NOT EXISTS misses (
    norm TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT '',
    query TEXT NOT NULL,
    status TEXT NOT NULL,
    count INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    candidates TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (norm, type)
);
CREATE INDEX IF NOT EXISTS misses_rank ON misses (count, last_seen);
"""


@dataclass
class Miss:
    query: str
    norm: str
    type: str | None
    status: str
    count: int
    first_seen: str
    last_seen: str
    candidates: list[dict[str, object]] = field(default_factory=list)  # [{"id", "score", "alias"}]


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def open_log(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=0.5, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=500")
    conn.executescript(SCHEMA)
    return conn


class MissLog:
    """Buffered, bounded, failure-proof recording of unmatched and ambiguous lookups."""

    def __init__(self, path: str | Path, max_rows: int = DEFAULT_MAX_ROWS, flush_seconds: float = FLUSH_SECONDS,
                 background: bool = True):
        self.path = Path(path)
        self.max_rows = max_rows
        self.flush_seconds = flush_seconds
        self.failures = 0
        self.dropped = 0
        self.written = 0
        self._buffer: dict[tuple[str, str], Miss] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._conn: sqlite3.Connection | None = None
        self._thread: threading.Thread | None = None
        # the file and its table exist from the start, so `aliases misses` run right after the first lookups
        # reads an empty log rather than finding none (rows follow within flush_seconds)
        try:
            open_log(self.path).close()
        except Exception as exc:  # noqa: BLE001 - an unwritable log loses misses, never the service
            log.warning("miss log %s: cannot be created (%s); misses will be retried at each flush", self.path, exc)
        if background:
            self._thread = threading.Thread(target=self._run, name="miss-log", daemon=True)
            self._thread.start()
            atexit.register(self.flush)

    def record(self, result: Result, etype: str | None = None) -> None:
        """Note one lookup; matched ones are ignored. Never raises."""
        try:
            if result.status == "matched":
                return
            norm = normalize(result.query)
            if not norm:
                return
            key = (norm, etype or "")
            now = _now()
            cands = [{"id": c.id, "score": c.score, "alias": c.alias} for c in result.candidates[:3]]
            with self._lock:
                held = self._buffer.get(key)
                if held is not None:
                    held.count += 1
                    held.last_seen, held.query, held.status, held.candidates = now, result.query, result.status, cands
                elif len(self._buffer) < BUFFER_MAX:
                    self._buffer[key] = Miss(result.query, norm, etype, result.status, 1, now, now, cands)
                else:
                    self.dropped += 1
        except Exception:  # noqa: BLE001 - recording must never fail a lookup
            self.failures += 1

    def flush(self) -> int:
        """Write the buffer; returns rows written. On failure the buffer is dropped and counted, never raised."""
        with self._lock:
            batch, self._buffer = list(self._buffer.values()), {}
        if not batch:
            return 0
        try:
            if self._conn is None:
                self._conn = open_log(self.path)
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany(
                    "INSERT INTO misses (norm, type, query, status, count, first_seen, last_seen, candidates) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (norm, type) DO UPDATE SET "
                    "count = count + excluded.count, last_seen = excluded.last_seen, query = excluded.query, "
                    "status = excluded.status, candidates = excluded.candidates",
                    [(m.norm, m.type or "", m.query, m.status, m.count, m.first_seen, m.last_seen,
                      json.dumps(m.candidates, ensure_ascii=False)) for m in batch])
                excess = conn.execute("SELECT count(*) FROM misses").fetchone()[0] - self.max_rows
                if excess > 0:
                    conn.execute("DELETE FROM misses WHERE rowid IN (SELECT rowid FROM misses "
                                 "ORDER BY count, last_seen LIMIT ?)", (excess,))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except Exception as exc:  # noqa: BLE001 - a full disk or a locked file loses misses, not lookups
            self.failures += 1
            self.dropped += sum(m.count for m in batch)
            log.warning("miss log %s: %d misses not written (%s)", self.path, len(batch), exc)
            self._conn = None
            return 0
        self.written += len(batch)
        return len(batch)

    def _run(self) -> None:
        while True:
            self._wake.wait(self.flush_seconds)
            self._wake.clear()
            self.flush()


# ---------------------------------------------------------------------------------------------------------
# reading: the SQLite log and the CSV of `aliases normalize --misses`
# ---------------------------------------------------------------------------------------------------------
def read_misses(paths: Iterable[str | Path]) -> list[Miss]:
    """Misses from every file, merged by (normalized query, type); most frequent first."""
    merged: dict[tuple[str, str], Miss] = {}
    for path in paths:
        for miss in _read_one(Path(path)):
            key = (miss.norm, miss.type or "")
            held = merged.get(key)
            if held is None:
                merged[key] = miss
            else:
                held.count += miss.count
                held.first_seen = min(held.first_seen, miss.first_seen)
                if miss.last_seen >= held.last_seen:
                    held.last_seen, held.query, held.status = miss.last_seen, miss.query, miss.status
                    held.candidates = miss.candidates or held.candidates
    return sorted(merged.values(), key=lambda m: (-m.count, m.norm, m.type or ""))


def _read_one(path: Path) -> list[Miss]:
    from service.errors import BadRequest

    if not path.is_file():
        raise BadRequest(f"no miss log at {path}: set ALIASES_MISS_LOG on the service, or pass the CSV written by "
                         "`aliases normalize --misses FILE`")
    with path.open("rb") as fh:
        magic = fh.read(16)
    if not magic:
        return []  # created a moment ago by a service that has not written its first misses yet
    if magic == SQLITE_MAGIC:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT query, norm, type, status, count, first_seen, last_seen, candidates "
                                "FROM misses").fetchall()
        except sqlite3.DatabaseError as exc:
            raise BadRequest(f"{path} is not a miss log ({exc})") from None
        finally:
            conn.close()
        return [Miss(r[0], r[1], r[2] or None, r[3], int(r[4]), r[5], r[6], json.loads(r[7] or "[]")) for r in rows]
    return _read_csv(path)


def _read_csv(path: Path) -> list[Miss]:
    from service.errors import BadRequest

    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(microsecond=0).isoformat()
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        needed = {"value", "count", "status"}
        if not reader.fieldnames or not needed <= set(reader.fieldnames):
            raise BadRequest(f"{path} is neither a miss log nor a misses CSV (columns {', '.join(sorted(needed))} "
                             "expected, as `aliases normalize --misses` writes)")
        for row in reader:
            norm = normalize(row["value"])
            if not norm:
                continue
            cands = []
            for part in (row.get("candidates") or "").split(";"):
                eid, _, score = part.strip().rpartition(":")
                if eid:
                    try:
                        cands.append({"id": eid, "score": float(score), "alias": ""})
                    except ValueError:
                        pass
            out.append(Miss(row["value"], norm, row.get("type") or None, row["status"], int(row["count"] or 1),
                            stamp, stamp, cands))
    return out
