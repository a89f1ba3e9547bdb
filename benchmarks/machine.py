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
