"""The production server: gunicorn running the app factory, the store loaded once per worker.

gunicorn gives graceful shutdown on SIGTERM (in-flight requests finish within graceful_timeout).

SIGHUP reloads the store, not the workers: the master passes the signal to every worker, and each re-opens the
database in a background thread and swaps it in when it is whole (service.web.live). Requests go on being served
from the old store meanwhile, none is dropped, and a database that cannot be opened is refused while the old
store keeps serving. (gunicorn's own SIGHUP would restart the workers, and a worker that cannot open the new
database would take the whole server down.)
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

from service.web.app import create_app

LOG_FORMAT = "%(asctime)s %(levelname)s [%(process)d] request_id=%(request_id)s %(message)s"


def configure_logging() -> None:
    """One line per request on stderr: time, level, worker pid, request id, method, path, status, duration."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    log = logging.getLogger("service")
    log.handlers = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False


class _StoreReloadingArbiter(Arbiter):  # type: ignore[misc]
    def handle_hup(self) -> None:
        self.log.info("SIGHUP: asking %d worker(s) to reload the store", len(self.WORKERS))
        for pid in list(self.WORKERS):
            try:
                os.kill(pid, signal.SIGHUP)
            except ProcessLookupError:
                pass


def _post_worker_init(worker: Any) -> None:
    app = worker.wsgi
    live = app.extensions["aliases_live"]
    metrics = app.extensions["aliases_metrics"]

    def reload() -> None:
        metrics.observe_reload(live.reload().status)

    def on_hup(signum: int, frame: Any) -> None:
        import threading

        threading.Thread(target=reload, name="store-reload", daemon=True).start()

    signal.signal(signal.SIGHUP, on_hup)
    signal.siginterrupt(signal.SIGHUP, False)


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, config: dict[str, Any], options: dict[str, Any]):
        self.app_config = config
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        if "control_socket_disable" in self.cfg.settings:  # gunicorn 24+: one shared socket path per user;
            self.cfg.set("control_socket_disable", True)  # two services on one host would fight over it

    def load(self) -> Any:
        configure_logging()
        return create_app(self.app_config)

    def run(self) -> None:
        try:
            _StoreReloadingArbiter(self).run()
        except RuntimeError as exc:
            print(f"\nError: {exc}\n", file=sys.stderr)
            sys.exit(1)


def run(config: dict[str, Any], *, host: str, port: int, workers: int, threads: int = 4) -> None:
    """gthread workers by default: measured (benchmarks/http_servers.py, README) 1,732 against 1,378 requests/s
    for sync workers on exact lookups, with keep-alive; threads=1 gives sync workers."""
    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread" if threads > 1 else "sync",
        "threads": threads,
        "graceful_timeout": 20,
        "timeout": 30,
        "accesslog": None,  # the app logs one line per request, with its request id
        "loglevel": "info",
        "limit_request_line": 8190,  # gunicorn's maximum: a 500-character query percent-encoded needs up to 6000
        "post_worker_init": _post_worker_init,
    }
    _Server({**config, "RELOAD_ALL_WORKERS": True}, options).run()
