"""The `aliases` console script: a thin click shell over the library, one module per part of the product.

Library errors (service.errors) become click exceptions with their message; nothing here decides anything
the library could. Every command that needs a database builds the embedded one from the store when it is
missing or older than the store, unless --db names one.
"""

from __future__ import annotations

import click

from service import __version__
from service.bulk.csvnorm import CsvError
from service.cli import annotate, bulk, curation, importers, match, serve, store
from service.cli.common import InputError
from service.errors import AliasError


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
                bulk.normalize, curation.misses, curation.suggest, curation.diff_command, curation.coverage_command,
                importers.import_group, annotate.annotate_cmd]:
    main.add_command(command)
