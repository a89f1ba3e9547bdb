"""Prometheus metrics: request counts and latencies by route, method and status, resolve outcomes, store reloads.

prometheus_client in its multiprocess mode when PROMETHEUS_MULTIPROC_DIR is set (as `aliases serve` does): each
worker writes its values to files there, and one scrape of /metrics, answered by any worker, sums every worker's
counters (it used to show the one worker that answered, alternating). Without it, each app keeps its own
registry. Every label is bounded: the route is the URL rule that matched (or "unmatched"), the method one of the
methods the service knows (or "other": 20,000 random method names used to add 20,000 series), the status an
HTTP status, the outcome one of a fixed few.
"""

from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, disable_created_metrics, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

disable_created_metrics()  # no *_created series: half the exposition, and nothing the service's users read

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
OUTCOMES = frozenset({"matched", "ambiguous", "unmatched", "reloaded", "unchanged", "refused"})
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def multiprocess() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter("aliases_http_requests", "HTTP requests by route, method and status.",
                                ["route", "method", "status"], registry=self.registry)
        self.latency = Histogram("aliases_http_request_seconds", "HTTP request latency by route.", ["route"],
                                 buckets=BUCKETS, registry=self.registry)
        self.outcomes = Counter("aliases_resolve_outcomes", "Resolve decisions by status.", ["status"],
                                registry=self.registry)
        self.reloads = Counter("aliases_store_reloads", "Store reloads by outcome (reloaded, unchanged, refused).",
                               ["outcome"], registry=self.registry)
        self.store = Gauge("aliases_store_info", "The store each worker serves (its content hash).",
                           ["content_hash"], registry=self.registry, multiprocess_mode="liveall")
        for outcome in ("reloaded", "unchanged", "refused"):
            self.reloads.labels(outcome)
        self._served: str | None = None

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        method = method if method in METHODS else "other"
        self.requests.labels(route, method, str(int(status))).inc()
        self.latency.labels(route).observe(seconds)

    def observe_outcome(self, status: str, n: int = 1) -> None:
        self.outcomes.labels(status if status in OUTCOMES else "other").inc(n)

    def observe_reload(self, outcome: str) -> None:
        self.reloads.labels(outcome if outcome in OUTCOMES else "other").inc()

    def serving(self, content_hash: str) -> None:
        """Note the store this worker serves: one series per worker, the old hash's removed."""
        if content_hash == self._served:
            return
        if self._served is not None:
            self.store.remove(self._served)
        self.store.labels(content_hash).set(1)
        self._served = content_hash

    def render(self, content_hash: str = "") -> bytes:
        if content_hash:
            self.serving(content_hash)
        if multiprocess():
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)
