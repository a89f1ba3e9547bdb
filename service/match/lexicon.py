"""The lexicon as the matcher reads it: a normalized word -> the concept it names, in any language.

Built from aliases/lexicon/ (service/store/lexicon.py) into the database's lexicon table, so a served store
carries the words it was built with. Lint guarantees that a form names one concept.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from service.match.variants import stems


@dataclass(frozen=True)
class Lexicon:
    concepts: dict[str, str]  # normalized form -> concept id
    parts: dict[str, tuple[str, ...]]  # a compound concept -> the concepts of its words (Außenministerium)
    _seen: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)  # concept() answers
    remembered: int = field(default=20_000, compare=False, repr=False)  # at most this many answers kept

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]], remembered: int = 20_000) -> Lexicon:
        """From the build's lexicon rows (service/store/lexicon.py lexicon_rows); the build remembers every
        word of the store (`remembered`), a served index only the words of its recent queries."""
        return cls({r["form"]: r["concept"] for r in rows}, {r["concept"]: tuple(r["parts"].split())
                                                            for r in rows if r["parts"]}, remembered=remembered)

    @classmethod
    def read(cls, path: Path) -> Lexicon:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = conn.execute("SELECT form, concept, parts FROM lexicon").fetchall()
        return cls({form: concept for form, concept, _ in rows},
                   {concept: tuple(parts.split()) for _, concept, parts in rows if parts})

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
        if len(self._seen) < self.remembered:  # the words of the store and of recent queries; bounded
            self._seen[token] = found
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
