"""What `aliases serve` does before its slow imports: a SIGHUP in that window is noted, not fatal."""

from __future__ import annotations

import sys


def sighup_during_start_up(signum: int, frame: object) -> None:
    sys.stderr.write("SIGHUP during start-up: the workers will load the database as it is when they start\n")
