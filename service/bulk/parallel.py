"""Bulk normalization on every core: the distinct values of each block of rows resolved by worker processes.

The rows are read, counted and written by one process, in order, through the same `normalize_rows` loop as a
single-process run; only the resolving moves. Ahead of that loop, each block of BLOCK_ROWS rows is scanned for
the (type, value) cells the Normalizer has not resolved yet, and those are resolved by `jobs` worker processes,
each with its own Normalizer on the same database (opened read-only, memory-mapped: the file's pages are shared),
while the loop writes the block before it. A cell's answer depends on its value alone, so the output is
byte-identical to one process. Memory is bounded: at most two blocks are held, and the cache is the Normalizer's
own, bounded one.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterator
from multiprocessing.pool import AsyncResult, Pool
from multiprocessing.synchronize import Semaphore

from service.bulk.csvnorm import CACHE_MAX, Normalizer
from service.match.index import Index
from service.workers import take_default_signals

BLOCK_ROWS = 20_000
STARTUP_TIMEOUT = 30.0  # seconds for a worker to set its signal handlers

Cell = tuple[str | None, str]
Answer = tuple[str, str, str, str, str]

_worker: Normalizer | None = None  # one per worker process


def _start(db: str, threshold: float, as_of: str | None, started: Semaphore) -> None:
    global _worker
    take_default_signals()
    started.release()
    _worker = Normalizer(Index.open(db), threshold=threshold, as_of=as_of)


def _resolve(cells: list[Cell]) -> list[Answer]:
    if _worker is None:
        raise RuntimeError("the worker was not started")
    try:
        answers = [_worker.cell(value, etype) for etype, value in cells]
        _worker.cache.clear()  # the parent keeps the answers; a second copy here would only grow
        return answers
    except BaseException as exc:  # noqa: BLE001 (a worker that dies of it would leave its block unanswered)
        if isinstance(exc, Exception):
            raise
        raise RuntimeError(f"a worker stopped: {exc!r}") from exc


def open_pool(normalizer: Normalizer, jobs: int) -> Pool:
    """Worker processes that resolve as `normalizer` does. Returns once every worker can be stopped: a SIGTERM
    that reaches a worker between its fork and its own handlers is dropped by the child's signal reset at fork,
    and pool.terminate() would then wait for it for ever (a run stopped at once, on an unwritable output)."""
    context = multiprocessing.get_context("fork")
    started = context.Semaphore(0)
    pool = context.Pool(jobs, initializer=_start,
                        initargs=(str(normalizer.index.path), normalizer.threshold, normalizer.as_of, started))
    for _ in range(jobs):
        if not started.acquire(timeout=STARTUP_TIMEOUT):
            break  # a worker that never starts is the pool's to report; terminate() still stops the others
    return pool


def resolved_ahead(rows: Iterator[list[str]], normalizer: Normalizer, columns: list[str],
                   types: dict[str, str], pool: Pool, jobs: int) -> Iterator[list[str]]:
    """The rows unchanged, each block's new cells resolved by the pool (and put in normalizer's cache) before
    the block is yielded; the next block is read and sent while this one is consumed."""
    header = next(rows, None)
    if header is None:
        return
    yield header
    if any(c not in header for c in columns):
        yield from rows  # normalize_rows names the missing column
        return
    positions = [(header.index(col), types.get(col)) for col in columns]
    width = len(header)
    cache = normalizer.cache
    in_flight: set[Cell] = set()
    pending: deque[tuple[list[list[str]], list[Cell], list[AsyncResult[list[Answer]]]]] = deque()

    def send(block: list[list[str]]) -> None:
        wanted: dict[Cell, None] = {}
        for row in block:
            if len(row) == width:
                for pos, etype in positions:
                    cell = (etype, row[pos])
                    if cell not in cache and cell not in in_flight:
                        wanted[cell] = None
        cells = list(wanted)
        in_flight.update(cells)
        size = max(1, -(-len(cells) // (jobs * 4)))  # a few parts per worker, so none waits on another
        parts = [cells[i:i + size] for i in range(0, len(cells), size)]
        pending.append((block, cells, [pool.apply_async(_resolve, (part,)) for part in parts]))

    def receive() -> list[list[str]]:
        block, cells, results = pending.popleft()
        answers = [a for r in results for a in r.get()]
        if len(cache) + len(cells) > CACHE_MAX:
            cache.clear()
        cache.update(zip(cells, answers, strict=True))
        in_flight.difference_update(cells)
        return block

    while True:
        block = list(itertools.islice(rows, BLOCK_ROWS))
        if block:
            send(block)
        if pending and (not block or len(pending) > 1):
            yield from receive()
        if not block and not pending:
            return
