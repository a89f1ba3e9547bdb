"""The store's dates decide between entities that bore one name: `as_of` picks the bearer of the day.

"Assad" (and "President Assad", whose title the normalizer drops) was Hafez al-Assad's until his death on
2000-06-10 and is Bashar al-Assad's since his inauguration on 2000-07-17; between the two, nobody's."""

from __future__ import annotations

import pytest

from service.match.index import Index
from service.match.matcher import resolve
from service.store.files import load_store
from tests.conftest import STORE


@pytest.mark.parametrize("query,as_of,want", [
    ("President Assad", "1995-01-01", "hafez-al-assad"),
    ("Assad", "1982-02-02", "hafez-al-assad"),
    ("President Assad", "2010-03-15", "bashar-al-assad"),
    ("Assad", "2024-12-08", "bashar-al-assad"),
    ("President Assad", None, "bashar-al-assad"),
    ("President Assad", "2000-06-30", None),  # the weeks between: neither bore it
], ids=["hafez-1995", "hafez-1982", "bashar-2010", "bashar-ouster", "bashar-today", "interregnum"])
def test_as_of_picks_the_bearer_of_the_day(index: Index, query: str, as_of: str | None, want: str | None) -> None:
    result = resolve(index, query, as_of=as_of)
    assert (result.match.id if result.match else None) == want, result.reason


@pytest.mark.parametrize("query,as_of,status", [
    ("Abu Mohammed al-Jolani", "2016-01-01", "current"),
    ("Abu Mohammed al-Jolani", "2025-06-01", "not current"),
], ids=["jolani-2016", "jolani-2025"])
def test_a_nom_de_guerre_carries_its_years(index: Index, query: str, as_of: str, status: str) -> None:
    result = resolve(index, query, as_of=as_of)
    assert result.match is not None and result.match.id == "ahmed-al-sharaa"
    assert result.match.current == (status == "current")


def test_no_curated_source_says_when_in_words() -> None:
    """The sweep of issue 20: "nom de guerre used 2011-2024" and the like became valid_from / valid_to."""
    assert load_store(STORE).problems == ()
    for entity in load_store(STORE).entities:
        for alias in entity.aliases:
            assert not (alias.source or "").startswith(("name ", "nom de guerre", "birth name", "biblical")), (
                entity.id, alias.text, alias.source)
