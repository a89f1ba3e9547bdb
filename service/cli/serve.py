"""`aliases serve`: the HTTP API on the production server."""

from __future__ import annotations

import os
import signal

import click

from service.cli.common import (
    database_path,
    db_option,
    store_option,
)
from service.cli.startup import sighup_during_start_up
from service.match.index import Index
from service.web import settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, type=int, help="Worker processes.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Python threads per worker (granian's blocking threads).")
@store_option
@db_option
def serve(host: str, port: int, workers: int, threads: int, store: str, db: str | None) -> None:
    """Run the HTTP API on granian (graceful shutdown on SIGTERM; the store reloads when its file changes)."""
    # A SIGHUP before the server has its own handler (while the store is built and checked, a window that grows
    # with the store) would end the process: note it instead. The workers load the file at the path anyway.
    signal.signal(signal.SIGHUP, sighup_during_start_up)  # again: when called in-process, not as `aliases serve`
    from service.web.server import run

    settings.from_environment(os.environ)  # a bad ALIASES_ setting stops here, with its message
    db = database_path(store, db)  # built once, before the workers start
    Index.open(db)  # refuse a bad database here, with its message, rather than in every worker
    # the server's own start-up lines are below its log level: say where to send requests, and how to stop
    address = f"[{host}]" if ":" in host else host  # an IPv6 address is bracketed in a URL
    click.echo(f"serving {db} at http://{address}:{port}/ with {workers} worker(s); Ctrl-C stops", err=True)
    run({"DB": db, "STORE": store}, host=host, port=port, workers=workers, threads=threads)
