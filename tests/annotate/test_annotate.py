"""Entity linking in running text: one pinned sentence a row, offsets checked against the text itself."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.annotate import annotate, article_date
from service.annotate.tokens import name_keys
from service.errors import BadRequest, PayloadTooLarge
from service.match.index import Index

LINKED = [
    ("full name", "Syrian President Bashar al-Assad spoke.", "Bashar al-Assad", "bashar-al-assad"),
    ("possessive", "Syria's new rulers met.", "Syria's", "syria"),
    ("transliterated nickname", "HTS leader Abu Muhammad al-Golani said.", "Abu Muhammad al-Golani",
     "ahmed-al-sharaa"),
    ("arabic", "قال الرئيس بشار الأسد اليوم", "بشار الأسد", "bashar-al-assad"),
    ("russian nominative", "Президент Башар Асад бежал.", "Башар Асад", "bashar-al-assad"),
    ("russian locative", "Встреча прошла в Дамаске.", "Дамаске", "damascus"),
    ("russian genitive", "Заявление Сергея Лаврова.", "Сергея Лаврова", "sergey-lavrov"),
    ("arabic proclitic", "وصل إلى دمشق والأسد غائب", "دمشق", "damascus"),
    ("acronym", "The UN envoy arrived.", "UN", "united-nations"),
    ("capitalised sequence, not an alias", "Fighters of Hayat Tahrir ash-Sham advanced.", "Hayat Tahrir ash-Sham",
     "hayat-tahrir-al-sham"),
]


@pytest.mark.parametrize(("text", "span", "entity"), [r[1:] for r in LINKED], ids=[r[0] for r in LINKED])
def test_links_the_mention(index: Index, text: str, span: str, entity: str) -> None:
    found = {(m.text, m.id) for m in annotate(index, text, as_of="2024-01-01").mentions}
    assert (span, entity) in found


NOT_LINKED = [
    ("french article un", "Il a vu un homme à Paris."),
    ("lower-case word", "They ate turkey and hama bread."),
    ("a capitalised opener", "However, The officials declined."),
    ("adjective", "Syrian officials declined."),
    ("one-letter word", "O porta-voz disse que nada mudou."),
]


@pytest.mark.parametrize("text", [r[1] for r in NOT_LINKED], ids=[r[0] for r in NOT_LINKED])
def test_does_not_link(index: Index, text: str) -> None:
    assert [m for m in annotate(index, text).mentions if m.status == "matched"] == []


def test_longest_span_wins(index: Index) -> None:
    mentions = annotate(index, "The Free Syrian Army took Aleppo.").mentions
    assert [(m.text, m.id) for m in mentions] == [("Free Syrian Army", "free-syrian-army"), ("Aleppo", "aleppo")]


CONTEXT = [
    ("surname after the full name", "Hafez al-Assad ruled for decades. Assad died in 2000.", "hafez-al-assad"),
    ("nickname's surname", "Abu Mohammed al-Jolani spoke. Jolani said more.", "ahmed-al-sharaa"),
    ("russian inflected surname", "Хафез Асад правил страной. Асада помнят.", "hafez-al-assad"),
]


@pytest.mark.parametrize(("text", "entity"), [r[1:] for r in CONTEXT], ids=[r[0] for r in CONTEXT])
def test_bare_surname_links_to_the_person_named_before(index: Index, text: str, entity: str) -> None:
    last = annotate(index, text, as_of="2024-01-01").mentions[-1]
    assert (last.status, last.id, last.method) == ("matched", entity, "context")


def test_two_people_of_one_surname_make_it_ambiguous(index: Index) -> None:
    text = "Hafez al-Assad and Maher al-Assad were there. Assad left."
    last = annotate(index, text, as_of="2024-01-01").mentions[-1]
    assert last.status == "ambiguous" and last.id is None
    assert set(last.candidates) == {"hafez-al-assad", "maher-al-assad"}


def test_offsets_in_code_points_and_utf16(index: Index) -> None:
    text = "🇸🇾 𝐍𝐞𝐰𝐬: Bashar al-Assad fled."  # astral characters before the mention
    m = [m for m in annotate(index, text).mentions if m.id == "bashar-al-assad"][0]
    assert text[m.start:m.end] == "Bashar al-Assad"
    utf16 = text.encode("utf-16-le")
    assert utf16[m.start_utf16 * 2: m.end_utf16 * 2].decode("utf-16-le") == "Bashar al-Assad"
    assert m.start_utf16 > m.start


DATES = [
    ("iso", "Published 2016-05-01 12:00", "2016-05-01"),
    ("day month year", "DAMASCUS, 8 December 2024 (Reuters)", "2024-12-08"),
    ("month day, year", "Dec. 8, 2024 — Rebels", "2024-12-08"),
    ("dotted", "08.12.2024, Москва", "2024-12-08"),
    ("none", "No date here at all", None),
    ("not a date", "2024-13-45 is nothing", None),
]


@pytest.mark.parametrize(("text", "expected"), [r[1:] for r in DATES], ids=[r[0] for r in DATES])
def test_article_date(text: str, expected: str | None) -> None:
    got = article_date(text)
    assert (got.isoformat() if got else None) == expected


def test_as_of_from_the_article_reads_a_former_name_as_it_was(index: Index) -> None:
    text = "2014-03-01. Jabhat al-Nusra fighters entered the town."
    got = annotate(index, text)
    assert (got.as_of, got.as_of_from) == ("2014-03-01", "article")
    m = got.mentions[0]
    assert (m.id, m.status) == ("hayat-tahrir-al-sham", "matched")
    assert "former" in m.reason


def test_type_knob_keeps_one_type(index: Index) -> None:
    mentions = annotate(index, "Bashar al-Assad fled Damascus.", type="location").mentions
    assert [m.id for m in mentions] == ["damascus"]


BAD = [
    ("type", {"type": "planet"}),
    ("threshold", {"threshold": 101}),
    ("as_of", {"as_of": "yesterday"}),
]


@pytest.mark.parametrize("knobs", [r[1] for r in BAD], ids=[r[0] for r in BAD])
def test_bad_knobs(index: Index, knobs: dict) -> None:
    with pytest.raises(BadRequest):
        annotate(index, "Damascus", **knobs)


def test_too_long(index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("service.annotate.linker.MAX_TEXT_LENGTH", 10)
    with pytest.raises(PayloadTooLarge):
        annotate(index, "Damascus is a city.")


KEYS = [
    ("article and possessive", "al-Assad's", ("assad",)),
    ("russian stem", "Лаврова", name_keys("Лавров")),
    ("turkish suffix", "Esad'ın", ("esad",)),
    ("apostrophe inside a name", "Qa'ida", ("qaida",)),
    ("french elision", "l'ONU", ("onu",)),
    ("dotted acronym", "U.N.", ("un",)),
]


@pytest.mark.parametrize(("word", "expected"), [r[1:] for r in KEYS], ids=[r[0] for r in KEYS])
def test_name_keys(word: str, expected: tuple[str, ...]) -> None:
    assert name_keys(word) == expected


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_answered_with_offsets_that_hold(index: Index, text: str) -> None:
    for m in annotate(index, text).mentions:
        assert text[m.start:m.end] == m.text
        assert m.status in ("matched", "ambiguous")
        assert (m.id is not None) == (m.status == "matched")
