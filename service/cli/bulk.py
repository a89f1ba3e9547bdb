"""`aliases normalize`: a CSV file's columns of names resolved, streamed or on Dask."""

from __future__ import annotations

import csv
import glob
import io
import itertools
import os
import sys
from codecs import lookup as codecs_lookup
from pathlib import Path

import click

from service.atomic import write_atomically
from service.bulk.csvnorm import (
    Normalizer,
    Progress,
    check_delimiter,
    decoded_lines,
    normalize_rows,
    parse_types,
    read_rows,
    sniff_delimiter,
    write_misses,
)
from service.bulk.parallel import open_pool, resolved_ahead
from service.cli.common import (
    DEFAULT_DB,
    InputError,
    db_option,
    open_index,
    store_option,
)
from service.match.matcher import DEFAULT_THRESHOLD
from service.store.build import ensure_database
from service.store.files import default_jobs

SNIFF_LINES = 200  # lines read ahead to sniff the delimiter


@click.command()
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
              help="dask: INPUT may be a glob of CSV files, processed on a Dask cluster (pip install -e '.[dask]').")
@click.option("--scheduler", default=None, help="With --engine dask: a scheduler address; default a local cluster.")
@click.option("--jobs", default=None, type=click.IntRange(1, 256),
              help="Processes resolving names (default: every core); the output is the same for any number.")
@store_option
@db_option
def normalize(input_path: str, columns: tuple[str, ...], types: tuple[str, ...], output: str, delimiter: str | None,
              encoding: str, encoding_errors: str, misses: str | None, threshold: float, as_of: str | None,
              engine: str, scheduler: str | None, jobs: int | None, store: str, db: str | None) -> None:
    """Append COL_id, COL_name, COL_status and COL_score for each named column of a CSV file."""
    type_map = parse_types(types)
    delimiter = check_delimiter(delimiter)
    if engine == "dask":
        _normalize_dask(input_path, list(columns), type_map, output, delimiter, encoding, threshold, as_of,
                        scheduler, store, db)
        return
    if input_path != "-" and not Path(input_path).is_file():
        raise InputError(f"no file {input_path!r} (a glob of files needs --engine dask)")
    if output != "-" and input_path != "-" and Path(output).resolve() == Path(input_path).resolve():
        raise InputError("the output would overwrite the input: choose another -o")
    try:
        codecs_lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    index = open_index(store, db)
    normalizer = Normalizer(index, threshold=threshold, as_of=as_of)
    jobs = jobs or default_jobs()
    pool = open_pool(normalizer, jobs) if jobs > 1 else None
    raw = sys.stdin.buffer if input_path == "-" else open(input_path, "rb")  # noqa: SIM115
    try:
        lines = decoded_lines(raw, encoding, encoding_errors)
        head = list(itertools.islice(lines, SNIFF_LINES))
        out_delim = delimiter or sniff_delimiter("".join(head))
        rows = read_rows(itertools.chain(head, lines), out_delim)
        if pool is not None:
            rows = resolved_ahead(rows, normalizer, list(columns), type_map, pool, jobs)
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
        if pool is not None:
            pool.terminate()
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

        from service.bulk.dasknorm import normalize_dataframe
    except ImportError:
        raise InputError("--engine dask needs the dask extra: pip install -e '.[dask]' (in the clone)") from None
    files = sorted(glob.glob(pattern))
    if not files:
        raise InputError(f"no file matches {pattern!r}")
    if output == "-":
        raise InputError("--engine dask writes a file: give -o OUTPUT.csv")
    if any(Path(output).resolve() == Path(f).resolve() for f in files):
        raise InputError("the output would overwrite an input: choose another -o")
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
