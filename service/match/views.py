"""The records an index hands out, and the read-only mapping and sequence views over its tables.

Records are made per candidate, from one row of the file; the views let callers read the index as the mappings
and sequences it used to hold in memory (entities, aliases, the lookups by key), one query at a time. `index` in
the views is a service.match.index.Index.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

from service.match.layout import unpack
from service.store.model import Alias

_ALIAS_COLUMNS = ("a.id, a.entity_id, a.text, a.kind, a.lang, a.valid_from, a.valid_to, a.source, a.weak, a.shared,"
                  " a.norm, a.phon, a.skel, a.abjad, a.script, a.entity_type, a.entity_name")
_ENTITY_COLUMNS = "e.id, e.type, e.name, e.description, e.external_ids, e.redirect, e.within"
_CHUNK = 500  # ids per IN (...) query


@dataclass(frozen=True)
class EntityRecord:
    id: str
    type: str
    name: str
    description: str
    external_ids: dict[str, str]
    redirect: str | None
    within: str | None = None  # the place of the store it is in (Entity.within)


@dataclass(frozen=True)
class AliasRecord:
    """One alias as the matcher sees it: the curated fields plus the precomputed keys, and its entity's type and
    name (what a candidate shows of it; the entity's other fields are read from `Index.entities`)."""

    entity_id: str
    alias: Alias
    norm: str
    phon: str
    skel: str
    abjad: bool
    script: str
    entity_type: str
    entity_name: str


# Records are made per candidate, about a hundred per fuzzy query: they are filled in directly, without the
# frozen dataclasses' __init__ (which pays an object.__setattr__ per field, half the cost of reading them).
def _alias_record(row: Sequence[Any]) -> AliasRecord:
    alias = object.__new__(Alias)
    alias.__dict__.update(text=row[2], kind=row[3], lang=row[4], valid_from=row[5], valid_to=row[6], source=row[7],
                          weak=bool(row[8]), shared=bool(row[9]), review=False)
    rec = object.__new__(AliasRecord)
    rec.__dict__.update(entity_id=row[1], alias=alias, norm=row[10], phon=row[11], skel=row[12],
                        abjad=bool(row[13]), script=row[14], entity_type=row[15], entity_name=row[16])
    return rec


def _entity_record(row: Sequence[Any]) -> EntityRecord:
    rec = object.__new__(EntityRecord)
    rec.__dict__.update(id=row[0], type=row[1], name=row[2], description=row[3] or "",
                        external_ids=json.loads(row[4]) if row[4] and row[4] != "{}" else {}, redirect=row[5],
                        within=row[6])
    return rec


# ---------------------------------------------------------------------------------------------------------
# read-only views over the tables, for callers that read the index as mappings and sequences
# ---------------------------------------------------------------------------------------------------------
class _View:
    def __init__(self, index: Any):
        self._index = index


class _Entities(_View, Mapping[str, EntityRecord]):
    def __getitem__(self, entity_id: str) -> EntityRecord:
        rec = self._index.entity(entity_id)
        if rec is None:
            raise KeyError(entity_id)
        return rec

    def __iter__(self) -> Iterator[str]:
        return iter([r[0] for r in self._index._rows("SELECT id FROM entities ORDER BY id")])

    def __len__(self) -> int:
        return int(self._index._rows("SELECT count(*) FROM entities")[0][0])


class _Aliases(_View, Sequence[AliasRecord]):
    @overload
    def __getitem__(self, pos: int) -> AliasRecord: ...

    @overload
    def __getitem__(self, pos: slice) -> list[AliasRecord]: ...

    def __getitem__(self, pos: int | slice) -> AliasRecord | list[AliasRecord]:
        if isinstance(pos, slice):
            positions = range(len(self))[pos]
            self._index.prefetch(positions)
            return [self._index.alias(p) for p in positions]
        if pos < 0:
            pos += len(self)
        if not 0 <= pos < len(self):
            raise IndexError(f"alias position {pos} out of range")
        return self._index.alias(pos)

    def __len__(self) -> int:
        return int(self._index.meta["aliases"])

    def __iter__(self) -> Iterator[AliasRecord]:
        """Every alias in position order, read in batches (without filling the cache)."""
        last = 0
        while True:
            rows = self._index._rows(f"SELECT {_ALIAS_COLUMNS} FROM aliases a WHERE a.id > ? ORDER BY a.id "
                                     "LIMIT 5000", (last,))
            if not rows:
                return
            yield from (_alias_record(row) for row in rows)
            last = rows[-1][0]


class _Lookup(_View, Mapping[Any, Any]):
    """A mapping whose keys are those of one table; missing keys are absent, not empty."""

    _all = ""

    def __iter__(self) -> Iterator[Any]:
        return iter([r[0] for r in self._index._rows(self._all)])

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _ByKey(_Lookup):
    def __init__(self, index: Any, kind: int):
        super().__init__(index)
        self._kind = kind
        self._all = f"SELECT DISTINCT key FROM keys WHERE kind = {kind} ORDER BY key"

    def __getitem__(self, key: str) -> list[int]:
        found = self._index.positions(self._kind, key)
        if not found:
            raise KeyError(key)
        return found


class _ByEntity(_Lookup):
    _all = "SELECT DISTINCT entity_id FROM aliases ORDER BY entity_id"

    def __getitem__(self, entity_id: str) -> list[int]:
        found = [r[0] - 1 for r in self._index._rows("SELECT id FROM aliases WHERE entity_id = ? ORDER BY id",
                                                     (entity_id,))]
        if not found:
            raise KeyError(entity_id)
        return found


class _TokenPostings(_Lookup):
    _all = "SELECT token FROM postings ORDER BY token"

    def __getitem__(self, token: str) -> array[int]:
        rows = self._index._rows("SELECT aliases FROM postings WHERE token = ?", (token,))
        if not rows:
            raise KeyError(token)
        return unpack(rows[0][0])


class _Neighbours(_Lookup):
    _all = "SELECT key FROM neighbours ORDER BY key"

    def __getitem__(self, key: str) -> set[str]:
        rows = [row for _, row in self._index.neighbour_sizes([key])]
        if not rows:
            raise KeyError(key)
        return {r[0] for r in self._index._rows(f"SELECT token FROM postings WHERE id IN ({','.join('?' * len(rows))})",
                                                rows)}


class _ByExternalId(_Lookup):
    _all = ("SELECT DISTINCT x.scheme, x.value FROM external_ids x JOIN entities e ON e.id = x.entity_id "
            "WHERE e.redirect IS NULL ORDER BY x.scheme, x.value")

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter([(r[0], r[1]) for r in self._index._rows(self._all)])

    def __getitem__(self, key: tuple[str, str]) -> list[str]:
        scheme, value = key
        found = [r[0] for r in self._index._rows(
            "SELECT x.entity_id FROM external_ids x JOIN entities e ON e.id = x.entity_id WHERE x.scheme = ? "
            "AND x.value = ? AND e.redirect IS NULL ORDER BY x.entity_id", (scheme, value))]
        if not found:
            raise KeyError(key)
        return found
