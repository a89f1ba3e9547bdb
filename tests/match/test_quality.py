"""Data-driven quality: one test per labelled row, plus aggregate floors.

dev.jsonl (shared) must be answered row for row. The held-out file (tests/data/heldout.jsonl: real variants
that are not in aliases/ and were written before tuning) is held to the floors of the matcher issue, and row
for row to the rule that matters most: never a wrong entity, never a false match.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from service.match.evaluate import Labelled, evaluate, judge, load_labelled, matcher_resolver
from service.match.index import Index
from service.match.matcher import resolve
from tests.conftest import DATA

DEV = DATA / "shared-dev.jsonl"  # a copy of the project's shared/eval/dev.jsonl (tests/data/README.md)
HELDOUT = DATA / "heldout.jsonl"


def _cases(path: Path) -> list[Labelled]:
    return load_labelled(path)


def _id(case: Labelled) -> str:
    want = case.expect or f"not-{case.expect_not}"
    return f"{case.line}:{case.query}->{want}"


def _outcome(index: Index, case: Labelled, strict: bool = True) -> str:
    result = resolve(index, case.query, as_of=case.as_of)
    top = result.candidates[0].id if result.candidates else None
    return judge(case, result.status, result.match.id if result.match else None, top, strict=strict).outcome


@pytest.mark.parametrize("case", _cases(DEV), ids=_id)
def test_dev_row(index: Index, case: Labelled) -> None:
    # the dev set predates some entities (its negative "Maher al-Assad" is now in the store): a negative
    # there must not reach its expect_not
    assert _outcome(index, case, strict=False) in ("correct", "rejected")


@pytest.mark.parametrize("case", _cases(HELDOUT), ids=_id)
def test_heldout_row_is_never_wrong(index: Index, case: Labelled) -> None:
    assert _outcome(index, case) not in ("wrong", "false_match")


def test_heldout_floors(index: Index) -> None:
    card = evaluate(load_labelled(HELDOUT), matcher_resolver(index))
    assert card.positives >= 150 and card.negatives >= 80
    assert card.rate("correct") >= 0.90
    assert card.rate("wrong") <= 0.01
    assert card.rate("false_match") <= 0.02
    for script in ("Latn", "Arab", "Cyrl"):
        assert card.rate("correct", script) >= 0.90, script


def test_dev_floors(index: Index) -> None:
    card = evaluate(load_labelled(DEV), matcher_resolver(index), strict=False)
    assert card.rate("correct") >= 0.98
    assert card.counts()["wrong"] == 0 and card.counts()["false_match"] == 0


def test_heldout_is_not_pasted_into_the_store(index: Index) -> None:
    from service.match.normalize import fold

    # curated aliases only: names imported from gazetteers (GeoNames, CLDR) were not chosen with this file in
    # view, and some of its variants are among them (Suriya, Moskow); the closing note counts them.
    stored = {fold(rec.alias.text) for rec in index.aliases if not rec.alias.imported}
    pasted = [c.query for c in load_labelled(HELDOUT) if c.expect and fold(c.query) in stored]
    assert pasted == []
