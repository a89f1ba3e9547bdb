"""Entity linking over HTTP: POST /v1/annotate for pipelines, and /annotate, a page where a person pastes an article
and sees its mentions highlighted, each linked to its entity page. The edge only parses and shapes; the linking
is service.annotate's.

    POST /v1/annotate   {"text": "...", "type", "threshold", "as_of"} as JSON, or the text itself as text/plain
                        with the knobs in the query string; at most ANNOTATE_MAX_CHARS characters (413 beyond)
    GET  /annotate      the form;  POST /annotate  the form's text, rendered with its mentions marked
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from service.annotate import Annotation, annotate
from service.errors import AliasError, BadRequest, PayloadTooLarge
from service.match.matcher import DEFAULT_THRESHOLD
from service.store.model import ENTITY_TYPES
from service.web.context import current_index

bp = Blueprint("annotate", __name__)
ANNOTATE_MAX_CHARS = 1_000_000  # characters of one text (the body is also bounded by MAX_CONTENT_LENGTH)


def _threshold(value: Any) -> float:
    if value in (None, ""):
        return DEFAULT_THRESHOLD
    if isinstance(value, bool):
        raise BadRequest(f"threshold must be a number from 0 to 100, not {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise BadRequest(f"threshold must be a number from 0 to 100, not {value!r}") from None


def _knobs(source: Any) -> dict[str, Any]:
    etype = source.get("type")
    as_of = source.get("as_of")
    etype = None if etype in (None, "") else etype  # unset; but {} or 0 are not unset, they are wrong
    as_of = None if as_of in (None, "") else as_of
    if etype is not None and not isinstance(etype, str):
        raise BadRequest(f"type must be one of {', '.join(ENTITY_TYPES)}, not {etype!r}")
    if as_of is not None and not isinstance(as_of, str):
        raise BadRequest(f"as_of must be a date YYYY-MM-DD, not {as_of!r}")
    return {"type": etype, "threshold": _threshold(source.get("threshold")), "as_of": as_of}


def _check_text(text: Any) -> str:
    if not isinstance(text, str):
        raise BadRequest('text is required: the article to annotate, as {"text": "..."} or a text/plain body')
    if len(text) > ANNOTATE_MAX_CHARS:
        raise PayloadTooLarge(f"the text has {len(text)} characters; at most {ANNOTATE_MAX_CHARS} are accepted: "
                              "split it, or use `aliases annotate`")
    return text


def _payload(text: str, annotation: Annotation) -> dict[str, Any]:
    return {"length": len(text), **annotation.to_dict()}


@bp.post("/v1/annotate")
def annotate_api() -> Response:
    knobs = _knobs(request.args)
    if request.mimetype == "application/json":
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise BadRequest('the body must be a JSON object: {"text": "...", "type", "threshold", "as_of"}')
        knobs.update({k: v for k, v in _knobs(body).items() if body.get(k) not in (None, "")})
        text = _check_text(body.get("text"))
    elif request.mimetype in ("text/plain", ""):
        data = request.get_data(cache=False)
        if not data:
            raise BadRequest('the body is empty: send the article to annotate, as {"text": "..."} (JSON) or as '
                             "text/plain")
        try:
            text = _check_text(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise BadRequest(f"the body is not UTF-8 (byte {exc.start}): send it as UTF-8") from None
    else:
        raise BadRequest(f"send the text as application/json or text/plain, not {request.mimetype}")
    return jsonify(_payload(text, annotate(current_index(), text, **knobs)))


def _segments(text: str, annotation: Annotation) -> list[tuple[str, Any]]:
    """The text cut at its mentions: (plain text, None) and (mention text, mention) in order."""
    out: list[tuple[str, Any]] = []
    at = 0
    for m in annotation.mentions:
        if m.start > at:
            out.append((text[at:m.start], None))
        out.append((m.text, m))
        at = m.end
    if at < len(text):
        out.append((text[at:], None))
    return out


def _page(status: int = 200, **context: Any) -> tuple[str, int, dict[str, str]]:
    context.setdefault("text", "")
    context.setdefault("knobs", {"type": None, "threshold": DEFAULT_THRESHOLD, "as_of": None})
    html = render_template("annotate.html", types=ENTITY_TYPES, max_chars=ANNOTATE_MAX_CHARS, **context)
    return html, status, {"Content-Type": "text/html; charset=utf-8"}


@bp.get("/annotate")
def annotate_form() -> tuple[str, int, dict[str, str]]:
    return _page()


@bp.post("/annotate")
def annotate_page() -> tuple[str, int, dict[str, str]]:
    form = request.form
    text = form.get("text", "")
    try:
        knobs = _knobs(form)
        text = _check_text(text)
        annotation = annotate(current_index(), text, **knobs)
    except AliasError as exc:  # a bad knob or an over-long text: say so on the page
        return _page(exc.status, text=text[:ANNOTATE_MAX_CHARS], error=exc.message)
    linked = sum(1 for m in annotation.mentions if m.status == "matched")
    return _page(text=text, knobs=knobs, annotation=annotation, segments=_segments(text, annotation), linked=linked)
