from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.match.index import Index
from service.store.build import build

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "aliases"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(STORE, tmp_path_factory.mktemp("db") / "aliases.db").path


@pytest.fixture(scope="session")
def index(db_path: Path) -> Index:
    return Index.open(db_path)


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    """A writable copy of the real store."""
    target = tmp_path / "aliases"
    shutil.copytree(STORE, target)
    return target


def write_entity(root: Path, etype: str, entity_id: str, text: str) -> Path:
    path = root / etype / f"{entity_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_server(db_path: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[LiveServer]:
    """`aliases serve` in a child process on a free loopback port, ready when this yields; stopped with SIGTERM."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from service.cli import main; main()", "serve", "--port", str(port),
         "--db", str(db_path), *args],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        # accepted stores kept beside the test's database, not in the temporary directory where serve keeps them
        env={**os.environ, "PYTHONUNBUFFERED": "1", "ALIASES_ACCEPTED_DIR": str(db_path.parent / f".accepted-{port}"),
             **(env or {})},
    )
    server = LiveServer(f"http://127.0.0.1:{port}", proc)
    chunks: list[bytes] = []
    assert proc.stdout is not None
    stdout = proc.stdout
    # drain the log as it comes: a full pipe would block the server's writes, and with them its requests
    reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: stdout.read1(65536), b"")), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{server.url}/readyz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        reader.join(timeout=10)
        server.log = b"".join(chunks).decode(errors="replace")


@dataclass
class LiveServer:
    url: str
    proc: subprocess.Popen[bytes]
    log: str = ""
