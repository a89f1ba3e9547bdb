"""benchmarks/machine.py: what the benchmarks say of the machine before their figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.machine import page_out


def kdamond(root: Path, *, state: str = "on", action: str = "pageout", age: int = 12, aggr_us: int = 5_000_000,
            n: int = 0) -> None:
    context = root / str(n) / "contexts" / "0"
    scheme = context / "schemes" / "0"
    (scheme / "access_pattern" / "age").mkdir(parents=True)
    (context / "monitoring_attrs" / "intervals").mkdir(parents=True)
    (root / str(n) / "state").write_text(state + "\n")
    (scheme / "action").write_text(action + "\n")
    (scheme / "access_pattern" / "age" / "min").write_text(f"{age}\n")
    (context / "monitoring_attrs" / "intervals" / "aggr_us").write_text(f"{aggr_us}\n")


@pytest.mark.parametrize(("settings", "said"), [
    ({}, "this machine's kernel pages out pages not read for 60 s (DAMON)"),
    ({"age": 4, "aggr_us": 100_000}, "this machine's kernel pages out pages not read for 0.4 s (DAMON)"),
    ({"age": 30, "aggr_us": 10_000_000}, "this machine's kernel pages out pages not read for 300 s (DAMON)"),
    ({"state": "off"}, None),
    ({"action": "stat"}, None),
    ({"action": "lru_deprio"}, None),
])
def test_page_out_reads_the_pageout_schemes_that_run(tmp_path: Path, settings: dict, said: str | None) -> None:
    kdamond(tmp_path, **settings)
    assert page_out(tmp_path) == said


def test_page_out_without_damon_or_with_a_damaged_tree(tmp_path: Path) -> None:
    assert page_out(tmp_path / "absent") is None
    kdamond(tmp_path)
    (tmp_path / "0" / "contexts" / "0" / "monitoring_attrs" / "intervals" / "aggr_us").write_text("many\n")
    assert page_out(tmp_path) is None


def test_page_out_names_each_age_once(tmp_path: Path) -> None:
    kdamond(tmp_path, n=0)
    kdamond(tmp_path, n=1)
    kdamond(tmp_path, n=2, age=24)
    assert page_out(tmp_path) == "this machine's kernel pages out pages not read for 60 or 120 s (DAMON)"
