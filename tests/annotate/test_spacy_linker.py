"""The spaCy component, found through its entry point, in blank pipelines (no model download)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy", reason="spaCy is not installed (pip install -e '.[spacy]')")
from spacy.tokens import Span  # noqa: E402

TEXT = "Bashar al-Assad fled Damascus for Moscow. Assad's palace stood empty."


@pytest.fixture(scope="module")
def nlp(db_path: Path):  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    nlp.add_pipe("aliases_linker", config={"db": str(db_path)})
    return nlp


def test_without_a_recognizer_it_adds_the_entities(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Bashar al-Assad", "PERSON", "bashar-al-assad"), ("Damascus", "LOC", "damascus"),
        ("Moscow", "LOC", "moscow"), ("Assad's", "PERSON", "bashar-al-assad")]
    assert doc.ents[0]._.aliases["method"] == "exact"


def test_with_a_recognizer_it_links_the_entities_it_found(db_path: Path) -> None:
    nlp = spacy.blank("en")

    @spacy.Language.component("fake_ner")
    def fake_ner(doc):  # type: ignore[no-untyped-def]
        # a recognizer that cuts one name badly and finds one the store does not know
        doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 5, 6, label="GPE"), Span(doc, 7, 8, label="GPE")]
        return doc

    nlp.add_pipe("fake_ner")
    nlp.add_pipe("aliases_linker", config={"db": str(db_path)})
    doc = nlp("Bashar al - Assad fled Damascus to Beirut .")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Bashar al", "PERSON", "bashar-al-assad"), ("Damascus", "GPE", "damascus"), ("Beirut", "GPE", "")]


def test_bad_config_is_refused(db_path: Path) -> None:
    nlp = spacy.blank("en")
    with pytest.raises(Exception, match="unknown type"):
        nlp.add_pipe("aliases_linker", config={"db": str(db_path), "type": "planet"})


def test_the_entry_point_registers_the_factory_in_a_fresh_interpreter(db_path: Path) -> None:
    code = ("import spacy; nlp = spacy.blank('xx'); "
            f"nlp.add_pipe('aliases_linker', config={{'db': {str(db_path)!r}}}); "
            "print([e.kb_id_ for e in nlp('Путин и Лавров в Дамаске').ents])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "['vladimir-putin', 'sergey-lavrov', 'damascus']"
