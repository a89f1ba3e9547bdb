"""The OpenAPI document as the one source of truth for query parameters: each request's query string (and form
fields) are checked against the parameters its operation declares, before the route runs, so that what
/openapi.json says and what the server enforces cannot drift apart (Schemathesis with every check found 13 places
where they had). Numbers are parsed by service.params, then every declared constraint (enum, bounds, lengths,
pattern) is applied, with the service's kind of message. Undeclared parameters are ignored, as OpenAPI allows.
/openapi.json itself is served with only the operations that exist (the admin route only with a token).
"""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from service.errors import BadRequest, QueryTooLong
from service.params import finite_number, whole_number

_PATH_PARAM = re.compile(r"\{(\w+)\}")


@cache
def document() -> dict[str, Any]:
    text = resources.files("service.web").joinpath("openapi.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def served_document(rules: set[tuple[str, str]], max_batch: int) -> dict[str, Any]:
    """The document with only the operations whose (Flask rule, METHOD) the app has, and its batch limit."""
    doc = copy.deepcopy(document())
    doc["components"]["schemas"]["BatchRequest"]["properties"]["queries"]["maxItems"] = max_batch
    match = doc["paths"]["/reconcile/draft/match"]["post"]["requestBody"]["content"]["application/json"]
    match["schema"]["properties"]["queries"]["maxItems"] = max_batch
    form = doc["paths"]["/reconcile"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
    form["schema"]["properties"]["queries"]["contentSchema"]["maxProperties"] = max_batch
    doc["paths"]["/reconcile"]["get"]["parameters"][0]["schema"]["contentSchema"]["maxProperties"] = max_batch
    paths: dict[str, Any] = {}
    for path, ops in doc["paths"].items():
        rule = _PATH_PARAM.sub(r"<\1>", path)
        kept = {m: op for m, op in ops.items() if (rule, m.upper()) in rules}
        if kept:
            paths[path] = kept
    return {**doc, "paths": paths}


@cache
def _operations() -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(Flask rule, METHOD) -> the operation's query parameters (form fields of a form body included)."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for path, ops in document()["paths"].items():
        rule = _PATH_PARAM.sub(r"<\1>", path)
        for method, op in ops.items():
            params = [p for p in op.get("parameters", []) if p["in"] == "query"]
            form = op.get("requestBody", {}).get("content", {}).get("application/x-www-form-urlencoded")
            if form:
                schema = form["schema"]
                params += [{"name": name, "schema": sub, "required": name in schema.get("required", []),
                            "in": "form"} for name, sub in schema.get("properties", {}).items()]
            out[(rule, method.upper())] = params
    return out


def check_request(rule: str, method: str, args: Any, form: Any) -> None:
    """Raise BadRequest for the first query parameter (or form field) that breaks its declaration."""
    for param in _operations().get((rule, method), []):
        source = form if param["in"] == "form" else args
        name, schema = param["name"], param["schema"]
        # an empty field is an unset one (an HTML form sends every field), except a date: as_of= says nothing
        if name not in source or (source.get(name) == "" and schema.get("format") != "date"):
            if param.get("required"):
                raise BadRequest(f"{name} is required{': ' + param['description'] if param.get('description') else ''}")
            continue
        if schema.get("type") == "array":
            for value in source.getlist(name):
                _check(name, value, schema.get("items", {}))
        else:
            _check(name, source.get(name), schema)


DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
NOT_BLANK = re.compile("[^\\s\x1c-\x1f\x85]")


def _check(name: str, raw: str, schema: dict[str, Any]) -> None:
    kind = schema.get("type")
    if kind == "integer":
        value: Any = whole_number(raw, name, int(schema.get("minimum", -(10**12))),
                                  int(schema.get("maximum", 10**12)))
    elif kind == "number":
        value = finite_number(raw, name, float(schema.get("minimum", -(10**12))), float(schema.get("maximum", 10**12)))
    else:
        value = raw
    if "enum" in schema and value not in schema["enum"]:
        raise BadRequest(f"unknown {name} {value!r}: use one of {', '.join(map(str, schema['enum']))}")
    if isinstance(value, str):
        if len(value) > schema.get("maxLength", len(value)):
            raise QueryTooLong(f"{name} has {len(value)} characters; at most {schema['maxLength']} are accepted")
        # blank as the document's pattern says it (ECMA's \s, and the separators Python also strips)
        if len(value) < schema.get("minLength", 0) or ("minLength" in schema and not NOT_BLANK.search(value)):
            raise BadRequest(f"{name} is required, and not blank")
        if schema.get("format") == "date" and not DATE.fullmatch(value):
            raise BadRequest(f"{name} must be a date YYYY-MM-DD, not {value[:40]!r}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            raise BadRequest(f"{name} must match {schema['pattern']}, not {value[:40]!r}")
