"""Remembered answers (service/match/answers.py): the same Result as resolve, for each set of knobs apart, bounded,
and never a bad knob kept."""

from __future__ import annotations

import datetime as dt

import pytest

from service.errors import BadRequest
from service.match.answers import Answers
from service.match.index import Index
from service.match.matcher import resolve

QUERIES = ["Deir ez-Zor", "Abu Muhammad al-Golani", "HTS", "Jabhat al-Nusra", "nobody at all", "Damascus Gate",
           "أبو محمد الجولاني", "Assad", ""]


@pytest.mark.parametrize("query", QUERIES)
def test_an_answer_remembered_is_the_answer_resolve_gives(index: Index, query: str) -> None:
    answers = Answers(index)
    first = answers.resolve(query)
    assert first == resolve(index, query)
    assert answers.resolve(query) is first  # the second ask is the remembered object
    assert answers.stats()["hits"] == 1 and answers.stats()["misses"] == 1


@pytest.mark.parametrize("knobs", [{"type": "person"}, {"type": "location"}, {"limit": 1}, {"limit": 9},
                                   {"threshold": 50}, {"threshold": 99.5}, {"as_of": "2015-01-01"},
                                   {"as_of": dt.date(2030, 1, 1)}])
def test_each_set_of_knobs_is_answered_apart(index: Index, knobs: dict[str, object]) -> None:
    answers = Answers(index)
    plain = answers.resolve("Jabhat al-Nusra")
    with_knobs = answers.resolve("Jabhat al-Nusra", **knobs)  # type: ignore[arg-type]
    assert with_knobs == resolve(index, "Jabhat al-Nusra", **knobs)  # type: ignore[arg-type]
    assert answers.resolve("Jabhat al-Nusra") is plain
    assert answers.stats()["misses"] == 2


def test_no_knob_and_todays_date_are_one_answer(index: Index) -> None:
    answers = Answers(index)
    assert answers.resolve("HTS", as_of=dt.date.today()) is answers.resolve("HTS")


@pytest.mark.parametrize("knobs", [{"type": "planet"}, {"limit": 0}, {"threshold": 101}, {"as_of": "yesterday"}])
def test_a_bad_knob_raises_every_time_and_is_never_kept(index: Index, knobs: dict[str, object]) -> None:
    answers = Answers(index)
    for _ in range(2):
        with pytest.raises(BadRequest):
            answers.resolve("HTS", **knobs)  # type: ignore[arg-type]
    assert answers.stats()["entries"] == 0


def test_a_query_too_long_raises_and_is_never_kept(index: Index) -> None:
    answers = Answers(index)
    with pytest.raises(BadRequest):
        answers.resolve("x" * 100_000)
    assert answers.stats()["entries"] == 0


def test_bounded_by_bytes(index: Index) -> None:
    answers = Answers(index, max_bytes=20_000)
    for i in range(200):
        answers.resolve(f"Abu Muhammad al-Golani {i}")
    stats = answers.stats()
    assert stats["bytes"] <= 20_000 and 0 < stats["entries"] < 200


def test_zero_bytes_remembers_nothing(index: Index) -> None:
    answers = Answers(index, max_bytes=0)
    first = answers.resolve("Deir ez-Zor")
    assert first == answers.resolve("Deir ez-Zor") and first is not answers.resolve("Deir ez-Zor")
    assert answers.stats()["entries"] == 0
