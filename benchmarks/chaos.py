"""Faults and attacks on the real server, on loopback only, each bounded in count and time; prints the figures.

    python benchmarks/chaos.py [--db aliases.db] [--only slow,restart,sighup,cpu,memory,metrics]
                               [--servers aliases,gunicorn-gthread,granian] [--seconds 15]

slow      (issue 17, item 1) SLOW connections that send headers with Content-Length: 10 and no body, and TRICKLE
          connections that send their headers a byte at a time, held against the server while a probe measures
          GET /healthz and GET /v1/resolve: answered/sent and p50/p99. Run against each of --servers.
restart   (item 2) a corrupt file at the database path, a reload refused, then a worker killed: does the server
          go on answering, and from which store?
sighup    (item 3) SIGHUP sent to `aliases serve` while it starts: does it live?
cpu       (item 4) batches of 1,000 names of 500 CJK characters from 8 clients, against /healthz p99.
memory    (item 8) distinct 500-character queries for --seconds: resident memory of the workers before and after.
metrics   (item 9) 2,000 requests with random method names: the size of /metrics before and after.
Every loop has a count and a deadline; every socket a timeout; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def server_command(kind: str, port: int, db: str, workers: int = 2) -> list[str]:
    py = sys.executable
    if kind == "aliases":
        return [py, "-c", "from service.cli import main; main()", "serve", "--port", str(port), "--db", db,
                "--workers", str(workers)]
    if kind == "gunicorn-gthread":
        return [py, "-m", "gunicorn", "-w", str(workers), "-k", "gthread", "--threads", "4", "-b", f"{HOST}:{port}",
                "--log-level", "warning", "service.web.wsgi:app"]
    if kind == "granian":
        return [py, "-m", "granian", "--interface", "wsgi", "--workers", str(workers), "--host", HOST, "--port",
                str(port), "--log-level", "warning", "service.web.wsgi:app"]
    raise SystemExit(f"unknown server {kind!r}")


@contextlib.contextmanager
def running(kind: str, db: str, env: dict[str, str] | None = None,
            workers: int = 2) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(server_command(kind, port, db, workers), stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "ALIASES_DB": db, **(env or {})}, cwd=ROOT)
    url = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                log.seek(0)
                raise SystemExit(f"{kind} exited with {proc.returncode}: {log.read()[-2000:].decode(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{url}/readyz", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        log.close()


def timed_get(url: str, timeout: float = 2.0) -> float | None:
    """Seconds for one GET answered 200, or None (timed out, refused, or another status)."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            r.read()
            return time.perf_counter() - started if r.status == 200 else None
    except (OSError, urllib.error.HTTPError):
        return None


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def probe(urls: list[str], seconds: float, every: float = 0.05, timeout: float = 2.0) -> dict[str, object]:
    """GET each url in turn for `seconds` (at most seconds/every requests): answered/sent, p50 and p99 in ms."""
    times: list[float] = []
    sent = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and sent < int(seconds / every) + 1:
        took = timed_get(urls[sent % len(urls)], timeout)
        sent += 1
        if took is not None:
            times.append(took)
        time.sleep(every)
    return {"sent": sent, "answered": len(times), "p50_ms": round(percentile(times, 0.5) * 1000, 1),
            "p99_ms": round(percentile(times, 0.99) * 1000, 1)}


# ---- slow clients (item 1) ----
def _hold_slow(port: int, count: int, trickle: int, stop: threading.Event) -> list[socket.socket]:
    socks: list[socket.socket] = []
    for i in range(count + trickle):
        try:
            s = socket.create_connection((HOST, port), timeout=2)
        except OSError:
            continue
        if i < count:  # whole headers, a body promised and never sent (every other one: its first byte only)
            s.sendall(b"POST /v1/resolve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 10\r\n\r\n" + (b"{" if i % 2 else b""))
        socks.append(s)
    trickling = socks[count:]
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 4000 + b"\r\n\r\n"

    def trickle_loop() -> None:
        for position in range(len(request)):  # bounded: one byte a step, and the stop event
            if stop.wait(0.2):
                return
            for s in list(trickling):
                try:
                    s.send(request[position:position + 1])
                except OSError:
                    trickling.remove(s)

    threading.Thread(target=trickle_loop, daemon=True).start()
    return socks


def slow_clients(kind: str, db: str, seconds: float, counts: tuple[int, int]) -> dict[str, object]:
    slow, trickle = counts
    with running(kind, db) as (url, _proc):
        port = int(url.rsplit(":", 1)[1])
        baseline = probe([f"{url}/healthz", f"{url}/v1/resolve?q=Homs"], min(seconds, 3))
        stop = threading.Event()
        socks = _hold_slow(port, slow, trickle, stop)
        time.sleep(1)
        held = probe([f"{url}/healthz", f"{url}/v1/resolve?q=Homs"], seconds)
        still_open = 0
        for s in socks:
            try:
                s.setblocking(False)
                still_open += 0 if s.recv(1, socket.MSG_PEEK) == b"" else 1
            except BlockingIOError:
                still_open += 1
            except OSError:
                pass
        stop.set()
        for s in socks:
            s.close()
    return {"server": kind, "slow": slow, "trickle": trickle, "baseline": baseline, "under_attack": held,
            "attack_connections_still_open": still_open}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None)
    parser.add_argument("--only", default="slow,restart,sighup,cpu,memory,metrics")
    parser.add_argument("--servers", default="aliases")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--slow", type=int, default=200)
    parser.add_argument("--trickle", type=int, default=16)
    args = parser.parse_args()
    from service.store.build import ensure_database

    db = args.db or str(ensure_database(ROOT / "aliases", ROOT / "aliases.db"))
    only = set(args.only.split(","))
    results: list[dict[str, object]] = []
    if "slow" in only:
        for kind in args.servers.split(","):
            results.append({"item": 1, **slow_clients(kind, db, args.seconds, (args.slow, args.trickle))})
            print(json.dumps(results[-1]), flush=True)


if __name__ == "__main__":
    main()
