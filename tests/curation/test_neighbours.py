"""Look-alike countries: a name that belongs to a neighbour (South Korea, Serbia, Iraq, Nigeria, Chad ...) is
never imported into, nor resolved to, the store's country.

tests/data/neighbours.jsonl holds the neighbours' CLDR names in 21 languages of the news (the Irish an tSeirbia
beside an tSiria, an Iaráic beside an Iaráin ...), each with the store's look-alike as `expect_not`; the file is
also a labelled set for `aliases eval`.
"""

from __future__ import annotations

import json

import pytest

from service.match.index import Index
from service.match.matcher import resolve
from service.store.files import load_store
from tests.conftest import DATA, ROOT

pytest.importorskip("babel")

from service.curation.importers import cldr_names, territory_bearers  # noqa: E402
from service.curation.importers.merge import name_keys  # noqa: E402

NEIGHBOURS = [json.loads(line) for line in (DATA / "neighbours.jsonl").read_text(encoding="utf-8").splitlines()
              if line.strip()]


@pytest.mark.parametrize("row", NEIGHBOURS, ids=lambda r: f"{r['territory']}-{r['lang']}:{r['query']}")
def test_a_neighbours_name_resolves_to_no_country_of_the_store(index: Index, row: dict[str, str]) -> None:
    result = resolve(index, row["query"], type="location")
    assert result.match is None, f"{row['query']!r} ({row['territory']}) matched {result.match.id}: {result.reason}"


PAIRS = [("KP", "KR"), ("SY", "RS"), ("IR", "IQ"), ("NE", "NG"), ("QA", "TD"), ("RU", "LC"), ("AT", "AU")]


@pytest.mark.parametrize("territory,neighbour", PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_cldr_offers_no_name_it_also_gives_another_territory(territory: str, neighbour: str) -> None:
    names, left_out, _ = cldr_names(territory)
    theirs = set().union(*(name_keys(n.text) for n in cldr_names(neighbour)[0]))
    clash = [n.text for n in names if name_keys(n.text) & theirs]
    assert clash == []
    bearers = territory_bearers()
    assert all(set().union(*(bearers.get(k, frozenset()) for k in name_keys(n.text))) == {territory}
               for n in names)


@pytest.mark.parametrize("text,territory,neighbour", [
    ("ደቡብ፡ኮሪያ", "KP", "KR"),  # Ge'ez: "South Korea", which the Ge'ez locale also gives North Korea
    ("ሰሜን ኮሪያ", "KP", "KR"),
    ("Katà", "QA", "TD"),  # Aghem: Qatar and Chad alike
    ("Lūsia", "RU", "LC"),  # Tongan: Russia and Saint Lucia alike
], ids=["gez-KP", "am-KP", "agq-QA", "to-RU"])
def test_cldr_leaves_out_and_lists_a_name_two_territories_bear(text: str, territory: str, neighbour: str) -> None:
    names, left_out, _ = cldr_names(territory)
    assert text not in {n.text for n in names}
    assert any(line.startswith(f"{text!r}") and neighbour in line for line in left_out), left_out


def test_the_store_holds_no_name_cldr_gives_another_territory() -> None:
    bearers = territory_bearers()
    wrong = []
    for entity in load_store(ROOT / "aliases").entities:
        code = entity.external_ids.get("cldr")
        for alias in entity.aliases if code else ():
            owners = set().union(*(bearers.get(k, frozenset()) for k in name_keys(alias.text)))
            if owners - {code}:
                wrong.append(f"{entity.id}: {alias.text!r} is also CLDR's name of {sorted(owners - {code})}")
    assert wrong == []
