"""The lexicon's files: each problem lint reports, one row each, and what the build does with them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from service.store.build import build, content_hash
from service.store.files import load_store
from tests.conftest import write_entity

SYRIA = "id: syria\ntype: location\nname: Syria\naliases:\n- text: Sirya\n  kind: variant\n"
ARMY = "concept: army\nen: [army, armies]\nes: [ejército]\n"


def _store(tmp_path: Path, **concepts: str) -> Path:
    root = tmp_path / "aliases"
    write_entity(root, "location", "syria", SYRIA)
    (root / "lexicon").mkdir(parents=True)
    for name, text in concepts.items():
        (root / "lexicon" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return root


def test_the_real_lexicon_is_clean() -> None:
    from tests.conftest import STORE

    store = load_store(STORE)
    assert [str(p) for p in store.problems if "/lexicon/" in p.path] == []
    assert len(store.lexicon) >= 50 and all(c.english for c in store.lexicon)


PROBLEMS = [
    ("no english form", {"army": "concept: army\nes: [ejército]\n"}, "en: every concept needs its English form"),
    ("file name differs", {"armee": ARMY}, "must equal the file name 'armee'"),
    ("form of two concepts", {"army": ARMY, "forces": "concept: forces\nen: [forces]\nes: [ejército]\n"},
     "a form of forces too"),
    ("form that is an entity's name", {"army": "concept: army\nen: [army, sirya]\n"}, "is a name of syria"),
    ("a link to no entity", {"army": "concept: army\nentity: narnia\nen: [army]\n"}, "no entity 'narnia'"),
    ("names_of no entity", {"army": "concept: army\nnames_of: [narnia]\nen: [army]\n"}, "no entity 'narnia'"),
    ("names_of not a list", {"army": "concept: army\nnames_of: syria\nen: [army]\n"}, "give a list of entity ids"),
    ("a name of an entity not listed", {"army": "concept: army\nnames_of: [damascus]\nen: [army, sirya]\n"},
     "is a name of syria"),
    ("not a language", {"army": "concept: army\nen: [army]\nspanish: [ejército]\n"}, "not a language code"),
    ("not a list", {"army": "concept: army\nen: army\n"}, "give a list of the language's forms"),
    ("compound without its words", {"fm": "concept: fm\nen: [foreign ministry]\nde: [außenministerium]\n"},
     "needs a concept for foreign, ministry"),
    ("not yaml", {"army": "concept: [army\n"}, "not valid YAML"),
]


@pytest.mark.parametrize("files,message", [r[1:] for r in PROBLEMS], ids=[r[0] for r in PROBLEMS])
def test_lint_reports(tmp_path: Path, files: dict[str, str], message: str) -> None:
    problems = [str(p) for p in load_store(_store(tmp_path, **files)).problems]
    assert any(message in p and "lexicon/" in p for p in problems), problems


def test_a_word_knowingly_also_a_name_is_accepted(tmp_path: Path) -> None:
    store = load_store(_store(tmp_path, army="concept: army\nnames_of: [syria]\nen: [army, sirya]\n"))
    assert store.problems == ()


def test_a_place_concept_may_bear_its_places_name(tmp_path: Path) -> None:
    store = load_store(_store(tmp_path, syria="concept: syria\nentity: syria\nen: [syria, syrian, sirya]\n"))
    assert store.problems == ()


def test_lexicon_files_are_not_read_as_entities(tmp_path: Path) -> None:
    store = load_store(_store(tmp_path, army=ARMY))
    assert [e.id for e in store.entities] == ["syria"] and [c.id for c in store.lexicon] == ["army"]


def test_build_writes_normalized_forms_and_the_hash_follows_the_lexicon(tmp_path: Path) -> None:
    root = _store(tmp_path, army=ARMY)
    before = content_hash(load_store(root))
    db = build(root, tmp_path / "a.db").path
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT form, concept FROM lexicon").fetchall())
    assert rows == {"army": "army", "armies": "army", "ejercito": "army"}
    (root / "lexicon" / "army.yaml").write_text(ARMY + "fr: [armée]\n", encoding="utf-8")
    assert content_hash(load_store(root)) != before
