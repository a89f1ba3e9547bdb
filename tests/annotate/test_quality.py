"""Linked mentions on hand-labelled news articles (tests/data/annotate/articles.jsonl): floors beside the naive
baseline, and the labelled file itself checked."""

from __future__ import annotations

import pytest

from service.annotate.evaluate import annotate_linker, baseline_linker, load_articles, parse_marked, score
from service.match.index import Index
from tests.conftest import DATA

ARTICLES = load_articles(DATA / "annotate" / "articles.jsonl")  # the rules were written looking at these
HELD_OUT = load_articles(DATA / "annotate" / "heldout.jsonl")  # labelled afterwards, never tuned on


def test_the_labelled_set_is_real_news_in_several_languages(index: Index) -> None:
    assert len(ARTICLES) >= 20 and len(HELD_OUT) >= 10
    assert len({a.lang for a in ARTICLES}) >= 5
    assert all(a.url.startswith("http") for a in ARTICLES + HELD_OUT)
    assert {eid for a in ARTICLES + HELD_OUT for *_, eid in a.gold} <= set(index.entities)


def test_held_out_floors(index: Index) -> None:
    ours = score(HELD_OUT, annotate_linker(index))
    assert ours.precision >= 0.97, ours.errors
    assert ours.recall >= 0.90, ours.errors


def test_precision_and_recall_floors(index: Index) -> None:
    ours, naive = score(ARTICLES, annotate_linker(index)), score(ARTICLES, baseline_linker(index))
    assert ours.precision >= 0.97, ours.errors
    assert ours.recall >= 0.90, ours.errors
    assert ours.recall > naive.recall + 0.2  # what the automaton over normalized words, inflection and context add


MARKED = [
    ("one mark", "Hi [[Assad|bashar-al-assad]].", "Hi Assad.", [(3, 8, "bashar-al-assad")]),
    ("two marks", "[[Homs|homs]] [[Hama|hama]]", "Homs Hama", [(0, 4, "homs"), (5, 9, "hama")]),
    ("no mark", "Nothing here", "Nothing here", []),
]


@pytest.mark.parametrize(("marked", "text", "gold"), [r[1:] for r in MARKED], ids=[r[0] for r in MARKED])
def test_parse_marked(marked: str, text: str, gold: list) -> None:
    assert parse_marked(marked) == (text, gold)
