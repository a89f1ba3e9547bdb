"""HTTP edge of the W3C Entity Reconciliation Service API: 0.2 at /reconcile, 1.0-draft at /reconcile/draft.

0.2 (what OpenRefine speaks):    GET /reconcile                manifest (JSONP with ?callback=)
                                 GET|POST /reconcile           queries=<JSON batch> (form field or query string)
                                 GET /reconcile/suggest/{entity,type,property}?prefix=
                                 GET /reconcile/preview?id=
1.0-draft:                       GET /reconcile/draft          manifest
                                 POST /reconcile/draft/match   {"queries": [...]} as JSON
                                 GET /reconcile/draft/suggest/{entity,type,property}?prefix=
                                 GET /reconcile/draft/preview?id=

Parsing and answering live in service.reconcile.protocol; this module reads requests and shapes responses. Errors are
JSON with a 400 (413 for a batch over MAX_BATCH), carrying both the reconciliation convention
{"status": "error", "message"} and the service's {"error": {"code", "message"}}.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from service.errors import AliasError, BadRequest, Overloaded
from service.match.index import Index
from service.match.matcher import MAX_QUERY_LENGTH
from service.match.normalize import normalize
from service.params import whole_number
from service.reconcile import protocol as rc
from service.web.context import check_batch_chars, check_deadline, current_index, json_body, record_miss
from service.web.metrics import Metrics

bp = Blueprint("reconcile", __name__)
PREVIEW_WIDTH, PREVIEW_HEIGHT = 400, 180
SUGGEST_DEFAULT_LIMIT = 10
SUGGEST_MAX_LIMIT = 100
_CALLBACK = re.compile(r"^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$")


def _index() -> Index:
    return current_index()


def _metrics() -> Metrics:
    return current_app.extensions["aliases_metrics"]  # type: ignore[no-any-return]


def _base() -> str:
    return str(current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")


def _service_version() -> str:
    try:
        return version("entity-aliases")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def _json(payload: Any, status: int = 200) -> Response:
    """JSON, or JSONP when a GET asks for it with ?callback= (OpenRefine's older clients do)."""
    callback = request.args.get("callback") if request.method == "GET" else None
    if callback:
        if not _CALLBACK.match(callback) or len(callback) > 100:
            raise BadRequest("callback must be a JavaScript identifier such as jQuery123_456")
        body = f"/**/{callback}({json.dumps(payload, ensure_ascii=False)});"
        return Response(body, status=status, mimetype="application/javascript")
    response = jsonify(payload)
    response.status_code = status
    return response


@bp.errorhandler(AliasError)
def _alias_error(exc: AliasError) -> Response:
    response = _error(exc.code, exc.message, exc.status)
    if isinstance(exc, Overloaded):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    message = {413: f"the request body is over {current_app.config['MAX_CONTENT_LENGTH']} bytes: send smaller "
                    "batches (the manifest's batchSize)",
               405: f"{request.method} is not allowed on {request.path}"}.get(status, exc.description or "")
    response = _error("payload_too_large" if status == 413 else "bad_request", message, status)
    for name, value in exc.get_headers():  # e.g. Allow on a 405
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _error(code: str, message: str, status: int) -> Response:
    response = jsonify({"status": "error", "message": message, "error": {"code": code, "message": message}})
    response.status_code = status
    return response


# ---------------------------------------------------------------------------------------------------------
# manifests
# ---------------------------------------------------------------------------------------------------------
def manifest_v02() -> dict[str, Any]:
    base = _base()

    def service(path: str) -> dict[str, str]:
        return {"service_url": base, "service_path": path}

    return {
        "versions": ["0.2"],
        "name": "Entity aliases",
        "identifierSpace": f"{base}/entities/",
        "schemaSpace": f"{base}/types/",
        "documentation": f"{base}/docs",
        "serviceVersion": _service_version(),
        "view": {"url": f"{base}/entities/{{{{id}}}}"},
        "defaultTypes": rc.types_list(),
        "suggest": {"entity": service("/reconcile/suggest/entity"), "type": service("/reconcile/suggest/type"),
                    "property": service("/reconcile/suggest/property")},
        "preview": {"url": f"{base}/reconcile/preview?id={{{{id}}}}", "width": PREVIEW_WIDTH,
                    "height": PREVIEW_HEIGHT},
        "batchSize": int(current_app.config["MAX_BATCH"]),
    }


def manifest_v1() -> dict[str, Any]:
    base = _base()
    return {
        "versions": ["1.0-draft"],
        "name": "Entity aliases",
        "documentation": f"{base}/docs",
        "serviceVersion": _service_version(),
        "view": {"url": f"{base}/entities/{{id}}"},
        "defaultTypes": rc.types_list(),
        "suggest": {"entity": True, "type": True, "property": True},
        "preview": {"width": PREVIEW_WIDTH, "height": PREVIEW_HEIGHT},
        "standardizedScore": True,
        "batchSize": int(current_app.config["MAX_BATCH"]),
    }


# ---------------------------------------------------------------------------------------------------------
# 0.2
# ---------------------------------------------------------------------------------------------------------
@bp.route("/reconcile", methods=["GET", "POST"])
def reconcile_v02() -> Response:
    text = request.values.get("queries")
    if text is None:
        if request.method == "POST":
            raise BadRequest('send the batch as the form field queries={"q0": {"query": "a name"}, ...}')
        return _json(manifest_v02())
    queries = rc.parse_batch_v02(text, int(current_app.config["MAX_BATCH"]))
    check_batch_chars(q.text for q in queries.values())
    index = _index()
    out = {}
    for key, query in queries.items():
        check_deadline()
        candidates = rc.reconcile(index, query, on_result=record_miss)
        _observe(candidates, query)
        out[key] = {"result": [rc.candidate_v02(c) for c in candidates]}
    return _json(out)


# ---------------------------------------------------------------------------------------------------------
# 1.0-draft
# ---------------------------------------------------------------------------------------------------------
@bp.get("/reconcile/draft")
def manifest_draft() -> Response:
    return _json(manifest_v1())


@bp.post("/reconcile/draft/match")
def match_draft() -> Response:
    batch = json_body('{"queries": [{"conditions": [{"matchType": "name", "propertyValue": "a name"}]}]}')
    queries = rc.parse_batch_v1(batch, int(current_app.config["MAX_BATCH"]))
    check_batch_chars(q.text for q in queries)
    index = _index()
    results = []
    for query in queries:
        check_deadline()
        candidates = rc.reconcile(index, query, on_result=record_miss)
        _observe(candidates, query)
        results.append({"candidates": [rc.candidate_v1(c) for c in candidates]})
    return _json({"results": results})


def _observe(candidates: list[dict[str, Any]], query: rc.Query) -> None:
    if query.text is not None:
        status = candidates[0].get("status", "unmatched") if candidates else "unmatched"
        _metrics().observe_outcome(status)


# ---------------------------------------------------------------------------------------------------------
# suggest and preview, the same for both versions
# ---------------------------------------------------------------------------------------------------------
def _prefix() -> str:
    prefix = request.args.get("prefix")
    if prefix is None or not prefix.strip():
        raise BadRequest("prefix is required: the start of a name, e.g. ?prefix=Dam")
    if len(prefix) > MAX_QUERY_LENGTH:
        raise BadRequest(f"prefix has {len(prefix)} characters; at most {MAX_QUERY_LENGTH} are accepted")
    return prefix


def _page() -> tuple[int, int]:
    def number(name: str, default: int, low: int, high: int) -> int:
        raw = request.args.get(name, "")
        if raw == "":
            return default
        return whole_number(raw, name, low, high)

    offset = number("cursor", 0, 0, 10**9) if "cursor" in request.args else number("start", 0, 0, 10**9)
    return offset, number("limit", SUGGEST_DEFAULT_LIMIT, 1, SUGGEST_MAX_LIMIT)


@bp.get("/reconcile/suggest/entity")
@bp.get("/reconcile/draft/suggest/entity")
def suggest_entity() -> Response:
    prefix = _prefix()
    etype = request.args.get("type") or None
    offset, limit = _page()
    index = _index()
    if etype is not None and etype not in rc.TYPE_NAMES:
        return _json({"result": []})
    ids = index.list_ids(etype, normalize(prefix), typed=prefix)[offset: offset + limit]
    result = []
    for eid in ids:
        e = index.entities[eid]
        result.append({"id": e.id, "name": e.name, "description": e.description,
                       "notable": [{"id": e.type, "name": rc.TYPE_NAMES.get(e.type, e.type)}]})
    return _json({"result": result})


@bp.get("/reconcile/suggest/type")
@bp.get("/reconcile/draft/suggest/type")
def suggest_type() -> Response:
    return _json({"result": rc.suggest_types(_prefix())})


@bp.get("/reconcile/suggest/property")
@bp.get("/reconcile/draft/suggest/property")
def suggest_property() -> Response:
    return _json({"result": rc.suggest_properties(_index(), _prefix())})


@bp.get("/reconcile/preview")
@bp.get("/reconcile/draft/preview")
def preview() -> Response:
    entity_id = request.args.get("id")
    if not entity_id:
        raise BadRequest("id is required: the entity to preview, e.g. ?id=damascus")
    index = _index()
    record = index.resolve_id(entity_id)
    aliases = [a.alias for a in index.aliases_of(record.id) if a.alias.kind != "canonical"]
    main = sorted(aliases, key=lambda a: (a.weak, a.kind not in ("native", "acronym", "nickname", "former")))[:6]
    html = render_template("preview.html", entity=record, type_name=rc.TYPE_NAMES.get(record.type, record.type),
                           aliases=main, more=max(0, len(aliases) - len(main)), base=_base(),
                           width=PREVIEW_WIDTH, height=PREVIEW_HEIGHT)
    return Response(html, mimetype="text/html")
