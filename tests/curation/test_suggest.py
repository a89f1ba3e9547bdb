"""What `aliases suggest` refuses to draft, and what a draft says about itself: a tie, an ambiguous lookup, a
weak alias's resemblance or a common word never become an alias; every draft names its rivals and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.curation import suggest as suggest_module
from service.curation.misslog import Miss
from service.curation.suggest import common_word, suggest_edits
from service.match.index import Index
from service.match.matcher import Candidate, Result


def cand(entity_id: str, score: float, alias: str, *, weak: bool = False, shared: bool = False) -> Candidate:
    return Candidate(id=entity_id, name=entity_id, type="person", score=score, alias=alias, method="fuzzy",
                     kind="short" if weak else "variant", lang=None, valid_from=None, valid_to=None, current=True,
                     validity=None, weak=weak, shared=shared)


def miss(query: str) -> Miss:
    return Miss(query=query, norm=query.lower(), type=None, status="unmatched", count=4,
                first_seen="2026-01-01T00:00:00", last_seen="2026-02-01T00:00:00")


SHARAA = cand("ahmed-al-sharaa", 84, "Abu Mohammed al-Jolani")
SYRIA = cand("syria", 83, "Suriya")
ASSAD = cand("bashar-al-assad", 70, "Bashar al-Assad")


@pytest.mark.parametrize(("query", "status", "candidates", "skipped"), [
    ("Abu Mohamad Joulany", "unmatched", (SHARAA, SYRIA), "a tie: ahmed-al-sharaa at 84 and syria at 83"),
    ("Abu Mohamad Joulany", "ambiguous", (SHARAA, ASSAD), "the lookup is ambiguous"),
    ("Abu Mohamad Joulany", "unmatched", (cand("ahmed-al-sharaa", 96, "al-Sharaa", weak=True),),
     "resembles only a weak alias"),
    ("Abu Mohamad Joulany", "unmatched", (cand("ahmed-al-sharaa", 96, "al-Sharaa", shared=True),),
     "resembles only a shared alias"),
    ("Sharia", "unmatched", (SHARAA,), "a common word, never drafted"),
    ("al-Sharia", "unmatched", (SHARAA,), "a common word, never drafted"),
    ("jihad", "unmatched", (), "a common word, never drafted"),
], ids=["tie", "ambiguous", "weak", "shared", "sharia", "al-sharia", "common-word-no-candidate"])
def test_never_drafted(monkeypatch: pytest.MonkeyPatch, index: Index, store_copy: Path, query: str, status: str,
                       candidates: tuple[Candidate, ...], skipped: str) -> None:
    monkeypatch.setattr(suggest_module, "resolve", lambda *a, **k: Result(query, status, None, candidates, "why"))
    found = suggest_edits(index, store_copy, [miss(query)], stub_type="person")
    assert found.edits == []
    assert len(found.skipped) == 1 and skipped in found.skipped[0], found.skipped
    if candidates and "common word" not in skipped:
        assert candidates[0].id in found.skipped[0]  # the rivals are shown


def test_a_draft_says_why_and_names_its_rivals(monkeypatch: pytest.MonkeyPatch, index: Index,
                                                store_copy: Path) -> None:
    query = "Abu Mohamad Joulany"
    monkeypatch.setattr(suggest_module, "resolve",
                        lambda *a, **k: Result(query, "unmatched", None, (SHARAA, ASSAD), "why"))
    (edit,) = suggest_edits(index, store_copy, [miss(query)]).edits
    assert edit.entity_id == "ahmed-al-sharaa"
    assert "drafted because ahmed-al-sharaa is nearest at 84 via 'Abu Mohammed al-Jolani'" in edit.reason
    assert "rivals bashar-al-assad at 70 via 'Bashar al-Assad'" in edit.reason
    assert "not a common word" in edit.reason


def test_sharia_is_never_drafted_on_the_real_store(index: Index, store_copy: Path) -> None:
    found = suggest_edits(index, store_copy, [miss("Sharia"), miss("Shariah")], stub_type="person")
    assert found.edits == [] and len(found.skipped) == 2


@pytest.mark.parametrize(("text", "common"), [
    ("Sharia", True), ("army", True), ("ejército", True), ("abu", True), ("Jolany", False), ("Sharia Street", False),
    ("Qardaha", False),
], ids=["sharia", "army", "lexicon-word", "particle", "name", "two-words", "town"])
def test_common_word(index: Index, text: str, common: bool) -> None:
    assert (common_word(text, set(index.lexicon.concepts)) is not None) is common
