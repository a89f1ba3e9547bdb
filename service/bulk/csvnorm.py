"""Stream CSV rows through the matcher: each named column gets COL_id, COL_name, COL_status, COL_score.

Rows are read and written one at a time, so memory does not grow with the number of rows; each distinct
(column type, value) is resolved once and remembered (up to CACHE_MAX values, then the memory starts over).
Every other column and the row order pass through unchanged. Problems raise CsvError with the row number:
a missing column, undecodable bytes (unless errors="replace"), a row with the wrong number of fields.
Writing whole-or-nothing (temporary file, then rename) is the caller's part: see write_atomically.
"""

from __future__ import annotations

import codecs
import csv
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from service.atomic import write_atomically
from service.errors import BadRequest
from service.match.index import Index
from service.match.matcher import DEFAULT_THRESHOLD, MAX_QUERY_LENGTH, check_params, resolve

OUTPUT_SUFFIXES = ("id", "name", "status", "score")
CACHE_MAX = 500_000
MISSES_MAX = 200_000
DELIMITERS = ",;\t|"
_csv_field_limit_set = False


class CsvError(BadRequest):
    """A CSV input that cannot be normalized as given. Exit status 2 on the command line, 400 over HTTP."""

    code = "bad_csv"


@dataclass
class Summary:
    rows: int = 0
    distinct: int = 0
    statuses: Counter[str] = field(default_factory=Counter)  # per non-empty cell
    # (column, value) -> [count, status, top candidates, type]
    misses: dict[tuple[str, str], list[Any]] = field(default_factory=dict)

    def line(self) -> str:
        s = self.statuses
        return (f"{self.rows} rows, {self.distinct} distinct values, {s['matched']} matched, "
                f"{s['ambiguous']} ambiguous, {s['unmatched']} unmatched cells")


def check_delimiter(value: str | None) -> str | None:
    """A delimiter given by a user: one character that is not a quote, a line break or a letter/digit."""
    if value is None or value == "":
        return None
    if value in ("\\t", "tab"):
        return "\t"
    if len(value) != 1 or value in "\"\r\n" or value.isalnum():
        raise CsvError(f"the delimiter must be one character such as , ; | or a tab (\\t), not {value!r}")
    return value


def sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def _allow_large_fields() -> None:
    global _csv_field_limit_set
    if not _csv_field_limit_set:
        csv.field_size_limit(64 * 1024 * 1024)
        _csv_field_limit_set = True


class Normalizer:
    """Resolves cell values, each distinct one once. Reusable across files (the CLI, HTTP, Dask partitions)."""

    def __init__(self, index: Index, *, threshold: float = DEFAULT_THRESHOLD, as_of: str | None = None):
        check_params(None, 1, threshold, as_of)
        self.index = index
        self.threshold = threshold
        self.as_of = as_of
        self.cache: dict[tuple[str | None, str], tuple[str, str, str, str, str]] = {}

    def cell(self, value: str, etype: str | None) -> tuple[str, str, str, str, str]:
        """(id, name, status, score, top candidates) for one value; blank cells give empty fields."""
        key = (etype, value)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        if not value.strip():
            out = ("", "", "", "", "")
        elif len(value) > MAX_QUERY_LENGTH:
            out = ("", "", "unmatched", "", f"longer than {MAX_QUERY_LENGTH} characters")
        else:
            r = resolve(self.index, value, type=etype, limit=3, threshold=self.threshold, as_of=self.as_of)
            top = "; ".join(f"{c.id}:{c.score:g}" for c in r.candidates)
            if r.match:
                out = (r.match.id, r.match.name, r.status, f"{r.match.score:g}", top)
            else:
                best = f"{r.candidates[0].score:g}" if r.candidates else ""
                out = ("", "", r.status, best, top)
        if len(self.cache) >= CACHE_MAX:
            self.cache.clear()
        self.cache[key] = out
        return out


def parse_types(items: list[str] | tuple[str, ...], flag: str = "--type") -> dict[str, str]:
    """COL=TYPE items (from the CLI's --type or the HTTP type parameter) -> {column: type}."""
    types: dict[str, str] = {}
    for item in items:
        col, sep, etype = item.partition("=")
        if not sep or not col:
            raise CsvError(f"{flag} takes COL=TYPE, not {item!r}")
        types[col] = etype
    return types


def output_header(header: list[str], columns: list[str]) -> list[str]:
    return header + [f"{col}_{suffix}" for col in columns for suffix in OUTPUT_SUFFIXES]


