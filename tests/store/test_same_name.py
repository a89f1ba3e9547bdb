"""`same_name_in`: the news languages that write an entity's name unchanged, each with where that was seen."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.store.dump import dump_entity
from service.store.files import load_store
from tests.conftest import write_entity

HEAD = "id: vladimir-putin\ntype: person\nname: Vladimir Putin\n"
ALIAS = "aliases:\n  - text: Владимир Путин\n    kind: native\n    lang: ru\n"


def read(tmp: Path, same: str, aliases: str = ALIAS) -> tuple[dict[str, str | None], list[str]]:
    write_entity(tmp / "aliases", "person", "vladimir-putin", HEAD + same + aliases)
    store = load_store(tmp / "aliases")
    prefix = f"{tmp.as_posix()}/aliases/person/vladimir-putin.yaml: "
    found = [str(p).removeprefix(prefix) for p in store.problems]
    return (store.entities[0].same_name_in if store.entities else {}), found


@pytest.mark.parametrize("same,expected", [
    ("same_name_in:\n  it: https://www.ansa.it/putin\n", {"it": "https://www.ansa.it/putin"}),
    ("same_name_in:\n  id: 'Wikipedia id: Vladimir Putin'\n", {"id": "Wikipedia id: Vladimir Putin"}),
    ("same_name_in:\n  nl: https://nos.nl/a\n  it:\n", {"it": None, "nl": "https://nos.nl/a"}),
    ("", {}),
], ids=["url", "wikipedia", "no-source-and-sorted", "absent"])
def test_a_good_entry_is_read(tmp_path: Path, same: str, expected: dict[str, str | None]) -> None:
    entry, found = read(tmp_path, same)
    assert found == []
    assert entry == expected


@pytest.mark.parametrize("same,field,says", [
    ("same_name_in:\n  xx: https://a.example/\n", "same_name_in.xx", "not a news language"),
    ("same_name_in:\n  en: https://a.example/\n", "same_name_in.en", "not a news language other than English"),
    ("same_name_in:\n  it-IT: https://a.example/\n", "same_name_in.it-IT", "not a news language"),
    ("same_name_in:\n  it: seen on TV\n", "same_name_in.it", "not a reference"),
    ("same_name_in:\n  it: 3\n", "same_name_in.it", "not a reference"),
    ("same_name_in: [it, id]\n", "same_name_in", "must be a mapping"),
], ids=["unknown-code", "english", "region-subtag", "loose-source", "number", "list"])
def test_a_bad_entry_is_named(tmp_path: Path, same: str, field: str, says: str) -> None:
    _, found = read(tmp_path, same)
    assert len(found) == 1, found
    assert found[0].startswith(f"{field}: ") and says in found[0]


@pytest.mark.parametrize("alias", ["Vladimir-Putin", "vladimir  putin", "Vladímir Putin"],
                         ids=["hyphen", "case-and-space", "accent"])
def test_an_alias_that_repeats_the_name_in_a_marked_language(tmp_path: Path, alias: str) -> None:
    aliases = ALIAS + f"  - text: {alias}\n    kind: variant\n    lang: it\n"
    _, found = read(tmp_path, "same_name_in:\n  it: https://www.ansa.it/putin\n", aliases)
    assert len(found) == 1, found
    assert found[0].startswith("aliases[1].text: ") and "same_name_in already says 'it'" in found[0]


def test_an_alias_that_differs_in_a_marked_language_is_fine(tmp_path: Path) -> None:
    aliases = ALIAS + "  - text: Putin\n    kind: short\n    lang: it\n"
    _, found = read(tmp_path, "same_name_in:\n  it: https://www.ansa.it/putin\n", aliases)
    assert found == []


def test_the_entry_survives_a_rewrite(tmp_path: Path) -> None:
    """Importers and suggest rewrite files through dump_entity: the entry must come back as it was."""
    entry, _ = read(tmp_path, "same_name_in:\n  it: https://www.ansa.it/putin\n")
    (entity,) = load_store(tmp_path / "aliases").entities
    path = write_entity(tmp_path / "again", "person", "vladimir-putin", dump_entity(entity))
    assert "same_name_in:\n  it: https://www.ansa.it/putin\n" in path.read_text(encoding="utf-8")
    assert load_store(tmp_path / "again").entities[0].same_name_in == entry


def alias_rows(*rows: tuple[str, str | None]) -> str:
    return "aliases:\n" + "".join(f"  - text: {text}\n    kind: exonym\n" + (f"    lang: {lang}\n" if lang else "")
                                  for text, lang in rows)


@pytest.mark.parametrize("rows,problem", [
    ((("Damasco", "es"), ("Damasco", "it"), ("Damasco", "pt")), None),
    ((("Damasco", "es"), ("damasco", "es")), "aliases[1].text: 'damasco' repeats aliases[0] in the same language"),
    ((("Damasco", "zh"), ("Damasco", "zh-Hant")), "aliases[1].text: 'Damasco' repeats aliases[0] in the same"),
    ((("Damasco", None), ("Damasco", None)), "aliases[1].text: 'Damasco' repeats aliases[0] in the same language"),
    ((("Damascus", "it"),), "aliases[0].text: 'Damascus' repeats the name: remove it (a language that writes the "
                            "name unchanged goes in same_name_in)"),
], ids=["one-text-three-languages", "same-language", "same-base-language", "no-language", "the-name"])
def test_one_text_once_per_language(tmp_path: Path, rows: tuple[tuple[str, str | None], ...],
                                    problem: str | None) -> None:
    write_entity(tmp_path / "aliases", "location", "damascus",
                 "id: damascus\ntype: location\nname: Damascus\n" + alias_rows(*rows))
    store = load_store(tmp_path / "aliases")
    prefix = f"{tmp_path.as_posix()}/aliases/location/damascus.yaml: "
    found = [str(p).removeprefix(prefix) for p in store.problems]
    assert found == ([] if problem is None else [found[0]]) and (problem is None or found[0].startswith(problem))
