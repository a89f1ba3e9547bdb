"""`aliases annotate`, in process with CliRunner, on real files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from service.cli import main

ARTICLE = "DAMASCUS, 8 December 2024. Bashar al-Assad fled. Assad's palace was empty.\n"


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


def test_json_lines_one_mention_a_line(db_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out = run("annotate", "--db", str(db_path), str(article))
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["text"], r["id"]) for r in rows] == [
        ("DAMASCUS", "damascus"), ("Bashar al-Assad", "bashar-al-assad"), ("Assad's", "bashar-al-assad")]
    assert rows[0]["as_of"] == "2024-12-08" and rows[0]["file"] == str(article)
    assert ARTICLE[rows[1]["start"]:rows[1]["end"]] == "Bashar al-Assad"


def test_inline_view_from_stdin(db_path: Path) -> None:
    code, out = run("annotate", "--db", str(db_path), "--format", "inline", "-",
                    stdin=b"Hafez al-Assad and Maher al-Assad. Assad left.")
    assert code == 0, out
    assert out.strip() == ("[[Hafez al-Assad|hafez-al-assad]] and [[Maher al-Assad|maher-al-assad]]. "
                           "[[Assad|?hafez-al-assad,maher-al-assad]] left.")


def test_undecodable_file_is_a_clear_error(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Damascus \xff\xfe")
    code, out = run("annotate", "--db", str(db_path), str(bad))
    assert code == 2 and "is not utf-8" in out and "--encoding" in out


def test_bad_knob_is_a_clear_error(db_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out = run("annotate", "--db", str(db_path), "--as-of", "soon", str(article))
    assert code == 1 and "as_of must be a date" in out
