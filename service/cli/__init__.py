"""The `aliases` console script: a thin click shell over the library, one module per part of the product.

Library errors (service.errors) become click exceptions with their message; nothing here decides anything
the library could. Every command that needs a database builds the embedded one from the store when it is
missing or older than the store, unless --db names one.
"""

from __future__ import annotations

import signal
import sys
import threading

from service.cli.startup import sighup_during_start_up

if sys.argv[1:2] == ["serve"]:  # before the imports below: a SIGHUP would otherwise end the process unseen
    signal.signal(signal.SIGHUP, sighup_during_start_up)

import click  # noqa: E402

from service import __version__  # noqa: E402
from service.bulk.csvnorm import CsvError  # noqa: E402
from service.cli import annotate, bulk, curation, importers, match, serve, store  # noqa: E402
from service.cli.common import InputError  # noqa: E402
from service.errors import AliasError  # noqa: E402


def _stop(signum: int, frame: object) -> None:
    """SIGTERM or SIGHUP to a command that writes files: an exception, so that files being written are removed
    (service.atomic) instead of left as .partial beside their targets."""
    raise SystemExit(128 + signum)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        stoppable = ctx.invoked_subcommand != "serve" and threading.current_thread() is threading.main_thread()
        previous = {s: signal.signal(s, _stop) for s in (signal.SIGTERM, signal.SIGHUP)} if stoppable else {}
        try:
            return super().invoke(ctx)
        except CsvError as exc:
            raise InputError(exc.message) from None
        except AliasError as exc:
            raise click.ClickException(exc.message) from None
        except OSError as exc:  # a read-only folder, a full disk, an unwritable --misses path: a message, exit 2
            where = f"{exc.filename}: " if exc.filename else ""
            raise InputError(f"{where}{exc.strerror or exc}") from None
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="aliases")
def main() -> None:
    """Entity alias resolution: curate, build, resolve, evaluate and serve."""


for command in [store.lint, store.build, store.export, match.resolve_cmd, match.eval_cmd, serve.serve,
                bulk.normalize, curation.misses, curation.suggest, curation.diff_command, curation.coverage_command,
                importers.import_group, annotate.annotate_cmd]:
    main.add_command(command)
