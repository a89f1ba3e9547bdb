"""Curation depth on the real store: every curated source is a reference, and the languages each entity is
named in never fall below what has been curated (floors measured when the forms were added)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.curation.coverage import NEWS_LANGUAGES, coverage
from service.store.files import REFERENCE_PATTERN, load_store
from service.store.model import Alias, Entity
from tests.conftest import STORE, write_entity


def test_every_curated_source_is_a_reference() -> None:
    """A URL, or 'Wikipedia <lang>: <title>'; notes such as 'birth name' or 'name 1961-1992' are not sources."""
    loose = [(e.id, a.text, a.source) for e in load_store(STORE).entities for a in e.aliases
             if a.source and not a.imported and not a.review and not REFERENCE_PATTERN.match(a.source)]
    assert loose == []


FLOORS = {  # news languages named, as measured after the second curation pass of issue 19
    "abbas-araghchi": 6, "abc-news": 1, "abu-dhabi": 4, "ahmed-al-sharaa": 10, "al-qaeda": 8, "al-qusayr": 5,
    "aleppo": 6, "antonio-guterres": 9, "asma-al-assad": 6, "astana": 2, "bashar-al-assad": 14, "damascus": 9,
    "deir-ez-zor": 4, "doha": 3, "donald-trump": 6, "free-syrian-army": 9, "hafez-al-assad": 10, "hama": 7,
    "hayat-tahrir-al-sham": 10, "homs": 4, "idlib": 4, "interfax": 4, "iran": 6, "israel": 8, "kazakhstan": 11,
    "kremlin": 6, "latakia": 5, "maher-al-assad": 4, "mediterranean-sea": 7, "mohammad-ghazi-al-jalali": 6,
    "moscow": 6, "north-korea": 16, "palmyra": 4, "qatar": 9, "ria-novosti": 3, "russia": 13,
    "russian-foreign-ministry": 7, "sergey-lavrov": 10, "southern-front": 4, "syria": 10, "syrian-arab-army": 5,
    "syrian-democratic-forces": 9, "tartus": 4, "tass": 4, "turkey": 13, "ukraine": 9, "umayyad-mosque": 9,
    "united-arab-emirates": 19, "united-nations": 17, "united-states": 16, "vladimir-putin": 11,
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


@pytest.mark.parametrize("same,aliases,expected", [
    ({"it": "https://a.example/"}, (), (("it",), 18)),
    ({"it": None, "id": None}, (), (("it", "id"), 17)),
    ({"fr": "https://a.example/"}, (Alias(text="Poutine", kind="translation", lang="fr"),), ((), 18)),
    ({}, (), ((), 19)),
], ids=["one-language", "two-languages", "named-wins", "none"])
def test_a_same_form_language_is_neither_named_nor_missing(same: dict[str, str | None], aliases: tuple[Alias, ...],
                                                          expected: tuple[tuple[str, ...], int]) -> None:
    (row,) = coverage([Entity(id="e", type="person", name="E", aliases=aliases, same_name_in=same)])
    assert (row.same_form, len(row.missing)) == expected
    assert not set(row.same_form) & set(row.missing)


def test_coverage_command() -> None:
    result = CliRunner().invoke(main, ["coverage", "--type", "person", "--store", str(STORE)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "entity\ttype\tlanguages\tsame_form\tsourced\tmissing"
    assert any(line.startswith("ahmed-al-sharaa\tperson\t") for line in lines)
    assert "11 entities; of 220 entity-language pairs " in result.stderr
    assert " named, " in result.stderr and " same-form, " in result.stderr and " missing; " in result.stderr


def test_coverage_command_counts_same_form(tmp_path: Path) -> None:
    entity = ("id: e\ntype: person\nname: E\nsame_name_in:\n  it: https://a.example/\n"
              "aliases:\n  - text: Э\n    kind: native\n    lang: ru\n")
    write_entity(tmp_path / "aliases", "person", "e", entity)
    result = CliRunner().invoke(main, ["coverage", "--store", str(tmp_path / "aliases")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].split("\t")[3] == "it"
    assert "of 20 entity-language pairs 2 named, 1 same-form, 17 missing; " in result.stderr
