"""HTTP routes, v1. Each route parses its input, calls the library, and shapes JSON; nothing more.

The knobs have the same names as in Python and on the command line: q (the name), type, limit, threshold,
as_of. Errors are raised as service.errors exceptions and rendered by the app's one handler.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from flask import Blueprint, Response, current_app, jsonify, request

from service.bulk.csvnorm import (
    CsvError,
    Normalizer,
    check_delimiter,
    normalize_rows,
    parse_types,
    read_rows,
    sniff_delimiter,
)
from service.errors import BadRequest, PayloadTooLarge
from service.match.index import Index
from service.match.matcher import DEFAULT_LIMIT, DEFAULT_THRESHOLD, MAX_QUERY_LENGTH, check_params, check_query
from service.match.normalize import normalize
from service.params import finite_number, whole_number
from service.web.context import (
    check_batch_chars,
    check_deadline,
    current_answers,
    current_index,
    json_body,
    record_miss,
)
from service.web.contract import served_document
from service.web.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from service.web.metrics import Metrics

bp = Blueprint("api", __name__)
LIST_DEFAULT_LIMIT = 50
LIST_MAX_LIMIT = 500


def _index() -> Index:
    return current_index()


def _metrics() -> Metrics:
    return current_app.extensions["aliases_metrics"]  # type: ignore[no-any-return]


def _int(value: Any, name: str, low: int, high: int) -> int:
    return whole_number(value, name, low, high)


def _float(value: Any, name: str) -> float:
    return finite_number(value, name, 0, 100)


def _knobs(source: dict[str, Any], defaults: dict[str, Any], where: str = "") -> dict[str, Any]:
    """type, limit, threshold, as_of from a query string or a JSON object, validated."""
    knobs = dict(defaults)
    if source.get("type") not in (None, ""):
        knobs["type"] = source["type"]
    if source.get("limit") not in (None, ""):
        knobs["limit"] = _int(source["limit"], f"{where}limit", 1, 100)
    if source.get("threshold") not in (None, ""):
        knobs["threshold"] = _float(source["threshold"], f"{where}threshold")
    if source.get("as_of") not in (None, ""):
        knobs["as_of"] = source["as_of"]
    try:
        check_params(knobs["type"], knobs["limit"], knobs["threshold"], knobs["as_of"])
    except BadRequest as exc:
        raise BadRequest(f"{where}{exc.message}") from None
    return knobs


_DEFAULT_KNOBS = {"type": None, "limit": DEFAULT_LIMIT, "threshold": DEFAULT_THRESHOLD, "as_of": None}


def _query_text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadRequest(f"{where}q is required: the name to resolve, 1 to {MAX_QUERY_LENGTH} characters")
    try:
        return check_query(value)
    except BadRequest as exc:
        raise type(exc)(f"{where}{exc.message}") from None


def _resolve_one(q: str, knobs: dict[str, Any]) -> dict[str, Any]:
    result = current_answers().resolve(q, **knobs)
    _metrics().observe_outcome(result.status)
    record_miss(result, knobs["type"])
    return result.to_dict()


@bp.get("/v1/resolve")
def resolve_get() -> Response:
    args = request.args
    q = _query_text(args.get("q"), "")
    return jsonify(_resolve_one(q, _knobs(args.to_dict(), _DEFAULT_KNOBS)))


@bp.post("/v1/resolve")
def resolve_batch() -> Response:
    body = json_body('{"queries": ["a name", ...]}')
    shape = '{"queries": ["a name", {"q": "a name", "type": "person"}, ...]}'
    if not isinstance(body, dict):
        raise BadRequest(f"the body is JSON but {_json_type(body)}, not an object: send {shape}")
    if "queries" not in body:
        raise BadRequest(f"the body has no queries: send {shape}")
    if not isinstance(body["queries"], list):
        raise BadRequest(f"queries must be a list of names, not {_json_type(body['queries'])}: send {shape}")
    queries = body["queries"]
    limit = int(current_app.config["MAX_BATCH"])
    if len(queries) > limit:
        raise PayloadTooLarge(f"{len(queries)} queries in one request; at most {limit} are accepted: split the batch")
    defaults = _knobs(body, _DEFAULT_KNOBS)
    parsed = []
    for i, item in enumerate(queries):
        where = f"queries[{i}]."
        if isinstance(item, str):
            parsed.append((_query_text(item, where), defaults))
        elif isinstance(item, dict):
            parsed.append((_query_text(item.get("q"), where), _knobs(item, defaults, where)))
        else:
            raise BadRequest(f"queries[{i}] must be a name or an object with q, not {type(item).__name__}")
    check_batch_chars(q for q, _ in parsed)
    results = []
    for q, knobs in parsed:
        check_deadline()
        results.append(_resolve_one(q, knobs))
    return jsonify({"results": results})


def _json_type(value: Any) -> str:
    """A JSON value's type as JSON names it, with its article: "a string", "an object"."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
             float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _cached(payload: dict[str, Any]) -> Response:
    """JSON with the store hash as ETag; 304 when the client already has it."""
    etag = _index().content_hash
    response = jsonify(payload)
    response.set_etag(etag)
    response.headers["Cache-Control"] = f"public, max-age={int(current_app.config['CACHE_MAX_AGE'])}"
    return response.make_conditional(request)  # type: ignore[no-any-return]


