"""Open a built database read-only, check it, and load the in-memory lookup structures the matcher uses.

The database is opened with `mode=ro`; one built by another normalizer or schema version, or one that fails
SQLite's quick check, is refused with a message that says to rebuild. Everything the matcher needs is loaded
once into plain dicts and lists, so a lookup never touches the disk.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from service.errors import DatabaseError, NotFound
from service.match.lexicon import Lexicon
from service.match.normalize import NORMALIZER_VERSION, fold, skeleton_token
from service.store.build import SCHEMA_VERSION
from service.store.model import FUZZY_SCRIPTS, Alias

REBUILD = "rebuild it with `aliases build`"


@dataclass(frozen=True)
class EntityRecord:
    id: str
    type: str
    name: str
    description: str
    external_ids: dict[str, str]
    redirect: str | None


@dataclass(frozen=True)
class AliasRecord:
    """One alias as the matcher sees it: the curated fields plus the precomputed keys."""

    entity_id: str
    alias: Alias
    norm: str
    phon: str
    skel: str
    abjad: bool
    script: str


def deletions(token: str) -> set[str]:
    """The token and every form of it with one letter removed (a symmetric-delete neighbourhood)."""
    out = {token}
    if len(token) > 2:
        out.update(token[:i] + token[i + 1:] for i in range(len(token)))
    return out


class Index:
    """In-memory view of one built store. Immutable after `open`; safe to share between threads."""

    def __init__(self, path: Path, meta: dict[str, str], entities: dict[str, EntityRecord],
                 aliases: list[AliasRecord]):
        self.path = path
        self.meta = meta
        self.entities = entities
        self.aliases = aliases
        self.by_entity: dict[str, list[int]] = defaultdict(list)
        self.by_text: dict[str, list[int]] = defaultdict(list)
        self.by_norm: dict[str, list[int]] = defaultdict(list)
        self.by_phon: dict[str, list[int]] = defaultdict(list)
        self.by_joined: dict[str, list[int]] = defaultdict(list)  # phonetic key without spaces
        # token-level blocking: a phonetic token -> aliases holding it; a skeleton (or one deletion of it)
        # -> the phonetic tokens with that skeleton, so one-letter slips still find their token.
        self.token_postings: dict[str, list[int]] = defaultdict(list)
        self.skel_neighbours: dict[str, set[str]] = defaultdict(set)
        for i, rec in enumerate(aliases):
            self.by_entity[rec.entity_id].append(i)
            self.by_text[fold(rec.alias.text)].append(i)
            self.by_norm[rec.norm].append(i)
            if rec.alias.imported or rec.script not in FUZZY_SCRIPTS:
                # gazetteer names and scripts the normalizer only passes through unidecode: exact or normalized
                # matches only. Hundreds of exonyms would otherwise lend their sound to unrelated names
                # (Humus, a name of Homs, sounds like Hamas once vowels merge).
                continue
            self.by_phon[rec.phon].append(i)
            if not rec.abjad:
                self.by_joined[rec.phon.replace(" ", "")].append(i)
            for token in set(rec.phon.split()):
                self.token_postings[token].append(i)
        for token in self.token_postings:
            for key in deletions(skeleton_token(token) or token):
                self.skel_neighbours[key].add(token)
        self.by_entity = dict(self.by_entity)
        # (normalized alias, position), sorted: prefix search for autocomplete
        self.sorted_norms: list[tuple[str, int]] = sorted((rec.norm, i) for i, rec in enumerate(aliases))
        self.by_text = dict(self.by_text)
        self.by_norm = dict(self.by_norm)
        self.by_phon = dict(self.by_phon)
        self.by_joined = dict(self.by_joined)
        self.token_postings = dict(self.token_postings)
        self.skel_neighbours = dict(self.skel_neighbours)

    @property
    def content_hash(self) -> str:
        return self.meta["content_hash"]

    @classmethod
    def open(cls, path: str | Path) -> Index:
        path = Path(path)
        if not path.is_file():
            raise DatabaseError(f"no database at {path}: {REBUILD} (or pass --db PATH)")
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot open {path} ({exc}): {REBUILD}") from exc
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise DatabaseError(f"{path} fails SQLite's integrity check ({check}): {REBUILD}")
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("schema_version") != SCHEMA_VERSION:
                raise DatabaseError(f"{path} has schema version {meta.get('schema_version')!r}, this service "
                                    f"reads {SCHEMA_VERSION!r}: {REBUILD}")
            if meta.get("normalizer_version") != NORMALIZER_VERSION:
                raise DatabaseError(f"{path} was built by normalizer version {meta.get('normalizer_version')!r}, "
                                    f"this service uses {NORMALIZER_VERSION!r}: {REBUILD}")
            entities = {
                row[0]: EntityRecord(row[0], row[1], row[2], row[3] or "", json.loads(row[4] or "{}"), row[5])
                for row in conn.execute(
                    "SELECT id, type, name, description, external_ids, redirect FROM entities ORDER BY id")
            }
            aliases = [
                AliasRecord(
                    entity_id=row[0],
                    alias=Alias(text=row[1], kind=row[2], lang=row[3], valid_from=row[4], valid_to=row[5],
                                source=row[6], weak=bool(row[7]), shared=bool(row[8])),
                    norm=row[9], phon=row[10], skel=row[11], abjad=bool(row[12]), script=row[13],
                )
                for row in conn.execute(
                    "SELECT entity_id, text, kind, lang, valid_from, valid_to, source, weak, shared, norm, phon,"
                    " skel, abjad, script FROM aliases ORDER BY id")
            ]
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"{path} is not a readable alias database ({exc}): {REBUILD}") from exc
        finally:
            conn.close()
        return cls(path, meta, entities, aliases)

    # ---- entity access for the API and the CLI ----
    def resolve_id(self, entity_id: str) -> EntityRecord:
        """The live entity for an id, following redirects. Raises NotFound."""
        record = self.entities.get(entity_id)
        seen = set()
        while record is not None and record.redirect and record.id not in seen:
            seen.add(record.id)
            record = self.entities.get(record.redirect)
        if record is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        return record

    def aliases_of(self, entity_id: str) -> list[AliasRecord]:
        return [self.aliases[i] for i in self.by_entity.get(entity_id, [])]

    def counts(self) -> dict[str, int]:
        return {k: int(self.meta[k]) for k in ("entities", "aliases", "redirects") if k in self.meta}

    def list_ids(self, etype: str | None = None, prefix: str = "", *, typed: str = "") -> list[str]:
        """Live entity ids, by id; with a normalized prefix, those with an alias starting with it, best first:
        an alias that starts with the text as typed (`typed`, case aside), then one with a word that does, then
        the rest (the normalized form alone: "al-Sh" is "sh"); within each, an alias equal to the prefix, then by
        name. A bisection of the sorted aliases, not a scan."""
        if not prefix:
            return sorted(e.id for e in self.entities.values()
                          if not e.redirect and (etype is None or e.type == etype))
        found: dict[str, tuple[int, int, str]] = {}
        start = bisect.bisect_left(self.sorted_norms, (prefix, -1))
        for norm, pos in self.sorted_norms[start:]:
            if not norm.startswith(prefix):
                break
            entity = self.entities[self.aliases[pos].entity_id]
            if entity.redirect or (etype is not None and entity.type != etype):
                continue
            rank = (_typed_tier(self.aliases[pos].alias.text, fold(typed)) if typed else 0,
                    0 if norm == prefix else 1, entity.name)
            if entity.id not in found or rank < found[entity.id]:
                found[entity.id] = rank
        return sorted(found, key=lambda eid: found[eid])

    # ---- derived views, computed once per index on first use (an index never changes) ----
    @cached_property
    def lexicon(self) -> Lexicon:
        """The words of names in many languages (aliases/lexicon/), read from the database on first use."""
        return Lexicon.read(self.path)

    @cached_property
    def concept_postings(self) -> dict[str, list[int]]:
        """concept -> positions of the aliases of organisations and places holding a word of it, computed once on
        first use (a person's name is never translated)."""
        out: dict[str, list[int]] = defaultdict(list)
        concept = self.lexicon.concept
        for i, rec in enumerate(self.aliases):
            if self.entities[rec.entity_id].type == "person" or rec.alias.imported:
                continue
            for c in {concept(t) for t in rec.norm.split()}:
                if c:
                    out[c].append(i)
        return dict(out)

    @cached_property
    def id_schemes(self) -> list[str]:
        """The external id schemes the store records (wikidata, geonames, cldr)."""
        return sorted({scheme for e in self.entities.values() for scheme in e.external_ids})

    @cached_property
    def by_external_id(self) -> dict[tuple[str, str], list[str]]:
        """(scheme, id casefolded) -> live entity ids recording it."""
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        for e in self.entities.values():
            if not e.redirect:
                for scheme, value in e.external_ids.items():
                    out[(scheme, value.casefold())].append(e.id)
        return dict(out)

    @cached_property
    def retired_into(self) -> dict[str, list[str]]:
        """live entity id -> the retired ids that lead to it (through any chain of redirects), sorted."""
        out: dict[str, list[str]] = defaultdict(list)
        for e in self.entities.values():
            if e.redirect:
                try:
                    out[self.resolve_id(e.id).id].append(e.id)
                except NotFound:
                    continue
        return {k: sorted(v) for k, v in out.items()}

    @cached_property
    def type_counts(self) -> dict[str, int]:
        """live entities per type"""
        counts: dict[str, int] = defaultdict(int)
        for e in self.entities.values():
            if not e.redirect:
                counts[e.type] += 1
        return dict(counts)


def _typed_tier(text: str, typed: str) -> int:
    """0: the alias starts with what was typed; 1: one of its words does; 2: only its normalized form does."""
    folded = fold(text)
    if folded.startswith(typed):
        return 0
    return 1 if any(word.startswith(typed) for word in folded.split()) else 2
