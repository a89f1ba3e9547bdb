"""Benchmark `aliases normalize` against a plain CSV pass-through, and its peak memory as rows grow.

    python benchmarks/csv_normalize.py [--rows 1000000] [--distinct 50000] [--big-rows 4000000] [--db aliases.db]
                                       [--jobs N]

Generates a CSV whose name column draws, with Zipf-like repetition, from DISTINCT values: aliases of the store,
the same with spelling perturbations, and names the store does not know. Times, in one run:
  - pass-through: Python's csv module reading and writing the same file (the floor);
  - `aliases normalize --jobs 1` on it, in a child process (peak RSS read from the child);
  - `aliases normalize --jobs N` (default every core) on it, and its output compared byte for byte with the
    single-process one (peak RSS: the largest of the parent and its workers);
  - `aliases normalize --jobs N` on a file of BIG_ROWS rows drawn from the same values, for memory growth.
Prints the figures and the ratios: normalize / pass-through time (and CPU time: the machine may be shared), and
peak RSS at BIG_ROWS / at ROWS, and what the file holds: how many distinct values it reaches, how often the most
common one repeats, and the share of rows and of distinct values that are a store alias as written.
Targets (issue 18): time ratio within 5x on every core, output identical, memory ratio within 1.10.

What it measures: the time is the rows' path (read, look up, write: a few microseconds a row) plus the
resolving of each distinct value once. With the default 50,000 values, of which the starter store's 2,000-odd
aliases are the only exact ones and the rest are misspellings and unknown names that the matcher aligns, the
resolving is nearly all of it; the ratio scales with --distinct.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.machine import headroom  # noqa: E402
from service.match.index import Index  # noqa: E402
from service.store.build import ensure_database  # noqa: E402

SYLLABLES = ["ab", "ad", "al", "am", "an", "ar", "ba", "da", "fa", "ha", "ja", "ka", "kh", "ma", "mu", "na", "ra",
             "sa", "sh", "ta", "za", "ov", "in", "ev", "ko", "li", "ro", "sel", "dan", "mir", "gor", "tash"]


def perturb(text: str, rng: random.Random) -> str:
    chars = list(text)
    if len(chars) < 3:
        return text + "a"
    i = rng.randrange(1, len(chars) - 1)
    op = rng.randrange(4)
    if op == 0:
        del chars[i]
    elif op == 1:
        chars.insert(i, chars[i])
    elif op == 2:
        chars[i] = rng.choice("aeiouy")
    else:
        chars[i], chars[i - 1] = chars[i - 1], chars[i]
    return "".join(chars)


def unknown_name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()

    return " ".join(word() for _ in range(rng.randint(2, 3)))


def distinct_values(index: Index, n: int, rng: random.Random) -> list[str]:
    aliases = sorted({rec.alias.text for rec in index.aliases})
    values: list[str] = list(aliases)
    seen = set(values)
    while len(values) < n:
        candidate = perturb(rng.choice(aliases), rng) if rng.random() < 0.5 else unknown_name(rng)
        if candidate not in seen:
            seen.add(candidate)
            values.append(candidate)
    rng.shuffle(values)
    return values[:n]


def write_csv(path: Path, values: list[str], rows: int, rng: random.Random) -> None:
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(values))]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "name", "note"])
        chunk = 100_000
        for start in range(0, rows, chunk):
            names = rng.choices(values, weights=weights, k=min(chunk, rows - start))
            out.writerows([str(start + i), name, "x"] for i, name in enumerate(names))


def pass_through(src: Path, dst: Path) -> tuple[float, float]:
    """(seconds, CPU seconds) of the csv module reading and writing the file."""
    start, cpu = time.perf_counter(), time.process_time()
    with open(src, encoding="utf-8", newline="") as fin, open(dst, "w", encoding="utf-8", newline="") as fout:
        csv.writer(fout).writerows(csv.reader(fin))
    return time.perf_counter() - start, time.process_time() - cpu


def mix(path: Path, aliases: set[str]) -> dict[str, float]:
    """What the file holds: distinct values, and the share of rows and of distinct values that are a store alias
    as written (the rest are misspelled aliases and names of nobody: the ones the matcher aligns)."""
    counts: dict[str, int] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in itertools.islice(csv.reader(fh), 1, None):
            counts[row[1]] = counts.get(row[1], 0) + 1
    rows = sum(counts.values())
    top = max(counts.values())
    return {"distinct_in_file": len(counts), "rows_per_distinct": round(rows / len(counts), 1),
            "top_value_share_of_rows": round(top / rows, 3),
            "alias_share_of_rows": round(sum(n for v, n in counts.items() if v in aliases) / rows, 3),
            "alias_share_of_distinct": round(sum(1 for v in counts if v in aliases) / len(counts), 3)}


# The child's own peak is VmHWM, its image's high-water mark since exec: getrusage(RUSAGE_SELF).ru_maxrss keeps
# the mark of the image before exec, which is this benchmark's process when the child is spawned (vfork), so it
# would report the benchmark's own size. The workers' peak is RUSAGE_CHILDREN's (forks of the child).
CHILD = """
import re, resource, sys, time
from service.cli import main
start = time.perf_counter()
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    cpu = sum(u.ru_utime + u.ru_stime for u in usage)
    own = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
    print("BENCH", time.perf_counter() - start, max(own, usage[1].ru_maxrss), cpu, file=sys.stderr)
