"""What every worker process a command forks does first (the build's file readers, the bulk resolvers)."""

from __future__ import annotations

import signal


def take_default_signals() -> None:
    """Ctrl-C left to the parent, which stops the pool; SIGTERM and SIGHUP back to their defaults.

    The console script turns SIGTERM and SIGHUP into exceptions, so that files being written are removed
    (service.cli, service.atomic); a worker inherits that at fork. It must die of the SIGTERM with which its
    pool's terminate() stops it: the exception, raised in a worker that had just taken the task queue's lock,
    left the other workers waiting for that lock and the command waiting for them, for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
