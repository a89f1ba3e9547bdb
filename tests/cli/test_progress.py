"""Long commands show a progress bar on a terminal and only their summary line elsewhere."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.progress import no_progress, terminal_progress
from service.store.build import build
from tests.conftest import DATA


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    assert list(terminal_progress(range(500), "reading the store", 500)) == list(range(500))
    shown = screen.getvalue()
    assert "reading the store" in shown and "0/500" in shown and "items/s" in shown


def test_nothing_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    assert list(terminal_progress(iter("abc"), "reading", None)) == ["a", "b", "c"]
    assert piped.getvalue() == ""
    assert list(no_progress([1, 2], "x")) == [1, 2]


def test_build_reports_each_stage(tmp_path: Path, store_copy: Path) -> None:
    stages: dict[str, int] = {}

    def record(items, desc, total=None):  # type: ignore[no-untyped-def]
        for item in items:
            stages[desc] = stages.get(desc, 0) + 1
            yield item
        assert total is None or total == stages.get(desc, 0), (desc, total, stages)

    result = build(store_copy, tmp_path / "a.db", progress=record)
    assert stages["writing aliases"] == result.aliases
    assert stages["reading the store"] == result.entities + result.redirects


@pytest.mark.parametrize(("args", "summary"), [
    (["build", "-o", "{tmp}/x.db"], "entities, "),
    (["eval", str(DATA / "shared-dev.jsonl"), "--no-baseline"], "148 cases in 1 file(s) judged in"),
], ids=["build", "eval"])
def test_summary_line_at_the_end(tmp_path: Path, db_path: Path, args: list[str], summary: str) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if args[0] == "eval":
        args += ["--db", str(db_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert summary in result.output.strip().splitlines()[-1]
    assert "\r" not in result.output  # no bar when the output is not a terminal
