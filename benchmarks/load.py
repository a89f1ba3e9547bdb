"""Hold the real server at saturation and report errors, latency and memory over time.

    python benchmarks/load.py [--duration 60] [--clients 8] [--workers 2] [--db aliases.db] [--url URL]

Starts `aliases serve` on a free loopback port (or uses --url), then CLIENTS processes send requests back to back
for DURATION seconds, a mix of:
  exact     GET /v1/resolve with an alias of the store            (40%)
  variant   GET /v1/resolve with a held-out spelling variant       (30%)
  unmatched GET /v1/resolve with a made-up name                    (20%)
  batch     POST /v1/resolve with 20 names of the three kinds      (10%)
Every answer other than 200 is an error, and so is a refused or reset connection. The server's resident memory
(the master and its workers, from /proc) is sampled every second. Prints requests, errors, requests/s, p50 and
p99 per kind, and the mean resident memory of the first and of the last ten seconds with their ratio.
Targets (issue 8): zero errors; last/first memory within 1.10.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.match.index import Index  # noqa: E402
from service.store.build import ensure_database  # noqa: E402

MIX = (("exact", 0.4), ("variant", 0.3), ("unmatched", 0.2), ("batch", 0.1))
SYLLABLES = ["zor", "qal", "vex", "bru", "tim", "oka", "pel", "dru", "nix", "wal", "yus", "fen"]


def names(db: Path, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    index = Index.open(db)
    exact = sorted({rec.alias.text for rec in index.aliases})
    lines = (ROOT / "tests/data/heldout.jsonl").read_text(encoding="utf-8").splitlines()
    heldout = [json.loads(line) for line in lines]
    variant = [row["query"] for row in heldout if row.get("expect")]
    unmatched = [" ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
                          for _ in range(rng.randint(1, 3))) for _ in range(500)]
    return {"exact": exact, "variant": variant, "unmatched": unmatched}


def client(url: str, pool: dict[str, list[str]], deadline: float, seed: int, out: mp.Queue) -> None:
    rng = random.Random(seed)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    records: list[tuple[float, str, float, int]] = []  # (start, kind, seconds, status; 0 = connection error)
    while time.time() < deadline:
        kind = rng.choices(kinds, weights)[0]
        if kind == "batch":
            queries = [rng.choice(pool[rng.choice(("exact", "variant", "unmatched"))]) for _ in range(20)]
            request = urllib.request.Request(f"{url}/v1/resolve", data=json.dumps({"queries": queries}).encode(),
                                             headers={"Content-Type": "application/json"})
        else:
            q = urllib.parse.quote(rng.choice(pool[kind]))
            request = urllib.request.Request(f"{url}/v1/resolve?q={q}")
        started = time.time()
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                r.read()
                status = r.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except OSError:
            status = 0
        records.append((started, kind, time.time() - started, status))
    out.put(records)


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children, KiB, from /proc."""
    total = 0
    pids = [pid]
    try:
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes] | None) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2):
                return
        except OSError:
            if proc is not None and proc.poll() is not None:
                raise SystemExit("the server exited before it was ready") from None
            time.sleep(0.2)
    raise SystemExit(f"{url} was not ready within 60 s")


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--url", default=None, help="an already running service (memory is then not sampled)")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()

    db = args.db or ensure_database(ROOT / "aliases", ROOT / "aliases.db")
    pool = names(Path(db), args.seed)
    proc = None
    url = args.url
    if url is None:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([sys.executable, "-c", "from service.cli import main; main()", "serve", "--port",
                                 str(port), "--workers", str(args.workers), "--db", str(db)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        wait_ready(url, proc)
        started = time.time()
        deadline = started + args.duration
        out: mp.Queue = mp.Queue()
        clients = [mp.Process(target=client, args=(url, pool, deadline, args.seed + i, out))
                   for i in range(args.clients)]
        for c in clients:
            c.start()
        memory: list[tuple[float, int]] = []
        while time.time() < deadline:
            if proc is not None:
                memory.append((time.time() - started, rss_kib(proc.pid)))
            time.sleep(1.0)
        records = [r for _ in clients for r in out.get()]
        for c in clients:
            c.join()
    finally:
        if proc is not None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)

    elapsed = max(r[0] + r[2] for r in records) - started
    errors = [r for r in records if r[3] != 200]
    print(f"load: {args.clients} client processes, {args.workers} gunicorn sync workers, {args.duration:g} s, "
          f"{os.cpu_count()} CPUs")
    print(f"requests {len(records)}  errors {len(errors)}  throughput {len(records) / elapsed:.0f} requests/s")
    if errors:
        print(f"  error statuses: {sorted({r[3] for r in errors})}")
    for kind, _ in MIX:
        lat = [r[2] * 1000 for r in records if r[1] == kind and r[3] == 200]
        print(f"  {kind:9s} n={len(lat):6d}  p50 {percentile(lat, 50):6.2f} ms  p99 {percentile(lat, 99):6.2f} ms")
    lat = [r[2] * 1000 for r in records if r[3] == 200]
    print(f"  {'all':9s} n={len(lat):6d}  p50 {percentile(lat, 50):6.2f} ms  p99 {percentile(lat, 99):6.2f} ms")
    if memory:
        first = [kib for t, kib in memory if t <= 10]
        last = [kib for t, kib in memory if t >= args.duration - 10]
        f, la = statistics.mean(first) / 1024, statistics.mean(last) / 1024
        print(f"resident memory (master + workers): first 10 s {f:.1f} MiB, last 10 s {la:.1f} MiB, "
              f"ratio {la / f:.3f} (target within 1.10)")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
