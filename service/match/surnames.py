"""A person's surname alone: "Lavrov", "Лавров", "Lawrow", "عراقجي" name one person when the store holds one
person of that surname, and several bearers make the answer ambiguous ("al-Assad" is four people).

The surname of a person is the last word of each of their strong names of two words or more, in every script;
the table is derived from the index once, on first use. A surname scores SURNAME_SCORE, under an exact or
normalized hit on another entity by more than the margin, so a curated short alias ("Assad" for Bashar al-Assad,
with its dates) still decides.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from service.match.align import INFLECTIONS, PARTICLES, abjad_consistent
from service.match.index import Index
from service.match.normalize import Keys, skeleton_token
from service.match.scripts import AMBIGUOUS_LETTERS
from service.match.variants import respellings

SURNAME_SCORE = 92.0
MIN_LETTERS = 4  # shorter words are too often something else; 3 in scripts that write no short vowels (الأسد)


@dataclass(frozen=True)
class SurnameTable:
    by_phon: dict[str, list[int]]  # phonetic key of a surname -> alias positions
    by_skel: dict[str, list[tuple[str, bool, int]]]  # its skeleton -> (phonetic key, abjad, alias position)


_TABLES: WeakKeyDictionary[Index, SurnameTable] = WeakKeyDictionary()


def surname_table(index: Index) -> SurnameTable:
    table = _TABLES.get(index)
    if table is None:
        by_phon: dict[str, list[int]] = defaultdict(list)
        by_skel: dict[str, list[tuple[str, bool, int]]] = defaultdict(list)
        for pos, rec in enumerate(index.aliases):
            entity = index.entities[rec.entity_id]
            words = [n for n in rec.norm.split() if n not in PARTICLES]
            if entity.type != "person" or entity.redirect or rec.alias.weak or len(words) < 2:
                continue
            if len(words[-1]) < MIN_LETTERS - rec.abjad or len(rec.norm.split()) != len(rec.phon.split()):
                continue
            phon = rec.phon.split()[-1]
            by_phon[phon].append(pos)
            by_skel[skeleton_token(phon)].append((phon, rec.abjad, pos))
        table = _TABLES[index] = SurnameTable(dict(by_phon), dict(by_skel))
    return table


def _skeletons(phon: str) -> set[str]:
    """The skeleton of a phonetic key, each Hebrew letter of two sounds read both ways (לברוב: lbrb, lfrf)."""
    readings = [""]
    for ch in phon:
        options = AMBIGUOUS_LETTERS.get(ch, ch)
        readings = [r + o for r in readings for o in options][:16]
    return {skeleton_token(r) for r in readings}


def surname_candidates(index: Index, q: Keys) -> list[int]:
    """Positions of the aliases whose surname the query is, when the query is one word."""
    words = q.norm.split()
    if len(words) != 1 or words[0] in PARTICLES or len(words[0]) < MIN_LETTERS - q.abjad:
        return []
    table = surname_table(index)
    phon = q.phon
    keys = {phon}
    if q.inflected:  # Лаврова, Асаду: the surname declined
        keys.update(phon[: -len(e)] for e in INFLECTIONS if phon.endswith(e) and len(phon) - len(e) >= 3)
    elif not q.abjad:
        keys |= respellings(words[0])  # Lawrow
    found = [pos for k in keys for pos in table.by_phon.get(k, ())]
    for other, abjad, pos in (e for skel in _skeletons(phon) for e in table.by_skel.get(skel, ())):
        if abjad != q.abjad and abjad_consistent(*((phon, other) if q.abjad else (other, phon))):
            found.append(pos)  # across scripts: Arabic عراقجي and Latin Araghchi
        elif abjad and q.abjad and other == phon:
            found.append(pos)
    return sorted(set(found))
