"""How the service scales with the store: build time, start-up time, memory and resolve latency at each size.

    python benchmarks/scale.py [--sizes 10000 100000 1000000] [--work DIR] [--queries 300]

For each size: writes a synthetic store (benchmarks/synth_store.py; kept in --work and reused), builds it with
`aliases build` (timed), starts a fresh process that opens the index (start-up time and its peak resident
memory), then resolves in that process QUERIES exact hits, variant hits (misspelled names not in the store) and
misses, and reports p50/p99 of each. Prints the ratios the targets are about: variant p99 / exact p99 at the
largest size, and variant p50 growth from the second-largest to the largest size.

Targets (issue 7): variant p99 at 1M < 5 ms and < 10x exact p99; variant p50 growth 100k -> 1M < 3x;
1M aliases: start-up < 10 s, memory < 1.5 GB, build < 2 minutes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, resource, statistics, sys, time
t0 = time.perf_counter()
from service.match.index import Index
from service.match.matcher import resolve
index = Index.open(sys.argv[1])
startup = time.perf_counter() - t0
rss_after_open = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
queries = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
limit = int(sys.argv[3])
out = {"startup_s": startup, "rss_mib": rss_after_open, "aliases": len(index.aliases)}
for kind in ("exact", "variant", "miss"):
    sample = [q for q in queries if q["kind"] == kind][:limit]
    for q in sample[:20]:
        resolve(index, q["query"])  # warm caches the way a running service has them
    times, right = [], 0
    for q in sample:
        t = time.perf_counter()
        r = resolve(index, q["query"])
        times.append((time.perf_counter() - t) * 1000)
        right += (r.match.id if r.match else None) == q["expect"]
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    out[kind] = {"n": len(times), "p50": times[len(times) // 2], "p99": p99, "right": right}
print(json.dumps(out))
"""


def run(size: int, work: Path, limit: int) -> dict[str, object]:
    store = work / f"store-{size}"
    if not (store / "queries.jsonl").is_file():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth_store.py"), str(store), "--aliases",
                        str(size)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    db = work / f"store-{size}.db"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from service.cli import main; main()", "build", "--store", str(store),
                    "-o", str(db)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    build_s = time.perf_counter() - t
    probe = subprocess.run([sys.executable, "-c", PROBE, str(db), str(store / "queries.jsonl"), str(limit)],
                           check=True, cwd=ROOT, capture_output=True, text=True)
    result: dict[str, object] = json.loads(probe.stdout)
    result["build_s"] = build_s
    result["size"] = size
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "aliases-scale")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    print(f"{'aliases':>9s} {'build s':>8s} {'start s':>8s} {'RSS MiB':>8s}   {'exact p50/p99 ms':>17s}   "
          f"{'variant p50/p99 ms':>18s}   {'miss p50/p99 ms':>16s}   variants resolved")
    for size in args.sizes:
        r = run(size, args.work, args.queries)
        rows.append(r)
        e, v, m = r["exact"], r["variant"], r["miss"]  # type: ignore[index]
        print(f"{r['aliases']:>9,} {r['build_s']:8.1f} {r['startup_s']:8.2f} {r['rss_mib']:8.0f}   "
              f"{e['p50']:7.2f} / {e['p99']:6.2f}   {v['p50']:8.2f} / {v['p99']:6.2f}   "
              f"{m['p50']:7.2f} / {m['p99']:6.2f}   {v['right']}/{v['n']}", flush=True)
    last = rows[-1]
    print(f"at {last['aliases']:,} aliases: variant p99 / exact p99 = "
          f"{last['variant']['p99'] / last['exact']['p99']:.1f}x (target < 10x); variant p99 "  # type: ignore[index]
          f"{last['variant']['p99']:.2f} ms (target < 5 ms)")  # type: ignore[index]
    if len(rows) >= 2:
        prev = rows[-2]
        print(f"variant p50 growth {prev['aliases']:,} -> {last['aliases']:,}: "
              f"{last['variant']['p50'] / prev['variant']['p50']:.2f}x (target < 3x)")  # type: ignore[index]


if __name__ == "__main__":
    main()
