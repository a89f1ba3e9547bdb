"""Curation depth on the real store: every curated source is a reference, and the languages each entity is
named in never fall below what has been curated (floors measured when the forms were added)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from service.cli import main
from service.curation.coverage import NEWS_LANGUAGES, coverage
from service.store.files import REFERENCE_PATTERN, load_store
from service.store.model import Alias, Entity
from tests.conftest import STORE


def test_every_curated_source_is_a_reference() -> None:
    """A URL, or 'Wikipedia <lang>: <title>'; notes such as 'birth name' or 'name 1961-1992' are not sources."""
    loose = [(e.id, a.text, a.source) for e in load_store(STORE).entities for a in e.aliases
             if a.source and not a.imported and not a.review and not REFERENCE_PATTERN.match(a.source)]
    assert loose == []


FLOORS = {  # news languages named, as measured after the first curation pass of issue 19
    "ahmed-al-sharaa": 9, "bashar-al-assad": 12, "vladimir-putin": 8, "sergey-lavrov": 7, "hafez-al-assad": 7,
    "abbas-araghchi": 5, "antonio-guterres": 5, "donald-trump": 5, "asma-al-assad": 4, "hayat-tahrir-al-sham": 9,
    "free-syrian-army": 8, "united-nations": 10, "syrian-democratic-forces": 7, "al-qaeda": 7,
    "syrian-arab-army": 5, "umayyad-mosque": 7,
}


@pytest.mark.parametrize("entity_id,floor", sorted(FLOORS.items()), ids=sorted(FLOORS))
def test_languages_named_do_not_fall(entity_id: str, floor: int) -> None:
    row = next(r for r in coverage(load_store(STORE).entities) if r.entity_id == entity_id)
    assert len(row.languages) >= floor, row.missing


@pytest.mark.parametrize("lang,counts", [("zh-Hant", "zh"), ("ar-Latn", "ar"), ("ja", "ja"), ("xx", None)],
                         ids=["zh-Hant", "ar-Latn", "ja", "not-a-news-language"])
def test_a_tagged_alias_counts_for_its_language(lang: str, counts: str | None) -> None:
    entity = Entity(id="e", type="person", name="E", aliases=(Alias(text="x", kind="variant", lang=lang),
                                                              Alias(text="y", kind="variant", lang="fr",
                                                                    source="cldr:X (test)")))
    (row,) = coverage([entity])
    assert row.languages == tuple(x for x in NEWS_LANGUAGES if x in {"en", "fr", counts})
    assert (row.curated, row.sourced) == (1, 0)  # the imported alias is not curated


def test_coverage_command() -> None:
    result = CliRunner().invoke(main, ["coverage", "--type", "person", "--store", str(STORE)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "entity\ttype\tlanguages\tsourced\tmissing"
    assert any(line.startswith("ahmed-al-sharaa\tperson\t") for line in lines)
    assert "11 entities; " in result.stderr
