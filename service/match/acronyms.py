"""Acronyms of translated names: the initials a name of the store has in another language, through the lexicon
(Syrian Democratic Forces -> Forces démocratiques syriennes, FDS; Suriye Demokratik Güçleri, SDG; Сирийские
демократические силы, СДС).

Written at build time into the concepts table as `acronym:<letters>` rows (the letters sorted, since languages
order a name's words differently: FDS and SDF are one set), for the aliases of organisations and places whose
every word is a concept. At query time a single word written in capitals (Latin, Cyrillic or Greek letters,
dots allowed: F.D.S.) looks its letters up. Short strings of capitals are shared by many names, so this is a weak
signal only: the entity is shown as a candidate at ACRONYM_SCORE and never linked by it; an acronym the store
curates (kind `acronym`) matches exactly, like every alias.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

from service.match.align import FUNCTION_WORDS
from service.match.lexicon import Lexicon
from service.match.normalize import normalize

ACRONYM_PREFIX = "acronym:"
ACRONYM_SCORE = 60.0
MAX_WORDS = 5  # a name of more words has no acronym a reader would recognise
MAX_KEYS = 48  # letter sets per alias, over every language (a concept with several forms has several initials)
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "ko"})  # their press writes no acronyms of initials


def concept_initials(forms: Mapping[str, Mapping[str, Sequence[str]]]) -> dict[str, dict[str, frozenset[str]]]:
    """concept -> language -> the first letters (normalized) of the concept's one-word forms in that language."""
    out: dict[str, dict[str, frozenset[str]]] = {}
    for concept, by_language in forms.items():
        for language, written in by_language.items():
            if language in UNSPACED_LANGUAGES:
                continue
            letters = {n[0] for n in (normalize(f) for f in written) if n and " " not in n and n[0].isalpha()}
            if letters:
                out.setdefault(concept, {})[language] = frozenset(letters)
    return out


def acronym_rows(lexicon: Lexicon, initials: Mapping[str, Mapping[str, frozenset[str]]], entity_type: str,
                 imported: bool, weak: bool, norm: str, pos: int) -> list[tuple[str, int]]:
    """The concepts table's acronym rows for one alias: a row per set of initials its words have in a language
    of the lexicon. None for persons, imported or weak names, or a name with a word that is no concept."""
    if entity_type == "person" or imported or weak:
        return []
    words = [t for t in norm.split() if t not in FUNCTION_WORDS]
    if not 2 <= len(words) <= MAX_WORDS:
        return []
    concepts = [lexicon.concept(t) for t in words]
    if any(c is None or c not in initials for c in concepts):
        return []
    languages = set.intersection(*(set(initials[c]) for c in concepts if c))
    keys: set[str] = set()
    for language in sorted(languages):
        for combo in itertools.product(*(sorted(initials[c][language]) for c in concepts if c)):
            keys.add("".join(sorted(combo)))
            if len(keys) >= MAX_KEYS:
                break
        if len(keys) >= MAX_KEYS:
            break
    return [(ACRONYM_PREFIX + key, pos) for key in sorted(keys)]


def written_in_capitals(query: str) -> bool:
    """One word of 2 to 6 capitals, dots allowed (FDS, F.D.S., ХТШ): how an acronym is written."""
    letters = query.strip().replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def acronym_key(query: str, norm: str) -> str | None:
    """The lookup key of a query that looks like an acronym (one word of 2 to 6 capitals), else None."""
    letters = query.strip().replace(".", "")
    if not written_in_capitals(query) or " " in norm:
        return None
    if len(norm) != len(letters):  # a letter the normalizer spells with two (Ш -> sh) has no one initial
        return None
    return ACRONYM_PREFIX + "".join(sorted(norm))
