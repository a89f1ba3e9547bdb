"""The production server: gunicorn running the app factory, the store loaded once per worker.

gunicorn gives graceful shutdown on SIGTERM (in-flight requests finish within graceful_timeout).
"""

from __future__ import annotations

import logging
from typing import Any

from gunicorn.app.base import BaseApplication

from .app import create_app

LOG_FORMAT = "%(asctime)s %(levelname)s [%(process)d] request_id=%(request_id)s %(message)s"


def configure_logging() -> None:
    """One line per request on stderr: time, level, worker pid, request id, method, path, status, duration."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    log = logging.getLogger("service")
    log.handlers = [handler]
    log.setLevel(logging.INFO)
    log.propagate = False


class _Server(BaseApplication):  # type: ignore[misc]
    def __init__(self, config: dict[str, Any], options: dict[str, Any]):
        self.app_config = config
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        configure_logging()
        return create_app(self.app_config)


def run(config: dict[str, Any], *, host: str, port: int, workers: int) -> None:
    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "graceful_timeout": 20,
        "timeout": 30,
        "accesslog": None,  # the app logs one line per request, with its request id
        "loglevel": "info",
    }
    _Server(config, options).run()
