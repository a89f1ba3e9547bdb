"""Progress of long work, without tying the core to a terminal.

The core's long loops (reading the store, writing aliases, judging a labelled file) take an optional `progress`
callable that wraps an iterable: `progress(items, "reading files", total)`. The default passes items through.
The CLI passes `terminal_progress`, a tqdm bar on stderr when stderr is a terminal and nothing otherwise, so
pipes, logs and tests see only the summary line each command prints at its end.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
Progress = Callable[[Iterable[T], str, "int | None"], Iterable[T]]


def no_progress(items: Iterable[T], desc: str, total: int | None = None) -> Iterable[T]:
    return items


def terminal_progress(items: Iterable[T], desc: str, total: int | None = None) -> Iterator[T]:
    """A progress bar on stderr when it is a terminal (rows, rate, time left); the items unchanged."""
    if not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm

    # the terminal's size, 80x24 where it reports none (a pseudo-terminal of size 0 would hide the bar)
    size = shutil.get_terminal_size()
    with tqdm(items, desc=desc, total=total, file=sys.stderr, unit=" items", leave=False, ncols=size.columns,
              nrows=size.lines, mininterval=0.2) as bar:
        yield from bar