"""


def normalize(src: Path, dst: Path, db: Path, jobs: int | None) -> tuple[float, int, float]:
    """(seconds, peak RSS in KiB of the largest process, CPU seconds of every process) of `aliases normalize` in
    a child process (its workers included)."""
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, "normalize", str(src), "--column", "name", "-o", str(dst), "--db", str(db),
         *(["--jobs", str(jobs)] if jobs else [])],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    line = next(line for line in proc.stderr.splitlines() if line.startswith("BENCH"))
    _, seconds, rss, cpu = line.split()
    return float(seconds), int(rss), float(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--distinct", type=int, default=50_000)
    parser.add_argument("--big-rows", type=int, default=4_000_000)
    parser.add_argument("--db", type=Path, default=None, help="built database (default: aliases.db, kept fresh)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=None, help="processes for the parallel runs (default: every core)")
    args = parser.parse_args()
    db = args.db or ensure_database(ROOT / "aliases", ROOT / "aliases.db")
    jobs = args.jobs or os.cpu_count() or 1
    print(f"parallel headroom now: {jobs} processes run {headroom(jobs):.2f}x one", flush=True)
    rng = random.Random(args.seed)
    index = Index.open(db)
    values = distinct_values(index, args.distinct, rng)
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        small, big = Path(tmp) / "rows.csv", Path(tmp) / "big.csv"
        write_csv(small, values, args.rows, rng)
        write_csv(big, values, args.big_rows, rng)
        held = mix(small, {rec.alias.text for rec in index.aliases})
        floor, floor_cpu = pass_through(small, Path(tmp) / "copy.csv")
        one_seconds, one_rss, one_cpu = normalize(small, Path(tmp) / "out-1.csv", db, 1)
        load.append(os.getloadavg()[0])
        seconds, rss, cpu = normalize(small, Path(tmp) / "out.csv", db, args.jobs)
        identical = filecmp.cmp(Path(tmp) / "out-1.csv", Path(tmp) / "out.csv", shallow=False)  # in blocks
        load.append(os.getloadavg()[0])
        big_seconds, big_rss, _ = normalize(big, Path(tmp) / "big-out.csv", db, args.jobs)
        load.append(os.getloadavg()[0])
    figures = {
        "rows": args.rows, "distinct": args.distinct, "big_rows": args.big_rows, "jobs": args.jobs or os.cpu_count(),
        **held, "load_average": load,
        "pass_through_s": round(floor, 2), "pass_through_cpu_s": round(floor_cpu, 2),
        "normalize_one_process_s": round(one_seconds, 2), "normalize_one_process_cpu_s": round(one_cpu, 2),
        "normalize_s": round(seconds, 2), "normalize_cpu_s": round(cpu, 2), "normalize_big_s": round(big_seconds, 2),
        "identical_to_one_process": identical, "peak_rss_one_process_mib": round(one_rss / 1024, 1),
        "peak_rss_mib": round(rss / 1024, 1), "peak_rss_big_mib": round(big_rss / 1024, 1),
        "time_ratio_one_process": round(one_seconds / floor, 2),
        "time_ratio": round(seconds / floor, 2), "memory_ratio": round(big_rss / rss, 3),
        "cpu_ratio_one_process": round(one_cpu / floor_cpu, 2),
    }
    print(json.dumps(figures, indent=1))
    print(f"normalize / pass-through time: {figures['time_ratio']}x on {figures['jobs']} processes "
          f"({figures['time_ratio_one_process']}x on one; target within 5x); output identical to one process: "
          f"{identical}")
    print(f"peak memory at {args.big_rows:,} / at {args.rows:,} rows: {figures['memory_ratio']} (target within 1.10)")


if __name__ == "__main__":
    main()
