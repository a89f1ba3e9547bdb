"""Lexicon.concept's memory of its answers: bounded, and taking the words of recent queries when full."""

from __future__ import annotations

import pytest

from service.match.lexicon import Lexicon

CONCEPTS = {"army": "army", "armies": "army", "syrian": "syria", "ejercito": "army", "forces": "forces"}
ASKED = ["army", "syrian", "damascus", "forces", "armies", "ejercito", "unknown", "army", "forces", "syrian"]


@pytest.mark.parametrize("remembered", [1, 2, 3, 20_000])
def test_concept_answers_the_same_whatever_it_remembers(remembered: int) -> None:
    lexicon = Lexicon(dict(CONCEPTS), {}, remembered=remembered)
    reference = Lexicon(dict(CONCEPTS), {}, remembered=0)  # remembers nothing: every answer computed
    for word in ASKED:
        assert lexicon.concept(word) == reference.concept(word), word
        assert len(lexicon._seen) <= remembered
        assert word in lexicon._seen  # a full memory starts over: the newest word is always kept
    assert not reference._seen