def check_columns(header: list[str], columns: list[str], types: dict[str, str]) -> None:
    missing = [c for c in columns if c not in header]
    if missing:
        raise CsvError(f"no column {', '.join(map(repr, missing))} in the input; its columns are: "
                       f"{', '.join(map(repr, header))}")
    for col, etype in types.items():
        if col not in columns:
            raise CsvError(f"--type names {col!r}, which is not a --column")
        try:
            check_params(etype, 1, 0, None)
        except BadRequest as exc:
            raise CsvError(f"--type {col}={etype}: {exc.message}") from None
    clash = [name for name in output_header([], columns) if name in header]
    if clash:
        raise CsvError(f"the input already has column(s) {', '.join(map(repr, clash))}: rename them first")


def normalize_rows(
    rows: Iterator[list[str]],
    write: Callable[[list[str]], Any],
    normalizer: Normalizer,
    columns: list[str],
    types: dict[str, str] | None = None,
    *,
    summary: Summary | None = None,
    progress: Callable[[int], None] | None = None,
    track_misses: bool = False,
) -> Summary:
    """Read a header and rows, write the header and rows with the new columns appended."""
    types = types or {}
    summary = summary or Summary()
    try:
        header = next(rows)
    except StopIteration:
        raise CsvError("the input is empty: it needs a header row naming its columns") from None
    check_columns(header, columns, types)
    positions = [(col, header.index(col), types.get(col)) for col in columns]
    write(output_header(header, columns))
    seen: set[tuple[str | None, str]] = set()
    width = len(header)
    row_number = 1
    for row in rows:
        row_number += 1
        if len(row) != width:
            if not row or row == [""]:
                continue  # a blank line
            raise CsvError(f"row {row_number} has {len(row)} fields, the header has {width}: fix the row, or quote "
                           "fields that contain the delimiter")
        extra: list[str] = []
        for col, pos, etype in positions:
            value = row[pos]
            rid, name, status, score, top = normalizer.cell(value, etype)
            extra += [rid, name, status, score]
            if status:
                summary.statuses[status] += 1
                if (etype, value) not in seen and len(seen) < CACHE_MAX:
                    seen.add((etype, value))
                if track_misses and status != "matched":
                    entry = summary.misses.get((col, value))
                    if entry:
                        entry[0] += 1
                    elif len(summary.misses) < MISSES_MAX:
                        summary.misses[(col, value)] = [1, status, top, etype or ""]
        write(row + extra)
        summary.rows += 1
        if progress and summary.rows % 1000 == 0:
            progress(summary.rows)
    summary.distinct = len(seen)
    return summary


def decoded_lines(raw: IO[bytes], encoding: str, errors: str = "strict") -> Iterator[str]:
    """Text lines of a byte stream, decoded one line at a time, so undecodable bytes are named by line."""
    decoder = codecs.getincrementaldecoder(encoding)(errors)
    for number, line in enumerate(raw, 1):
        try:
            text = decoder.decode(line)
        except UnicodeDecodeError as exc:
            raise CsvError(f"line {number}: bytes that are not {encoding} ({exc.reason}): pass --encoding with the "
                           "file's encoding, or --encoding-errors=replace") from None
        if text:
            yield text
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail


def read_rows(lines: Iterator[str] | IO[str], delimiter: str) -> Iterator[list[str]]:
    """csv rows of text lines (quoted fields may span lines); malformed CSV is a CsvError naming the line."""
    _allow_large_fields()
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise CsvError(f"line {reader.line_num}: {exc}") from None
        yield row


def write_misses(summary: Summary, path: str | Path) -> None:
    """The curators' work list: distinct unmatched and ambiguous values by count, with top candidates."""
    rows = sorted(summary.misses.items(), key=lambda kv: (-kv[1][0], kv[0]))
    with write_atomically(path) as fh:
        out = csv.writer(fh)
        out.writerow(["column", "value", "type", "count", "status", "candidates"])
        for (col, value), (count, status, top, etype) in rows:
            out.writerow([col, value, etype, count, status, top])


class Progress:
    """rows, rows/s and ETA (when the input size is known) on a terminal's stderr, twice a second at most."""

    def __init__(self, stream: IO[str], total_bytes: int | None, position: Callable[[], int] | None):
        self.stream = stream
        self.total = total_bytes
        self.position = position
        self.start = time.monotonic()
        self.last = 0.0

    def __call__(self, rows: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.5:
            return
        self.last = now
        rate = rows / max(now - self.start, 1e-9)
        eta = ""
        if self.total and self.position:
            done = self.position() / self.total
            if 0 < done < 1:
                eta = f", ETA {(now - self.start) * (1 - done) / done:.0f}s"
        self.stream.write(f"\r{rows:,} rows, {rate:,.0f} rows/s{eta}   ")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
