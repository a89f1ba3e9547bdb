"""What a match must not be, whatever the score says: the checks the matcher asks of a candidate alias.

- meanings_differ: a word of the query and the alias's word in its place are two words of two meanings (eastern,
  western), which the phonetic key may merge;
- a_city_beside: the query says "city" or "capital" and the alias does not (a country is then not linked);
- short_and_only_alike: one short word each, alike in sound only (Sara, Syria);
- letters_only: a code or a short acronym matches as written or normalized only;
- syllables_against_hebrew: a name spelled a syllable at a time (kana, hangul, Chinese) against a Hebrew one,
  by sound alone.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from service.match.index import AliasRecord
from service.match.lexicon import Lexicon
from service.match.normalize import Keys
from service.match.scripts import DOUBLE

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
