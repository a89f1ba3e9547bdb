"""Compile a validated store into one SQLite file, and export it as JSON Lines.

The database holds entities, aliases with their precomputed keys (normalized, phonetic, skeleton), the lexicon
(normalized word forms and their concepts), and a meta table: the content hash of the store, the normalizer and
schema versions, the build time and counts. Rows are
written in a fixed order, so the same store always gives the same content hash. The file is written under a
temporary name beside the target and renamed over it, so a reader never sees a half-built database.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import itertools
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from service.errors import StoreError
from service.match.acronyms import acronym_rows, concept_initials
from service.match.layout import SCHEMA, SCHEMA_VERSION, Tables, blocks_on_sound, key_queries
from service.match.lexicon import CONCEPT_SCHEMA, Lexicon, concept_rows
from service.match.normalize import NORMALIZER_VERSION
from service.match.surnames import INDEXES as SURNAME_INDEXES
from service.match.surnames import SCHEMA as SURNAME_SCHEMA
from service.match.surnames import surname_row
from service.progress import Progress, no_progress
from service.store.dump import export_line
from service.store.files import Store, default_jobs, load_store
from service.store.lexicon import lexicon_rows
from service.store.others import others_lines, others_rows

PAGE_SIZE = 4096

ENTITY_SCHEMA = """
CREATE TABLE entities (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
                       external_ids TEXT NOT NULL, redirect TEXT, within TEXT) WITHOUT ROWID;
