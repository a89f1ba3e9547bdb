"""The linter: every problem named with its file and field; the real store is clean and complete."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import main
from service.store.files import load_store
from tests.conftest import DATA, STORE, write_entity

GOOD = "id: {id}\ntype: {type}\nname: {name}\naliases:\n  - text: {alias}\n    kind: variant\n"


def problems(tmp: Path) -> list[str]:
    """Problems of the store under tmp/aliases, paths shown from tmp."""
    prefix = f"{tmp.as_posix()}/"
    return [str(p).removeprefix(prefix) for p in load_store(tmp / "aliases").problems]


def test_real_store_is_clean() -> None:
    store = load_store(STORE)
    assert store.problems == ()
    assert len(store.entities) >= 51


def test_every_required_id_exists_with_its_type() -> None:
    path = DATA / "shared-entities.csv"  # a copy of the project's shared/entities.csv (tests/data/README.md)
    by_id = load_store(STORE).by_id()
    for row in csv.DictReader(path.open(encoding="utf-8")):
        assert row["id"] in by_id, row["id"]
        assert by_id[row["id"]].type == row["type"], row["id"]


def test_alias_claimed_by_two_entities(tmp_path: Path) -> None:
    store = tmp_path / "aliases"
    write_entity(store, "location", "hama", GOOD.format(id="hama", type="location", name="Hama", alias="Hamah"))
    write_entity(tmp_path / "aliases", "location", "hamah-x", GOOD.format(id="hamah-x", type="location", name="Hamah X",
                                                              alias="Hamāh"))
    found = problems(tmp_path)
    assert any(p.startswith("aliases/location/hama.yaml: aliases[0].text:") and "hamah-x" in p for p in found)
    assert any(p.startswith("aliases/location/hamah-x.yaml: aliases[0].text:") for p in found)


def test_shared_alias_is_allowed_when_both_mark_it(tmp_path: Path) -> None:
    text = "id: {id}\ntype: location\nname: {name}\naliases:\n  - text: Sham\n    kind: nickname\n    shared: true\n"
    write_entity(tmp_path / "aliases", "location", "damascus", text.format(id="damascus", name="Damascus"))
    write_entity(tmp_path / "aliases", "location", "levant", text.format(id="levant", name="Levant"))
    assert problems(tmp_path) == []


def test_non_string_alias(tmp_path: Path) -> None:
    write_entity(tmp_path / "aliases", "location", "norway", "id: norway\ntype: location\nname: Norway\n"
                                                 "aliases:\n  - text: NO\n    kind: code\n")
    (p,) = problems(tmp_path)
    assert p.startswith("aliases/location/norway.yaml: aliases[0].text: must be text")
    assert "quotes" in p


def test_id_differs_from_file_name(tmp_path: Path) -> None:
    body = GOOD.format(id="bashar-assad", type="person", name="B", alias="Bb")
    write_entity(tmp_path / "aliases", "person", "bashar", body)
    (p,) = problems(tmp_path)
    assert p.startswith("aliases/person/bashar.yaml: id:") and "file name" in p


@pytest.mark.parametrize("field,value,needle", [
    ("valid_to", "2024-13-01", "aliases[0].valid_to: '2024-13-01' is not a date (YYYY-MM-DD)"),
    ("valid_from", "yesterday", "aliases[0].valid_from: 'yesterday' is not a date"),
    ("valid_to", "2017", "aliases[0].valid_to: '2017' is not a date"),
], ids=["month 13", "word", "year only"])
def test_bad_date(tmp_path: Path, field: str, value: str, needle: str) -> None:
    write_entity(tmp_path / "aliases", "organization", "x", f"id: x\ntype: organization\nname: X org\naliases:\n"
                                                f"  - text: Y org\n    kind: former\n    {field}: {value}\n")
    (p,) = problems(tmp_path)
    assert p == f"aliases/organization/x.yaml: {needle}" or needle in p


def test_dates_running_backwards(tmp_path: Path) -> None:
    write_entity(tmp_path / "aliases", "organization", "x", "id: x\ntype: organization\nname: X org\naliases:\n"
                 "  - text: Y org\n    kind: former\n    valid_from: 2017-01-28\n    valid_to: 2016-07-28\n")
    (p,) = problems(tmp_path)
    assert "aliases[0].valid_to" in p and "before valid_from" in p


@pytest.mark.parametrize("body,needle", [
    ("id: x\ntype: person\nname: X\nnickname: Y\n", "nickname: unknown key"),
    ("id: x\ntype: person\n", "name: missing"),
    ("id: x\ntype: robot\nname: X\n", "type: unknown type 'robot'"),
    ("id: x\ntype: person\nname: X\naliases:\n  - text: Y\n    kind: alias\n", "aliases[0].kind: unknown kind"),
    ("id: x\ntype: person\nname: X\naliases:\n  - text: Y\n    kind: variant\n    colour: red\n",
     "aliases[0].colour: unknown key"),
    ("id: x\ntype: person\nname: X\naliases:\n  - text: Y\n    kind: variant\n    lang: Arabic\n",
     "aliases[0].lang: 'Arabic' is not a language code"),
    ("id: x\ntype: person\nname: X\naliases:\n  - text: Y\n    kind: variant\n    weak: maybe\n",
     "aliases[0].weak: must be true or false"),
    ("id: x\ntype: person\nname: X\naliases:\n  - text: X\n    kind: variant\n", "repeats the name"),
    ("id: x\ntype: person\nname: X\nname: Z\n", "duplicate key 'name'"),
    ("id: x\ntype: person\nname: [unclosed\n", "not valid YAML"),
    ("id: x\ntype: person\nname: X\nexternal_ids:\n  wikidata: 44329\n", "is not a wikidata id"),
    ("- just\n- a list\n", "must be a YAML mapping"),
], ids=["unknown key", "missing name", "unknown type", "unknown kind", "unknown alias key", "bad lang",
        "non-boolean flag", "alias repeats name", "duplicate yaml key", "broken yaml", "bad wikidata id",
        "not a mapping"])
def test_file_problems(tmp_path: Path, body: str, needle: str) -> None:
    write_entity(tmp_path / "aliases", "person", "x", body)
    found = problems(tmp_path)
    assert any(p.startswith("aliases/person/x.yaml") and needle in p for p in found), found


def test_wrong_folder_for_type(tmp_path: Path) -> None:
    write_entity(tmp_path / "aliases", "location", "x", "id: x\ntype: person\nname: X\n")
    assert any("move it" in p for p in problems(tmp_path))


def test_within_names_a_place_of_the_store(tmp_path: Path) -> None:
    root = tmp_path / "aliases"
    write_entity(root, "location", "land", "id: land\ntype: location\nname: Land\n")
    write_entity(root, "location", "town", "id: town\ntype: location\nname: Town\nwithin: land\n")
    write_entity(root, "location", "square", "id: square\ntype: location\nname: Square\nwithin: town\n")
    assert problems(tmp_path) == []
    write_entity(root, "person", "p", "id: p\ntype: person\nname: P\nwithin: town\n")
    write_entity(root, "organization", "o", "id: o\ntype: organization\nname: O\nwithin: p\n")
    write_entity(root, "location", "nowhere", "id: nowhere\ntype: location\nname: Nowhere\nwithin: atlantis\n")
    write_entity(root, "location", "x", "id: x\ntype: location\nname: X\nwithin: y\n")
    write_entity(root, "location", "y", "id: y\ntype: location\nname: Y\nwithin: x\n")
    write_entity(root, "location", "old-land", "id: old-land\ntype: location\nredirect: land\n")
    write_entity(root, "location", "z", "id: z\ntype: location\nname: Z\nwithin: old-land\n")
    write_entity(root, "location", "bad", "id: bad\ntype: location\nname: Bad\nwithin: Not An Id\n")
    found = problems(tmp_path)
    assert any(p.startswith("aliases/person/p.yaml: within:") and "a person is in no place" in p for p in found)
    assert any(p.startswith("aliases/organization/o.yaml: within:") and "is a person" in p for p in found)
    assert any(p.startswith("aliases/location/nowhere.yaml: within:") and "not an entity" in p for p in found)
    assert any(p.startswith("aliases/location/x.yaml: within:") and "cycle" in p for p in found)
    assert any(p.startswith("aliases/location/z.yaml: within:") and "retired id: use 'land'" in p for p in found)
    assert any(p.startswith("aliases/location/bad.yaml: within:") and "is not an entity id" in p for p in found)
    assert not any(p.startswith(("aliases/location/town.yaml", "aliases/location/square.yaml")) for p in found)


def test_redirects(tmp_path: Path) -> None:
    write_entity(tmp_path / "aliases", "person", "a", "id: a\ntype: person\nname: A person\n")
    write_entity(tmp_path / "aliases", "person", "old-a", "id: old-a\ntype: person\nredirect: a\n")
    assert problems(tmp_path) == []
    write_entity(tmp_path / "aliases", "person", "b", "id: b\ntype: person\nredirect: c\n")
    write_entity(tmp_path / "aliases", "person", "c", "id: c\ntype: person\nredirect: b\n")
    write_entity(tmp_path / "aliases", "person", "d", "id: d\ntype: person\nredirect: nobody\n")
    found = problems(tmp_path)
    assert any(p.startswith("aliases/person/b.yaml: redirect:") and "cycle" in p for p in found)
    assert any(p.startswith("aliases/person/d.yaml: redirect: 'nobody' is not an entity") for p in found)


def test_duplicate_id_across_folders(tmp_path: Path) -> None:
    write_entity(tmp_path / "aliases", "person", "x", "id: x\ntype: person\nname: X one\n")
    write_entity(tmp_path / "aliases", "location", "x", "id: x\ntype: location\nname: X two\n")
    assert any("duplicate id 'x'" in p for p in problems(tmp_path))


def test_lint_reports_every_problem_and_exits_1(tmp_path: Path) -> None:
    body = "id: y\ntype: person\nname: X\naliases:\n  - text: yes\n    kind: nope\n"
    write_entity(tmp_path / "aliases", "person", "x", body)
    result = CliRunner().invoke(main, ["lint", "--store", str(tmp_path / "aliases")])
    assert result.exit_code == 1
    assert result.output.count(f"{tmp_path.as_posix()}/aliases/person/x.yaml: ") == 3  # id, text, kind


def test_lint_clean_store_exits_0() -> None:
    result = CliRunner().invoke(main, ["lint", "--store", str(STORE)])
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output


DATED = ("id: {id}\ntype: person\nname: {name}\naliases:\n  - text: President Nobody\n    kind: title\n"
         "{dates}")


@pytest.mark.parametrize("first,second,clash", [
    ("    valid_to: '2000-06-10'\n", "    valid_from: '2000-07-17'\n", False),
    ("    valid_from: '2000-07-17'\n", "    valid_to: '2000-06-10'\n", False),
    ("    valid_to: '2000-07-17'\n", "    valid_from: '2000-07-17'\n", True),  # both bore it that day
    ("    valid_to: '2000-06-10'\n", "", True),  # the second bears it always
    ("", "", True),
], ids=["handed-on", "handed-back", "same-day", "one-undated", "both-undated"])
def test_a_name_two_entities_bore_at_different_times(tmp_path: Path, first: str, second: str, clash: bool) -> None:
    write_entity(tmp_path / "aliases", "person", "elder", DATED.format(id="elder", name="Elder", dates=first))
    write_entity(tmp_path / "aliases", "person", "younger", DATED.format(id="younger", name="Younger", dates=second))
    found = problems(tmp_path)
    assert bool(found) == clash, found
    if clash:
        assert "also belongs to" in found[0]


@pytest.mark.parametrize("source,flagged", [
    ("nom de guerre used 2011-2024", True),
    ("name until 1961", True),
    ("birth name", False),
    ("https://example.org/2024/12/05/a-name", False),
    ("Wikipedia en: 2024 Syrian opposition offensives", False),
    ("cldr:SY (babel 2.18.0, CLDR 47)", False),
], ids=["span-in-words", "until-in-words", "no-year", "url", "wikipedia-title", "imported"])
def test_a_source_that_says_when_in_words(tmp_path: Path, source: str, flagged: bool) -> None:
    write_entity(tmp_path / "aliases", "person", "someone", "id: someone\ntype: person\nname: Someone\naliases:\n"
                 f"  - text: Abu Someone\n    kind: nickname\n    source: '{source}'\n")
    found = problems(tmp_path)
    assert bool(found) == flagged, found
    if flagged:
        assert "aliases[0].source" in found[0] and "valid_from / valid_to" in found[0]
