"""Writing a file whole or not at all: the one way every command and importer writes its outputs.

A file is written under a temporary name beside its target and renamed over it only when complete, so a crash,
a full disk or an interrupt leaves the old file (or none) and never half of a new one. The file gets the mode a
plain open() would give it: a rewritten file keeps its own, a new one follows the umask (mkstemp's 0600 made
`import cldr` turn syria.yaml from 0644 to 0600). The CLI turns SIGTERM and SIGHUP into exceptions so that the
temporary file is removed then too (service.cli).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


def umask() -> int:
    """The process's umask, read without changing it where Linux tells it (/proc), else set and restored."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def mode_for(target: Path) -> int:
    """The mode `target` should have: its own if it exists, else what open() would create (0666 less the umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~umask()


@contextmanager
def write_atomically(path: str | Path, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text file written under a temporary name beside `path` and renamed over it only when complete."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            yield fh
        os.chmod(tmp, mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
