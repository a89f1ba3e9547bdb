"""HTTP throughput and latency of the service on several servers, against a minimal endpoint on the same
server in the same run. Needs `wrk` (Debian package wrk) and, for the granian rows, granian.

    python benchmarks/http_servers.py [--db aliases.db] [--duration 10] [--connections 16] [--workers 2]
                                      [--rounds 1] [--servers "aliases serve" "gunicorn gthread" ...]

For each server (`aliases serve`, the production server: granian ASGI with the store's threads; the same with
`ALIASES_ANSWER_CACHE_BYTES=0`, so that every request is matched, as a name asked for the first time is (wrk
asks one URL over and over, which the other servers answer from the answers each worker remembers); gunicorn sync,
gunicorn gthread, granian wsgi; the same number of worker processes) it measures with wrk on loopback: GET
/healthz (the minimal endpoint), GET /readyz (the smallest route through the whole app), GET /v1/resolve with
an exact alias, and with a variant not in the store.
With --rounds N the three are measured N times in turn (healthz, exact, variant, healthz, ...), so that each
ratio compares runs a few seconds apart on a machine whose load moves; the ratios printed are the medians of
the rounds' ratios. Prints requests/s, p50 and p99 and the CPU seconds the server's processes used per
endpoint (its share of the machine), and the ratios exact / minimal and variant / minimal (issue 18's targets:
at least 0.80 and 0.50 under `aliases serve`), and the same against /readyz. Under `aliases serve`, /healthz is
answered by the event loop without reaching the Flask app (service/web/asgi.py), so it measures granian alone;
under the WSGI servers it is a Flask route, as /readyz is everywhere.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# minimal: the health check (under `aliases serve` the event loop answers it: no thread, no Flask); app: the
# smallest route through the whole app (thread pool, Flask, the index's meta), what a lookup adds to is this
PATHS = {"minimal": "/healthz", "app": "/readyz", "exact": "/v1/resolve?q=Deir%20ez-Zor",
         "variant": "/v1/resolve?q=Abu%20Muhammad%20al-Golani"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def servers(workers: int, port: int) -> dict[str, list[str]]:
    bind = f"127.0.0.1:{port}"
    py = sys.executable
    serve = [py, "-c", "from service.cli import main; main()", "serve", "--port", str(port), "--workers", str(workers)]
    out = {
        "aliases serve": serve,
        # the same server answering every request by matching (SERVER_ENV): what a name asked for the first time costs
        "aliases serve uncached": serve,
        "gunicorn sync": [py, "-m", "gunicorn", "-w", str(workers), "-k", "sync", "-b", bind, "--log-level",
                          "warning", "service.web.wsgi:app"],
        "gunicorn gthread": [py, "-m", "gunicorn", "-w", str(workers), "-k", "gthread", "--threads", "4", "-b",
                             bind, "--log-level", "warning", "service.web.wsgi:app"],
    }
    if shutil.which("granian") or _has("granian"):
        out["granian wsgi"] = [py, "-m", "granian", "--interface", "wsgi", "--workers", str(workers), "--host",
                               "127.0.0.1", "--port", str(port), "--log-level", "warning", "service.web.wsgi:app"]
    return out


# the environment a server's workers take beyond the benchmark's own
SERVER_ENV = {"aliases serve uncached": {"ALIASES_ANSWER_CACHE_BYTES": "0"}}


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


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by a process and its descendants that are alive (the server and its workers)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(ROOT / "aliases.db"))
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1, help="paired rounds of the three endpoints per server")
    parser.add_argument("--servers", nargs="+", default=None, help="only these servers (by the names printed)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    env = {**os.environ, "ALIASES_DB": str(Path(args.db).resolve())}
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "")
    print(f"{os.cpu_count()} CPUs ({cpu}); load average {os.getloadavg()[0]:.1f}; {args.workers} worker "
          f"processes; wrk -t2 -c{args.connections} -d{args.duration}s on loopback; store {args.db}")
    print(f"{'server':22s} {'endpoint':8s} {'req/s':>8s} {'p50 ms':>8s} {'p99 ms':>8s} {'errors':>6s} "
          f"{'server CPU s':>12s}")
    port = free_port()
    for name, cmd in servers(args.workers, port).items():
        if args.servers and name not in args.servers:
            continue
        proc = subprocess.Popen([*cmd, "--db", str(Path(args.db).resolve())] if name.startswith("aliases serve")
                                else cmd, cwd=ROOT, env={**env, **SERVER_ENV.get(name, {})},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
            for path in PATHS.values():
                wrk(base + path, 2, args.connections)  # warm-up
            ratios: dict[str, list[float]] = {"exact": [], "variant": [], "exact-app": [], "variant-app": []}
            for _ in range(args.rounds):
                results = {}
                for label, path in PATHS.items():
                    before = tree_cpu_seconds(proc.pid)
                    results[label] = wrk(base + path, args.duration, args.connections)
                    used = tree_cpu_seconds(proc.pid) - before
                    rps, p50, p99, errors = results[label]
                    print(f"{name:22s} {label:8s} {rps:8.0f} {p50:8.2f} {p99:8.2f} {errors:6d} {used:12.1f}",
                          flush=True)
                for label in ("exact", "variant"):
                    ratios[label].append(results[label][0] / results["minimal"][0])
                    ratios[f"{label}-app"].append(results[label][0] / results["app"][0])
            for base_label, suffix in (("minimal", ""), ("app", "-app")):
                exact, variant = ratios[f"exact{suffix}"], ratios[f"variant{suffix}"]
                print(f"{name:22s} ratio exact / {base_label}: {statistics.median(exact):.2f}, variant / "
                      f"{base_label}: {statistics.median(variant):.2f} (median of {args.rounds} round(s): "
                      f"{', '.join(f'{a:.2f}/{b:.2f}' for a, b in zip(exact, variant, strict=True))})", flush=True)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
