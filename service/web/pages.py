"""Web pages for people: a lookup page, entity pages, and browsing. HTML over the same library as the API.

    /                  a search box; results as you type (static/lookup.js calls /v1/resolve), and the same
                       results rendered on the server for ?q= so the page works without JavaScript
    /entities/ID       an entity and all its aliases, grouped by kind, with script, language, validity and
                       source; a retired id shows where it went
    /entities          browse by type, with a name filter; paginated

Templates are Jinja with autoescaping; assets come from the service itself (no CDN). Right-to-left names are
wrapped in dir="auto" or <bdi> so they render in their own direction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from flask import Blueprint, render_template, request

from service.errors import AliasError, BadRequest, NotFound
from service.match.index import Index
from service.match.matcher import MAX_QUERY_LENGTH, resolve
from service.match.normalize import normalize
from service.params import whole_number
from service.store.model import ALIAS_KINDS, ENTITY_TYPES
from service.web.context import current_index, record_miss

bp = Blueprint("pages", __name__)
PAGE_SIZE = 50
EXTERNAL_LINKS = {"wikidata": "https://www.wikidata.org/wiki/{}", "geonames": "https://www.geonames.org/{}"}
SCRIPT_NAMES = {"Latn": "Latin", "Arab": "Arabic", "Cyrl": "Cyrillic", "Hebr": "Hebrew", "Hang": "Hangul",
                "Grek": "Greek", "Hani": "Han", "Jpan": "Japanese", "Deva": "Devanagari", "Armn": "Armenian",
                "Geor": "Georgian", "Thai": "Thai", "Ethi": "Ethiopic", "Zyyy": "common", "Zzzz": "unknown"}


def _index() -> Index:
    return current_index()


@bp.app_context_processor
def _store_footer() -> dict[str, Any]:
    index = current_index()
    return {"store": {"content_hash": index.content_hash, "built_at": index.meta.get("built_at", "?"),
                      "normalizer_version": index.meta.get("normalizer_version", "?"), "counts": index.counts()}}


def _page(template: str, http_status: int = 200, **context: Any) -> tuple[str, int, dict[str, str]]:
    return render_template(template, **context), http_status, {"Content-Type": "text/html; charset=utf-8"}


@bp.get("/")
def lookup() -> tuple[str, int, dict[str, str]]:
    q = request.args.get("q", "")
    etype = request.args.get("type") or None
    result, error, status = None, None, 200
    if q.strip():
        try:
            found = resolve(_index(), q, type=etype)
            record_miss(found, etype)
            result = found.to_dict()
        except AliasError as exc:  # a bad type or an over-long name: say so on the page
            error, status = exc.message, exc.status
    return _page("lookup.html", status, q=q, etype=etype, types=ENTITY_TYPES, result=result, error=error,
                 max_length=MAX_QUERY_LENGTH)


@bp.get("/entities/<entity_id>")
def entity(entity_id: str) -> tuple[str, int, dict[str, str]]:
    index = _index()
    record = index.resolve_id(entity_id)  # NotFound -> the app's 404
    if record.id != entity_id:
        chain, step = [entity_id], index.entities[entity_id]
        while step.redirect and step.redirect not in chain:
            chain.append(step.redirect)
            step = index.entities.get(step.redirect, step)
        return _page("retired.html", old_id=entity_id, entity=record, chain=chain[:-1])
    today = dt.date.today().isoformat()
    by_kind: dict[str, list[dict[str, Any]]] = {}
    scripts: Counter[str] = Counter()
    for rec in index.aliases_of(record.id):
        a = rec.alias
        script = SCRIPT_NAMES.get(rec.script, rec.script)
        scripts[script] += 1
        by_kind.setdefault(a.kind, []).append({
            "text": a.text, "script": script, "lang": a.lang, "validity": a.validity(), "source": a.source,
            "current": a.current_at(today), "weak": a.weak, "shared": a.shared})
    groups = [(kind, READER_NOTES.get(kind, note),
               _mark_repeats(sorted(by_kind[kind], key=lambda r: (not r["current"], r["script"], r["text"]))))
              for kind, note in ALIAS_KINDS.items() if kind in by_kind]
    retired = index.retired_into.get(record.id, [])
    links = {scheme: EXTERNAL_LINKS[scheme].format(value) if scheme in EXTERNAL_LINKS else None
             for scheme, value in record.external_ids.items()}
    # the places it is in, nearest first, each with its name (Damascus, Syria for the Umayyad Mosque)
    places = [(place, index.entities[place].name) for place in index.places_of(record.id)]
    return _page("entity.html", entity=record, groups=groups, scripts=scripts.most_common(),
                 total=sum(scripts.values()), retired=retired, links=links, places=places)


@bp.get("/entities")
def browse() -> tuple[str, int, dict[str, str]]:
    index = _index()
    etype = request.args.get("type") or None
    if etype is not None and etype not in ENTITY_TYPES:
        raise BadRequest(f"unknown type {etype!r}: use one of {', '.join(ENTITY_TYPES)}")
    prefix = request.args.get("prefix", "")
    if len(prefix) > MAX_QUERY_LENGTH:
        raise BadRequest(f"the filter has {len(prefix)} characters; at most {MAX_QUERY_LENGTH} are accepted")
    cursor = request.args.get("cursor", "0")
    offset = whole_number(cursor, "cursor", 0, 10**9)
    ids = index.list_ids(etype, normalize(prefix) if prefix.strip() else "", typed=prefix)
    items = [index.entities[i] for i in ids[offset: offset + PAGE_SIZE]]
    type_counts = index.type_counts
    alias_counts = {e.id: len(index.by_entity.get(e.id, [])) for e in items}
    if offset and not items and ids:
        raise NotFound(f"cursor {offset} is past the last of {len(ids)} entities")
    return _page("entities.html", items=items, total=len(ids), offset=offset, page_size=PAGE_SIZE, etype=etype,
                 prefix=prefix, types=ENTITY_TYPES, type_counts=type_counts, alias_counts=alias_counts)


@bp.errorhandler(AliasError)
def _error_page(exc: AliasError) -> tuple[str, int, dict[str, str]]:
    title = {400: "Bad request", 404: "Not found"}.get(exc.status, "Error")
    return _page("error.html", exc.status, status=exc.status, title=title, message=exc.message)


# what each kind means to a reader of the page (ALIAS_KINDS says it to curators)
READER_NOTES = {
    "canonical": "the name this entity is shown by",
    "former": "a name it bore in the past",
}


def _mark_repeats(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mark a row whose source is the one just above it: the page says it once (an import cites one source for
    dozens of names), so a phone does not repeat it on every row."""
    previous = None
    for row in rows:
        row["same_source"] = bool(row["source"]) and row["source"] == previous
        previous = row["source"]
    return rows
