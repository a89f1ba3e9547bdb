"""The lexicon as the matcher reads it: a normalized word -> the concept it names, in any language.

Built from aliases/lexicon/ (service/store/lexicon.py) into the database's lexicon table, so a served store
carries the words it was built with. Lint guarantees that a form names one concept.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from service.match.variants import stems

# scripts whose words are written without spaces between them (Han, kana) or glued into compounds (hangul)
UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3]")
UNSPACED_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3]{2,}")
MAX_WRITTEN = 12  # the longest form looked for inside a run, in characters


@dataclass(frozen=True)
class Lexicon:
    concepts: dict[str, str]  # normalized form -> concept id
    parts: dict[str, tuple[str, ...]]  # a compound concept -> the concepts of its words (Außenministerium)
    places: frozenset[str] = frozenset()  # the concepts that name a place of the store (syria, russia)
    place_of: dict[str, str] = field(default_factory=dict, compare=False)  # such a concept -> the place's entity id
    _seen: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)  # concept() answers
    remembered: int = field(default=20_000, compare=False, repr=False)  # answers kept, then it starts over
    # the forms of unspaced scripts as written (叙利亚, 自由, 군), for `segment`
    written: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "written", frozenset(f for f in self.concepts if UNSPACED.search(f)))

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]], remembered: int = 20_000) -> Lexicon:
        """From the build's lexicon rows (service/store/lexicon.py lexicon_rows); the build remembers every
        word of the store (`remembered`), a served index the words of its recent queries (emptied when full)."""
        return cls({r["form"]: r["concept"] for r in rows}, {r["concept"]: tuple(r["parts"].split())
                                                            for r in rows if r["parts"]},
                   frozenset(r["concept"] for r in rows if r.get("entity")),
                   {r["concept"]: r["entity"] for r in rows if r.get("entity")}, remembered=remembered)

    @classmethod
    def read(cls, path: Path) -> Lexicon:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = conn.execute("SELECT form, concept, parts, entity FROM lexicon").fetchall()
        return cls({form: concept for form, concept, _, _ in rows},
                   {concept: tuple(parts.split()) for _, concept, parts, _ in rows if parts},
                   frozenset(concept for _, concept, _, entity in rows if entity),
                   {concept: entity for _, concept, _, entity in rows if entity})

    def segment(self, text: str) -> str:
        """The text with a space around each lexicon word found inside a run of Chinese, Japanese or Korean
        (自由叙利亚军 -> 自由 叙利亚 军), longest word first from the left; other text is left as it is."""
        written = self.written
        if not written or not UNSPACED.search(text):
            return text

        def split(m: re.Match[str]) -> str:
            run, out, i, pending = m.group(0), [], 0, ""
            while i < len(run):
                for n in range(min(MAX_WRITTEN, len(run) - i), 0, -1):
                    if run[i:i + n] in written:
                        out.extend([pending, run[i:i + n]] if pending else [run[i:i + n]])
                        pending, i = "", i + n
                        break
                else:
                    pending, i = pending + run[i], i + 1
            if pending:
                out.append(pending)
            return " ".join(out)

        return UNSPACED_RUN.sub(split, unicodedata.normalize("NFC", text))

    def apart(self, first: str, second: str) -> bool:
        """Whether two normalized words are two words, however alike they sound: listed as forms of two
        concepts (as listed: a stem guessed by taking an ending off could be a name's, Moskow a mosque's), and
        apart from their first letter, where no ending reaches (western, eastern). Forms of one word inflected
        may be listed under two concepts (premier, première; narodna, narodnej): they are not apart."""
        if not self.concepts or first[:1] == second[:1]:
            return False
        one, other = self.concepts.get(first), self.concepts.get(second)
        return one is not None and other is not None and one != other

    def concept(self, token: str) -> str | None:
        """The concept a normalized token names: as listed, or with an inflected ending taken off."""
        if not self.concepts:
            return None
        if token in self._seen:
            return self._seen[token]
        found = self.concepts.get(token)
        if found is None and len(token) > 4:
            for stem, _ in sorted(stems(token)):
                found = self.concepts.get(stem)
                if found is not None:
                    break
        seen = self._seen
        if self.remembered > 0:
            if len(seen) >= self.remembered:
                # the memory starts over when full, so it holds the words of recent queries: one that stopped
                # taking words kept the first 20,000 for good, and once traffic moved on to other words each
                # cost its endings at every ask (15-20% a bulk value, measured with a memory full of words
                # never asked again)
                seen.clear()
            seen[token] = found
        return found


EMPTY = Lexicon({}, {})

CONCEPT_SCHEMA = """
CREATE TABLE concepts (concept TEXT NOT NULL, alias INTEGER NOT NULL, PRIMARY KEY (concept, alias)) WITHOUT ROWID;
"""


def concept_rows(lexicon: Lexicon, entity_type: str, imported: bool, norm: str, pos: int) -> list[tuple[str, int]]:
    """The concepts table's rows for one alias at build time: each concept its words name, for organisations and
    places (a person's name is never translated; gazetteer names are not curated words)."""
    if entity_type == "person" or imported:
        return []
    return sorted({(c, pos) for c in (lexicon.concept(t) for t in norm.split()) if c})
