"""Curation depth: which of the languages of international news each entity carries a name in, and how many of
its curated aliases say where they were seen.

A language counts when the entity has an alias tagged with it (`zh-Hant` counts for `zh`); English always counts,
since the display name is English. A language whose press writes the English form unchanged (Italian or
Indonesian for "Vladimir Putin") needs no alias of its own: the entity file says so in `same_name_in`
(service/store/same_name.py), and such a language counts as same-form, neither named nor missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from service.store.model import NEWS_LANGUAGES, Entity

__all__ = ["NEWS_LANGUAGES", "Coverage", "coverage"]


@dataclass(frozen=True)
class Coverage:
    entity_id: str
    type: str
    languages: tuple[str, ...]  # news languages the entity has a name in
    curated: int  # curated aliases (not imported)
    sourced: int  # of those, how many carry a source
    same_form: tuple[str, ...] = ()  # news languages not named that write the display name unchanged

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(lang for lang in NEWS_LANGUAGES if lang not in self.languages and lang not in self.same_form)


def coverage(entities: Iterable[Entity]) -> list[Coverage]:
    """One row per live entity, sorted by type and id."""
    rows = []
    for e in entities:
        if e.redirect:
            continue
        tagged = {(a.lang or "").split("-")[0] for a in e.aliases} | {"en"}
        curated = [a for a in e.aliases if not a.imported]
        rows.append(Coverage(e.id, e.type, tuple(lang for lang in NEWS_LANGUAGES if lang in tagged), len(curated),
                             sum(1 for a in curated if a.source),
                             tuple(lang for lang in NEWS_LANGUAGES if lang in e.same_name_in and lang not in tagged)))
    return sorted(rows, key=lambda r: (r.type, r.entity_id))
