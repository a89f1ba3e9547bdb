"""The curation loop: `aliases misses` -> `aliases suggest` -> review -> `aliases diff BASE_REF`."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import click

from service.cli.common import (
    InputError,
    db_option,
    log_option,
    miss_logs,
    open_index,
    store_option,
)
from service.match.evaluate import load_labelled
from service.match.index import Index
from service.store.files import load_store
from service.store.model import ENTITY_TYPES


@click.command()
@log_option
@click.option("--min-count", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Rows to print.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def misses(logs: tuple[str, ...], min_count: int, limit: int, as_json: bool) -> None:
    """The most frequent lookups that did not match, with their best candidates."""
    from service.curation.misslog import FLUSH_SECONDS, read_misses

    rows = [m for m in read_misses(miss_logs(logs)) if m.count >= min_count]
    for m in rows[:limit]:
        if as_json:
            click.echo(json.dumps({"query": m.query, "type": m.type, "status": m.status, "count": m.count,
                                   "first_seen": m.first_seen, "last_seen": m.last_seen,
                                   "candidates": m.candidates}, ensure_ascii=False))
        else:
            best = ", ".join(f"{c['id']} {c['score']:g}" for c in m.candidates[:3]) or "-"
            click.echo(f"{m.count:6d}  {m.status:9s}  {m.type or '-':12s}  {m.query}  [{best}]")
    if not as_json:
        click.echo(f"{len(rows)} distinct misses with at least {min_count} lookup(s); {min(limit, len(rows))} shown",
                   err=True)
        if not rows:
            click.echo(f"(a running service writes its misses every {FLUSH_SECONDS:g} s: run this again in a moment "
                       "if you have just looked names up)", err=True)


@click.command()
@log_option
@store_option
@db_option
@click.option("--min-count", type=click.IntRange(min=1), default=2, show_default=True,
              help="Only misses looked up at least this often.")
@click.option("--min-score", type=click.FloatRange(0, 100), default=75.0, show_default=True,
              help="A candidate this close gets the miss as a draft alias; below it, a new entity is drafted.")
@click.option("--stub-type", type=click.Choice(ENTITY_TYPES), default=None,
              help="Type for drafted new entities when the lookup asked for none.")
@click.option("--write", is_flag=True, help="Write the drafted files (default: print them as a diff).")
def suggest(logs: tuple[str, ...], store: str, db: str | None, min_count: int, min_score: float,
            stub_type: str | None, write: bool) -> None:
    """Draft store edits from the misses: aliases for close candidates, stubs for unknown names."""
    from service.curation.misslog import read_misses
    from service.curation.suggest import apply_edits, suggest_edits

    index = open_index(store, db)
    found = suggest_edits(index, store, read_misses(miss_logs(logs)), min_count=min_count, min_score=min_score,
                          stub_type=stub_type)
    root = Path(store)
    for edit in found.edits:
        click.echo(f"# {edit.action} {edit.entity_id}: {edit.reason}")
        if not write:
            click.echo(edit.diff(root), nl=False)
    for reason in found.skipped:
        click.echo(f"skipped {reason}", err=True)
    if write:
        written = apply_edits(found.edits)
        click.echo(f"wrote {len(written)} file(s); every drafted alias says review: true. Check them, run "
                   "`aliases lint` and `aliases diff HEAD`, then commit.", err=True)
    else:
        click.echo(f"{len(found.edits)} file(s) would change; nothing written (pass --write)", err=True)


@click.command(name="diff")
@click.argument("base_ref")
@store_option
@click.option("--queries", "query_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A labelled JSONL file whose queries are re-resolved (repeatable). Default: env "
                   "ALIASES_EVAL_FILES (colon-separated), else tests/data/heldout.jsonl if present.")
@log_option
def diff_command(base_ref: str, store: str, query_files: tuple[str, ...], logs: tuple[str, ...]) -> None:
    """What the working tree's store changes against BASE_REF (a git ref), and whose outcome it changes."""
    import subprocess
    import tarfile
    import tempfile

    from service.curation.diff import changed_outcomes, diff_stores, format_diff
    from service.curation.misslog import read_misses
    from service.store.build import build as build_store

    store_path = Path(store).resolve()
    try:
        top = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=store_path, capture_output=True,
                                  text=True, check=True).stdout.strip())
        subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{base_ref}^{{commit}}"], cwd=top,
                       capture_output=True, check=True)
    except (subprocess.CalledProcessError, FileNotFoundError):
        raise InputError(f"{base_ref!r} is not a commit of the git repository holding {store}: give a branch, "
                          "tag or commit (e.g. origin/main)") from None
    rel = store_path.relative_to(top)
    with tempfile.TemporaryDirectory(prefix="aliases-diff-") as tmp:
        archive = subprocess.run(["git", "archive", "--format=tar", base_ref, "--", str(rel)], cwd=top,
                                 capture_output=True)
        base_root = Path(tmp) / "base"
        base_root.mkdir()
        if archive.returncode == 0:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(base_root, filter="data")
        base_store = base_root / rel
        base_store.mkdir(parents=True, exist_ok=True)  # no store at BASE_REF: everything is new
        base, head = load_store(base_store), load_store(store_path)
        diff = diff_stores(base, head)
        queries: list[tuple[str, str | None]] = []
        files = list(query_files)
        if not files:
            env = os.environ.get("ALIASES_EVAL_FILES")
            files = env.split(":") if env else [p for p in ["tests/data/heldout.jsonl"] if Path(p).is_file()]
        for f in files:
            queries += [(row.query, None) for row in load_labelled(f)]
        log_files = [p for p in miss_logs(logs) if Path(p).is_file()]
        if log_files:
            queries += [(m.query, m.type) for m in read_misses(log_files)]
        if base.problems or head.problems:
            click.echo(format_diff(diff, base_ref))
            which = "the working tree" if head.problems else base_ref
            click.echo(f"outcomes not compared: the store at {which} has problems (`aliases lint`)", err=True)
            sys.exit(1 if head.problems else 0)
        base_index = Index.open(build_store(base_store, Path(tmp) / "base.db").path)
        head_index = Index.open(build_store(store_path, Path(tmp) / "head.db").path)
        diff.outcomes = changed_outcomes(base_index, head_index, queries)
    click.echo(format_diff(diff, base_ref))
    click.echo(f"{len(queries)} queries compared ({len(files)} labelled file(s), {len(log_files)} miss log(s))",
               err=True)


