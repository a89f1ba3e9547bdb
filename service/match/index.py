"""Open a built database read-only and memory-mapped, check it, and answer the matcher's lookups from it.

The database is opened with `mode=ro` and `immutable=1` (a build never writes a served file: it renames a new
one over it, and an open index keeps reading the file it opened). Opening reads the meta table and checks the
file, and nothing per alias: the lookup tables (service.match.layout) are queried per lookup, from pages the
operating system's page cache shares between every worker. A database built by another normalizer or schema
version, or one that SQLite cannot read, is refused with a message that says to rebuild. Only small things live
in Python: the meta table, and bounded caches of the alias and entity records recently read (and of the keys
of aliases screened without being read).
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from service.errors import DatabaseError, NotFound
from service.match.cache import ENTRY_OVERHEAD
from service.match.checks import check_meta, check_rows
from service.match.layout import (
    KIND_JOINED,
    KIND_NORM,
    KIND_PHON,
    KIND_TEXT,
    SCHEMA_VERSION,
    TABLES,
    deletions,
    unpack,
)
from service.match.lexicon import Lexicon
from service.match.normalize import NORMALIZER_VERSION, fold
from service.match.views import (
    _ALIAS_COLUMNS,
    _CHUNK,
    _ENTITY_COLUMNS,
    AliasRecord,
    EntityRecord,
    _alias_record,
    _Aliases,
    _ByEntity,
    _ByExternalId,
    _ByKey,
    _Entities,
    _entity_record,
    _Neighbours,
    _TokenPostings,
)

__all__ = ["AliasRecord", "EntityRecord", "Index", "deletions"]

REBUILD = "rebuild it with `aliases build`"
MMAP_BYTES = 1 << 40  # as much of the file as SQLite maps (its own cap is 2 GiB)
QUICK_CHECK_MAX_BYTES = 64 << 20  # a full quick_check reads the file: done by the build, and at open when small
FEW_GROUP_BITS = 4  # most_shared's group tags below 2**4 (a query blocks on at most MAX_TOKENS = 12 words)
# the number of bits set in each 16-bit value (numpy, not a Python loop: this runs at every worker's start-up)
_BITS_SET = np.unpackbits(np.arange(1 << 16, dtype=">u2").view(np.uint8)).reshape(-1, 16).sum(1, dtype=np.uint8)
CACHE_MAX = 20_000  # alias and entity records kept once read; the cache starts over when full
# the postings and neighbours rows token blocking reads, kept once read up to this many bytes (then the memory
# starts over): query after query blocks on the same common words and their near spellings, and at a million
# aliases nine in ten of the rows a variant query reads were read by an earlier one
ROWS_CACHE_BYTES = 8 << 20
KEYS_PER_QUERY = 100  # key lookups per compound SELECT (SQLite allows 500 terms)
class Index:
    """One built store, read from its file. Immutable after `open`; safe to share between threads (one
    connection, each query under a lock; records are immutable)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, meta: dict[str, str]):
        self.path = path
        self.meta = meta
        self._conn = conn
        self._lock = threading.Lock()
        self._alias_cache: dict[int, AliasRecord] = {}
        self._keys_cache: dict[int, tuple[str, str, bool, str]] = {}  # alias_keys' answers for aliases not read
        self._codes: dict[str, bool] = {}  # has_code's answers
        self._entity_cache: dict[str, EntityRecord] = {}
        # postings rows (by id) and neighbours rows (by key; b"" for a key no token has), and their bytes
        self._postings_cache: dict[int, bytes] = {}
        self._neighbours_cache: dict[str, bytes] = {}
        self._rows_cached = 0
        self._rows_lock = threading.Lock()  # the bytes count and the emptying, one thread at a time
        self.entities: Mapping[str, EntityRecord] = _Entities(self)
        self.aliases: Sequence[AliasRecord] = _Aliases(self)
        # the lookups by key, as read-only mappings key -> alias positions (ascending)
        self.by_entity: Mapping[str, list[int]] = _ByEntity(self)
        self.by_text: Mapping[str, list[int]] = _ByKey(self, KIND_TEXT)
        self.by_norm: Mapping[str, list[int]] = _ByKey(self, KIND_NORM)
        self.by_phon: Mapping[str, list[int]] = _ByKey(self, KIND_PHON)
        self.by_joined: Mapping[str, list[int]] = _ByKey(self, KIND_JOINED)  # phonetic key without spaces
        # token-level blocking: a phonetic token -> aliases holding it; a skeleton (or one deletion of it)
        # -> the phonetic tokens with that skeleton, so one-letter slips still find their token.
        self.token_postings: Mapping[str, array[int]] = _TokenPostings(self)
        self.skel_neighbours: Mapping[str, set[str]] = _Neighbours(self)

    @property
    def content_hash(self) -> str:
        return self.meta["content_hash"]

    @classmethod
    def open(cls, path: str | Path) -> Index:
        path = Path(path)
        if not path.is_file():
            raise DatabaseError(f"no database at {path}: {REBUILD} (or pass --db PATH)")
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                   check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise DatabaseError(f"cannot open {path} ({exc}): {REBUILD}") from exc
        try:
            meta = cls._check(conn, path)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise DatabaseError(f"{path} is not a readable alias database ({exc}): {REBUILD}") from exc
        except DatabaseError:
            conn.close()
            raise
        return cls(path, conn, meta)

    @staticmethod
    def _check(conn: sqlite3.Connection, path: Path) -> dict[str, str]:
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        size = path.stat().st_size
        pages = conn.execute("PRAGMA page_count").fetchone()[0] * conn.execute("PRAGMA page_size").fetchone()[0]
        if pages != size:
            raise DatabaseError(f"{path} is {size} bytes but its header says {pages}: it is truncated or damaged: "
                                f"{REBUILD}")
        if size <= QUICK_CHECK_MAX_BYTES:
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
        check_meta(meta, path)
        if size <= QUICK_CHECK_MAX_BYTES:
            # the row checks scan the tables (a second at a million aliases, four at three million): at open for
            # small files, as the quick check; a large file's rows are the ones the build wrote (it runs the
            # quick check on them, not these)
            check_rows(conn, path)
        # each table's root page is readable
        for table in ("entities", "aliases", "lexicon", "surnames", "concepts", "others", *TABLES):
            conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchall()  # noqa: S608 (names from the layout)
        return meta

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    # ---- records, read on demand and kept in a bounded cache ----
    def alias(self, pos: int) -> AliasRecord:
        rec = self._alias_cache.get(pos)
        if rec is None:
            self.prefetch((pos,))
            rec = self._alias_cache.get(pos)
            if rec is None:
                raise IndexError(f"no alias at position {pos}")
        return rec

    def entity(self, entity_id: str) -> EntityRecord | None:
        rec = self._entity_cache.get(entity_id)
        if rec is None:
            rows = self._rows(f"SELECT {_ENTITY_COLUMNS} FROM entities e WHERE e.id = ?", (entity_id,))
            if not rows:
                return None
            rec = self._keep_entity(_entity_record(rows[0]))
        return rec

    def prefetch(self, positions: Iterable[int]) -> None:
        """Read the alias records at these positions that are not cached: one query of the aliases table (a record
        carries its entity's type and name; the entity's own row is read when asked for)."""
        missing = [p for p in positions if p not in self._alias_cache]
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start:start + _CHUNK]
            rows = self._rows(f"SELECT {_ALIAS_COLUMNS} FROM aliases a WHERE a.id IN ({','.join('?' * len(chunk))})",
                              (p + 1 for p in chunk))
            if len(self._alias_cache) + len(rows) > CACHE_MAX:
                self._alias_cache.clear()
            for row in rows:
                self._alias_cache[row[0] - 1] = _alias_record(row)

    def prefetch_entities(self, entity_ids: Iterable[str]) -> None:
        """Read the entity records of these ids that are not cached: one query (the candidates a page shows)."""
        missing = sorted({e for e in entity_ids if e not in self._entity_cache})
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start:start + _CHUNK]
            for row in self._rows(f"SELECT {_ENTITY_COLUMNS} FROM entities e WHERE e.id IN "
                                  f"({','.join('?' * len(chunk))})", chunk):
                self._keep_entity(_entity_record(row))

    def alias_keys(self, positions: Iterable[int]) -> dict[int, tuple[str, str, bool, str]]:
        """(norm, phon, abjad, script) of the aliases at these positions: from the records already read or the keys
        read before, the rest in one query of the aliases table alone (what screening a candidate needs; no record
        is made). The keys read are kept, up to CACHE_MAX aliases (then the memory starts over): token blocking
        brings the same aliases up for query after query, and most are screened out, never read as records."""
        out: dict[int, tuple[str, str, bool, str]] = {}
        missing = []
        held = self._keys_cache
        for pos in positions:
            found = held.get(pos)
            if found is not None:
                out[pos] = found
                continue
            rec = self._alias_cache.get(pos)
            if rec is None:
                missing.append(pos)
            else:
                out[pos] = (rec.norm, rec.phon, rec.abjad, rec.script)
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start:start + _CHUNK]
            rows = self._rows(f"SELECT id, norm, phon, abjad, script FROM aliases WHERE id IN "
                              f"({','.join('?' * len(chunk))})", (p + 1 for p in chunk))
            if len(held) + len(rows) > CACHE_MAX:
                held.clear()
            keep = len(rows) <= CACHE_MAX
            for rowid, norm, phon, abjad, script in rows:
                out[rowid - 1] = found = (norm, phon, bool(abjad), script)
                if keep:
                    held[rowid - 1] = found
        return out

    def _keep_entity(self, rec: EntityRecord) -> EntityRecord:
        if len(self._entity_cache) >= CACHE_MAX:
            self._entity_cache.clear()
        self._entity_cache[rec.id] = rec
        return rec

    # ---- the matcher's lookups ----
    def positions(self, kind: int, key: str) -> list[int]:
        """Alias positions holding this key of this kind (layout.KIND_*), ascending."""
        return [r[0] for r in self._rows("SELECT alias FROM keys WHERE kind = ? AND key = ?", (kind, key))]

    def key_positions(self, wanted: Sequence[tuple[int, str]]) -> list[list[int]]:
        """The alias positions (ascending) of each (kind, key) pair, in the order asked: one query for all of them
        (a compound SELECT: each pair is one search of the keys table's primary key)."""
        found: list[list[int]] = [[] for _ in wanted]
        for start in range(0, len(wanted), KEYS_PER_QUERY):
            chunk = wanted[start:start + KEYS_PER_QUERY]
            sql = " UNION ALL ".join(["SELECT ?, alias FROM keys WHERE kind = ? AND key = ?"] * len(chunk))
            for n, pos in self._rows(sql, [v for i, (kind, key) in enumerate(chunk, start) for v in (i, kind, key)]):
                found[n].append(pos)
        return found

    def key_records(self, wanted: Sequence[tuple[int, str]]) -> list[list[int]]:
        """key_positions(wanted), the alias records of the positions found read in the same query and kept (each
        pair is one search of the keys table and one of the aliases table): the aliases a key lookup finds are
        the ones the matcher reads next, and one query costs less than two."""
        found: list[list[int]] = [[] for _ in wanted]
        cache = self._alias_cache
        arm = (f"SELECT ?, {_ALIAS_COLUMNS} FROM keys k JOIN aliases a ON a.id = k.alias + 1 "
               "WHERE k.kind = ? AND k.key = ?")
        for start in range(0, len(wanted), KEYS_PER_QUERY):
            chunk = wanted[start:start + KEYS_PER_QUERY]
            rows = self._rows(" UNION ALL ".join([arm] * len(chunk)),
                              [v for i, (kind, key) in enumerate(chunk, start) for v in (i, kind, key)])
            if len(cache) + len(rows) > CACHE_MAX:
                cache.clear()
            for row in rows:
                pos = row[1] - 1
                found[row[0]].append(pos)
                if pos not in cache:
                    cache[pos] = _alias_record(row[1:])
        for positions in found:
            positions.sort()  # ascending, as key_positions answers (the join may read them in another order)
        return found

    def neighbour_sizes(self, keys: Iterable[str]) -> list[tuple[int, int]]:
        """(how many aliases hold it, its postings row) for each token whose skeleton, or the skeleton less one
        letter, is one of keys; in token order, each token once."""
        keys = sorted(set(keys))
        held = self._neighbours_cache
        blobs = [held.get(key) for key in keys]
        missing = [key for key, blob in zip(keys, blobs, strict=True) if blob is None]
        if missing:
            read = dict(self._rows(f"SELECT key, tokens FROM neighbours WHERE key IN ({','.join('?' * len(missing))})",
                                   missing))
            got = {key: read.get(key, b"") for key in missing}
            self._keep_rows(held, got)
            blobs = [got[key] if blob is None else blob for key, blob in zip(keys, blobs, strict=True)]
        if not any(blobs):
            return []
        pairs = np.frombuffer(b"".join(blobs), dtype="<i4").reshape(-1, 2)
        rows, first = np.unique(pairs[:, 0], return_index=True)
        return list(zip(pairs[first, 1].tolist(), rows.tolist(), strict=True))

    def _blobs(self, rows: list[int]) -> dict[int, bytes]:
        held = self._postings_cache
        found: dict[int, bytes] = {}
        wanted = []
        for row in set(rows):
            blob = held.get(row)
            if blob is None:
                wanted.append(row)
            else:
                found[row] = blob
        wanted.sort()
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            got = dict(self._rows(f"SELECT id, aliases FROM postings WHERE id IN ({','.join('?' * len(chunk))})",
                                  chunk))
            found.update(got)
            self._keep_rows(held, got)
        return found

    def _keep_rows(self, held: dict[Any, bytes], rows: dict[Any, bytes]) -> None:
        """Keep these rows of the postings or neighbours table, within ROWS_CACHE_BYTES for both: when full, both
        start over (a reader that finds a row gone reads it again)."""
        cost = sum(len(blob) for blob in rows.values()) + ENTRY_OVERHEAD * len(rows)  # a row's key and slot
        if cost > ROWS_CACHE_BYTES:
            return
        with self._rows_lock:  # readers take no lock: the rows they got stay theirs when the memory is emptied
            if self._rows_cached + cost > ROWS_CACHE_BYTES:
                self._postings_cache.clear()
                self._neighbours_cache.clear()
                self._rows_cached = 0
            held.update(rows)
            self._rows_cached += cost

    def most_shared(self, rows: list[int], limit: int, groups: list[int] | None = None) -> list[int]:
        """The `limit` alias positions found in the most of these postings rows (a row asked twice counts
        twice); ties in the order first met, reading the rows in the order given: the same answer as
        collections.Counter(...).most_common(limit). With `groups` (one per row: the query word the row was
        read for), an alias counts once per group, so an alias is not ahead for holding several near spellings
        of one word.

        Counted in numpy over the packed arrays as they lie in the file (_most_shared_few_groups) when there
        are at most 2**FEW_GROUP_BITS groups, as the matcher's always are (a query blocks on at most
        MAX_TOKENS words); in Python otherwise."""
        if not rows:
            return []
        blobs = self._blobs(rows)
        every = np.frombuffer(b"".join([blobs[r] for r in rows]), dtype="<i4").astype(np.int64)
        if not len(every):
            return []
        tags = np.repeat(np.asarray(range(len(rows)) if groups is None else groups, dtype=np.int64),
                         [len(blobs[r]) // 4 for r in rows])
        at_bits = max(len(every) - 1, 1).bit_length()
        alias_bits = max(int(every.max()), 1).bit_length()
        group_bits = max(int(tags.max()), 1).bit_length()
        if group_bits <= FEW_GROUP_BITS and alias_bits + at_bits + max(group_bits, 5) <= 63:
            return self._most_shared_few_groups(every, tags, limit, at_bits, alias_bits, group_bits)
        return self._most_shared_counted(every, tags, limit)

    @staticmethod
    def _most_shared_few_groups(every: np.ndarray, tags: np.ndarray, limit: int, at_bits: int, alias_bits: int,
                                group_bits: int) -> list[int]:
        """most_shared for at most 2**FEW_GROUP_BITS groups (the query's words), with one sort and no pass over
        the (alias, group) pairs: each posting packed as (alias, place met, group), so that sorted, an alias's
        first meeting leads its run, and its groups are counted as the bits of their union."""
        packed = every << (at_bits + group_bits)
        packed |= np.arange(len(every), dtype=np.int64) << group_bits
        packed |= tags
        packed.sort()
        alias = packed >> (at_bits + group_bits)
        leads = np.empty(len(alias), dtype=bool)
        leads[0] = True
        np.not_equal(alias[1:], alias[:-1], out=leads[1:])
        heads = np.flatnonzero(leads)
        first = (packed[heads] >> group_bits) & ((1 << at_bits) - 1)
        groups_met = np.bitwise_or.reduceat(np.left_shift(1, packed & ((1 << group_bits) - 1)), heads)
        counts = _BITS_SET[groups_met].astype(np.int64)
        rank = ((int(counts.max()) - counts) << (at_bits + alias_bits)) | (first << alias_bits) | alias[heads]
        if len(rank) > limit:
            rank = np.partition(rank, limit - 1)[:limit]
        return (np.sort(rank) & ((1 << alias_bits) - 1)).tolist()  # type: ignore[no-any-return]

    @staticmethod
    def _most_shared_counted(every: np.ndarray, tags: np.ndarray, limit: int) -> list[int]:
        """most_shared for many groups (or inputs too large to pack into 63 bits), counted in Python."""
        groups_of: dict[int, set[int]] = {}
        for pos, tag in zip(every.tolist(), tags.tolist(), strict=True):
            groups_of.setdefault(pos, set()).add(tag)
        return sorted(groups_of, key=lambda pos: -len(groups_of[pos]))[:limit]  # stable: ties as first met

    def postings(self, rows: list[int]) -> list[array[int]]:
        """The alias positions of these postings rows, in the order asked."""
        blobs = self._blobs(rows)
        return [unpack(blobs[r]) for r in rows]

    # ---- entity access for the API and the CLI ----
    def resolve_id(self, entity_id: str) -> EntityRecord:
        """The live entity for an id, following redirects. Raises NotFound."""
        record = self.entity(entity_id)
        seen = set()
        while record is not None and record.redirect and record.id not in seen:
            seen.add(record.id)
            record = self.entity(record.redirect)
        if record is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        return record

    def aliases_of(self, entity_id: str) -> list[AliasRecord]:
        positions = self.by_entity.get(entity_id, [])
        self.prefetch(positions)
        return [self.alias(i) for i in positions]

    def aliases_of_many(self, entity_ids: Sequence[str]) -> dict[str, list[AliasRecord]]:
        """aliases_of for each of several entities: their positions in one query, the records in another."""
        held: dict[str, list[int]] = {eid: [] for eid in entity_ids}
        wanted = list(held)
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            for eid, pos in self._rows(f"SELECT entity_id, id FROM aliases WHERE entity_id IN "
                                       f"({','.join('?' * len(chunk))}) ORDER BY id", chunk):
                held[eid].append(pos - 1)
        self.prefetch(pos for positions in held.values() for pos in positions)
        return {eid: [self.alias(pos) for pos in positions] for eid, positions in held.items()}

    def is_country(self, entity_id: str) -> bool:
        """Whether the entity is a country: it has a code alias (has_code) or a CLDR territory id."""
        if self.has_code(entity_id):
            return True
        record = self.entity(entity_id)
        return record is not None and bool(record.external_ids.get("cldr"))

    def has_code(self, entity_id: str) -> bool:
        """Whether the entity has an alias of kind code (SY, QAT: a country's ISO codes). One indexed query."""
        found = self._codes.get(entity_id)
        if found is None:
            rows = self._rows("SELECT 1 FROM aliases WHERE entity_id = ? AND kind = 'code' LIMIT 1", (entity_id,))
            if len(self._codes) >= CACHE_MAX:
                self._codes.clear()
            found = self._codes[entity_id] = bool(rows)
        return found

    def places_of(self, entity_id: str) -> tuple[str, ...]:
        """The places of the store an entity is in, nearest first (the Umayyad Mosque: damascus, syria), by its
        `within` and theirs; () for one in none. The build checked the chain for cycles; a cycle in a file made
        otherwise ends at its first repeat."""
        chain: list[str] = []
        record = self.entity(entity_id)
        while record is not None and record.within and record.within not in chain and record.within != entity_id:
            chain.append(record.within)
            record = self.entity(record.within)
        return tuple(chain)

    def counts(self) -> dict[str, int]:
        return {k: int(self.meta[k]) for k in ("entities", "aliases", "redirects") if k in self.meta}

    def list_ids(self, etype: str | None = None, prefix: str = "", *, typed: str = "") -> list[str]:
        """Live entity ids, by id; with a normalized prefix, those with an alias starting with it, best first:
        an alias that starts with the text as typed (`typed`, case aside), then one with a word that does, then
        the rest (the normalized form alone: "al-Sh" is "sh"); within each, an alias equal to the prefix, then by
        name. A range of the sorted normalized keys, not a scan."""
        if not prefix:
            if etype is None:
                return [r[0] for r in self._rows("SELECT id FROM entities WHERE redirect IS NULL ORDER BY id")]
            return [r[0] for r in self._rows("SELECT id FROM entities WHERE redirect IS NULL AND type = ? "
                                             "ORDER BY id", (etype,))]
        last = ord(prefix[-1])
        upper = prefix[:-1] + chr(last + 1) if last < 0x10FFFF else prefix + "\U0010ffff"
        found: dict[str, tuple[int, int, str]] = {}
        for norm, eid, name, etype_, redirect, text in self._rows(
                "SELECT k.key, e.id, e.name, e.type, e.redirect, a.text FROM keys k JOIN aliases a "
                "ON a.id = k.alias + 1 "
                "JOIN entities e ON e.id = a.entity_id WHERE k.kind = ? AND k.key >= ? AND k.key < ? "
                "ORDER BY k.key, k.alias", (KIND_NORM, prefix, upper)):
            if not norm.startswith(prefix) or redirect or (etype is not None and etype_ != etype):
                continue
            rank = (_typed_tier(text, fold(typed)) if typed else 0, 0 if norm == prefix else 1, name)
            if eid not in found or rank < found[eid]:
                found[eid] = rank
        return sorted(found, key=lambda eid: found[eid])

    # ---- derived views, computed once per index on first use (an index never changes) ----
    @cached_property
    def lexicon(self) -> Lexicon:
        """The words of names in many languages (aliases/lexicon/), read from the database on first use."""
        return Lexicon.read(self.path)

    def concept_positions(self, concept: str) -> list[int]:
        """Positions of the aliases of organisations and places holding a word of this concept (built)."""
        return [row[0] for row in self._rows("SELECT alias FROM concepts WHERE concept = ?", (concept,))]

    def other_names(self, norm: str) -> str | None:
        """What a normalized name names outside the store ("Estonia (EE)"), from aliases/others/; else None."""
        rows = self._rows("SELECT names FROM others WHERE norm = ?", (norm,))
        return rows[0][0] if rows else None

    def surname_positions(self, phons: Iterable[str], skeletons: Iterable[str], *,
                          abjad: bool) -> list[tuple[str, bool, int]]:
        """(phonetic key, abjad, position) of the persons' names whose surname has one of these phonetic keys,
        or one of these skeletons and is written with (abjad) or without short vowels as asked: the rows another
        kind of script may fit by its consonants (built: service/match/surnames.py). A skeleton is shared by
        thousands of surnames in a store of millions, and the query's own kind of script needs its keys."""
        phons, skeletons = sorted(set(phons)), sorted(set(skeletons))
        return [(row[0], bool(row[1]), row[2]) for row in self._rows(
            f"SELECT phon, abjad, alias FROM surnames WHERE phon IN ({','.join('?' * len(phons))}) "
            f"UNION SELECT phon, abjad, alias FROM surnames WHERE skel IN ({','.join('?' * len(skeletons))}) "
            "AND abjad = ?", (*phons, *skeletons, int(abjad)))]

    @cached_property
    def id_schemes(self) -> list[str]:
        """The external id schemes the store records (wikidata, geonames, cldr)."""
        return [r[0] for r in self._rows("SELECT DISTINCT scheme FROM external_ids ORDER BY scheme")]

    @cached_property
    def by_external_id(self) -> Mapping[tuple[str, str], list[str]]:
        """(scheme, id casefolded) -> live entity ids recording it."""
        return _ByExternalId(self)

    @cached_property
    def retired_into(self) -> dict[str, list[str]]:
        """live entity id -> the retired ids that lead to it (through any chain of redirects), sorted."""
        out: dict[str, list[str]] = {}
        for (eid,) in self._rows("SELECT id FROM entities WHERE redirect IS NOT NULL ORDER BY id"):
            try:
                out.setdefault(self.resolve_id(eid).id, []).append(eid)
            except NotFound:
                continue
        return {k: sorted(v) for k, v in out.items()}

    @cached_property
    def type_counts(self) -> dict[str, int]:
        """live entities per type"""
        return dict(self._rows("SELECT type, count(*) FROM entities WHERE redirect IS NULL GROUP BY type "
                               "ORDER BY min(id)"))



def _typed_tier(text: str, typed: str) -> int:
    """0: the alias starts with what was typed; 1: one of its words does; 2: only its normalized form does."""
    folded = fold(text)
    if folded.startswith(typed):
        return 0
    return 1 if any(word.startswith(typed) for word in folded.split()) else 2
