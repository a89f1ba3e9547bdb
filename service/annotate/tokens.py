"""Running text -> word tokens with their offsets and the keys the alias automaton compares.

One function, `word_keys`, turns a written word into the normalized tokens it stands for, and it is applied to the
store's aliases and to the text alike, so the two always meet: "al-Jawlani" and "Jawlani" give `jawlani`,
"Assad's" gives `assad`, "Асада" and "Асад" give the same stem, "والأسد" (and al-Assad) gives `asad`. Normalization
itself is the matcher's (service/match/normalize.py); this module only cuts text into words and undoes what
running text adds to a name: possessives, Turkish case suffixes after an apostrophe, Russian case endings, Arabic
proclitics before the article. Chinese and Japanese are written without spaces: each character is a word.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from service.match.normalize import normalize

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_APOSTROPHE = "'’ʼ"
# French and Italian elide an article or a preposition onto the next word: d'Assad, l'ONU, dell'ONU. The elided
# part is a word of its own, with no key.
_ELISION = r"\b(?i:[dlnjcmts]|qu|dell|all|nell|sull)['’](?=[^\W\d_])"
WORD = re.compile(rf"{_ELISION}|(?:[^\W\d_]\.){{2,}}|[{_CJK}]|[^\W_{_CJK}]+(?:[{_APOSTROPHE}][^\W\d_{_CJK}]+)*")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARABIC = re.compile("[\u0600-\u06ff]")
# Russian (and Ukrainian) case endings, longest first. Stripped repeatedly while four letters remain, on the
# aliases as on the text, so every form of a name meets one stem: Лавров, Лаврова, Лавровым -> Лавр.
_CYRILLIC_ENDINGS = tuple(sorted(
    "ами ями ого его ому ему ыми ими ой ей ом ем ам ям ах ях ую юю ов ев ых их ым им а я у ю е ы и о ь й".split(),
    key=len, reverse=True))
# Turkish writes case suffixes after an apostrophe on proper names: Esad'ın, Şam'da, Rusya'nın.
_TURKISH_SUFFIXES = frozenset(
    "ın in un ün nın nin nun nün ı i u ü yı yi yu yü a e da de ta te dan den tan ten ya ye na ne la le yla yle "
    "ca ce daki deki taki teki dır dir".split())
# Arabic conjunctions and prepositions written joined to the article: وال بال فال كال, and لل (li + al).
_ARABIC_PROCLITIC = re.compile("^[وفبك](?=ال)|^و?ل(?=ل)")
# Words that join the parts of a name but never make one alone; they are skipped in the key stream.
STOP_KEYS = frozenset({"al", "el", "ul", "the"})


class Word(NamedTuple):  # a tuple: a text has tens of thousands of words, and a dataclass costs more to make
    start: int  # offset of the word in the text, in code points
    end: int
    keys: tuple[str, ...]  # the normalized tokens it stands for (several for "Abdulrahman"; none for "'s")


def _strip_cyrillic(word: str) -> str:
    lower = word.lower()
    changed = True
    while changed:
        changed = False
        for ending in _CYRILLIC_ENDINGS:
            if lower.endswith(ending) and len(lower) - len(ending) >= 4:
                lower = lower[: -len(ending)]
                changed = True
                break
    return lower


def without_suffix(word: str) -> str:
    """A word without the possessive or case suffix written after an apostrophe: Assad's, Esad'ın -> Esad."""
    for mark in _APOSTROPHE:
        if mark in word:
            head, _, tail = word.rpartition(mark)
            if head and (tail.lower() in _TURKISH_SUFFIXES or tail.lower() == "s"):
                return head
            break
    return word


def bare_text(text: str) -> str:
    """A run of words as the matcher should read it: each word without its apostrophe suffix, elisions gone."""
    return WORD.sub(lambda m: "" if m.group()[-1] in _APOSTROPHE else without_suffix(m.group()), text).strip()


def _bare(word: str) -> str:
    """The word as a name, without what running text adds to it."""
    word = without_suffix(word)
    if _CYRILLIC.search(word):
        return _strip_cyrillic(word)
    if _ARABIC.search(word):
        return _ARABIC_PROCLITIC.sub("", word)
    return word


_CACHE: dict[str, tuple[str, ...]] = {}
_CACHE_MAX = 200_000


def word_keys(word: str) -> tuple[str, ...]:
    """The normalized tokens a written word stands for (memoized: running text repeats its words)."""
    got = _CACHE.get(word)
    if got is None:
        got = () if word[-1] in _APOSTROPHE else tuple(normalize(_bare(word)).split())
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        _CACHE[word] = got
    return got


def arabic_article(word: str) -> bool:
    """An Arabic word written with the article (after any proclitic): السورية, والأسد."""
    return _ARABIC.match(word) is not None and _bare(word).startswith("ال")


def words(text: str) -> list[Word]:
    """Every word of the text with its offsets and keys."""
    return [Word(m.start(), m.end(), word_keys(m.group())) for m in WORD.finditer(text)]


def name_keys(name: str) -> tuple[str, ...]:
    """The key stream of a whole name (an alias), the way the same name reads in running text."""
    return tuple(k for m in WORD.finditer(name) for k in word_keys(m.group()) if k not in STOP_KEYS)
