"""aliases/others/: names of what the store does not hold, read, linted and built (service/store/others.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.match.index import Index
from service.match.matcher import resolve
from service.store.build import build, content_hash
from service.store.files import load_store
from service.store.others import COLUMNS, OTHERS_DIR, others_rows, read_others, write_others
from tests.conftest import write_entity

HEADER = ",".join(COLUMNS) + "\n"


def _store(tmp_path: Path, others: str) -> Path:
    root = tmp_path / "aliases"
    write_entity(root, "location", "astana", "id: astana\ntype: location\nname: Astana\n")
    (root / OTHERS_DIR).mkdir(parents=True)
    (root / OTHERS_DIR / "places.csv").write_text(others, encoding="utf-8")
    return root


def test_a_name_of_another_place_is_unmatched_with_the_reason(tmp_path: Path) -> None:
    root = _store(tmp_path, HEADER + "Estonia,Estonia (EE),en,cldr:EE\nЭстония,Estonia (EE),ru,cldr:EE\n")
    index = Index.open(build(root, tmp_path / "a.db").path)
    for query in ("Estonia", "Эстония", "ESTONIA"):
        result = resolve(index, query)
        assert result.status == "unmatched", result.reason
        assert "is a name of Estonia (EE), which the store does not hold" in result.reason
        assert result.candidates and result.candidates[0].id == "astana"  # still shown, as a look-alike
    assert resolve(index, "Astana").status == "matched"


def test_without_the_file_the_look_alike_matches(tmp_path: Path) -> None:
    root = _store(tmp_path, HEADER)
    index = Index.open(build(root, tmp_path / "a.db").path)
    assert resolve(index, "Estonia").status == "matched"  # what the file is for: Astana by sound


PROBLEMS = [
    ("no header", "Estonia,Estonia (EE),en,cldr:EE\n", "the first line must be the header"),
    ("a row without its source", HEADER + "Estonia,Estonia (EE),en,\n", "line 2: give text, names"),
    ("a row of too few columns", HEADER + "Estonia,Estonia (EE)\n", "line 2: give text, names"),
    ("a name of a store entity", HEADER + "Astana,Astana (KZ),en,x\n", "is also a name of astana in the store"),
]


@pytest.mark.parametrize("text,message", [r[1:] for r in PROBLEMS], ids=[r[0] for r in PROBLEMS])
def test_lint_reports(tmp_path: Path, text: str, message: str) -> None:
    problems = [str(p) for p in load_store(_store(tmp_path, text)).problems]
    assert any(message in p and "others/places.csv" in p for p in problems), problems


def test_one_text_given_to_two_places_names_both(tmp_path: Path) -> None:
    root = _store(tmp_path, HEADER + "Congo,Congo (CG),en,x\nCongo,Congo (CD),fr,y\n")
    assert list(others_rows(read_others(root, []))) == [("congo", "Congo (CD); Congo (CG)")]


def test_the_names_count_in_the_content_hash(tmp_path: Path) -> None:
    before = content_hash(load_store(_store(tmp_path / "a", HEADER)))
    after = content_hash(load_store(_store(tmp_path / "b", HEADER + "Estonia,Estonia (EE),en,x\n")))
    assert before != after


def test_write_others_reads_back(tmp_path: Path) -> None:
    rows = [("Côte d’Ivoire, la", "Côte d’Ivoire (CI)", "fr", "cldr:CI")]
    root = _store(tmp_path, write_others(rows))
    got = read_others(root, problems := [])
    assert problems == [] and [(o.text, o.names, o.lang, o.source) for o in got] == rows
