"""`aliases lint`, `build`, `export`: the curated store, checked and compiled."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from service.cli.common import (
    DEFAULT_DB,
    store_option,
)
from service.progress import terminal_progress
from service.store.build import build as build_db
from service.store.build import export_lines, require_valid
from service.store.files import load_store


@click.command()
@store_option
def lint(store: str) -> None:
    """Check every entity file; print every problem. Exit 1 when there is any."""
    result = load_store(store, progress=terminal_progress)
    for problem in result.problems:
        click.echo(str(problem))
    aliases = sum(len(e.aliases) for e in result.entities)
    summary = f"{len(result.entities)} entities, {aliases} aliases, {len(result.problems)} problem(s)"
    drafts = sum(e.review for e in result.entities) + sum(a.review for e in result.entities for a in e.aliases)
    if drafts:
        summary += f"; {drafts} draft(s) marked review: true (confirm each, then remove the mark)"
    if result.problems:
        click.echo(summary, err=True)
        sys.exit(1)
    click.echo(summary)


@click.command()
@store_option
@click.option("-o", "--output", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the database (written to a temporary file, then renamed).")
@click.option("--jobs", default=None, type=click.IntRange(1, 256),
              help="Processes reading files and computing keys (default: every core); the output is the same.")
def build(store: str, output: str, jobs: int | None) -> None:
    """Compile the store into a SQLite database."""
    started = time.monotonic()
    result = build_db(store, output, jobs=jobs, progress=terminal_progress)
    click.echo(f"built {result.path}: {result.entities} entities, {result.aliases} aliases, "
               f"{result.redirects} redirects, content hash {result.content_hash[:16]} "
               f"in {time.monotonic() - started:.1f} s")


@click.command()
@store_option
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="File to write, - for standard output.")
def export(store: str, output: str) -> None:
    """Write the whole store as JSON Lines, one entity per line."""
    result = load_store(store)
    require_valid(result)
    if output == "-":
        for line in export_lines(result):
            click.echo(line)
        return
    target = Path(output)
    tmp = target.with_name(f".{target.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for line in export_lines(result):
            fh.write(line + "\n")
    os.replace(tmp, target)
    click.echo(f"wrote {len(result.entities)} entities to {target}", err=True)
