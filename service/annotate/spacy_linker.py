"""A spaCy pipeline component, "aliases_linker", over service.annotate: `nlp.add_pipe("aliases_linker")`.

Registered through the `spacy_factories` entry point, so installing the package (with the `spacy` extra) is
enough. When a recognizer ran before it (doc.ents annotated), it links those entities: each gets the kb_id_ of
the matched mention it overlaps, else of the matcher's answer for its own text, and keeps its label. When none
ran, it adds the matched mentions itself as entities (PERSON, ORG, LOC) with their kb_id_. Either way every
linked span carries its mention in `span._.aliases` (status, score, alias, method, reason).

Config: db (a built database; default: the embedded one built from `store`), store, type, threshold, as_of.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from service.annotate.linker import annotate
from service.match.index import Index
from service.match.matcher import DEFAULT_THRESHOLD, check_params, resolve
from service.store.build import ensure_database

LABELS = {"person": "PERSON", "organization": "ORG", "location": "LOC"}

if not Span.has_extension("aliases"):
    Span.set_extension("aliases", default=None)


class AliasesLinker:
    def __init__(self, index: Index, *, type: str | None, threshold: float, as_of: str | None):
        check_params(type, 1, threshold, as_of)
        self.index = index
        self.knobs: dict[str, Any] = {"type": type, "threshold": threshold, "as_of": as_of}

    def __call__(self, doc: Doc) -> Doc:
        annotation = annotate(self.index, doc.text, **self.knobs)
        matched = [m for m in annotation.mentions if m.status == "matched"]
        if doc.has_annotation("ENT_IOB"):
            doc.ents = [self._link(doc, ent, matched, annotation.as_of) for ent in doc.ents]
            return doc
        spans = []
        for m in matched:
            span = doc.char_span(m.start, m.end, label=LABELS.get(m.type or "", "MISC"), kb_id=m.id,
                                 alignment_mode="expand")
            if span is not None:
                span._.aliases = m.to_dict()
                spans.append(span)
        doc.ents = filter_spans(spans)
        return doc

    def _link(self, doc: Doc, ent: Span, matched: list[Any], as_of: str) -> Span:
        mention = next((m for m in matched if m.start < ent.end_char and ent.start_char < m.end), None)
        if mention is not None:
            linked = Span(doc, ent.start, ent.end, label=ent.label, kb_id=mention.id)
            linked._.aliases = mention.to_dict()
            return linked
        knobs = {**self.knobs, "as_of": as_of}
        result = resolve(self.index, ent.text[:500], **knobs)
        if result.match is None:
            return ent
        linked = Span(doc, ent.start, ent.end, label=ent.label, kb_id=result.match.id)
        linked._.aliases = {"status": result.status, "id": result.match.id, "score": result.match.score,
                            "alias": result.match.alias, "method": result.match.method, "reason": result.reason}
        return linked


@Language.factory("aliases_linker", default_config={"db": None, "store": "aliases", "type": None,
                                                    "threshold": DEFAULT_THRESHOLD, "as_of": None})
def make_linker(nlp: Language, name: str, db: str | None, store: str, type: str | None, threshold: float,
                as_of: str | None) -> AliasesLinker:
    index = Index.open(db or ensure_database(store, "aliases.db"))
    return AliasesLinker(index, type=type, threshold=threshold, as_of=as_of)
