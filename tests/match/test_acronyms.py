"""Acronyms of translated names (service/match/acronyms.py): a weak signal, never a link."""

from __future__ import annotations

import pytest

from service.match.acronyms import ACRONYM_SCORE, acronym_key, acronym_rows, concept_initials
from service.match.index import Index
from service.match.lexicon import Lexicon
from service.match.matcher import resolve

# the press acronyms of the Free Syrian Army and the SDF in languages whose acronym the store does not curate
WEAK = [
    ("spanish", "ESL", "free-syrian-army"),  # Ejército Sirio Libre
    ("spanish, other order", "ELS", "free-syrian-army"),  # Ejército Libre Sirio
    ("dotted", "E.S.L.", "free-syrian-army"),
    ("russian", "ССА", "free-syrian-army"),  # Свободная сирийская армия
    ("german", "DSK", "syrian-democratic-forces"),  # Demokratische Kräfte Syriens
]


@pytest.mark.parametrize("query,entity", [r[1:] for r in WEAK], ids=[r[0] for r in WEAK])
def test_the_initials_of_a_translation_are_a_weak_candidate(index: Index, query: str, entity: str) -> None:
    result = resolve(index, query)
    assert result.status == "unmatched"
    assert result.candidates and result.candidates[0].id == entity
    assert result.candidates[0].method == "acronym" and result.candidates[0].score == ACRONYM_SCORE
    assert "initials of a translation" in result.reason and entity in result.reason


def test_a_weak_signal_is_never_linked_whatever_the_threshold(index: Index) -> None:
    assert resolve(index, "ESL", threshold=10).status == "unmatched"


def test_a_curated_acronym_still_matches(index: Index) -> None:
    result = resolve(index, "FDS")
    assert result.status == "matched" and result.match is not None and result.match.method == "exact"


NOT_ACRONYMS = [
    ("lower case", "esl", "esl"),
    ("one letter", "E", "e"),
    ("too long", "ESLABCD", "eslabcd"),
    ("two words", "E SL", "e sl"),
    ("digits", "E5L", "e5l"),
    ("a letter read as two", "ША", "sha"),
]


@pytest.mark.parametrize("query,norm", [r[1:] for r in NOT_ACRONYMS], ids=[r[0] for r in NOT_ACRONYMS])
def test_only_a_word_of_capitals_is_read_as_an_acronym(query: str, norm: str) -> None:
    assert acronym_key(query, norm) is None


def test_the_key_is_the_letters_sorted() -> None:
    assert acronym_key("F.D.S.", "fds") == acronym_key("SDF", "sdf") == "acronym:dfs"


LEXICON = Lexicon({"syrian": "syria", "syrische": "syria", "forces": "forces", "kräfte": "forces",
                   "democratic": "democratic", "demokratische": "democratic", "army": "army"}, {})
INITIALS = concept_initials({"syria": {"en": ["Syrian"], "de": ["syrische"], "zh": ["叙利亚"]},
                             "forces": {"en": ["forces"], "de": ["Kräfte"]},
                             "democratic": {"en": ["democratic"], "de": ["demokratische"]},
                             "army": {"en": ["army"]}})


def test_the_build_writes_the_initials_of_every_language() -> None:
    rows = acronym_rows(LEXICON, INITIALS, "organization", False, False, "syrian democratic forces", 7)
    assert rows == [("acronym:dfs", 7), ("acronym:dks", 7)]


ROWLESS = [
    ("a person", "person", False, False, "syrian democratic forces"),
    ("an imported name", "organization", True, False, "syrian democratic forces"),
    ("a weak name", "organization", False, True, "syrian democratic forces"),
    ("a word that is no concept", "organization", False, False, "syrian democratic union"),
    ("one word", "organization", False, False, "army"),
    ("a language lacking a word", "organization", False, False, "syrian army"),  # army has no German form here
]


@pytest.mark.parametrize("etype,imported,weak,norm", [r[1:] for r in ROWLESS], ids=[r[0] for r in ROWLESS])
def test_no_initials_for(etype: str, imported: bool, weak: bool, norm: str) -> None:
    rows = acronym_rows(LEXICON, INITIALS, etype, imported, weak, norm, 0)
    assert rows == ([("acronym:as", 0)] if norm == "syrian army" else [])


def test_chinese_and_japanese_forms_give_no_initials() -> None:
    assert set(INITIALS["syria"]) == {"en", "de"}
