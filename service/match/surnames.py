"""A person's surname alone: "Lavrov", "Лавров", "Lawrow", "عراقجي" name one person when the store holds one
person of that surname, and several bearers make the answer ambiguous ("al-Assad" is four people).

The surname of a person is the last word of each of their strong names of two words or more, in every script;
the build writes them into the database's surnames table (surname_row), looked up by phonetic key and skeleton.
A surname scores SURNAME_SCORE, under an exact or
normalized hit on another entity by more than the margin, so a curated short alias ("Assad" for Bashar al-Assad,
with its dates) still decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.match.align import INFLECTIONS, PARTICLES, abjad_consistent
from service.match.normalize import Keys, skeleton_token
from service.match.scripts import AMBIGUOUS_LETTERS
from service.match.variants import respellings

SURNAME_SCORE = 92.0
MIN_LETTERS = 4  # shorter words are too often something else; 3 in scripts that write no short vowels (الأسد)


if TYPE_CHECKING:
    from service.match.index import Index

SCHEMA = """
CREATE TABLE surnames (phon TEXT NOT NULL, skel TEXT NOT NULL, abjad INTEGER NOT NULL, alias INTEGER NOT NULL);
"""
# made once the rows are in (one sort each, not an insert into each for every row). Both hold every column a lookup
# reads (Index.surname_positions), so it reads no table row: in a store of millions a common skeleton is thousands
# of surnames, and a row read for each was most of a one-word query's time.
INDEXES = ("CREATE INDEX surnames_phon ON surnames (phon, abjad, alias)",
           "CREATE INDEX surnames_skel ON surnames (skel, abjad, phon, alias)")


def surname_row(entity_type: str, weak: bool, norm: str, phon: str, abjad: bool,
                pos: int) -> tuple[str, str, int, int] | None:
    """The surnames table's row for one alias at build time: a person's strong name of two words or more."""
    words = [n for n in norm.split() if n not in PARTICLES]
    if entity_type != "person" or weak or len(words) < 2 or len(words[-1]) < MIN_LETTERS - abjad:
        return None
    if len(norm.split()) != len(phon.split()):
        return None
    last = phon.split()[-1]
    return last, skeleton_token(last), int(abjad), pos


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
    phon = q.phon
    keys = {phon}
    if q.inflected:  # Лаврова, Асаду: the surname declined
        keys.update(phon[: -len(e)] for e in INFLECTIONS if phon.endswith(e) and len(phon) - len(e) >= 3)
    elif not q.abjad:
        # Lawrow read as Lavrov; not a reading that loses a consonant of the word as written: Sharjah with its j
        # read as a German y, a glide the key drops, is not al-Sharaa
        least = len(skeleton_token(phon))
        keys |= {r for r in respellings(words[0]) if len(skeleton_token(r)) >= least}
    found = []
    fits: dict[str, bool] = {}  # a surname's key across scripts, judged once: thousands bear a few keys
    # by skeleton, only the other kind of script's surnames: in the query's own, a surname is its keys
    for other, abjad, pos in index.surname_positions(keys, _skeletons(phon), abjad=not q.abjad):
        if other in keys and not (abjad and not q.abjad):
            found.append(pos)
        elif abjad != q.abjad:
            fit = fits.get(other)
            if fit is None:
                # across scripts: Arabic عراقجي and Latin Araghchi; a surname of three letters without its short
                # vowels fits too many short words of a script that writes them (שרע: Sara, Sura)
                fit = fits[other] = (q.abjad or len(other) >= MIN_LETTERS) and abjad_consistent(
                    *((phon, other) if q.abjad else (other, phon)))
            if fit:
                found.append(pos)
    return sorted(set(found))
