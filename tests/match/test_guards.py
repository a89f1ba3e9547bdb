"""guards.syllables_only_alike, pair by pair: a kana or hangul name against one of an alphabet or an abjad is
linked by sound only when also spelled alike (romanized)."""

from __future__ import annotations

import pytest

from service.match.guards import syllables_only_alike
from service.match.index import Index
from service.match.normalize import fold, keys_and_script


def _record(index: Index, text: str):  # type: ignore[no-untyped-def]
    positions = index.by_text.get(fold(text))
    assert positions, f"{text!r} is no alias of the store"
    return index.alias(positions[0])


@pytest.mark.parametrize("query, alias, only_alike", [
    ("Bashan", "プーチン", True),  # puchin: both baxan
    ("Pekin", "북한", True),  # bughan: both bakan
    ("Girona", "ジャウラーニー", True),  # jaurani: both jarana
    ("Bashan", "ウラジーミル・プーチン", True),  # word by word too: the surname rule reads puchin
    ("Putin", "プーチン", False),  # puchin and putin, 0.67 alike
    ("TT Trump", "트럼프", False),  # trump and treomp, word by word
    ("Rossiya", "러시아", False),  # reosia, 0.57
    ("Damascus", "다마스쿠스", False),
    ("Bashan", "Putin", False),  # no kana on either side: not this rule's
    ("首都アスタナ", "阿斯塔納", False),  # kana against Chinese: SYLLABIC_SPELLING's
])
def test_kana_and_hangul_against_another_script(index: Index, query: str, alias: str, only_alike: bool) -> None:
    q, script = keys_and_script(query)
    assert syllables_only_alike(script, q, _record(index, alias)) is only_alike
