"""What a match must not be, whatever the score says: the checks the matcher asks of a candidate alias.

- meanings_differ: a word of the query and the alias's word in its place are two words of two meanings (eastern,
  western), which the phonetic key may merge;
- a_city_beside: the query says "city" or "capital" and the alias does not (a country is then not linked);
- short_and_only_alike: one short word each, alike in sound only (Sara, Syria);
- letters_only: a code or a short acronym matches as written or normalized only;
- syllables_against_hebrew: a name spelled a syllable at a time (kana, hangul, Chinese) against a Hebrew one,
  by sound alone;
- syllables_only_alike: a name in kana or hangul and one of another script, alike in sound and not in spelling;
- greater_than: "Greater Idlib", "Большой Дамаск": a one-word place's name after "great", which names the region
  around it;
- long_vowels_differ: a word of Arabic script that the entity's own names in that script write with the same
  consonants and a long vowel at the end where it has none, or none where it has one (الجولان, not الجولاني).
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from service.match.index import AliasRecord
from service.match.lexicon import Lexicon
from service.match.normalize import Keys
from service.match.scripts import ARABIC_MARKS, DOUBLE

# a lone word of two consonants or fewer that sounds like a lone alias word spelled more than one edit apart in
# four (Sara, Sura: Syria) is a candidate, never a link: such short keys are shared by many words
SHORT_SOUND_CAP = 85.0
SHORT_CONSONANTS = 2
SHORT_SPELLING = 0.75
CITY_CONCEPTS = ("city", "capital")


def meanings_differ(query_norm: str, alias_norm: str, lexicon: Lexicon) -> bool:
    """Whether a word of the query and the alias's word in its place are two words of two meanings
    (Lexicon.apart: eastern, western)."""
    qt, at = query_norm.split(), alias_norm.split()
    return len(qt) == len(at) and any(lexicon.apart(q_word, a_word) for q_word, a_word in zip(qt, at, strict=True))


def a_city_beside(query_norm: str, alias_norm: str, lexicon: Lexicon) -> bool:
    """Whether the query says "city" or "capital" (a word of the lexicon's concepts city and capital: город,
    مدينة, Stadt, العاصمة, Hauptstadt) and the alias does not."""
    def says(norm: str) -> bool:
        return any(lexicon.concept(t) in CITY_CONCEPTS for t in norm.split())

    return says(query_norm) and not says(alias_norm)


def greater_than(query_norm: str, alias_norm: str, lexicon: Lexicon) -> bool:
    """Whether the query is "great" (the lexicon's concept: Greater, Большой, الكبرى, Groß) and one word, and the
    alias is that one word alone: Greater Idlib and Большой Дамаск are the regions around the cities. "Great"
    counts for little beside the words of a longer name (the Great Mosque of Damascus)."""
    qt, at = query_norm.split(), alias_norm.split()
    if len(qt) != 2 or len(at) != 1:
        return False
    great = [t for t in qt if lexicon.concept(t) == "great"]
    return len(great) == 1 and lexicon.concept(at[0]) != "great"


def short_and_only_alike(q: Keys, rec: AliasRecord) -> bool:
    """Whether the query and the alias are one word each, of SHORT_CONSONANTS consonants or fewer (the skeleton),
    alike in sound but not in spelling: normalized Levenshtein similarity under SHORT_SPELLING, doubled letters
    written once (Esad, Assad: one edit; Sara, Syria: two). Against an alias in a
    script without short vowels (سورية) a query with them has no spelling to compare: such a short word only
    sounds alike. A query in such a script is left alone: its skeleton is all it has."""
    if q.abjad or " " in q.norm or " " in rec.norm or len(q.skel.replace(" ", "")) > SHORT_CONSONANTS:
        return False
    if rec.abjad:
        return True
    return Levenshtein.normalized_similarity(DOUBLE.sub(r"\1", q.norm), DOUBLE.sub(r"\1", rec.norm)) < SHORT_SPELLING


def letters_only(rec: AliasRecord) -> bool:
    """A code (QAT, SY) or an acronym of four letters or fewer matches as written or normalized, never by sound
    or spelling alike."""
    return rec.alias.kind == "code" or (rec.alias.kind == "acronym" and len(rec.norm.replace(" ", "")) <= 4)


SYLLABLE_SCRIPTS = frozenset({"Jpan", "Hang", "Hani"})  # kana, hangul, Chinese: a foreign name a syllable at a time


def syllables_against_hebrew(query_script: str, rec: AliasRecord) -> bool:
    """Whether a query spelled a syllable at a time (katakana, hangul, Chinese) meets a Hebrew alias: each side
    lacks what the other would need (the vowels, and one of two sounds: ב b or v, ש sh or s; l against r in
    kana), and together they made バセル (Basel) of בשאר (Bashar). Such a pair is not compared by sound: the
    entity's aliases in Latin, in Arabic and in the query's own script still are (タドムール meets تدمر)."""
    return query_script in SYLLABLE_SCRIPTS and rec.script == "Hebr"


KANA_HANGUL = frozenset({"Jpan", "Hang"})  # SYLLABLE_SCRIPTS, Chinese left out
# how alike in spelling (romanized) a kana or hangul name and one of another script must be to be linked by sound:
# the key merges the vowels kana and hangul write between every consonant (プーチン puchin and Bashan: baxan; 북한
# bughan and Pekin: bakan, at 0.33 and 0.17), where a name's spellings stay alike (러시아 reosia and Rossiya 0.57,
# 푸틴 and Putin 1.0, グテーレス and Guterres 0.88)
KANA_SPELLING = 0.5


def syllables_only_alike(query_script: str, q: Keys, rec: AliasRecord) -> bool:
    """Whether a query and an alias, one in kana or hangul and the other in an alphabet or an abjad, are alike in
    sound and spelled less alike than KANA_SPELLING: their normalized forms (the kana romanized) compared whole and
    word by word ("TT Trump": trump against 트럼프, treomp; Putin against the surname of ウラジーミル・プーチン).
    Such a pair is a candidate, never a link. Chinese has its own, stricter rule (SYLLABIC_SPELLING), and a kana
    name against a Chinese one (首都アスタナ, 阿斯塔納) is not judged here."""
    if (query_script in KANA_HANGUL) == (rec.script in KANA_HANGUL) or (
            query_script in SYLLABLE_SCRIPTS and rec.script in SYLLABLE_SCRIPTS):
        return False
    if Levenshtein.normalized_similarity(q.norm, rec.norm) >= KANA_SPELLING:
        return False
    alias_words = rec.norm.split()
    return not any(Levenshtein.normalized_similarity(word, other) >= KANA_SPELLING
                   for word in q.norm.split() for other in alias_words)


# Arabic script's long vowels (ا ى ة read as a, و and ي inside a word); its other letters are consonants, ع and
# the hamza among them (the normalized form drops them). The scripts that also write short vowels (Sorani's
# ە ۆ ێ, Uyghur's ې ۇ ۈ) have no unwritten vowel to compare.
_ARABIC_VOWELS = {"ا": "a", "آ": "a", "ى": "a", "ة": "a", "و": "u", "ي": "i", "ی": "i", "ے": "e"}
_WRITES_SHORT_VOWELS = frozenset("ەۆێېۇۈ")


def _ending(word: str) -> tuple[str, bool] | None:
    """An Arabic-script word's consonants, the article left out, and whether a long vowel ends it:
    الجولاني -> ("جلن", True), الجولان -> ("جلن", False). None for a word of fewer than two consonants."""
    word = ARABIC_MARKS.sub("", word)
    if word.startswith("ال") and len(word) > 3:
        word = word[2:]
    consonants = "".join(ch for i, ch in enumerate(word) if i == 0 or ch not in _ARABIC_VOWELS)
    if len(consonants) < 2:
        return None
    return consonants, len(word) > 1 and word[-1] in _ARABIC_VOWELS


def long_vowels_differ(query_text: str, alias_texts: list[str]) -> bool:
    """Whether a one-word Arabic-script query is written, in the entity's own names in that script
    (alias_texts), with the same consonants and a long vowel ending one and not the other, and in none as it
    is: the store knows how that script writes the name, and it is another word (الجولان, the Golan, against
    الجولاني, al-Jolani, the nisba's ي; جلال against جلالي; الشريعة against الشرع). A sound-alike across
    scripts does not overrule it. A vowel written inside a word or not is a spelling's choice (ترمب, ترامب,
    پوٹن, پیوٹن), and a longer string's words may take endings of their own: neither is judged."""
    words = query_text.split()
    if len(words) != 1 or any(ch in _WRITES_SHORT_VOWELS for ch in query_text):
        return False
    mine = _ending(words[0])
    if mine is None:
        return False
    alike = [e for text in alias_texts for w in text.split() if (e := _ending(w)) is not None and e[0] == mine[0]]
    return bool(alike) and all(ends != mine[1] for _, ends in alike)
