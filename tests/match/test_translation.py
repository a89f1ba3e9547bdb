"""Names translated word by word match through the lexicon alone: a small store that holds only the English
names, and the real lexicon (aliases/lexicon/). Person names are never translated."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from service.match.index import Index
from service.match.matcher import resolve
from tests.match.lexicon_store import lexicon_store

ENTITIES = {
    ("organization", "syrian-arab-army"): ["Syrian Arab Army"],
    ("organization", "free-syrian-army"): ["Free Syrian Army"],
    ("organization", "syrian-democratic-forces"): ["Syrian Democratic Forces"],
    ("organization", "russian-foreign-ministry"): ["Ministry of Foreign Affairs of Russia"],
    ("organization", "hayat-tahrir-al-sham"): ["Hayat Tahrir al-Sham", "Levant Liberation Committee"],
    ("location", "syria"): ["Syria"],
    ("location", "north-korea"): ["North Korea"],
    ("person", "bashar-al-assad"): ["Bashar al-Assad"],
    ("person", "mohammed-army"): ["Mohammed Army"],  # a surname that is a word of the lexicon
    ("organization", "mohammed-army-brigade"): ["Mohammed Army Brigade"],
}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Index:
    return lexicon_store(tmp_path_factory.mktemp("small"), ENTITIES)


TRANSLATED = [
    ("spanish", "Ejército Árabe Sirio", "syrian-arab-army"),
    ("french", "Armée arabe syrienne", "syrian-arab-army"),
    ("russian", "Сирийская арабская армия", "syrian-arab-army"),
    ("german inflected", "Syrische Arabische Armee", "syrian-arab-army"),
    ("italian", "Esercito siriano libero", "free-syrian-army"),
    ("spanish order", "Fuerzas Democráticas Sirias", "syrian-democratic-forces"),
    ("turkish", "Suriye Demokratik Güçleri", "syrian-democratic-forces"),
    ("german compound", "russisches Außenministerium", "russian-foreign-ministry"),
    ("spanish generic word", "Organismo de Liberación del Levante", "hayat-tahrir-al-sham"),
    ("chinese, one run", "自由叙利亚军", "free-syrian-army"),
    ("chinese traditional", "敘利亞民主力量", "syrian-democratic-forces"),
    ("japanese, kana and kanji", "シリア・アラブ軍", "syrian-arab-army"),
    ("korean compound", "자유시리아군", "free-syrian-army"),
    ("korean words", "시리아 민주 부대", "syrian-democratic-forces"),
    ("chinese compound word", "俄罗斯外交部", "russian-foreign-ministry"),
    ("spanish compound word", "Norcorea", "north-korea"),
    ("german function words", "Organisation für die Befreiung der Levante", "hayat-tahrir-al-sham"),
    ("portuguese articles", "Organização para a Libertação do Levante", "hayat-tahrir-al-sham"),
]


@pytest.mark.parametrize("query,entity", [r[1:] for r in TRANSLATED], ids=[r[0] for r in TRANSLATED])
def test_translated_name_matches_through_the_lexicon(small: Index, query: str, entity: str) -> None:
    result = resolve(small, query)
    assert result.status == "matched", (result.reason, result.candidates[:2])
    assert result.match is not None and result.match.id == entity
    assert result.match.method == "translation"
    assert result.reason.startswith("translation via lexicon: ") and "=" in result.reason


def test_reason_names_each_translated_word(small: Index) -> None:
    result = resolve(small, "Ejército Árabe Sirio")
    assert result.match is not None and result.match.evidence is not None
    pairs = dict(p.split("=") for p in result.match.evidence.split(", "))
    assert pairs["ejercito"] == "army" and pairs["sirio"] == "syria"


KEPT_APART = [
    ("another army", "Ejército Nacional Sirio"),  # Syrian National Army
    ("another front", "Frente de Liberación Nacional"),
    ("another ministry", "Ministerio de Defensa de Rusia"),
    ("another country's ministry", "Ministère iranien des Affaires étrangères"),
    ("the same words in another order", "Syrian Free Army"),
    ("a person is never translated", "Mohammed Ejército"),
    ("chinese: another army", "叙利亚国民军"),  # Syrian National Army
    ("chinese: another country's ministry", "伊朗外交部"),
    ("japanese: another army", "ロシア軍"),
    ("korean: another country", "대한민국"),
]


@pytest.mark.parametrize("query", [r[1] for r in KEPT_APART], ids=[r[0] for r in KEPT_APART])
def test_translation_keeps_other_names_apart(small: Index, query: str) -> None:
    result = resolve(small, query)
    assert result.status != "matched", (result.reason, result.candidates[:2])


SEGMENTED = [
    ("one run of han", "自由叙利亚军", "自由 叙利亚 军"),
    ("longest word first", "俄罗斯外交部", "俄罗斯 外交部"),
    ("two words", "伊朗外交部", "伊朗 外交部"),
    ("an unknown word kept whole", "黎巴嫩外交部", "黎巴嫩 外交部"),
    ("kana and kanji", "シリア民主軍", "シリア 民主 軍"),
    ("hangul compound", "자유시리아군", "자유 시리아 군"),
    ("latin left alone", "Free Syrian Army", "Free Syrian Army"),
    ("one word alone", "大马士革", "大马士革"),
]


@pytest.mark.parametrize("text,expected", [r[1:] for r in SEGMENTED], ids=[r[0] for r in SEGMENTED])
def test_words_are_found_inside_a_run_of_unspaced_script(small: Index, text: str, expected: str) -> None:
    assert small.lexicon.segment(text) == expected


def test_an_organisation_of_the_same_words_is_translated(small: Index) -> None:
    result = resolve(small, "Mohammed Ejército Brigade")
    assert result.match is not None and result.match.id == "mohammed-army-brigade"


def test_three_armies_stay_three_answers(small: Index) -> None:
    got = {q: resolve(small, q) for q in ("Ejército Sirio Libre", "Ejército Árabe Sirio", "Ejército Nacional Sirio")}
    assert got["Ejército Sirio Libre"].match.id == "free-syrian-army"  # type: ignore[union-attr]
    assert got["Ejército Árabe Sirio"].match.id == "syrian-arab-army"  # type: ignore[union-attr]
    assert got["Ejército Nacional Sirio"].status != "matched"


def test_the_lexicon_travels_in_the_database(small: Index, tmp_path: Path) -> None:
    copy = tmp_path / "replica.db"
    shutil.copy(small.path, copy)
    result = resolve(Index.open(copy), "Armée arabe syrienne")
    assert result.match is not None and result.match.id == "syrian-arab-army"
