"""What Index.open verifies in a database before the service answers from it, beyond SQLite's own check.

A database is trusted only when every value the service later relies on is there and of its type: meta holds a
content hash and whole-number counts; every entity has an id, a known type and a name, and its external_ids are
a JSON object of texts; every alias belongs to an entity, has its text and keys, and carries its entity's type
and name as the entity has them. Anything else is refused with a DatabaseError (503) naming the first bad row, so
that a bad file stops start-up or is refused by a reload, instead of answering 500 to every request later. The
row checks are SQL, run by SQLite: no Python loop per row.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from service.errors import DatabaseError
from service.store.model import ENTITY_TYPES

REBUILD = "rebuild it with `aliases build`"
COUNTS = ("entities", "aliases", "redirects")
_HASH = re.compile(r"[0-9A-Za-z:_-]{8,128}", re.ASCII)
_WHOLE = re.compile(r"[0-9]{1,15}", re.ASCII)

_TYPES = ", ".join(f"'{t}'" for t in ENTITY_TYPES)
# (what is wrong, a query returning the first offending row's key, or nothing)
_ROW_CHECKS = (
    ("an entity without an id, a name or a known type",
     f"SELECT coalesce(id, '(null id)') FROM entities WHERE typeof(id) != 'text' OR id = '' "
     f"OR typeof(name) != 'text' OR type IS NULL OR type NOT IN ({_TYPES}) LIMIT 1"),
    ("an entity whose description or redirect is not text",
     "SELECT id FROM entities WHERE typeof(description) NOT IN ('text', 'null') "
     "OR typeof(redirect) NOT IN ('text', 'null') LIMIT 1"),
    ("an entity whose external_ids are not a JSON object of texts",
     "SELECT id FROM entities WHERE external_ids IS NOT NULL AND (typeof(external_ids) != 'text' "
     "OR NOT json_valid(external_ids) OR json_type(external_ids) != 'object' "
     "OR EXISTS (SELECT 1 FROM json_each(entities.external_ids) WHERE json_each.type != 'text')) LIMIT 1"),
    ("an alias without its entity, text, kind or keys",
     "SELECT coalesce(CAST(id AS TEXT), '(null id)') FROM aliases WHERE typeof(entity_id) != 'text' "
     "OR typeof(text) != 'text' OR typeof(kind) != 'text' OR typeof(norm) != 'text' OR typeof(phon) != 'text' "
     "OR typeof(skel) != 'text' OR typeof(script) != 'text' LIMIT 1"),
    ("an alias whose optional fields are not text or whose flags are not 0 or 1",
     "SELECT CAST(id AS TEXT) FROM aliases WHERE typeof(lang) NOT IN ('text', 'null') "
     "OR typeof(valid_from) NOT IN ('text', 'null') OR typeof(valid_to) NOT IN ('text', 'null') "
     "OR typeof(source) NOT IN ('text', 'null') OR coalesce(weak, 0) NOT IN (0, 1) "
     "OR coalesce(shared, 0) NOT IN (0, 1) OR coalesce(abjad, 0) NOT IN (0, 1) LIMIT 1"),
    ("an alias of an entity the database does not hold",
     "SELECT CAST(id AS TEXT) FROM aliases WHERE entity_id NOT IN (SELECT id FROM entities) LIMIT 1"),
    ("an alias whose copy of its entity's type or name is not the entity's",
     "SELECT CAST(a.id AS TEXT) FROM aliases a JOIN entities e ON e.id = a.entity_id "
     "WHERE a.entity_type IS NOT e.type OR a.entity_name IS NOT e.name LIMIT 1"),
)


def check_meta(meta: dict[str, object], path: Path) -> None:
    content_hash = meta.get("content_hash")
    if not isinstance(content_hash, str) or not _HASH.fullmatch(content_hash):
        raise DatabaseError(f"{path} has no valid content_hash in its meta table ({str(content_hash)[:40]!r}): "
                            f"{REBUILD}")
    for key in COUNTS:
        value = meta.get(key)
        if value is not None and not (isinstance(value, int) or (isinstance(value, str) and _WHOLE.fullmatch(value))):
            raise DatabaseError(f"{path} has a meta {key} that is not a whole number ({str(value)[:40]!r}): {REBUILD}")


def check_rows(conn: sqlite3.Connection, path: Path) -> None:
    for what, query in _ROW_CHECKS:
        row = conn.execute(query).fetchone()
        if row is not None:
            raise DatabaseError(f"{path} holds {what} (at {str(row[0])[:60]!r}): {REBUILD}")
