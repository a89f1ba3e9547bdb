"""The lookup tables of a built database: what the build writes and the index queries, one lookup at a time.

A served store is the SQLite file itself, opened read-only and memory-mapped: the operating system's page cache
holds it once for every worker, and opening it reads nothing per alias. Each table is clustered on the key a
lookup asks for (WITHOUT ROWID), so one lookup is one B-tree descent:

    keys(kind, key, alias)        exact (folded text), normalized, phonetic and joined-phonetic keys -> alias
                                  positions (0-based, in alias order); the normalized keys, sorted, also serve
                                  prefix search
    postings(id, token, n, aliases)  a phonetic token (ids in token order), how many aliases hold it, and their
                                  positions as one packed array (4-byte little-endian integers), read only for the
                                  tokens a query keeps, so a token too common to block on costs nothing
    neighbours(key, tokens)       a token skeleton, or that skeleton with one letter removed -> the tokens with it,
                                  packed as (postings id, n) pairs in id order: one row per key, however many
                                  tokens it gathers
    external_ids(scheme, value, entity_id)  casefolded external ids -> entities
    others(norm, names)           normalized names of what the store does not hold -> what they name
                                  (service/store/others.py)

Which aliases block on sound is decided here, once, at build time (see `blocks_on_sound`).
"""

from __future__ import annotations

import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator

from service.match.normalize import skeleton_token
from service.store.model import FUZZY_SCRIPTS

# the version of this layout (and of the tables the build adds beside it); a database of another is refused
SCHEMA_VERSION = "7"
KIND_TEXT, KIND_NORM, KIND_PHON, KIND_JOINED = 0, 1, 2, 3

SCHEMA = """
CREATE TABLE keys (kind INTEGER NOT NULL, key TEXT NOT NULL, alias INTEGER NOT NULL,
                   PRIMARY KEY (kind, key, alias)) WITHOUT ROWID;
CREATE TABLE postings (id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE, n INTEGER NOT NULL,
                       aliases BLOB NOT NULL);
CREATE TABLE neighbours (key TEXT PRIMARY KEY, tokens BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE external_ids (scheme TEXT NOT NULL, value TEXT NOT NULL, entity_id TEXT NOT NULL,
                           PRIMARY KEY (scheme, value, entity_id)) WITHOUT ROWID;
"""
TABLES = ("keys", "postings", "neighbours", "external_ids")


def deletions(token: str) -> set[str]:
    """The token and every form of it with one letter removed (a symmetric-delete neighbourhood)."""
    out = {token}
    if len(token) > 2:
        out.update(token[:i] + token[i + 1:] for i in range(len(token)))
    return out


def blocks_on_sound(imported: bool, script: str) -> bool:
    """Gazetteer names, and scripts the normalizer only passes through unidecode, match exactly or normalized
    only. Hundreds of exonyms would otherwise lend their sound to unrelated names (Humus, a name of Homs, sounds
    like Hamas once vowels merge)."""
    return not imported and script in FUZZY_SCRIPTS


def pack(positions: Iterable[int]) -> bytes:
    packed = array("i", positions)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tobytes()


def unpack(blob: bytes) -> array[int]:
    packed = array("i")
    packed.frombytes(blob)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed


def key_queries(source: str) -> tuple[str, ...]:
    """INSERT ... SELECT statements that fill the keys table from `source`, a table of the aliases with columns
    id (position + 1), folded, norm, phon, sound (blocks on sound) and abjad. SQLite sorts each kind as it
    inserts it, in the keys table's own order: text compared as UTF-8 bytes is text in code-point order, the
    order of Python's sorted()."""
    return (
        f"INSERT INTO keys SELECT {KIND_TEXT}, folded, id - 1 FROM {source} ORDER BY folded, id",
        f"INSERT INTO keys SELECT {KIND_NORM}, norm, id - 1 FROM {source} ORDER BY norm, id",
        f"INSERT INTO keys SELECT {KIND_PHON}, phon, id - 1 FROM {source} WHERE sound ORDER BY phon, id",
        f"INSERT INTO keys SELECT {KIND_JOINED}, replace(phon, ' ', ''), id - 1 FROM {source} "
        "WHERE sound AND NOT abjad ORDER BY 2, id",
    )


class Tables:
    """The token tables of one store, gathered alias by alias (in position order) and written sorted; the keys
    table is sorted by SQLite (`key_queries`)."""

    def __init__(self) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)

    def add(self, pos: int, phon: str, sound: bool) -> None:
        if sound:
            for token in set(phon.split()):
                self.postings[token].append(pos)

    def posting_rows(self) -> Iterator[tuple[int, str, int, bytes]]:
        for i, token in enumerate(sorted(self.postings), 1):
            yield i, token, len(self.postings[token]), pack(self.postings[token])

    def neighbour_rows(self) -> Iterator[tuple[str, bytes]]:
        by_key: dict[str, list[int]] = defaultdict(list)
        for i, token in enumerate(sorted(self.postings), 1):
            for key in deletions(skeleton_token(token) or token):
                by_key[key] += (i, len(self.postings[token]))
        for key in sorted(by_key):
            yield key, pack(by_key[key])