def entity_payload(index: Index, entity_id: str) -> dict[str, Any]:
    record = index.resolve_id(entity_id)
    aliases = [
        {"text": rec.alias.text, "kind": rec.alias.kind, "lang": rec.alias.lang, "script": rec.script,
         "valid_from": rec.alias.valid_from, "valid_to": rec.alias.valid_to, "validity": rec.alias.validity(),
         "source": rec.alias.source, "weak": rec.alias.weak, "shared": rec.alias.shared}
        for rec in index.aliases_of(record.id)
    ]
    payload: dict[str, Any] = {"id": record.id, "type": record.type, "name": record.name,
                               "description": record.description, "external_ids": record.external_ids,
                               "within": list(index.places_of(record.id)), "aliases": aliases}
    if record.id != entity_id:
        payload["redirected_from"] = entity_id
    return payload


@bp.get("/v1/entities/<entity_id>")
def entity(entity_id: str) -> Response:
    return _cached(entity_payload(_index(), entity_id))


@bp.get("/v1/entities")
def entities() -> Response:
    index = _index()
    args = request.args
    etype = args.get("type") or None
    check_params(etype, 1, 0, None)
    limit = _int(args.get("limit", LIST_DEFAULT_LIMIT), "limit", 1, LIST_MAX_LIMIT)
    offset = _int(args.get("cursor", 0), "cursor", 0, 10**9)
    prefix = args.get("prefix", "")
    if len(prefix) > MAX_QUERY_LENGTH:
        raise BadRequest(f"prefix has {len(prefix)} characters; at most {MAX_QUERY_LENGTH} are accepted")
    ids = index.list_ids(etype, normalize(prefix) if prefix.strip() else "", typed=prefix)
    page = ids[offset: offset + limit]
    items = [{"id": e.id, "type": e.type, "name": e.name, "description": e.description}
             for e in (index.entities[i] for i in page)]
    next_cursor = offset + limit if offset + limit < len(ids) else None
    return _cached({"items": items, "total": len(ids), "next_cursor": next_cursor})