CREATE TABLE aliases (id INTEGER PRIMARY KEY, entity_id TEXT NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
                      lang TEXT, script TEXT NOT NULL, valid_from TEXT, valid_to TEXT, source TEXT,
                      weak INTEGER NOT NULL, shared INTEGER NOT NULL, norm TEXT NOT NULL, phon TEXT NOT NULL,
                      skel TEXT NOT NULL, abjad INTEGER NOT NULL, entity_type TEXT NOT NULL,
                      entity_name TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class BuildResult:
    path: Path
    content_hash: str
    entities: int
    aliases: int
    redirects: int


def export_records(store: Store) -> Iterator[dict[str, object]]:
    """One JSON-ready record per entity, sorted by id; aliases carry their detected script."""
    for line in export_lines(store):
        yield json.loads(line)


def export_lines(store: Store) -> Iterator[str]:
    for entity in store.entities:
        yield store.lines.get(entity.id) or export_line(entity)


def _lexicon_lines(store: Store) -> Iterator[str]:
    for concept in store.lexicon:
        yield json.dumps({"concept": concept.id, "entity": concept.entity, "forms": concept.forms},
                         ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(store: Store) -> str:
    """sha256 of the canonical export, the lexicon and the names of others: independent of file formatting,
    comments, build time and the number of processes that read the files."""
    digest = hashlib.sha256()
    for line in itertools.chain(export_lines(store), _lexicon_lines(store), others_lines(store.others)):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def require_valid(store: Store) -> None:
    if store.problems:
        shown = "\n".join(f"  {p}" for p in store.problems[:50])
        more = f"\n  ... and {len(store.problems) - 50} more" if len(store.problems) > 50 else ""
        raise StoreError(f"the store has {len(store.problems)} problem(s); fix them (see `aliases lint`):\n"
                         f"{shown}{more}")


# the aliases as the build stages them: the aliases table's columns, then what the keys are sorted from
STAGED_SCHEMA = """
CREATE TEMP TABLE staged (id INTEGER PRIMARY KEY, entity_id TEXT, text TEXT, kind TEXT, lang TEXT, script TEXT,
                          valid_from TEXT, valid_to TEXT, source TEXT, weak INTEGER, shared INTEGER, norm TEXT,
                          phon TEXT, skel TEXT, abjad INTEGER, folded TEXT NOT NULL, sound INTEGER NOT NULL);
"""
ALIAS_COLUMNS = "id, entity_id, text, kind, lang, script, valid_from, valid_to, source, weak, shared, norm, phon, " \
                "skel, abjad"
# each alias row carries its entity's type and name, copied by SQLite from the entities table: what the matcher
# shows of a candidate, read from the alias's page alone (a second B-tree, the entity's, costs a cold read per
# candidate)
ALIAS_SELECT = ", ".join(f"s.{c}" for c in ALIAS_COLUMNS.split(", ")) + ", e.type, e.name"


def _alias_rows(store: Store, tables: Tables) -> Iterator[tuple[object, ...]]:
    """The staged aliases, in position order (entity id, then display name and aliases as written), each also
    gathered into the token tables."""
    rowid = 0
    for entity in store.entities:
        for alias, (norm, phon, skel, abjad, script, folded) in zip(entity.all_aliases(), store.keys[entity.id],
                                                                    strict=True):
            sound = blocks_on_sound(alias.imported, script)
            tables.add(rowid, phon, sound)
            rowid += 1
            yield (rowid, entity.id, alias.text, alias.kind, alias.lang, script, alias.valid_from, alias.valid_to,
                   alias.source, int(alias.weak), int(alias.shared), norm, phon, skel, int(abjad), folded,
                   int(sound))


def _name_rows(store: Store, lexicon: Lexicon) -> tuple[list[tuple[str, str, int, int]], list[tuple[str, int]]]:
    """The surnames of persons, the concepts of organisations' and places' names and the initials of their
    translations (service/match/acronyms.py), by alias position."""
    surnames, concepts = [], []
    initials = concept_initials({c.id: c.forms for c in store.lexicon})
    pos = 0
    for entity in store.entities:
        for alias, (norm, phon, _, abjad, _, _) in zip(entity.all_aliases(), store.keys[entity.id], strict=True):
            row = surname_row(entity.type, alias.weak, norm, phon, abjad, pos)
            if row:
                surnames.append(row)
            concepts += concept_rows(lexicon, entity.type, alias.imported, norm, pos)
            concepts += acronym_rows(lexicon, initials, entity.type, alias.imported, alias.weak, norm, pos)
            pos += 1
    return surnames, concepts


def _external_id_rows(store: Store) -> list[tuple[str, str, str]]:
    return sorted({(scheme, value.casefold(), e.id) for e in store.entities for scheme, value in
                   e.external_ids.items()})


def _write(conn: sqlite3.Connection, store: Store, digest: str, progress: Progress = no_progress) -> tuple[int, int]:
    conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    conn.execute("PRAGMA journal_mode = OFF")  # a temporary file: a failed build is deleted, not rolled back
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    conn.executescript(ENTITY_SCHEMA + SCHEMA + SURNAME_SCHEMA + CONCEPT_SCHEMA + STAGED_SCHEMA)
    conn.execute("PRAGMA temp.cache_size = -262144")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?)", (
        (e.id, e.type, e.name, e.description, json.dumps(e.external_ids, sort_keys=True), e.redirect, e.within)
        for e in store.entities))
    words = list(lexicon_rows(store.lexicon))
    tables = Tables()
    # The alias rows are made and stored in this thread (a writer thread binding rows while this one makes them
    # would hand the GIL back and forth a million times); then a thread has SQLite copy them in position order
    # and sort their keys, which it does without the GIL, while this one finds the surnames and concepts.
    rows = progress(_alias_rows(store, tables), "writing aliases", sum(len(e.all_aliases()) for e in store.entities))
    conn.executemany("INSERT INTO staged VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def aliases_in_sqlite() -> int:
        conn.execute(f"INSERT INTO aliases SELECT {ALIAS_SELECT} FROM staged s "
                     "LEFT JOIN entities e ON e.id = s.entity_id ORDER BY s.id")
        for query in key_queries("staged"):
            conn.execute(query)
        conn.execute("DROP TABLE staged")
        return int(conn.execute("SELECT count(*) FROM aliases").fetchone()[0])

    with ThreadPoolExecutor(1) as writer:  # nothing else touches the connection until the thread is done
        writing = writer.submit(aliases_in_sqlite)
        try:
            surnames, concepts = _name_rows(store, Lexicon.from_rows(words, remembered=2**62))  # every word, once
        finally:
            alias_count = writing.result()
    conn.executemany("INSERT INTO postings VALUES (?, ?, ?, ?)", tables.posting_rows())
    conn.executemany("INSERT INTO neighbours VALUES (?, ?)", tables.neighbour_rows())
    conn.executemany("INSERT INTO external_ids VALUES (?, ?, ?)", _external_id_rows(store))
    conn.execute("CREATE TABLE lexicon (form TEXT PRIMARY KEY, concept TEXT NOT NULL, parts TEXT NOT NULL, "
                 "entity TEXT NOT NULL) WITHOUT ROWID")
    conn.executemany("INSERT INTO lexicon VALUES (:form, :concept, :parts, :entity)", words)
    conn.executemany("INSERT INTO surnames VALUES (?, ?, ?, ?)", surnames)
    for index in SURNAME_INDEXES:  # in the build's one transaction (executescript would commit it first)
        conn.execute(index)
    conn.executemany("INSERT INTO concepts VALUES (?, ?)", concepts)
    conn.execute("CREATE TABLE others (norm TEXT PRIMARY KEY, names TEXT NOT NULL) WITHOUT ROWID")
    conn.executemany("INSERT INTO others VALUES (?, ?)", others_rows(store.others))
    conn.execute("CREATE INDEX aliases_entity ON aliases (entity_id)")
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
    conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    check = conn.execute("PRAGMA quick_check").fetchone()
    if not check or check[0] != "ok":
        raise StoreError(f"the database written fails SQLite's integrity check ({check})")
    return alias_count, redirects


def build(store_dir: str | Path, out_path: str | Path, *, jobs: int | None = None,
          progress: Progress = no_progress) -> BuildResult:
    """Validate the store and write the database atomically. Raises StoreError when the store has problems.

    Files are read and their keys computed in `jobs` processes (default: every core); the database is the same
    whatever the number."""
    collecting = gc.isenabled()
    gc.disable()  # millions of long-lived objects and no cycles among them: the collector would only rescan them
    try:
        return _build(store_dir, out_path, jobs, progress)
    finally:
        if collecting:
            gc.enable()


def _build(store_dir: str | Path, out_path: str | Path, jobs: int | None, progress: Progress) -> BuildResult:
    store = load_store(store_dir, jobs=jobs or default_jobs(), keyed=True, progress=progress)
    require_valid(store)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    digest = content_hash(store)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        with closing(sqlite3.connect(tmp, isolation_level=None, check_same_thread=False)) as conn:
            alias_count, redirects = _write(conn, store, digest, progress)
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
