"""The W3C Entity Reconciliation Service API, versions 0.2 and 1.0-draft, over the matcher. No Flask here.

A batch is first checked against the specification's own JSON Schema (shipped in reconcile_schemas/), so it is
accepted or refused exactly as the specification says; then each query becomes one `resolve` call.

What the answers mean:
- score: the matcher's score, 0 to 100 (the 1.0-draft manifest says so with standardizedScore);
- match: true only for the candidate the matcher decided is "matched" (never for ambiguous or below threshold);
- features: the name score, the method that found the candidate and the kind of the alias it matched, each as a
  feature id; the matched alias text is in the feature's name (1.0-draft) and in the candidate's `alias` field.
- type: one of the entity types. An unknown type is not an error (the specification's own examples use types of
  other services): no entity has it, so the query has no candidates.
- properties (0.2) and property conditions (1.0-draft): the external id schemes the store records (wikidata, ...).
  A candidate whose recorded id contradicts the given one is never a match; a property-only query finds the
  entities that record that id. Properties the store does not know are ignored, as the specification allows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from service.errors import BadRequest, NotFound, PayloadTooLarge
from service.match.index import EntityRecord, Index
from service.match.matcher import DEFAULT_LIMIT, DEFAULT_THRESHOLD, MAX_LIMIT, Result, check_query, resolve
from service.params import MAX_DIGITS, loads_strict, whole_number
from service.store.model import ENTITY_TYPES

VERSIONS = ("0.2", "1.0-draft")
TYPE_NAMES = {"person": "Person", "organization": "Organization", "location": "Location"}
ID_MATCH_SCORE = 100.0
PROPERTY_MATCH_SCORE = 100.0


@dataclass
class Query:
    """One reconciliation query, whichever version it came in."""

    text: str | None = None
    types: tuple[str, ...] = ()
    type_strict: str = "any"
    limit: int = DEFAULT_LIMIT
    ids: tuple[str, ...] = ()  # 1.0-draft matchType "id"
    properties: list[tuple[str, tuple[str, ...], str, bool]] = field(default_factory=list)
    # (pid, values, quantifier any/all/none, required)


# ---------------------------------------------------------------------------------------------------------
# validation against the specification's schemas
# ---------------------------------------------------------------------------------------------------------
@cache
def _validator(version: str) -> Any:
    from jsonschema import Draft7Validator
    from referencing import Registry, Resource

    folder = resources.files("service.reconcile").joinpath("schemas", version)
    documents = [json.loads(p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".json")]
    registry: Registry = Registry().with_resources(
        (doc["$id"], Resource.from_contents(doc, default_specification=_draft7())) for doc in documents)
    batch = next(doc for doc in documents if doc["$id"].endswith("reconciliation-query.json"))
    return Draft7Validator(batch, registry=registry)


def _draft7() -> Any:
    from referencing.jsonschema import DRAFT7

    return DRAFT7


def check_batch(version: str, batch: Any) -> None:
    """Raise BadRequest naming the first place where the batch breaks the specification's schema."""
    errors = sorted(_validator(version).iter_errors(batch), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = "/".join(str(p) for p in error.absolute_path) or "the batch"
        raise BadRequest(f"the query batch does not follow the reconciliation API {version}: at {where}: "
                         f"{_short(error.message)}")


def _short(message: str, width: int = 200) -> str:
    return message if len(message) <= width else message[: width - 3] + "..."


# ---------------------------------------------------------------------------------------------------------
# parsing: 0.2 {"q0": {...}} and 1.0-draft {"queries": [...]} into Query objects
# ---------------------------------------------------------------------------------------------------------
def parse_batch_v02(text: str, max_batch: int) -> dict[str, Query]:
    """The `queries` form field of a 0.2 request: a JSON object of keyed queries."""
    batch = _load_json(text, "the queries field")
    if isinstance(batch, dict):
        # The schema's key pattern ^.*$ matches no key with a line break inside, which would leave that
        # query unchecked: refuse such keys before the schema is asked.
        for key in batch:
            if "\n" in key:
                raise BadRequest(f"the query batch does not follow the reconciliation API 0.2: the key {key!r} "
                                 "has a line break")
    check_batch("0.2", batch)
    _check_size(len(batch), max_batch)
    out: dict[str, Query] = {}
    for key, raw in batch.items():
        if not isinstance(raw, dict):  # the schema's key pattern (^.*$) skips keys holding a newline
            raise BadRequest(f"at {key!r}: a query must be an object such as {{\"query\": \"a name\"}}")
        query = Query(limit=_limit(raw.get("limit"), f"{key}.limit"))
        if "query" in raw:
            query.text = _text(raw["query"], f"{key}.query")
        query.types = _types(raw.get("type"))
        query.type_strict = raw.get("type_strict", "any")
        for prop in raw.get("properties", []):
            query.properties.append((prop["pid"], _values(prop["v"]), "any", False))
        out[key] = query
    return out


def parse_batch_v1(batch: Any, max_batch: int) -> list[Query]:
    """The JSON body of a 1.0-draft POST /match."""
    check_batch("1.0-draft", batch)
    queries = batch["queries"]
    _check_size(len(queries), max_batch)
    out = []
    for i, raw in enumerate(queries):
        query = Query(limit=_limit(raw.get("limit"), f"queries/{i}/limit"), types=_types(raw.get("type")))
        names: list[str] = []
        for j, cond in enumerate(raw["conditions"]):
            where = f"queries/{i}/conditions/{j}"
            values = _values(cond["propertyValue"])
            kind = cond["matchType"]
            if kind == "name":
                names.extend(_text(v, f"{where}/propertyValue") for v in values)
            elif kind == "id":
                query.ids += values
            else:
                if "propertyId" not in cond:
                    raise BadRequest(f"at {where}: a condition with matchType 'property' needs a propertyId")
                query.properties.append((cond["propertyId"], values, cond.get("matchQuantifier", "any"),
                                         bool(cond.get("required", False))))
        if len(names) > 1:
            raise BadRequest(f"at queries/{i}: {len(names)} name values; give one name per query")
        query.text = names[0] if names else None
        out.append(query)
    return out


def _load_json(text: str, what: str) -> Any:
    return loads_strict(text, what)


def _check_size(count: int, max_batch: int) -> None:
    if count > max_batch:
        raise PayloadTooLarge(f"{count} queries in one batch; at most {max_batch} are accepted: send smaller "
                              f"batches (the manifest's batchSize)")


def _limit(value: Any, where: str) -> int:
    if value is None:
        return DEFAULT_LIMIT
    if isinstance(value, str):  # a JSON query's limit is a number, never text
        raise BadRequest(f"at {where}: limit must be a whole number of at least 1, not {value[:40]!r}")
    try:
        number = whole_number(value, "limit", 1, 10**MAX_DIGITS)
    except BadRequest:
        raise BadRequest(f"at {where}: limit must be a whole number of at least 1, not {value!r}") from None
    return min(number, MAX_LIMIT)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise BadRequest(f"at {where}: a name must be text, not {type(value).__name__}")
    try:
        return check_query(value)
    except BadRequest as exc:
        raise type(exc)(f"at {where}: {exc.message}") from None


def _types(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _values(value: Any) -> tuple[str, ...]:
    """Property values as text: an entity value {"id": ...} by its id."""
    items = value if isinstance(value, list) else [value]
    return tuple(str(v["id"]) if isinstance(v, dict) else str(v).lower() if isinstance(v, bool) else str(v)
                 for v in items)


# ---------------------------------------------------------------------------------------------------------
# answering
# ---------------------------------------------------------------------------------------------------------
def property_ids(index: Index) -> list[str]:
    """The external id schemes recorded in the store: the properties queries may use."""
    return index.id_schemes


def reconcile(index: Index, query: Query, threshold: float = DEFAULT_THRESHOLD,
              on_result: Callable[[Result, str | None], None] | None = None) -> list[dict[str, Any]]:
    """Candidates of one query as neutral dicts (id, name, description, type, score, match, alias, method, kind).
    `on_result` sees the matcher's result of a name query (the service records misses with it)."""
    allowed = _allowed_types(query)
    if allowed is not None and not allowed:
        return []  # a type no entity has
    known_props = set(property_ids(index))
    props = [p for p in query.properties if p[0] in known_props]

    found: list[dict[str, Any]] = []
    if query.ids:
        for eid in dict.fromkeys(query.ids):
            try:
                record = index.resolve_id(eid)
            except NotFound:
                continue
            found.append(_from_record(record, ID_MATCH_SCORE, "id", "id", eid, match=True))
    if query.text is not None and query.text.strip():
        type_filter = next(iter(allowed)) if allowed is not None and len(allowed) == 1 else None
        pool = query.limit if allowed is None or type_filter else MAX_LIMIT  # room for the type filter below
        result = resolve(index, query.text, type=type_filter, limit=pool, threshold=threshold)
        if on_result is not None:
            on_result(result, type_filter)
        found.extend(_from_result(index, result))
    elif not query.ids:
        if not props:
            return []
        found.extend(_from_properties(index, props))

    out = []
    seen: set[str] = set()
    for cand in found:
        if cand["id"] in seen:
            continue
        seen.add(cand["id"])
        if allowed is not None and cand["type"] not in allowed:
            continue
        entity = index.entities[cand["id"]]
        verdicts = [_property_verdict(entity, pid, values, quantifier) for pid, values, quantifier, _ in props]
        if any(required and verdict is not True for (_, _, _, required), verdict in zip(props, verdicts,
                                                                                           strict=True)):
            continue
        cand["properties"] = {pid: verdict for (pid, *_), verdict in zip(props, verdicts, strict=True)
                              if verdict is not None}
        if any(v is False for v in cand["properties"].values()):
            cand["match"] = False  # a recorded id contradicts the one given: never a certain match
        out.append(cand)
        if len(out) >= query.limit:
            break
    return out


def _allowed_types(query: Query) -> set[str] | None:
    """None: any type. An empty set: only types no entity has."""
    if not query.types or query.type_strict == "should":
        return None
    known = {t for t in query.types if t in ENTITY_TYPES}
    if query.type_strict == "all" and len(set(query.types)) > 1:
        return set()  # an entity has one type
    return known


def _from_result(index: Index, result: Result) -> Iterable[dict[str, Any]]:
    matched = result.match.id if result.match else None
    index.prefetch_entities(c.id for c in result.candidates)
    for c in result.candidates:
        record = index.entities[c.id]
        yield {"id": c.id, "name": c.name, "description": record.description, "type": c.type, "score": c.score,
               "match": c.id == matched, "alias": c.alias, "method": c.method, "kind": c.kind,
               "status": result.status, "reason": result.reason}


def _from_record(record: EntityRecord, score: float, method: str, kind: str, alias: str,
                 match: bool) -> dict[str, Any]:
    return {"id": record.id, "name": record.name, "description": record.description, "type": record.type,
            "score": score, "match": match, "alias": alias, "method": method, "kind": kind}


def _from_properties(index: Index, props: list[tuple[str, tuple[str, ...], str, bool]]) -> list[dict[str, Any]]:
    """Entities recording one of the given ids (a lookup, not a scan), then checked against every condition."""
    ids = {eid for pid, values, quantifier, _ in props if quantifier != "none"
           for v in values for eid in index.by_external_id.get((pid, _bare_id(v)), [])}
    hits = [index.entities[eid] for eid in sorted(ids)
            if any(_property_verdict(index.entities[eid], pid, values, q) for pid, values, q, _ in props)]
    return [_from_record(e, PROPERTY_MATCH_SCORE, "property", "property", e.external_ids.get(props[0][0], ""),
                         match=len(hits) == 1) for e in hits]


def _property_verdict(entity: EntityRecord, pid: str, values: tuple[str, ...], quantifier: str) -> bool | None:
    """True/False when the entity records `pid` and it agrees/disagrees; None when it records nothing."""
    recorded = entity.external_ids.get(pid)
    if recorded is None:
        return None
    hits = [_same_id(recorded, v) for v in values]
    if quantifier == "all":
        return all(hits)
    if quantifier == "none":
        return not any(hits)
    return any(hits)


def _bare_id(given: str) -> str:
    """Ids compare without case and without a URI prefix: Q123 == http://www.wikidata.org/entity/Q123."""
    return given.strip().rstrip("/").rsplit("/", 1)[-1].casefold()


def _same_id(recorded: str, given: str) -> bool:
    return _bare_id(given) == recorded.casefold()


# ---------------------------------------------------------------------------------------------------------
# shaping, per version
# ---------------------------------------------------------------------------------------------------------
def candidate_v02(cand: dict[str, Any]) -> dict[str, Any]:
    return {"id": cand["id"], "name": cand["name"], "description": cand["description"],
            "type": [{"id": cand["type"], "name": TYPE_NAMES.get(cand["type"], cand["type"])}],
            "score": cand["score"], "match": cand["match"], "features": _features(cand, named=False),
            "alias": cand["alias"], "method": cand["method"]}


def candidate_v1(cand: dict[str, Any]) -> dict[str, Any]:
    return {"id": cand["id"], "name": cand["name"], "description": cand["description"],
            "type": [{"id": cand["type"], "name": TYPE_NAMES.get(cand["type"], cand["type"])}],
            "score": cand["score"], "match": cand["match"], "features": _features(cand, named=True),
            "alias": cand["alias"], "method": cand["method"]}


def _features(cand: dict[str, Any], named: bool) -> list[dict[str, Any]]:
    alias = cand["alias"]
    feats = [
        {"id": "name_score", "name": f"score of the best alias, {alias!r}", "value": cand["score"]},
        {"id": f"method_{cand['method']}", "name": f"found by {cand['method']} matching of {alias!r}",
         "value": True},
        {"id": f"alias_kind_{cand['kind']}", "name": f"the alias {alias!r} is of kind {cand['kind']}",
         "value": True},
    ]
    for pid, verdict in cand.get("properties", {}).items():
        feats.append({"id": f"property_{pid}", "name": f"the {pid} id agrees", "value": verdict})
    if not named:
        for f in feats:
            del f["name"]
    return feats


def types_list() -> list[dict[str, str]]:
    return [{"id": t, "name": TYPE_NAMES.get(t, t)} for t in ENTITY_TYPES]


def suggest_types(prefix: str) -> list[dict[str, str]]:
    p = prefix.strip().casefold()
    return [t for t in types_list() if t["id"].startswith(p) or t["name"].casefold().startswith(p)]


def suggest_properties(index: Index, prefix: str) -> list[dict[str, str]]:
    p = prefix.strip().casefold()
    return [{"id": pid, "name": f"{pid} id"} for pid in property_ids(index) if pid.startswith(p)]