@bp.post("/v1/normalize")
def normalize_csv() -> Response:
    """A CSV body in, the normalized CSV back (UTF-8), resolved against the store named in X-Store-Hash."""
    args = request.args
    columns = [c for c in args.getlist("column") if c]
    if not columns:
        raise BadRequest("column is required: the name of a column of names (repeat it for several)")
    types = parse_types(args.getlist("type"), flag="type")
    # here `type` is per column (COL=TYPE), so only threshold and as_of are shared knobs
    knobs = _knobs({k: v for k, v in args.to_dict().items() if k in ("threshold", "as_of")}, _DEFAULT_KNOBS)
    limit = int(current_app.config["MAX_CSV_BYTES"])
    if request.content_length is not None and request.content_length > limit:
        raise PayloadTooLarge(f"the CSV body is {request.content_length} bytes; at most {limit} are accepted: "
                              "use `aliases normalize` for larger files")
    request.max_content_length = limit
    # streamed: the body is decoded and parsed as it is read, and the output spooled to disk past 1 MiB, so a
    # 50 MiB body is never held as one text (it took a worker from 168 to 566 MB)
    charset = request.mimetype_params.get("charset", "utf-8")
    try:
        encoding = "utf-8-sig" if codecs.lookup(charset).name == "utf-8" else charset
    except LookupError:
        raise CsvError(f"unknown charset {charset!r} in Content-Type: send UTF-8 or name a known encoding") from None
    text = io.TextIOWrapper(request.stream, encoding=encoding, newline="")  # type: ignore[arg-type]
    lines = _decoded_lines(text, charset if "charset" in request.mimetype_params else "UTF-8")
    head = next(lines, "")
    sample = head
    while len(sample) < 65536 and (line := next(lines, None)) is not None:
        sample += line
    delimiter = check_delimiter(args.get("delimiter")) or sniff_delimiter(sample[:65536])
    out = tempfile.SpooledTemporaryFile(max_size=1024 * 1024, mode="w+", encoding="utf-8", newline="")
    normalizer = Normalizer(_index(), threshold=knobs["threshold"], as_of=knobs["as_of"])
    writer = csv.writer(out, delimiter=delimiter)

    def writerow(row: list[str]) -> None:
        check_deadline()
        writer.writerow(row)

    try:
        summary = normalize_rows(read_rows(itertools.chain(io.StringIO(sample, newline=""), lines), delimiter),
                                 writerow, normalizer, columns, types)
    except BaseException:
        out.close()
        raise
    for status, n in summary.statuses.items():
        _metrics().observe_outcome(status, n)
    out.seek(0)
    response = Response(_chunks(out), mimetype="text/csv")
    response.headers["X-Store-Hash"] = _index().content_hash
    response.headers["X-Rows"] = str(summary.rows)
    return response


def _decoded_lines(text: io.TextIOWrapper, charset: str) -> Iterator[str]:
    try:
        yield from text
    except UnicodeDecodeError as exc:
        raise CsvError(f"the body is not {charset} (byte {exc.start}): {exc.reason}; send it as UTF-8, or name its "
                       "encoding in Content-Type (text/csv; charset=latin-1)") from None


def _chunks(out: IO[str], size: int = 65536) -> Iterator[str]:
    """The spooled output in pieces; the file is closed (and removed) once sent."""
    try:
        while chunk := out.read(size):
            yield chunk
    finally:
        out.close()


@bp.get("/v1/meta")
def meta() -> Response:
    index = _index()
    return _cached({
        "content_hash": index.content_hash,
        "normalizer_version": index.meta.get("normalizer_version"),
        "schema_version": index.meta.get("schema_version"),
        "built_at": index.meta.get("built_at"),
        "counts": index.counts(),
        "limits": {"max_query_length": MAX_QUERY_LENGTH, "max_batch": int(current_app.config["MAX_BATCH"]),
                   "max_body_bytes": int(current_app.config["MAX_CONTENT_LENGTH"]),
                   "max_csv_bytes": int(current_app.config["MAX_CSV_BYTES"])},
    })


@bp.get("/healthz")
def healthz() -> Response:
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz() -> Response:
    index = _index()
    return jsonify({"status": "ready", "content_hash": index.content_hash, "aliases": len(index.aliases)})


@bp.get("/metrics")
def metrics() -> Response:
    return Response(_metrics().render(_index().content_hash), content_type=METRICS_CONTENT_TYPE)


def openapi_document() -> dict[str, Any]:
    """The document, with the operations this app has (service.web.contract enforces its parameters)."""
    rules = {(r.rule, m) for r in current_app.url_map.iter_rules() for m in (r.methods or ())}
    return served_document(rules, int(current_app.config["MAX_BATCH"]))


@bp.get("/openapi.json")
def openapi() -> Response:
    doc = openapi_document()
    if not current_app.config.get("ADMIN_TOKEN"):  # admin routes exist only with a token: document what is served
        doc["paths"] = {path: ops for path, ops in doc["paths"].items() if not path.startswith("/admin/")}
    return jsonify(doc)
