"""The console script, in process with CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from service.cli import main
from tests.conftest import DATA, STORE


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_resolve_json(db_path: Path) -> None:
    code, out = run("resolve", "--db", str(db_path), "--json", "Abu Mohammed al-Jawlani", "Hamas")
    assert code == 0, out
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["status"] == "matched" and first["match"]["id"] == "ahmed-al-sharaa"
    assert set(first["match"]) >= {"id", "name", "type", "score", "alias", "method", "kind", "validity"}
    assert second["status"] == "unmatched" and second["match"] is None


def test_resolve_text_and_type(db_path: Path) -> None:
    code, out = run("resolve", "--db", str(db_path), "--type", "location", "Deir Ezzor")
    assert code == 0 and "\tmatched\tdeir-ez-zor\t" in out


def test_resolve_bad_knob_is_a_clear_error(db_path: Path) -> None:
    code, out = run("resolve", "--db", str(db_path), "--limit", "0", "Assad")
    assert code == 1 and "limit must be a whole number from 1 to 100" in out


def test_resolve_missing_db_says_how_to_fix(tmp_path: Path) -> None:
    code, out = run("resolve", "--db", str(tmp_path / "none.db"), "Assad")
    assert code == 1 and "aliases build" in out


def test_embedded_database_is_built_when_missing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ALIASES_DB", raising=False)
    code, out = run("resolve", "--store", str(STORE), "Damas")
    assert code == 0 and "\tmatched\tdamascus\t" in out
    assert (tmp_path / "aliases.db").is_file()


def test_eval_prints_matcher_and_baseline(db_path: Path) -> None:
    code, out = run("eval", "--db", str(db_path), str(DATA / "heldout.jsonl"))
    assert code == 0, out
    assert "matcher" in out and "baseline" in out and "false match (negatives)" in out
    assert "Arab" in out and "Cyrl" in out and "Latn" in out


def test_eval_rejects_a_malformed_file(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"query": "x", "expect": "y"}\nnot json\n', encoding="utf-8")
    code, out = run("eval", "--db", str(db_path), str(bad))
    assert code == 1 and "bad.jsonl:2: not JSON" in out
