"""What a request answers from and what it leaves behind: the index it started with, the miss log, the error body.

Blueprints import these from here, never from the app factory, so that no module of the web edge imports in a
circle.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from flask import Response, current_app, g, jsonify, request

from service.curation.misslog import MissLog
from service.errors import BadRequest, Overloaded, PayloadTooLarge
from service.match.answers import Answers
from service.match.index import Index
from service.match.matcher import Result
from service.params import loads_strict


def current_index() -> Index:
    """The index this request answers from (taken once, when the request started)."""
    if "index" in g:
        return g.index  # type: ignore[no-any-return]
    return current_app.extensions["aliases_live"].current  # type: ignore[no-any-return]


def current_answers() -> Answers:
    """The remembered answers of the index this request answers from (service/match/answers.py)."""
    if "answers" in g:
        return g.answers  # type: ignore[no-any-return]
    return current_app.extensions["aliases_live"].serving  # type: ignore[no-any-return]


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
    try:
        return loads_strict(data)
    except BadRequest as exc:  # not valid JSON, or past the depth or number limits
        raise BadRequest(f"the body must be JSON: {shape}; {exc.message}") from None


def check_deadline() -> None:
    """Raise Overloaded (503, Retry-After) when this request has run past REQUEST_SECONDS. Loops over the queries
    of a batch or the rows of a CSV call it between items: the work of one request is bounded in time."""
    limit = float(current_app.config["REQUEST_SECONDS"])
    started = g.get("started")
    if limit and started is not None and time.perf_counter() - started > limit:
        raise Overloaded(f"the request ran past its {limit:g} s deadline: send a smaller batch, or retry later",
                         retry_after=max(1, round(limit / 2)))


def check_batch_chars(texts: Iterable[str | None]) -> None:
    """Raise PayloadTooLarge when the names of one batch hold more than MAX_BATCH_CHARS characters in all."""
    limit = int(current_app.config["MAX_BATCH_CHARS"])
    total = sum(len(t) for t in texts if t)
    if total > limit:
        raise PayloadTooLarge(f"the batch's names hold {total} characters; at most {limit} are accepted in one "
                              "request: split the batch")
