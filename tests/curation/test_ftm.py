"""`aliases import ftm FILE`: FollowTheMoney entities (as OpenSanctions publishes them) merged into the store.

The file is written here: one entity matched by Wikidata id, one by exact name and type, and entities that
must go nowhere (another schema, no match, a name that is one entity's but a Wikidata id that is another's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.store.files import load_store


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def ftm(eid: str, schema: str, datasets: tuple[str, ...] = ("test_sanctions",), **props: list[str]) -> str:
    return json.dumps({"id": eid, "schema": schema, "properties": props, "datasets": list(datasets),
                       "last_change": "2026-11-02T08:00:00"}, ensure_ascii=False)


LINES = [
    ftm("Q44329", "Person", name=["Bashar al-Assad", "Башар Хафез аль-Асад"], alias=["Bachar Hafez el-Assad"],
        weakAlias=["Abu Hafez"], wikidataId=["Q44329"]),
    ftm("NK-hts", "Organization", name=["Hayat Tahrir al-Sham"], alias=["Hay'at Tahrir al-Sham",
        "Levant Liberation Board"], previousName=["Jabhat al-Nusra", "Jabhat Fath al-Sham"],
        weakAlias=["Tahrir al-Sham"]),
    ftm("NK-vessel", "Vessel", name=["Hayat Tahrir al-Sham"]),
    ftm("NK-nobody", "Person", name=["Nobody Atall"]),
    ftm("NK-wrongqid", "Person", name=["Vladimir Putin"], wikidataId=["Q1"]),
    ftm("NK-lavrov", "Person", name=["Sergey Lavrov"], alias=["Putin"]),
]


@pytest.fixture
def ftm_file(tmp_path: Path) -> Path:
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


def aliases_of(store: Path, entity_id: str) -> dict[str, object]:
    entity = next(e for e in load_store(store).entities if e.id == entity_id)
    return {a.text: a for a in entity.aliases}


def test_ftm_import_merges_names_with_their_kinds_and_sources(store_copy: Path, ftm_file: Path) -> None:
    before = [(a.text, a.kind) for a in aliases_of(store_copy, "hayat-tahrir-al-sham").values()]
    code, out, err = cli("import", "ftm", str(ftm_file), "--store", str(store_copy))
    assert code == 0, out + err
    assert "Q44329 -> bashar-al-assad (by Wikidata id Q44329)" in out
    assert "NK-hts -> hayat-tahrir-al-sham (by exact name 'Hayat Tahrir al-Sham')" in out
    assert "6 FollowTheMoney entities read; 3 matched, 3 skipped" in err
    bashar = aliases_of(store_copy, "bashar-al-assad")
    assert bashar["Башар Хафез аль-Асад"].kind == "translation"
    assert bashar["Bachar Hafez el-Assad"].kind == "variant"
    weak = bashar["Abu Hafez"]
    assert weak.kind == "nickname" and weak.weak and weak.source == "ftm:Q44329 (test_sanctions, 2026-11-02)"
    hts = aliases_of(store_copy, "hayat-tahrir-al-sham")
    assert hts["Jabhat Fath al-Sham"].kind == "former"
    assert hts["Levant Liberation Board"].source.startswith("ftm:NK-hts ")
    assert [(a.text, a.kind) for a in hts.values() if not a.imported] == before  # curated untouched
    entity = next(e for e in load_store(store_copy).entities if e.id == "hayat-tahrir-al-sham")
    assert entity.external_ids["ftm"] == "NK-hts"
    assert cli("lint", "--store", str(store_copy))[0] == 0


@pytest.mark.parametrize("line", [
    "skipped NK-vessel: schema Vessel is not a person or an organisation",
    "skipped NK-nobody: no store entity of its type bears one of its names",
    "skipped NK-wrongqid: its name 'Vladimir Putin' is vladimir-putin's, but its Wikidata id Q1 is not Q7747",
    "collision, skipped: 'Putin': an alias of vladimir-putin",
], ids=["other-schema", "no-match", "contradicting-qid", "collision"])
def test_ftm_import_says_what_it_did_not_merge(store_copy: Path, ftm_file: Path, line: str) -> None:
    code, out, _ = cli("import", "ftm", str(ftm_file), "--store", str(store_copy), "--dry-run")
    assert code == 0 and line in out


def test_ftm_import_is_idempotent_and_dry_run_writes_nothing(store_copy: Path, ftm_file: Path) -> None:
    path = store_copy / "person" / "bashar-al-assad.yaml"
    original = path.read_text(encoding="utf-8")
    cli("import", "ftm", str(ftm_file), "--store", str(store_copy), "--dry-run")
    assert path.read_text(encoding="utf-8") == original
    cli("import", "ftm", str(ftm_file), "--store", str(store_copy))
    text = path.read_text(encoding="utf-8")
    code, out, _ = cli("import", "ftm", str(ftm_file), "--store", str(store_copy))
    assert code == 0 and "bashar-al-assad: 0 added" in out and path.read_text(encoding="utf-8") == text


def test_a_name_the_file_gives_two_entities_is_left_out(store_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "two.json"
    path.write_text("\n".join([
        ftm("Q44329", "Person", name=["Bashar al-Assad"], alias=["Abu Suleiman"], wikidataId=["Q44329"]),
        ftm("NK-other", "Person", name=["Someone Else"], alias=["Abu Suleiman"]),
    ]) + "\n", encoding="utf-8")
    code, out, _ = cli("import", "ftm", str(path), "--store", str(store_copy))
    assert code == 0 and "left out: 'Abu Suleiman': the file gives it to another entity too" in out
    assert "Abu Suleiman" not in aliases_of(store_copy, "bashar-al-assad")


@pytest.mark.parametrize("content,message", [
    ("not json\n", "entities.ftm.json:1: not a JSON object"),
    ('{"id": "x"}\n', "entities.ftm.json:1: a FollowTheMoney entity needs a string 'id' and 'schema'"),
    ('{"id": "x", "schema": "Person", "properties": {"name": "A"}}\n', "'properties' must map each property"),
], ids=["not-json", "no-schema", "bad-properties"])
def test_ftm_bad_file(store_copy: Path, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "entities.ftm.json"
    path.write_text(content, encoding="utf-8")
    code, _, err = cli("import", "ftm", str(path), "--store", str(store_copy))
    assert code == 1 and message in err and "Traceback" not in err
