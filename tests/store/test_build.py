"""Build: reproducible, atomic, complete; the index refuses what it cannot trust."""

from __future__ import annotations

import csv
import gc
import json
import multiprocessing
import signal
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from service.cli import main
from service.errors import DatabaseError, StoreError
from service.match.index import Index
from service.store.build import build, content_hash, ensure_database, is_stale
from service.store.files import _start_reader, load_store
from tests.conftest import DATA, STORE, write_entity


def test_two_builds_give_the_same_hash(tmp_path: Path) -> None:
    a = build(STORE, tmp_path / "a.db")
    b = build(STORE, tmp_path / "b.db")
    assert a.content_hash == b.content_hash == content_hash(load_store(STORE))
    rows = lambda p: list(sqlite_utils.Database(p).query("select * from aliases order by id"))  # noqa: E731
    assert rows(a.path) == rows(b.path)


def test_build_in_several_processes_writes_the_same_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("service.store.files.PARALLEL_MIN_FILES", 0)
    monkeypatch.setattr("service.store.files.CHUNK_FILES", 7)
    one = build(STORE, tmp_path / "one.db", jobs=1)
    two = build(STORE, tmp_path / "two.db", jobs=2)
    assert one.content_hash == two.content_hash
    with sqlite3.connect(one.path) as a, sqlite3.connect(two.path) as b:
        tables = [r[0] for r in a.execute("select name from sqlite_master where type = 'table' order by name")]
        assert "aliases" in tables and "postings" in tables
        for table in tables:
            query = f"select * from {table} where {'key' if table == 'meta' else '1'} != 'built_at' order by 1"
            assert a.execute(query).fetchall() == b.execute(query).fetchall(), table


def _failing_key_queries(table: str) -> list[str]:
    return [f"INSERT INTO keys SELECT 0, no_such_column, id FROM {table}"]


def _failing_rows(*args: object) -> object:
    raise RuntimeError("the rows could not be made")


@pytest.mark.parametrize("where,target,replacement,error", [
    ("the thread that writes the aliases", "service.store.build.key_queries", _failing_key_queries,
     sqlite3.OperationalError),
    ("the surnames and concepts, made meanwhile", "service.store.build._name_rows", _failing_rows, RuntimeError),
    ("the alias rows, stored before the thread starts", "service.store.build._alias_rows", _failing_rows,
     RuntimeError),
], ids=["writer", "name-rows", "alias-rows"])
def test_a_failure_on_either_side_of_the_writing_thread_fails_the_build_and_leaves_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, target: str, replacement: object,
        error: type[Exception]) -> None:
    monkeypatch.setattr(target, replacement)
    with pytest.raises(error):
        build(STORE, tmp_path / "out.db")
    assert list(tmp_path.iterdir()) == [], where


def _worker_state() -> tuple[object, object, object, bool]:
    return (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP), signal.getsignal(signal.SIGINT),
            gc.isenabled())


def _raise_system_exit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def test_reading_workers_end_on_sigterm_whatever_handler_the_build_inherits() -> None:
    # the console script turns SIGTERM into an exception (service/cli); a reading worker must not inherit it:
    # raised in a worker holding the pool's task queue lock, it left the build waiting for ever
    previous = signal.signal(signal.SIGTERM, _raise_system_exit)
    collecting = gc.isenabled()
    gc.disable()  # as the build does
    try:
        with multiprocessing.get_context("fork").Pool(1, initializer=_start_reader) as pool:
            assert pool.apply(_worker_state) == (signal.SIG_DFL, signal.SIG_DFL, signal.SIG_IGN, True)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if collecting:
            gc.enable()


def test_hash_changes_with_content(store_copy: Path, tmp_path: Path) -> None:
    before = build(store_copy, tmp_path / "a.db").content_hash
    path = store_copy / "location" / "hama.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- text: Hamath Epiphania\n  kind: former\n",
                    encoding="utf-8")
    assert build(store_copy, tmp_path / "b.db").content_hash != before


def test_database_holds_every_required_entity(db_path: Path) -> None:
    path = DATA / "shared-entities.csv"  # a copy of the project's shared/entities.csv (tests/data/README.md)
    db = sqlite_utils.Database(db_path)
    types = {r["id"]: r["type"] for r in db.query("select id, type from entities")}
    for row in csv.DictReader(path.open(encoding="utf-8")):
        assert types.get(row["id"]) == row["type"], row["id"]
    meta = {r["key"]: r["value"] for r in db.query("select key, value from meta")}
    assert {"content_hash", "normalizer_version", "schema_version", "built_at", "entities", "aliases"} <= set(meta)


def test_build_refuses_a_bad_store_and_leaves_the_old_database(tmp_path: Path) -> None:
    out = build(STORE, tmp_path / "aliases.db").path
    before = out.read_bytes()
    write_entity(tmp_path / "bad", "person", "x", "id: y\ntype: person\nname: X\n")
    with pytest.raises(StoreError, match="differs from the file name"):
        build(tmp_path / "bad", out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_index_refuses_another_normalizer_version(tmp_path: Path) -> None:
    out = build(STORE, tmp_path / "aliases.db").path
    with sqlite3.connect(out) as conn:
        conn.execute("update meta set value = '0' where key = 'normalizer_version'")
    with pytest.raises(DatabaseError, match="normalizer version '0'.*aliases build"):
        Index.open(out)
    assert is_stale(STORE, out)


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100], ids=["empty", "garbage"])
def test_index_refuses_a_corrupt_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "aliases.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseError, match="aliases build"):
        Index.open(path)


def test_index_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no database"):
        Index.open(tmp_path / "nope.db")


def test_index_opens_read_only(db_path: Path) -> None:
    before = db_path.stat().st_mtime_ns
    Index.open(db_path)
    assert db_path.stat().st_mtime_ns == before


def test_ensure_database_rebuilds_when_the_store_changes(store_copy: Path, tmp_path: Path) -> None:
    db = ensure_database(store_copy, tmp_path / "aliases.db")
    assert not is_stale(store_copy, db)
    path = store_copy / "location" / "hama.yaml"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    import os
    os.utime(path, (db.stat().st_mtime + 5, db.stat().st_mtime + 5))
    assert is_stale(store_copy, db)


def test_redirect_resolves_to_successor(tmp_path: Path) -> None:
    write_entity(tmp_path / "s", "person", "a", "id: a\ntype: person\nname: A person\n")
    write_entity(tmp_path / "s", "person", "old-a", "id: old-a\ntype: person\nredirect: a\n")
    index = Index.open(build(tmp_path / "s", tmp_path / "s.db").path)
    assert index.resolve_id("old-a").id == "a"
    assert index.counts() == {"entities": 1, "aliases": 1, "redirects": 1}


def test_export_is_json_lines_of_every_entity(tmp_path: Path) -> None:
    out = tmp_path / "store.jsonl"
    result = CliRunner().invoke(main, ["export", "--store", str(STORE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(load_store(STORE).entities)
    hts = next(r for r in records if r["id"] == "hayat-tahrir-al-sham")
    nusra = next(a for a in hts["aliases"] if a["text"] == "Jabhat al-Nusra")
    assert nusra == {"text": "Jabhat al-Nusra", "kind": "former", "lang": "en", "valid_from": "2012-01-23",
                     "valid_to": "2016-07-28", "script": "Latn",
                     "source": "http://156.54.191.165/enciclopedia/eol-al-jolani-al-golani-abu-mohammad"}


def test_cli_build(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--store", str(STORE), "-o", str(tmp_path / "x.db")])
    assert result.exit_code == 0 and "content hash" in result.output
