"""A database is checked at open for everything the service relies on (issue 17, item 11): each corruption is
refused with a DatabaseError naming the file, start-up stops with it, and /admin/reload answers 503 while the
old store keeps serving. (A missing content_hash started, then answered 500 to every request; bad counts gave
500 on /, /entities and /v1/meta; bad external_ids or a NULL key column a traceback.)"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from service.errors import DatabaseError
from service.match.index import Index
from service.web.app import create_app

CORRUPTIONS = [
    ("no-content-hash", "DELETE FROM meta WHERE key = 'content_hash'", "content_hash"),
    ("empty-content-hash", "UPDATE meta SET value = '' WHERE key = 'content_hash'", "content_hash"),
    ("count-not-a-number", "UPDATE meta SET value = 'many' WHERE key = 'entities'", "meta entities"),
    ("count-fraction", "UPDATE meta SET value = '2.5' WHERE key = 'aliases'", "meta aliases"),
    ("external-ids-not-json", "UPDATE entities SET external_ids = '{oops' WHERE rowid = 1", "external_ids"),
    ("external-ids-a-list", "UPDATE entities SET external_ids = '[1, 2]' WHERE rowid = 1", "external_ids"),
    ("external-id-a-number", """UPDATE entities SET external_ids = '{"wikidata": 5}' WHERE rowid = 1""",
     "external_ids"),
    ("entity-name-null", "UPDATE entities SET name = NULL WHERE rowid = 1", "an entity without"),
    ("entity-type-unknown", "UPDATE entities SET type = 'robot' WHERE rowid = 1", "an entity without"),
    ("entity-redirect-blob", "UPDATE entities SET redirect = x'07' WHERE rowid = 1", "redirect"),
    ("alias-text-null", "UPDATE aliases SET text = NULL WHERE rowid = 1", "an alias without"),
    ("alias-norm-null", "UPDATE aliases SET norm = NULL WHERE rowid = 1", "an alias without"),
    ("alias-entity-null", "UPDATE aliases SET entity_id = NULL WHERE rowid = 1", "an alias without"),
    ("alias-orphan", "UPDATE aliases SET entity_id = 'nobody-at-all' WHERE rowid = 1", "an entity the database"),
    ("alias-flag-7", "UPDATE aliases SET weak = 7 WHERE rowid = 1", "flags"),
    ("alias-lang-blob", "UPDATE aliases SET lang = x'00ff' WHERE rowid = 1", "optional fields"),
    ("alias-entity-type-stale", "UPDATE aliases SET entity_type = 'location' WHERE entity_type != 'location' "
     "AND rowid = (SELECT min(rowid) FROM aliases WHERE entity_type != 'location')", "copy of its entity's"),
    ("entity-renamed-alone", "UPDATE entities SET name = name || ' (renamed)' WHERE rowid = 1", "copy of its entity's"),
    ("alias-entity-name-null", "UPDATE aliases SET entity_name = NULL WHERE rowid = 1", "copy of its entity's"),
]


def _corrupted(db_path: Path, tmp_path: Path, sql: str) -> Path:
    """A copy of the database with one bad value. The build declares its columns NOT NULL and clusters entities
    without a rowid; a hostile file need not, so the table is first copied without its constraints."""
    bad = tmp_path / "bad.db"
    shutil.copy(db_path, bad)
    with sqlite3.connect(bad) as conn:
        for table in ("entities", "aliases"):
            if f" {table} " in sql:
                conn.executescript(f"CREATE TABLE loose AS SELECT * FROM {table}; DROP TABLE {table}; "
                                   f"ALTER TABLE loose RENAME TO {table};")
        conn.execute(sql)
    return bad


@pytest.mark.parametrize("sql,message", [c[1:] for c in CORRUPTIONS], ids=[c[0] for c in CORRUPTIONS])
def test_open_refuses_what_the_service_cannot_rely_on(db_path: Path, tmp_path: Path, sql: str, message: str) -> None:
    bad = _corrupted(db_path, tmp_path, sql)
    with pytest.raises(DatabaseError, match=message) as caught:
        Index.open(bad)
    assert str(bad) in caught.value.message and "aliases build" in caught.value.message
    with pytest.raises(DatabaseError):
        create_app({"DB": str(bad)})  # start-up stops


@pytest.mark.parametrize("sql", [c[1] for c in CORRUPTIONS], ids=[c[0] for c in CORRUPTIONS])
def test_reload_refuses_with_503_and_keeps_serving(db_path: Path, tmp_path: Path, sql: str) -> None:
    live_db = tmp_path / "live.db"
    shutil.copy(db_path, live_db)
    client = create_app({"DB": str(live_db), "ADMIN_TOKEN": "s3cret-token"}).test_client()
    before = client.get("/v1/meta").get_json()["content_hash"]
    # a new file put in place, as `aliases build -o` does: the served store is read from its file, and a file
    # written over in place would change under the workers reading it (docs/scale.md)
    os.replace(_corrupted(db_path, tmp_path, sql), live_db)
    r = client.post("/admin/reload", headers={"Authorization": "Bearer s3cret-token"})
    assert r.status_code == 503 and r.get_json()["error"]["code"] == "reload_refused"
    for path in ("/", "/entities", "/v1/meta", "/v1/resolve?q=Homs"):
        assert client.get(path).status_code == 200, path
    assert client.get("/v1/meta").get_json()["content_hash"] == before


def test_the_built_database_passes(index: Index) -> None:
    assert len(index.content_hash) == 64