@click.command(name="coverage")
@click.option("--type", "type_", default=None, type=click.Choice(ENTITY_TYPES), help="Only entities of this type.")
@store_option
def coverage_command(type_: str | None, store: str) -> None:
    """Per entity: the news languages it has a name in, those that write its name unchanged (same_name_in), the
    ones it lacks, and its curated aliases with a source."""
    from service.curation.coverage import NEWS_LANGUAGES, coverage

    rows = [r for r in coverage(load_store(store).entities) if type_ in (None, r.type)]
    click.echo("entity\ttype\tlanguages\tsame_form\tsourced\tmissing")
    for r in rows:
        click.echo(f"{r.entity_id}\t{r.type}\t{len(r.languages)}/{len(NEWS_LANGUAGES)}\t"
                   f"{' '.join(r.same_form) or '-'}\t{r.sourced}/{r.curated}\t{' '.join(r.missing) or '-'}")
    names = sum(len(r.languages) for r in rows)
    same = sum(len(r.same_form) for r in rows)
    missing = sum(len(r.missing) for r in rows)
    click.echo(f"{len(rows)} entities; of {len(rows) * len(NEWS_LANGUAGES)} entity-language pairs {names} named, "
               f"{same} same-form, {missing} missing; "
               f"{sum(r.sourced for r in rows)} of {sum(r.curated for r in rows)} curated aliases sourced", err=True)
