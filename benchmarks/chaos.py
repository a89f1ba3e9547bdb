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
throughput (not an attack; only when named in --only) what the edge costs: exact lookups per second from 4
          keep-alive clients for 5 s, per server of --servers.
Every loop has a count and a deadline; every socket a timeout; nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
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


def _post(url: str, body: bytes, content_type: str = "application/json", timeout: float = 60,
          method: str = "POST") -> int:
    req = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def _cjk(rng: random.Random, n: int) -> str:
    return "".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(n))


# ---- CPU amplification (item 4) ----
def cpu_batches(db: str, seconds: float, clients: int = 8, names: int = 1000) -> dict[str, object]:
    """`clients` threads post batches of `names` names of 500 CJK characters (then batches of 200, which fit the
    character limit) for `seconds`, while the probe measures /healthz and a lookup."""
    statuses: dict[str, int] = {}
    stop = threading.Event()
    lock = threading.Lock()

    rng = random.Random(4)  # bodies made beforehand: the clients share the machine with the server
    bodies = {size: [json.dumps({"queries": [_cjk(rng, 500) for _ in range(size)]}).encode() for _ in range(3)]
              for size in (names, 200)}

    def client(seed: int) -> None:
        for i in range(1000):  # bounded
            if stop.is_set():
                return
            size = names if i % 2 == 0 else 200
            status = _post(f"{url}/v1/resolve", bodies[size][(seed + i) % 3])
            with lock:
                key = f"{size} names: {status}"
                statuses[key] = statuses.get(key, 0) + 1

    with running("aliases", db, env={"ALIASES_MAX_CONTENT_LENGTH": str(8 * 1024 * 1024)}) as (url, _proc):
        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
        for t in threads:
            t.start()
        time.sleep(1)
        health = probe([f"{url}/healthz"], seconds / 2, timeout=5)
        lookups = probe([f"{url}/v1/resolve?q=Homs"], seconds / 2, timeout=5)
        stop.set()
        for t in threads:
            t.join(timeout=70)
    return {"clients": clients, "statuses": statuses, "healthz_under_load": health, "lookup_under_load": lookups}


# ---- a worker killed after a refused reload (item 2) ----
def restart_after_refused(db: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        live_db = Path(tmp) / "aliases.db"
        shutil.copy(db, live_db)
        with running("aliases", str(live_db), env={"ALIASES_ACCEPTED_DIR": str(Path(tmp) / "accepted")}) as (url,
                                                                                                        proc):
            before = urllib.request.urlopen(f"{url}/v1/meta", timeout=5).headers["X-Store-Hash"]
            broken = Path(tmp) / "broken.db"
            broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
            os.replace(broken, live_db)
            time.sleep(2.5)
            children = [int(p) for p in subprocess.run(["ps", "-o", "pid=", "--ppid", str(proc.pid)],
                                                       capture_output=True, text=True).stdout.split()]
            os.kill(children[0], signal.SIGKILL)
            time.sleep(3)
            answers = []
            for _ in range(50):  # bounded
                try:
                    with urllib.request.urlopen(f"{url}/v1/meta", timeout=5) as r:
                        answers.append((r.status, r.headers["X-Store-Hash"]))
                except OSError as exc:
                    answers.append((0, str(exc)))
            alive = proc.poll() is None
    return {"server_alive": alive, "answered_200": sum(1 for s, _ in answers if s == 200), "sent": len(answers),
            "all_from_the_accepted_store": all(h == before for s, h in answers if s == 200)}


# ---- SIGHUP during start-up (item 3) ----
def sighup_at_start(db: str, tries: int = 5) -> dict[str, object]:
    survived = 0
    for _ in range(tries):
        port = free_port()
        proc = subprocess.Popen(server_command("aliases", port, db, 1), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=ROOT)
        deadline = time.monotonic() + 30
        ready = False
        while time.monotonic() < deadline and proc.poll() is None and not ready:
            time.sleep(0.1)
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signal.SIGHUP)
            ready = timed_get(f"http://{HOST}:{port}/readyz", 0.5) is not None
        survived += int(ready and proc.poll() is None)
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    return {"starts": tries, "survived_sighups_every_100ms": survived}


