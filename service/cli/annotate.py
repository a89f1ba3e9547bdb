"""`aliases annotate FILE...`: every mention of a store entity in text files, as JSON Lines or inline."""

from __future__ import annotations

import json
import sys

import click

from service.annotate import Annotation, annotate
from service.cli.common import InputError, db_option, open_index, store_option
from service.match.matcher import DEFAULT_THRESHOLD
from service.store.model import ENTITY_TYPES


def inline(text: str, annotation: Annotation) -> str:
    """The text with each mention marked: [[Bashar al-Assad|bashar-al-assad]], [[Assad|?id1,id2]] if ambiguous."""
    out, at = [], 0
    for m in annotation.mentions:
        out.append(text[at:m.start])
        target = m.id if m.status == "matched" else "?" + ",".join(m.candidates)
        out.append(f"[[{m.text}|{target}]]")
        at = m.end
    out.append(text[at:])
    return "".join(out)


def _read(path: str, encoding: str) -> str:
    try:
        if path == "-":
            return sys.stdin.buffer.read().decode(encoding)
        with open(path, "rb") as f:
            return f.read().decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: byte {exc.start} is not {encoding}: pass --encoding") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None


@click.command(name="annotate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--type", "type_", default=None, type=click.Choice(ENTITY_TYPES), help="Only entities of this type.")
@click.option("--threshold", default=DEFAULT_THRESHOLD, show_default=True, type=float,
              help="Accept threshold on the 0-100 score scale.")
@click.option("--as-of", "as_of", default=None,
              help="Date (YYYY-MM-DD) at which validity is judged. Default: the article's dateline, else today.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "inline"]), default="jsonl", show_default=True,
              help="jsonl: one JSON object per mention; inline: the text with [[mention|id]] marks.")
@click.option("--encoding", default="utf-8", show_default=True, help="Encoding of the files.")
@store_option
@db_option
def annotate_cmd(files: tuple[str, ...], type_: str | None, threshold: float, as_of: str | None, fmt: str,
                 encoding: str, store: str, db: str | None) -> None:
    """Find and link every mention of a store entity in text files (- reads stdin)."""
    index = open_index(store, db)
    for path in files:
        text = _read(path, encoding)
        annotation = annotate(index, text, type=type_, threshold=threshold, as_of=as_of)
        if fmt == "inline":
            click.echo(inline(text, annotation))
            continue
        for m in annotation.mentions:
            click.echo(json.dumps({"file": path, "as_of": annotation.as_of, **m.to_dict()}, ensure_ascii=False))
