"""The production server: granian's ASGI mode running service.web.asgi over the Flask app, in worker processes,
the store loaded once per worker.

Chosen by measurement (benchmarks/chaos.py, docs/robustness.md): granian reads headers in its Rust event loop
with a read timeout, and service.web.asgi reads each body in the event loop under a deadline, so a request
reaches a Python thread only when it is whole; slow clients (a body promised and never sent, headers trickled a
byte at a time) hold a socket and nothing else. 200 such connections left gunicorn gthread (and granian's own
WSGI mode, whose threads wait on the body) answering 0 health checks.

Graceful shutdown: SIGTERM lets in-flight requests finish (WORKERS_KILL_TIMEOUT at most). A worker that dies is
respawned, and loads the last accepted store when the path holds a refused one (service.web.live). The store is
reloaded without a signal: each worker watches the database path and re-opens it when it changes; SIGHUP to the
server is passed to every worker, which reloads in place (granian's own SIGHUP respawns workers and resets the
connections queued at the old ones).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from typing import Any

GC_YOUNGEST_THRESHOLD = 50_000  # allocations between collections of the youngest generation (Python's: 700)
LOG_FORMAT = "%(asctime)s %(levelname)s [%(process)d] request_id=%(request_id)s %(message)s"
HEADER_READ_TIMEOUT_MS = 5_000  # a client has this long to send its headers
WORKERS_KILL_TIMEOUT = 20  # seconds a stopping worker has to finish its requests
WATCH_SECONDS = 1.0


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\\\\]")


def escape(text: str) -> str:
    """Control characters (newlines above all), line and paragraph separators, bidi controls and the backslash
    itself written as escapes: a logged value cannot start a line of its own or hide what follows it."""
    def escaped(match: re.Match[str]) -> str:
        char = match.group()
        return "\\\\" if char == "\\" else char.encode("unicode_escape").decode("ascii")

    return _UNPRINTABLE.sub(escaped, text)


class EscapingFormatter(logging.Formatter):
    """The message of each record escaped (a request path with %0A in it used to forge log lines); a traceback,
    appended after it by logging, stays readable on its lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        record.message = escape(record.message)
        return super().formatMessage(record)


def configure_logging() -> None:
    """One line per request on stderr: time, level, worker pid, request id, method, path, status, duration."""
    handler = logging.StreamHandler()
    handler.setFormatter(EscapingFormatter(LOG_FORMAT))
    log = logging.getLogger("service")
    log.handlers = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False


def accepted_dir(db: str | Path) -> Path:
    """Where `aliases serve` keeps accepted databases: per user and per database path, under the temp dir."""
    digest = hashlib.sha256(str(Path(db).resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"aliases-accepted-{os.getuid()}-{digest}"


def reload_on_sighup(app: Any) -> None:
    """In a worker: SIGHUP re-opens the store in a background thread (the signal handler itself does nothing
    slow). Only from the main thread, where Python lets a handler be set."""
    if threading.current_thread() is not threading.main_thread():
        return
    live, metrics = app.extensions["aliases_live"], app.extensions["aliases_metrics"]

    def on_hup(signum: int, frame: Any) -> None:
        threading.Thread(target=lambda: metrics.observe_reload(live.reload().status), name="store-reload",
                         daemon=True).start()

    signal.signal(signal.SIGHUP, on_hup)
    signal.siginterrupt(signal.SIGHUP, False)


def tune_collector() -> None:
    """In a worker whose app is made: take Python's cyclic garbage collector out of the answers' tail.

    gc.freeze() moves every object alive after start-up (modules, the app, its settings and index) into a
    generation the collector never scans again, so a collection walks only what requests made; and the
    youngest generation is collected every GC_YOUNGEST_THRESHOLD allocations instead of 700, so a fuzzy query
    (tens of thousands of small objects, freed by reference counting as it goes) no longer pays for several
    collections of its own. Nothing a request makes is kept alive by this: cycles are still found, later.
    """
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNGEST_THRESHOLD, middle, oldest)


def _server_class() -> type:
    from granian import Granian

    class StoreReloadingGranian(Granian):  # type: ignore[misc, valid-type]
        """SIGHUP reloads the store in every worker, in place, instead of granian's respawn of the workers: a
        respawn resets the connections queued at a stopping worker (measured: one request in a test under load
        dropped), a reload in place drops none."""

        def signal_handler_reload(self, *args: Any, **kwargs: Any) -> None:
            for worker in list(getattr(self, "wrks", [])):
                pid = getattr(getattr(worker, "inner", None), "pid", None)
                if pid:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGHUP)

    return StoreReloadingGranian


def run(config: dict[str, Any], *, host: str, port: int, workers: int, threads: int = 4) -> None:
    """Serve until SIGTERM or SIGINT. The workers read their settings from ALIASES_* variables (set here)."""
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LogLevels

    db = str(config["DB"])
    metrics_dir = Path(tempfile.mkdtemp(prefix="aliases-metrics-"))  # one per run: the workers' values, summed
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    os.environ.update({"ALIASES_DB": db, "ALIASES_STORE": str(config.get("STORE", "aliases")),
                       "ALIASES_THREADS": str(threads),
                       "ALIASES_WATCH_SECONDS": os.environ.get("ALIASES_WATCH_SECONDS", str(WATCH_SECONDS)),
                       "ALIASES_ACCEPTED_DIR": os.environ.get("ALIASES_ACCEPTED_DIR", str(accepted_dir(db)))})
    _server_class()(
        "service.web.wsgi:asgi", address=host, port=port, interface=Interfaces.ASGINL, workers=workers,
        http1_settings=HTTP1Settings(header_read_timeout=HEADER_READ_TIMEOUT_MS),
        respawn_failed_workers=True, respawn_interval=1.0, workers_kill_timeout=WORKERS_KILL_TIMEOUT,
        log_level=LogLevels.warning, log_access=False,
    ).serve()
    shutil.rmtree(metrics_dir, ignore_errors=True)
