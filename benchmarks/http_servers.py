"""HTTP throughput and latency of the service on several WSGI servers, against a minimal endpoint on the same
server in the same run. Needs `wrk` (Debian package wrk) and, for the granian row, `pip install granian`.

    python benchmarks/http_servers.py [--db aliases.db] [--duration 10] [--connections 16] [--workers 2]

For each server (gunicorn sync, gunicorn gthread, granian wsgi; the same number of worker processes) it measures
with wrk on loopback: GET /healthz (the minimal JSON endpoint), GET /v1/resolve with an exact alias, and with a
variant not in the store. Prints requests/s, p50 and p99, and the ratio resolve-exact / minimal (target >= 0.5).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATHS = {"minimal": "/healthz", "exact": "/v1/resolve?q=Deir%20ez-Zor",
         "variant": "/v1/resolve?q=Abu%20Muhammad%20al-Golani"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def servers(workers: int, port: int) -> dict[str, list[str]]:
    bind = f"127.0.0.1:{port}"
    py = sys.executable
    out = {
        "gunicorn sync": [py, "-m", "gunicorn", "-w", str(workers), "-k", "sync", "-b", bind, "--log-level",
                          "warning", "service.web.wsgi:app"],
        "gunicorn gthread": [py, "-m", "gunicorn", "-w", str(workers), "-k", "gthread", "--threads", "4", "-b",
                             bind, "--log-level", "warning", "service.web.wsgi:app"],
    }
    if shutil.which("granian") or _has("granian"):
        out["granian wsgi"] = [py, "-m", "granian", "--interface", "wsgi", "--workers", str(workers), "--host",
                               "127.0.0.1", "--port", str(port), "--log-level", "warning", "service.web.wsgi:app"]
    return out


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def wrk(url: str, duration: int, connections: int) -> tuple[float, float, float, int]:
    """(requests/s, p50 ms, p99 ms, non-2xx + socket errors)"""
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def pct(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)  # type: ignore[union-attr]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                    r"timeout (\d+)"):
        m = re.search(pattern, out)
        if m:
            errors += sum(int(g) for g in m.groups())
    return rps, pct("50"), pct("99"), errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(ROOT / "aliases.db"))
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    env = {**os.environ, "ALIASES_DB": str(Path(args.db).resolve())}
    print(f"{os.cpu_count()} CPUs; {args.workers} worker processes; wrk -t2 -c{args.connections} "
          f"-d{args.duration}s on loopback; store {args.db}")
    print(f"{'server':18s} {'endpoint':8s} {'req/s':>8s} {'p50 ms':>8s} {'p99 ms':>8s} {'errors':>6s}")
    port = free_port()
    for name, cmd in servers(args.workers, port).items():
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 60
            while True:
                try:
                    urllib.request.urlopen(base + "/readyz", timeout=2).read()
                    break
                except OSError:
                    if time.time() > deadline or proc.poll() is not None:
                        raise SystemExit(f"{name} did not start") from None
                    time.sleep(0.2)
            results = {}
            for label, path in PATHS.items():
                wrk(base + path, 2, args.connections)  # warm-up
                results[label] = wrk(base + path, args.duration, args.connections)
                rps, p50, p99, errors = results[label]
                print(f"{name:18s} {label:8s} {rps:8.0f} {p50:8.2f} {p99:8.2f} {errors:6d}")
            print(f"{name:18s} ratio resolve-exact / minimal: {results['exact'][0] / results['minimal'][0]:.2f} "
                  f"(target >= 0.50); variant / minimal: {results['variant'][0] / results['minimal'][0]:.2f}")
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
