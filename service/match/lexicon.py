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

    @classmethod
    def read(cls, path: Path) -> Lexicon:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = conn.execute("SELECT form, concept, parts FROM lexicon").fetchall()
        return cls({form: concept for form, concept, _ in rows},
                   {concept: tuple(parts.split()) for _, concept, parts in rows if parts})

    def concept(self, token: str) -> str | None:
        """The concept a normalized token names: as listed, or with an inflected ending taken off."""
        if token in self._seen:
            return self._seen[token]
        found = self.concepts.get(token)
        if found is None and len(token) > 4:
            for stem, _ in sorted(stems(token)):
                found = self.concepts.get(stem)
                if found is not None:
                    break
        if len(self._seen) < 200_000:  # the words of the store and of recent queries; bounded
            self._seen[token] = found
        return found


EMPTY = Lexicon({}, {})
