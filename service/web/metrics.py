"""Prometheus metrics for one process: request counts and latencies by route and status, resolve outcomes.

Written in the Prometheus text exposition format (version 0.0.4). Each worker process keeps its own
counters and labels them with its pid, so a scraper sums across workers.
"""

from __future__ import annotations

import os
import threading
from collections import defaultdict

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[tuple[str, str, int], int] = defaultdict(int)
        self.latency_buckets: dict[str, list[int]] = defaultdict(lambda: [0] * len(BUCKETS))
        self.latency_sum: dict[str, float] = defaultdict(float)
        self.latency_count: dict[str, int] = defaultdict(int)
        self.outcomes: dict[str, int] = defaultdict(int)
        self.reloads: dict[str, int] = defaultdict(int)

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(route, method, status)] += 1
            buckets = self.latency_buckets[route]
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    buckets[i] += 1
            self.latency_sum[route] += seconds
            self.latency_count[route] += 1

    def observe_outcome(self, status: str, n: int = 1) -> None:
        with self._lock:
            self.outcomes[status] += n

    def observe_reload(self, outcome: str) -> None:
        with self._lock:
            self.reloads[outcome] += 1

    def render(self, content_hash: str = "") -> str:
        pid = os.getpid()
        out = [
            "# HELP aliases_http_requests_total HTTP requests by route, method and status.",
            "# TYPE aliases_http_requests_total counter",
        ]
        with self._lock:
            for (route, method, status), n in sorted(self.requests.items()):
                out.append(f'aliases_http_requests_total{{route="{route}",method="{method}",status="{status}",'
                           f'pid="{pid}"}} {n}')
            out += ["# HELP aliases_http_request_seconds HTTP request latency by route.",
                    "# TYPE aliases_http_request_seconds histogram"]
            for route in sorted(self.latency_count):
                for bound, n in zip(BUCKETS, self.latency_buckets[route], strict=True):
                    out.append(f'aliases_http_request_seconds_bucket{{route="{route}",le="{bound}",pid="{pid}"}} {n}')
                count = self.latency_count[route]
                out.append(f'aliases_http_request_seconds_bucket{{route="{route}",le="+Inf",pid="{pid}"}} {count}')
                out.append(f'aliases_http_request_seconds_sum{{route="{route}",pid="{pid}"}} '
                           f'{self.latency_sum[route]:.6f}')
                out.append(f'aliases_http_request_seconds_count{{route="{route}",pid="{pid}"}} {count}')
            out += ["# HELP aliases_resolve_outcomes_total Resolve decisions by status.",
                    "# TYPE aliases_resolve_outcomes_total counter"]
            for status, n in sorted(self.outcomes.items()):
                out.append(f'aliases_resolve_outcomes_total{{status="{status}",pid="{pid}"}} {n}')
            out += ["# HELP aliases_store_reloads_total Store reloads by outcome (reloaded, unchanged, refused).",
                    "# TYPE aliases_store_reloads_total counter"]
            for outcome in ("reloaded", "unchanged", "refused"):
                out.append(f'aliases_store_reloads_total{{outcome="{outcome}",pid="{pid}"}} '
                           f'{self.reloads.get(outcome, 0)}')
        if content_hash:
            out += ["# HELP aliases_store_info The store this worker serves (its content hash).",
                    "# TYPE aliases_store_info gauge",
                    f'aliases_store_info{{content_hash="{content_hash}",pid="{pid}"}} 1']
        return "\n".join(out) + "\n"