# ---- memory under distinct long queries (item 8) ----
def _rss_mib(pid: int) -> float:
    total = 0
    pids = [pid] + [int(p) for p in subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                                                   text=True).stdout.split()]
    for p in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return round(total / 1024, 1)


def memory_distinct(db: str, seconds: float, clients: int = 4) -> dict[str, object]:
    stop = threading.Event()
    sent = [0]

    def client(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(1_000_000):  # bounded by count and by the stop event
            if stop.is_set():
                return
            q = urllib.parse.quote(_cjk(rng, 250) + " " + "".join(rng.choice("abcdefghij") for _ in range(249)))
            timed_get(f"{url}/v1/resolve?q={q}", 10)
            sent[0] += 1

    with running("aliases", db) as (url, proc):
        before = _rss_mib(proc.pid)
        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
        for t in threads:
            t.start()
        samples = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(min(5, seconds))
            samples.append(_rss_mib(proc.pid))
        stop.set()
        for t in threads:
            t.join(timeout=15)
        names = [f"Name {i} {_cjk(random.Random(i), 40)}" for i in range(200)]  # 200 distinct: within the deadline
        csv_body = ("name\n" + "\n".join(names[i % 200] for i in range(100_000))).encode()
        before_csv = _rss_mib(proc.pid)
        status = _post(f"{url}/v1/normalize?column=name", csv_body, "text/csv", timeout=120)
        after_csv = _rss_mib(proc.pid)
    return {"queries": sent[0], "rss_mib_start": before, "rss_mib_samples": samples,
            "csv_mib": round(len(csv_body) / 2**20, 1), "csv_status": status, "rss_mib_before_csv": before_csv,
            "rss_mib_after_csv": after_csv}


# ---- metrics cardinality (item 9) ----
def metrics_methods(db: str, requests: int = 2000) -> dict[str, object]:
    rng = random.Random(9)
    with running("aliases", db) as (url, _proc):
        size_before = len(urllib.request.urlopen(f"{url}/metrics", timeout=10).read())
        for _ in range(requests):
            method = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(8))
            _post(f"{url}/healthz?x=1", b"", method=method, timeout=5)
        sizes = [len(urllib.request.urlopen(f"{url}/metrics", timeout=10).read()) for _ in range(4)]
    return {"requests_with_random_methods": requests, "metrics_bytes_before": size_before,
            "metrics_bytes_after": sizes}


# ---- what the edge costs (not an attack): lookups per second on keep-alive connections ----
def throughput(kind: str, db: str, seconds: float = 5, clients: int = 4) -> dict[str, object]:
    import http.client

    counts = [0] * clients
    times: list[float] = []
    stop = threading.Event()

    def client(i: int, port: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        for _ in range(1_000_000):  # bounded by count and the stop event
            if stop.is_set():
                break
            started = time.perf_counter()
            conn.request("GET", "/v1/resolve?q=Deir%20ez-Zor")
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                counts[i] += 1
                times.append(time.perf_counter() - started)
        conn.close()

    with running(kind, db) as (url, _proc):
        port = int(url.rsplit(":", 1)[1])
        threads = [threading.Thread(target=client, args=(i, port), daemon=True) for i in range(clients)]
        for t in threads:
            t.start()
        time.sleep(seconds)
        stop.set()
        for t in threads:
            t.join(timeout=10)
    return {"server": kind, "requests_per_s": round(sum(counts) / seconds),
            "p50_ms": round(percentile(times, 0.5) * 1000, 2),
            "p99_ms": round(percentile(times, 0.99) * 1000, 2)}


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
    steps = [("restart", 2, lambda: restart_after_refused(db)), ("sighup", 3, lambda: sighup_at_start(db)),
             ("cpu", 4, lambda: cpu_batches(db, args.seconds)), ("memory", 8, lambda: memory_distinct(db, 60)),
             ("metrics", 9, lambda: metrics_methods(db))]
    if "throughput" in only:
        for kind in args.servers.split(","):
            results.append({"item": "edge", **throughput(kind, db)})
            print(json.dumps(results[-1]), flush=True)
    for name, item, step in steps:
        if name in only:
            results.append({"item": item, name: step()})
            print(json.dumps(results[-1]), flush=True)


if __name__ == "__main__":
    main()
