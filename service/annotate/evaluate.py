"""Precision and recall of linked mentions on hand-labelled articles, beside a naive baseline.

Labelled articles are JSON Lines: {"id", "lang", "date", "url", "marked"} (date "" when the page gives none: the
article's dateline or today is used), where `marked` is the article's text
with each mention of a store entity written [[surface|entity-id]]. The text is `marked` with the marks taken off.

A predicted mention counts when it is linked (status matched): it is correct when it overlaps a labelled mention
of the same entity that no other prediction took. Precision = correct / linked; recall = labelled mentions found
/ labelled mentions. The baseline is an exact search for every alias text of the store (as written, on word
boundaries, longest first), linked to its entity when one entity holds that text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from service.annotate.linker import annotate
from service.errors import BadRequest
from service.match.index import Index

_MARK = re.compile(r"\[\[([^\[\]|]+)\|([a-z0-9-]+)\]\]")

Span = tuple[int, int, str]  # start, end, entity id


@dataclass(frozen=True)
class Article:
    id: str
    lang: str
    date: str
    url: str
    text: str
    gold: tuple[Span, ...]


def parse_marked(marked: str) -> tuple[str, list[Span]]:
    """The text without its marks, and the labelled spans in it."""
    out, gold, at, length = [], [], 0, 0
    for m in _MARK.finditer(marked):
        out.append(marked[at:m.start()])
        length += m.start() - at
        gold.append((length, length + len(m.group(1)), m.group(2)))
        out.append(m.group(1))
        length += len(m.group(1))
        at = m.end()
    out.append(marked[at:])
    return "".join(out), gold


def load_articles(path: str | Path) -> list[Article]:
    articles = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text, gold = parse_marked(row["marked"])
            articles.append(Article(row["id"], row["lang"], row["date"], row["url"], text, tuple(gold)))
        except (ValueError, KeyError) as exc:
            raise BadRequest(f"{path}:{n}: not a labelled article ({exc})") from None
    return articles


@dataclass
class Score:
    linked: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.linked if self.linked else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


def score(articles: Iterable[Article], linker: Callable[[Article], list[Span]]) -> Score:
    total = Score()
    for article in articles:
        predicted = linker(article)
        taken: set[int] = set()
        total.linked += len(predicted)
        total.gold += len(article.gold)
        for start, end, eid in predicted:
            hit = next((i for i, (s, e, g) in enumerate(article.gold)
                        if i not in taken and g == eid and s < end and start < e), None)
            if hit is None:
                total.errors.append(f"{article.id}: wrong {article.text[start:end]!r} -> {eid}")
            else:
                taken.add(hit)
                total.correct += 1
        total.found += len(taken)
        for i, (s, e, g) in enumerate(article.gold):
            if i not in taken:
                total.errors.append(f"{article.id}: missed {article.text[s:e]!r} ({g})")
    return total


def annotate_linker(index: Index, *, use_date: bool = True) -> Callable[[Article], list[Span]]:
    def link(article: Article) -> list[Span]:
        as_of = dt.date.fromisoformat(article.date) if use_date and article.date else None
        return [(m.start, m.end, m.id) for m in annotate(index, article.text, as_of=as_of).mentions
                if m.status == "matched" and m.id]
    return link


def baseline_linker(index: Index) -> Callable[[Article], list[Span]]:
    """Exact search for every alias text, longest first, one entity per text (else skipped)."""
    owners: dict[str, set[str]] = {}
    for rec in index.aliases:
        if not index.entities[rec.entity_id].redirect:
            owners.setdefault(rec.alias.text, set()).add(rec.entity_id)
    texts = sorted((t for t, ids in owners.items() if len(ids) == 1), key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in texts))

    def link(article: Article) -> list[Span]:
        return [(m.start(), m.end(), next(iter(owners[m.group()]))) for m in pattern.finditer(article.text)]
    return link
