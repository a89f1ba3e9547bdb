"""Hostile store files are refused by lint with a message naming the file (issue 17, item 7): a YAML anchor bomb
(it ran lint past 25 s and 2.2 GB), a number past Python's 4,300-digit limit (a traceback), nesting past the
parser's depth, a file past the size an entity file has any need of."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.store.files import load_store
from service.store.yamlfile import MAX_FILE_BYTES
from tests.conftest import write_entity

HEAD = "id: x\ntype: person\nname: X\n"


def _bomb(levels: int) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return HEAD + "description: x\n" + "\n".join(lines) + "\n"


CASES = [
    ("anchor-bomb", _bomb(7), "YAML anchors or aliases"),  # 9**7 = 4.8 million strings if expanded
    ("one-anchor", HEAD + "description: &d Some text\naliases:\n  - text: *d\n    kind: variant\n", "an anchor"),
    ("alias-only", HEAD + "aliases:\n  - text: *nowhere\n    kind: variant\n", "line 5: an alias"),
    ("merge-key", HEAD + "base: &b {kind: variant}\naliases:\n  - <<: *b\n    text: Y\n", "an anchor"),
    ("4301-digits", HEAD + "description: " + "9" * 4301 + "\n", "holds a number YAML cannot read"),
    ("deep-nesting", HEAD + "description: " + "[" * 20_000 + "]" * 20_000 + "\n", "not valid YAML"),
]


@pytest.mark.parametrize("body,message", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_hostile_files_are_refused_naming_the_file(tmp_path: Path, body: str, message: str) -> None:
    write_entity(tmp_path / "aliases", "person", "x", body)
    result = CliRunner().invoke(main, ["lint", "--store", str(tmp_path / "aliases")])
    assert result.exit_code == 1, result.output
    assert f"{tmp_path.as_posix()}/aliases/person/x.yaml" in result.output
    assert message in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    body = HEAD + "description: " + "x" * MAX_FILE_BYTES + "\n"
    write_entity(tmp_path / "aliases", "person", "x", body)
    problems = [str(p) for p in load_store(tmp_path / "aliases").problems]
    assert any("x.yaml" in p and f"at most {MAX_FILE_BYTES:,}" in p for p in problems), problems


@pytest.mark.parametrize("text", ["AT&T", "R&D *2", "a & b * c"], ids=["ampersand", "star", "both"])
def test_ampersands_and_stars_in_text_are_fine(tmp_path: Path, text: str) -> None:
    body = HEAD + f'description: "{text}"\naliases:\n  - text: "{text}"\n    kind: variant\n'
    write_entity(tmp_path / "aliases", "person", "x", body)
    store = load_store(tmp_path / "aliases")
    assert store.problems == ()
    assert store.entities[0].description == text
