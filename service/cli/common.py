"""What every command shares: the store and database options, the knobs, the miss-log option, input errors."""

from __future__ import annotations

import os
from pathlib import Path

import click

from service.errors import DatabaseError, StoreError
from service.match.index import Index
from service.match.matcher import DEFAULT_LIMIT, DEFAULT_THRESHOLD
from service.progress import terminal_progress
from service.store.build import ensure_database
from service.store.model import ENTITY_TYPES

DEFAULT_STORE = "aliases"
DEFAULT_DB = "aliases.db"

store_option = click.option(
    "--store", "store", default=lambda: os.environ.get("ALIASES_STORE", DEFAULT_STORE), show_default="aliases",
    type=click.Path(file_okay=False), help="The alias store directory (env ALIASES_STORE).",
)
db_option = click.option(
    "--db", "db", default=None, type=click.Path(dir_okay=False),
    help="A built database to use as is (env ALIASES_DB). Without it, aliases.db is built from the store "
         "when missing or stale.",
)


class InputError(click.ClickException):
    """A bad input file: exit status 2, like a usage error."""

    exit_code = 2


def open_index(store: str, db: str | None) -> Index:
    """The index for a command: --db as given, else the embedded database kept fresh from the store."""
    return Index.open(database_path(store, db))


def database_path(store: str, db: str | None) -> str:
    """The database a command uses: --db (or ALIASES_DB) as given, else aliases.db kept fresh from the store.

    A database at hand is not refused for want of a store: with no store folder (run outside a clone) an
    aliases.db in the working folder is used as built; with a store that fails lint, the aliases.db last built
    is used with a warning, so one bad file does not stop lookups. Only a database this version can trust is
    used so (Index.open checks it)."""
    db = db or os.environ.get("ALIASES_DB")
    if db:
        return db
    if not Path(store).is_dir():
        if Path(DEFAULT_DB).is_file():
            click.echo(f"note: no store folder {store!r} here: using {DEFAULT_DB} as built (pass --store DIR to "
                       "rebuild it from a store)", err=True)
            return DEFAULT_DB
        raise click.ClickException(
            f"no alias store at {store!r} and no {DEFAULT_DB} in {os.getcwd()}: run the command in a clone of the "
            "repository, or pass --store DIR (env ALIASES_STORE) or --db PATH (env ALIASES_DB)")
    try:
        return str(ensure_database(store, DEFAULT_DB, progress=terminal_progress))
    except StoreError as exc:
        if not Path(DEFAULT_DB).is_file():
            raise
        try:
            index = Index.open(DEFAULT_DB)
        except DatabaseError:
            raise exc from None
        problems = exc.message.splitlines()[0].removeprefix("the store has ").split(";")[0]
        click.echo(f"warning: the store has {problems}, so {DEFAULT_DB} was not rebuilt: answering from the "
                   f"database built {index.meta.get('built_at', '?')}. Run `aliases lint` to see them.", err=True)
        return DEFAULT_DB


def knob_options(f):  # type: ignore[no-untyped-def]
    f = click.option("--as-of", "as_of", default=None, help="Date (YYYY-MM-DD) at which validity is judged.")(f)
    f = click.option("--threshold", default=DEFAULT_THRESHOLD, show_default=True, type=float,
                     help="Accept threshold on the 0-100 score scale.")(f)
    f = click.option("--limit", default=DEFAULT_LIMIT, show_default=True, type=int, help="Candidates to return.")(f)
    f = click.option("--type", "type_", default=None, type=click.Choice(ENTITY_TYPES),
                     help="Only entities of this type.")(f)
    return f


DEFAULT_MISS_LOG = "misses.db"
log_option = click.option(
    "--log", "logs", multiple=True, type=click.Path(dir_okay=False),
    help="A miss log (the service's ALIASES_MISS_LOG) or a CSV from `aliases normalize --misses`; repeatable. "
         "Default: env ALIASES_MISS_LOG, else misses.db.",
)


def miss_logs(logs: tuple[str, ...]) -> list[str]:
    return list(logs) or [os.environ.get("ALIASES_MISS_LOG") or DEFAULT_MISS_LOG]
