"""What every benchmark prints first: the machine it ran on, and how much parallel work it can show right now."""

from __future__ import annotations

import multiprocessing
import os
import platform
import time
from pathlib import Path


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}"


DAMON = Path("/sys/kernel/mm/damon/admin/kdamonds")


def page_out(root: Path = DAMON) -> str | None:
    """What the kernel pages out on its own, when a DAMON scheme says so: 'file pages not read for 60 s' (a
    scheme whose action is pageout, its minimum age in aggregation intervals times the interval). On such a
    machine a database idle that long is read from disk again, and the first queries after it pay for that; the
    benchmarks read their files through just before they time them. None when no such scheme runs."""
    ages: set[float] = set()
    for kdamond in sorted(root.glob("*")):
        try:
            if (kdamond / "state").read_text().strip() != "on":
                continue
            for context in sorted((kdamond / "contexts").glob("[0-9]*")):
                aggr_us = int((context / "monitoring_attrs" / "intervals" / "aggr_us").read_text())
                for scheme in sorted((context / "schemes").glob("[0-9]*")):
                    if (scheme / "action").read_text().strip() != "pageout":
                        continue
                    ages.add(int((scheme / "access_pattern" / "age" / "min").read_text()) * aggr_us / 1e6)
        except (OSError, ValueError):
            continue
    if not ages:
        return None
    return f"this machine's kernel pages out pages not read for {' or '.join(f'{a:g}' for a in sorted(ages))} s (DAMON)"


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def headroom(jobs: int) -> float:
    """How much faster `jobs` processes of plain Python finish the same work than one, on this machine now:
    the most any parallel figure can show (jobs on an idle machine with that many cores)."""
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        start = time.perf_counter()
        pool.map(_burn, [8_000_000])
        one = time.perf_counter() - start
        start = time.perf_counter()
        pool.map(_burn, [8_000_000 // jobs] * jobs)
        return one / (time.perf_counter() - start)
