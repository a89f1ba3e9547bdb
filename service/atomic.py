"""Writing a file whole or not at all: the one way every command and importer writes its outputs.

A file is written under a temporary name beside its target and renamed over it only when complete, so a crash,
a full disk or an interrupt leaves the old file (or none) and never half of a new one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def write_atomically(path: str | Path, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text file written under a temporary name beside `path` and renamed over it only when complete."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
