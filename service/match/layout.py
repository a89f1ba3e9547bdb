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

from service.match.normalize import fold, skeleton_token
from service.store.model import FUZZY_SCRIPTS

# the version of this layout (and of the tables the build adds beside it); a database of another is refused
SCHEMA_VERSION = "5"
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


class Tables:
    """The lookup tables of one store, gathered alias by alias (in position order) and written sorted."""

    def __init__(self) -> None:
        self.keys: list[dict[str, list[int]]] = [defaultdict(list) for _ in range(4)]
        self.postings: dict[str, list[int]] = defaultdict(list)

    def add(self, pos: int, text: str, norm: str, phon: str, abjad: bool, sound: bool) -> None:
        self.keys[KIND_TEXT][fold(text)].append(pos)
        self.keys[KIND_NORM][norm].append(pos)
        if not sound:
            return
        self.keys[KIND_PHON][phon].append(pos)
        if not abjad:
            self.keys[KIND_JOINED][phon.replace(" ", "")].append(pos)
        for token in set(phon.split()):
            self.postings[token].append(pos)

    def key_rows(self) -> Iterator[tuple[int, str, int]]:
        for kind, by_key in enumerate(self.keys):
            for key in sorted(by_key):
                for pos in by_key[key]:
                    yield kind, key, pos

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
