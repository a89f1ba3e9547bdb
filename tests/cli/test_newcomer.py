"""What a new user meets first: commands run outside the clone, with a store that fails lint, right after the
first lookups, and the install line an error message gives."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.curation.importers.merge import require_module
from service.curation.misslog import MissLog
from service.errors import BadRequest
from service.match.index import Index
from service.match.matcher import resolve
from service.store.build import build

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder outside the clone, with no environment naming a store or database."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    for name in ("ALIASES_DB", "ALIASES_STORE", "ALIASES_MISS_LOG"):
        monkeypatch.delenv(name, raising=False)
    return folder


def test_outside_the_clone_a_database_at_hand_is_used(elsewhere: Path, db_path: Path) -> None:
    shutil.copy(db_path, elsewhere / "aliases.db")
    code, out, err = cli("resolve", "Hama")
    assert code == 0, err
    assert out.startswith("Hama\tmatched\thama")
    assert "no store folder 'aliases' here: using aliases.db as built" in err


def test_outside_the_clone_without_a_database_the_message_says_where_to_run(elsewhere: Path) -> None:
    code, _, err = cli("resolve", "Hama")
    assert code == 1
    assert "no alias store at 'aliases' and no aliases.db" in err and "--store DIR" in err and "--db PATH" in err
    assert "Traceback" not in err and "aliases lint" not in err


def test_a_store_that_fails_lint_does_not_stop_lookups(elsewhere: Path, store_copy: Path) -> None:
    shutil.copytree(store_copy, elsewhere / "aliases")
    build(elsewhere / "aliases", elsewhere / "aliases.db")
    time.sleep(0.01)
    broken = elsewhere / "aliases" / "person" / "bad.yaml"
    broken.write_text("id: bad\ntype: person\n", encoding="utf-8")
    later = time.time() + 5
    os.utime(broken, (later, later))
    code, out, err = cli("resolve", "Hama")
    assert code == 0, err
    assert out.startswith("Hama\tmatched\thama")
    assert "warning: the store has 1 problem(s), so aliases.db was not rebuilt" in err
    assert "aliases lint" in err


def test_a_store_that_fails_lint_with_no_database_names_the_problems(elsewhere: Path, store_copy: Path) -> None:
    shutil.copytree(store_copy, elsewhere / "aliases")
    (elsewhere / "aliases" / "person" / "bad.yaml").write_text("id: bad\ntype: person\n", encoding="utf-8")
    code, _, err = cli("resolve", "Hama")
    assert code == 1 and "bad.yaml: name: missing" in err


def test_misses_right_after_the_first_lookups(tmp_path: Path, index: Index) -> None:
    log_path = tmp_path / "misses.db"
    log = MissLog(log_path, flush_seconds=3600)  # a service that has not flushed yet
    log.record(resolve(index, "Qardaha"))
    code, out, err = cli("misses", "--log", str(log_path))
    assert code == 0, err
    assert out == "" and "0 distinct misses" in err and "run this again in a moment" in err
    log.flush()
    code, out, _ = cli("misses", "--log", str(log_path))
    assert "Qardaha" in out


def test_misses_reads_an_empty_file_as_an_empty_log(tmp_path: Path) -> None:
    (tmp_path / "m.db").write_bytes(b"")
    code, _, err = cli("misses", "--log", str(tmp_path / "m.db"))
    assert code == 0 and "0 distinct misses" in err


def test_the_import_extra_is_named_as_the_readme_names_it() -> None:
    with pytest.raises(BadRequest) as caught:
        require_module("no_such_module_for_a_test")
    line = "pip install -e '.[import]'"
    assert line in caught.value.message
    assert line in (ROOT / "docs" / "gazetteers.md").read_text(encoding="utf-8")


def test_serve_outside_the_clone_uses_the_database_at_hand(elsewhere: Path, db_path: Path) -> None:
    from service.cli.common import database_path  # what `aliases serve` opens before its workers start

    shutil.copy(db_path, elsewhere / "aliases.db")
    assert database_path("aliases", None) == "aliases.db"
