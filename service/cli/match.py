"""`aliases resolve` and `aliases eval`: the matcher on names given, and on labelled files."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from service.cli.common import (
    db_option,
    knob_options,
    open_index,
    store_option,
)
from service.match.evaluate import (
    alias_keys,
    baseline_resolver,
    evaluate,
    format_report,
    load_labelled,
    matcher_resolver,
)
from service.match.matcher import resolve
from service.progress import terminal_progress


@click.command(name="resolve")
@click.argument("names", nargs=-1, required=True)
@knob_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per name.")
@store_option
@db_option
def resolve_cmd(names: tuple[str, ...], type_: str | None, limit: int, threshold: float, as_of: str | None,
                as_json: bool, store: str, db: str | None) -> None:
    """Resolve one or more names to entity ids."""
    index = open_index(store, db)
    for name in names:
        result = resolve(index, name, type=type_, limit=limit, threshold=threshold, as_of=as_of)
        if as_json:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
            continue
        head = result.match.id if result.match else "-"
        click.echo(f"{name}\t{result.status}\t{head}\t{result.reason}")
        for c in result.candidates:
            validity = f", {c.validity}" if c.validity else ""
            click.echo(f"    {c.score:5.1f}  {c.id:28} {c.method:15} {c.alias!r} ({c.kind}{validity})")


@click.command(name="eval")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--no-baseline", is_flag=True, help="Skip the naive baseline.")
@knob_options
@store_option
@db_option
def eval_cmd(files: tuple[str, ...], no_baseline: bool, type_: str | None, limit: int, threshold: float,
             as_of: str | None, store: str, db: str | None) -> None:
    """Score the matcher (and the naive baseline) on labelled JSON Lines files."""
    index = open_index(store, db)
    known = alias_keys(index)
    started, total = time.monotonic(), 0
    for path in files:
        cases = load_labelled(path)
        total += len(cases)
        card = evaluate(cases, matcher_resolver(index, type=type_, limit=limit, threshold=threshold, as_of=as_of),
                        known, progress=terminal_progress, desc=f"{Path(path).name}: matcher")
        base = None if no_baseline else evaluate(cases, baseline_resolver(index), known,
                                                 progress=terminal_progress, desc=f"{Path(path).name}: baseline")
        click.echo(format_report(path, card, base))
    click.echo(f"{total} cases in {len(files)} file(s) judged in {time.monotonic() - started:.1f} s", err=True)
