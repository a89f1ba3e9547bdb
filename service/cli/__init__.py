"""The `aliases` console script: a thin click shell over the library, one module per part of the product.

Library errors (service.errors) become click exceptions with their message; nothing here decides anything
the library could. Every command that needs a database builds the embedded one from the store when it is
missing or older than the store, unless --db names one.
"""

from __future__ import annotations

import signal
import sys


def _sighup_during_start_up(signum: int, frame: object) -> None:
    sys.stderr.write("SIGHUP during start-up: the workers will load the database as it is when they start\n")


if sys.argv[1:2] == ["serve"]:  # before the imports below: a SIGHUP would otherwise end the process unseen
    signal.signal(signal.SIGHUP, _sighup_during_start_up)

import click  # noqa: E402

from service import __version__  # noqa: E402
from service.bulk.csvnorm import CsvError  # noqa: E402
from service.cli import bulk, curation, importers, match, serve, store  # noqa: E402
from service.cli.common import InputError  # noqa: E402
from service.errors import AliasError  # noqa: E402


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CsvError as exc:
            raise InputError(exc.message) from None
        except AliasError as exc:
            raise click.ClickException(exc.message) from None


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="aliases")
def main() -> None:
    """Entity alias resolution: curate, build, resolve, evaluate and serve."""


for command in [store.lint, store.build, store.export, match.resolve_cmd, match.eval_cmd, serve.serve,
                bulk.normalize, curation.misses, curation.suggest, curation.diff_command, importers.import_group]:
    main.add_command(command)
