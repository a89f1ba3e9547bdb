"""`aliases serve`: the HTTP API on the production server."""

from __future__ import annotations

import click

from service.cli.common import (
    database_path,
    db_option,
    store_option,
)
from service.match.index import Index


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, type=int, help="Worker processes.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Threads per worker (gunicorn gthread workers); 1 for sync workers.")
@store_option
@db_option
def serve(host: str, port: int, workers: int, threads: int, store: str, db: str | None) -> None:
    """Run the HTTP API on gunicorn (graceful shutdown on SIGTERM)."""
    from service.web.server import run

    db = database_path(store, db)  # built once, before the workers start
    Index.open(db)  # refuse a bad database here, with its message, rather than in every worker
    run({"DB": db, "STORE": store}, host=host, port=port, workers=workers, threads=threads)
