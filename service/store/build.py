"""Compile a validated store into one SQLite file, and export it as JSON Lines.

The database holds entities, aliases with their precomputed keys (normalized, phonetic, skeleton), the lexicon
(normalized word forms and their concepts), and a meta table: the content hash of the store, the normalizer and
schema versions, the build time and counts. Rows are
written in a fixed order, so the same store always gives the same content hash. The file is written under a
temporary name beside the target and renamed over it, so a reader never sees a half-built database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from service.errors import StoreError
from service.match.normalize import NORMALIZER_VERSION, keys, script_of
from service.progress import Progress, no_progress
from service.store.files import Store, entity_to_dict, load_store
from service.store.lexicon import lexicon_rows
from service.store.model import Entity

SCHEMA_VERSION = "2"


@dataclass(frozen=True)
class BuildResult:
    path: Path
    content_hash: str
    entities: int
    aliases: int
    redirects: int


def export_records(store: Store) -> Iterator[dict[str, object]]:
    """One JSON-ready record per entity, sorted by id; aliases carry their detected script."""
    for entity in store.entities:
        record = entity_to_dict(entity)
        if not entity.redirect:
            for alias, out in zip(entity.aliases, record["aliases"], strict=True):  # type: ignore[call-overload]
                out["script"] = script_of(alias.text)
        yield record


def export_lines(store: Store) -> Iterator[str]:
    for record in export_records(store):
        yield json.dumps(record, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def _lexicon_lines(store: Store) -> Iterator[str]:
    for concept in store.lexicon:
        yield json.dumps({"concept": concept.id, "entity": concept.entity, "forms": concept.forms},
                         ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(store: Store) -> str:
    """sha256 of the canonical export and the lexicon: independent of file formatting, comments and build
    time."""
    digest = hashlib.sha256()
    for line in itertools.chain(export_lines(store), _lexicon_lines(store)):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def require_valid(store: Store) -> None:
    if store.problems:
        shown = "\n".join(f"  {p}" for p in store.problems[:50])
        more = f"\n  ... and {len(store.problems) - 50} more" if len(store.problems) > 50 else ""
        raise StoreError(f"the store has {len(store.problems)} problem(s); fix them (see `aliases lint`):\n"
                         f"{shown}{more}")


def _alias_rows(entities: tuple[Entity, ...]) -> Iterator[dict[str, object]]:
    rowid = 0
    for entity in entities:
        for alias in entity.all_aliases():
            rowid += 1
            k = keys(alias.text)
            yield {
                "id": rowid, "entity_id": entity.id, "text": alias.text, "kind": alias.kind, "lang": alias.lang,
                "script": script_of(alias.text), "valid_from": alias.valid_from, "valid_to": alias.valid_to,
                "source": alias.source, "weak": int(alias.weak), "shared": int(alias.shared),
                "norm": k.norm, "phon": k.phon, "skel": k.skel, "abjad": int(k.abjad),
            }


def build(store_dir: str | Path, out_path: str | Path, *, progress: Progress = no_progress) -> BuildResult:
    """Validate the store and write the database atomically. Raises StoreError when the store has problems."""
    store = load_store(store_dir, progress=progress)
    require_valid(store)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    digest = content_hash(store)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        db = sqlite_utils.Database(tmp)
        with db.conn:
            db["entities"].insert_all(
                (
                    {"id": e.id, "type": e.type, "name": e.name, "description": e.description,
                     "external_ids": json.dumps(e.external_ids, sort_keys=True), "redirect": e.redirect}
                    for e in store.entities
                ),
                pk="id", columns={"redirect": str, "description": str},
            )
            alias_count = db["aliases"].insert_all(
                progress(_alias_rows(store.entities), "writing aliases",
                         sum(len(e.all_aliases()) for e in store.entities)),
                pk="id", batch_size=5000,
                columns={"lang": str, "valid_from": str, "valid_to": str, "source": str},
            ).count
        db["lexicon"].create({"form": str, "concept": str, "parts": str, "entity": str}, pk="form")
        with db.conn:
            db["lexicon"].insert_all(lexicon_rows(store.lexicon))
        db["aliases"].create_index(["entity_id"])
        db["aliases"].create_index(["norm"])
        redirects = sum(1 for e in store.entities if e.redirect)
        meta = {
            "content_hash": digest,
            "normalizer_version": NORMALIZER_VERSION,
            "schema_version": SCHEMA_VERSION,
            "built_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "entities": str(len(store.entities) - redirects),
            "aliases": str(alias_count),
            "redirects": str(redirects),
        }
        db["meta"].insert_all(({"key": k, "value": v} for k, v in meta.items()), pk="key")
        db.conn.execute("VACUUM")
        db.close()
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BuildResult(out, digest, len(store.entities) - redirects, alias_count, redirects)


def is_stale(store_dir: str | Path, db_path: str | Path) -> bool:
    """True when the database is missing, unreadable, built by another normalizer or schema version, or
    older than any store file (or the store folder)."""
    db = Path(db_path)
    if not db.is_file():
        return True
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return True
    if meta.get("normalizer_version") != NORMALIZER_VERSION or meta.get("schema_version") != SCHEMA_VERSION:
        return True
    built = db.stat().st_mtime
    root = Path(store_dir)
    return any(p.stat().st_mtime > built for p in (root, *root.rglob("*")))


def ensure_database(store_dir: str | Path, db_path: str | Path, *, progress: Progress = no_progress) -> Path:
    """The embedded default: (re)build db_path from the store when it is missing or stale."""
    if is_stale(store_dir, db_path):
        build(store_dir, db_path, progress=progress)
    return Path(db_path)
