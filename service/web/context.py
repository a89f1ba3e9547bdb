"""What a request answers from and what it leaves behind: the index it started with, the miss log, the error body.

Blueprints import these from here, never from the app factory, so that no module of the web edge imports in a
circle.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, g, jsonify, request

from service.curation.misslog import MissLog
from service.errors import BadRequest
from service.match.index import Index
from service.match.matcher import Result
from service.params import loads_strict


def current_index() -> Index:
    """The index this request answers from (taken once, when the request started)."""
    if "index" in g:
        return g.index  # type: ignore[no-any-return]
    return current_app.extensions["aliases_live"].current  # type: ignore[no-any-return]


def record_miss(result: Result, etype: str | None) -> None:
    """Note an unmatched or ambiguous lookup in the miss log, when one is configured. Never raises."""
    miss_log: MissLog | None = current_app.extensions.get("aliases_misslog")
    if miss_log is not None:
        miss_log.record(result, etype)


def error_response(code: str, message: str, status: int) -> tuple[Response, int]:
    return jsonify({"error": {"code": code, "message": message}}), status


def json_body(shape: str) -> Any:
    """The request's JSON body, strictly parsed (service.params); `shape` tells the client what to send."""
    if not request.is_json:
        raise BadRequest(f"the body must be JSON: {shape} (Content-Type: application/json)")
    data = request.get_data(cache=True)
    if not data.strip():
        raise BadRequest(f"the body is empty: send {shape}")
    return loads_strict(data)
