"""How the service scales with the store: build time, start-up time, memory per worker and resolve latency.

    python benchmarks/scale.py [--sizes 100000 1000000] [--work DIR] [--queries 300] [--served 20000] [--jobs N]
                               [--reuse]

For each size: writes a synthetic store (benchmarks/synth_store.py; kept in --work and reused), builds it with
`aliases build` (timed, and the file's size), reads the file through once (the figures are those of a file in
the page cache), then
  - start-up: a fresh process imports the service and opens the index (the time a restarted worker is away);
  - latency: in that process, its garbage collector set as a served worker's (service.web.server.tune_collector),
    QUERIES exact hits, variant hits (misspelled names not in the store) and misses resolved one by one, p50/p99
    of each, and how many variants found their entity;
  - memory: `aliases serve` with two gthread workers, the first SERVED queries (default 20,000: every query
    of a 1M store) sent to it over loopback HTTP from four clients, a new connection every 10 requests (both
    workers serve: their CPU seconds are printed), then each worker's USS (its private pages), PSS (its share
    of every page, the file's pages split between the workers that touched them) and heap (anonymous memory:
    what the worker holds beyond the file) from /proc/PID/smaps_rollup. USS also counts the file's pages that
    only this worker has touched so far: page cache, which the kernel shares with the next worker to read them.
Prints the ratios the targets (issue 18) are about: variant p99 at the largest size, and variant p50 growth from
the first size to the largest.

Targets: 1M aliases: start-up < 1 s, USS per worker < 150 MiB, build < 60 s, exact p99 < 0.3 ms, variant p99
< 5 ms; 10M: variant p99 < 15 ms; variant p50 grows < 2x from 100k to 10M.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.machine import headroom, machine, page_out  # noqa: E402

PROBE = r"""
import json, statistics, sys, time
t0 = time.perf_counter()
from service.match.index import Index
from service.match.matcher import resolve
index = Index.open(sys.argv[1])
startup = time.perf_counter() - t0
from service.web.server import tune_collector
tune_collector()  # the collector as `aliases serve` sets it in each worker once its app is made
queries = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
limit = int(sys.argv[3])
out = {"startup_s": startup, "aliases": len(index.aliases)}
for kind in ("exact", "variant", "miss"):
    sample = [q for q in queries if q["kind"] == kind][:limit]
    for q in sample[:20]:
        resolve(index, q["query"])  # warm the code paths the way a running service has them
    times, cpu, right = [], [], 0
    for q in sample:
        t, c = time.perf_counter(), time.process_time()
        r = resolve(index, q["query"])
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        right += (r.match.id if r.match else None) == q["expect"]
    times.sort()
    cpu.sort()
    at = min(len(times) - 1, int(len(times) * 0.99))
    out[kind] = {"n": len(times), "p50": times[len(times) // 2], "p99": times[at], "cpu_p50": cpu[len(cpu) // 2],
                 "cpu_p99": cpu[at], "right": right}
print(json.dumps(out))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def smaps(pid: int) -> tuple[float, float, float]:
    """(USS, PSS, anonymous) of a process in MiB. USS counts the file's pages that only this process has
    touched (page cache the kernel would share with the next worker to read them); anonymous is its own heap."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value)
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return uss / 1024, fields.get("Pss", 0) / 1024, fields.get("Anonymous", 0) / 1024


def children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


def serve_memory(db: Path, queries: list[dict[str, str]]) -> dict[str, object]:
    """Two workers serving every query over HTTP; their USS and PSS afterwards, and the time to the first answer."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-c", "from service.cli import main; main()", "serve", "--db",
                               str(db), "--port", str(port), "--workers", "2", "--threads", "4"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ready = None
        while ready is None and time.perf_counter() - started < 120:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    ready = time.perf_counter() - started
                conn.close()
            except OSError:
                time.sleep(0.05)
        if ready is None:
            raise RuntimeError("the server did not answer within 120 s")
        errors: list[str] = []

        def client(part: list[dict[str, str]]) -> None:
            for start in range(0, len(part), 10):  # a new connection every 10 requests: both workers take some
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                for q in part[start:start + 10]:
                    conn.request("GET", "/v1/resolve?q=" + urllib.parse.quote(q["query"]))
                    response = conn.getresponse()
                    response.read()
                    if response.status != 200:
                        errors.append(f"{response.status} for {q['query']!r}")
                conn.close()

        threads = [threading.Thread(target=client, args=(queries[i::4],)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[0]}")
        workers = children(server.pid)
        memory = [smaps(pid) for pid in workers]
        busy = [cpu_seconds(pid) for pid in workers]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    return {"ready_s": ready, "workers": len(memory), "uss_mib": max(m[0] for m in memory),
            "pss_mib": max(m[1] for m in memory), "anon_mib": max(m[2] for m in memory), "worker_cpu_s": busy}


def cpu_seconds(pid: int) -> float:
    """CPU time a process has used (to show that both workers served)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(size: int, work: Path, limit: int, served: int, jobs: int | None, reuse: bool) -> dict[str, object]:
    store = work / f"store-{size}"
    if not (store / "queries.jsonl").is_file():
        t = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth_store.py"), str(store), "--aliases",
                        str(size)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        print(f"  (synthetic store of {size:,} aliases written in {time.perf_counter() - t:.0f} s)", flush=True)
    db = work / f"store-{size}.db"
    build_s = build_cpu_s = float("nan")
    if not (reuse and db.is_file()):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "from service.cli import main; main()", "build", "--store",
                        str(store), "-o", str(db), *(["--jobs", str(jobs)] if jobs else [])], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        build_s = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        build_cpu_s = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    # The figures are those of a file in the page cache. A machine short of memory, or one that pages out what
    # has not been read for a while, would have the probe read part of it from disk: read it through first.
    t = time.perf_counter()
    with db.open("rb") as fh:
        while fh.read(1 << 24):
            pass
    print(f"  (the database read into the page cache in {time.perf_counter() - t:.1f} s)", flush=True)
    probe = subprocess.run([sys.executable, "-c", PROBE, str(db), str(store / "queries.jsonl"), str(limit)],
                           check=True, cwd=ROOT, capture_output=True, text=True)
    result: dict[str, object] = json.loads(probe.stdout)
    queries = [json.loads(line) for line in (store / "queries.jsonl").open(encoding="utf-8")]
    result.update(serve_memory(db, queries[:served]))
    result.update(build_s=build_s, build_cpu_s=build_cpu_s, size=size, db_mib=db.stat().st_size / 2**20)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "aliases-scale")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--served", type=int, default=20_000,
                        help="queries sent over HTTP to the two workers before their memory is read")
    parser.add_argument("--jobs", type=int, default=None, help="build processes (default: every core)")
    parser.add_argument("--reuse", action="store_true", help="serve a database built by an earlier run as it is")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(machine())
    paging = page_out()
    if paging:
        print(f"{paging}: a file idle that long is read from disk again; each database is read through just "
              "before its queries are timed")
    jobs = args.jobs or os.cpu_count() or 1
    print(f"parallel headroom now: {jobs} processes run {headroom(jobs):.2f}x one")
    print(f"load average {os.getloadavg()[0]:.1f} (other work on the machine slows every figure; the CPU columns "
          "are the time the service itself used)")
    columns = ["aliases", "build s", "CPU s", "file MiB", "start s", "ready s", "USS MiB", "PSS MiB", "heap MiB",
               "exact p50/p99 ms", "variant p50/p99 ms", "miss p50/p99 ms", "exact CPU p50/p99",
               "variant CPU p50/p99", "variants found"]
    print(" | ".join(columns))
    rows = []
    for size in args.sizes:
        started = time.perf_counter()
        r = run(size, args.work, args.queries, args.served, args.jobs, args.reuse)
        rows.append(r)
        e, v, m = r["exact"], r["variant"], r["miss"]  # type: ignore[index]
        cells = [f"{r['aliases']:,}", f"{r['build_s']:.1f}", f"{r['build_cpu_s']:.0f}", f"{r['db_mib']:.0f}",
                 f"{r['startup_s']:.2f}", f"{r['ready_s']:.2f}", f"{r['uss_mib']:.0f}", f"{r['pss_mib']:.0f}",
                 f"{r['anon_mib']:.0f}",
                 f"{e['p50']:.2f} / {e['p99']:.2f}", f"{v['p50']:.2f} / {v['p99']:.2f}",
                 f"{m['p50']:.2f} / {m['p99']:.2f}", f"{e['cpu_p50']:.2f} / {e['cpu_p99']:.2f}",
                 f"{v['cpu_p50']:.2f} / {v['cpu_p99']:.2f}",
                 f"{v['right']}/{v['n']}"]
        busy = ", ".join(f"{c:.1f}" for c in r["worker_cpu_s"])  # type: ignore[attr-defined]
        print(" | ".join(cells) + f"   ({time.perf_counter() - started:.0f} s; worker CPU s: {busy})", flush=True)
    last, first = rows[-1], rows[0]
    print(f"at {last['aliases']:,} aliases: variant p99 {last['variant']['p99']:.2f} ms, exact p99 "  # type: ignore[index]
          f"{last['exact']['p99']:.2f} ms, start-up {last['startup_s']:.2f} s, USS {last['uss_mib']:.0f} MiB "  # type: ignore[index]
          f"per worker, build {last['build_s']:.0f} s")
    if len(rows) >= 2:
        print(f"variant p50 growth {first['aliases']:,} -> {last['aliases']:,}: "
              f"{last['variant']['p50'] / first['variant']['p50']:.2f}x (target < 2x)")  # type: ignore[index]


if __name__ == "__main__":
    main()
