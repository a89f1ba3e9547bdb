"""The lexicon's languages beyond the first two dozen: names of the store's countries and organisations in
Nordic, Central European, Baltic, Celtic, Iberian, Balkan, Caucasian, Central Asian and South-East Asian
languages match a small store that holds only the English names, through the real lexicon (aliases/lexicon/)
alone, with their inflections (Ruská / Ruské federace, Venäjän, Rusijos, Cónaidhm na Rúise)."""

from __future__ import annotations

import pytest

from service.match.index import Index
from service.match.matcher import resolve
from tests.match.lexicon_store import lexicon_store

ENTITIES = {
    ("organization", "syrian-arab-army"): ["Syrian Arab Army"],
    ("organization", "free-syrian-army"): ["Free Syrian Army"],
    ("organization", "syrian-democratic-forces"): ["Syrian Democratic Forces"],
    ("organization", "united-nations"): ["United Nations"],
    ("organization", "southern-front"): ["Southern Front"],
    ("organization", "hayat-tahrir-al-sham"): ["Hayat Tahrir al-Sham", "Organisation for the Liberation of the Levant"],
    ("location", "syria"): ["Syria", "Syrian Arab Republic"],
    ("location", "russia"): ["Russia", "Russian Federation"],
    ("location", "iran"): ["Iran", "Islamic Republic of Iran"],
    ("location", "united-arab-emirates"): ["United Arab Emirates"],
    ("location", "umayyad-mosque"): ["Umayyad Mosque"],
}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Index:
    return lexicon_store(tmp_path_factory.mktemp("languages"), ENTITIES)


TRANSLATED = [
    ("swedish", "Fria syriska armén", "free-syrian-army"),
    ("swedish, two armies apart", "Syriska arabiska armén", "syrian-arab-army"),
    ("swedish levant", "Organisationen för Levantens befrielse", "hayat-tahrir-al-sham"),
    ("danish", "Den Russiske Føderation", "russia"),
    ("norwegian", "De forente nasjoner", "united-nations"),
    ("finnish genitive", "Venäjän federaatio", "russia"),
    ("finnish", "Vapaa Syyrian armeija", "free-syrian-army"),
    ("czech nominative", "Ruská federace", "russia"),
    ("czech genitive", "Ruské federace", "russia"),
    ("czech", "Syrské demokratické síly", "syrian-democratic-forces"),
    ("slovak", "Slobodná sýrska armáda", "free-syrian-army"),
    ("hungarian", "Szíriai Arab Köztársaság", "syria"),
    ("romanian", "Emiratele Arabe Unite", "united-arab-emirates"),
    ("romanian front", "Frontul de Sud", "southern-front"),
    ("croatian", "Slobodna sirijska vojska", "free-syrian-army"),
    ("slovenian", "Sirska arabska republika", "syria"),
    ("lithuanian", "Rusijos Federacija", "russia"),
    ("latvian", "Sīrijas Arābu Republika", "syria"),
    ("estonian", "Venemaa Föderatsioon", "russia"),
    ("greek", "Ρωσική Ομοσπονδία", "russia"),
    ("greek forces", "Συριακές Δημοκρατικές Δυνάμεις", "syrian-democratic-forces"),
    ("irish", "Cónaidhm na Rúise", "russia"),
    ("irish republic", "Poblacht Ioslamach na hIaráine", "iran"),
    ("catalan", "Exèrcit Sirià Lliure", "free-syrian-army"),
    ("galician", "Federación Rusa", "russia"),
    ("basque", "Nazio Batuak", "united-nations"),
    ("welsh", "Y Cenhedloedd Unedig", "united-nations"),
    ("albanian", "Kombet e Bashkuara", "united-nations"),
    ("macedonian", "Слободна сириска армија", "free-syrian-army"),
    ("belarusian", "Расійская Федэрацыя", "russia"),
    ("uzbek", "Rossiya Federatsiyasi", "russia"),
    ("kyrgyz", "Россия Федерациясы", "russia"),
    ("malay", "Emiriah Arab Bersatu", "united-arab-emirates"),
    ("tamil", "ஐக்கிய நாடுகள்", "united-nations"),
    ("czech mosque", "Umajjovská mešita", "umayyad-mosque"),
]


@pytest.mark.parametrize("query,entity", [r[1:] for r in TRANSLATED], ids=[r[0] for r in TRANSLATED])
def test_a_name_in_a_further_language_matches_through_the_lexicon(small: Index, query: str, entity: str) -> None:
    result = resolve(small, query)
    assert result.status == "matched", (result.reason, result.candidates[:2])
    assert result.match is not None and result.match.id == entity
    assert result.match.method == "translation"
