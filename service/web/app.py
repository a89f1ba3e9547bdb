"""The Flask application factory: configuration in, an app out. Nothing is opened at import time.

Configuration, lowest precedence first: the defaults of service.web.settings, environment variables prefixed
ALIASES_ (ALIASES_DB=..., ALIASES_MAX_BATCH=500, each parsed by its declared type), then the mapping passed to
create_app (checked by the same types). A bad value raises SettingsError: the service does not start.
The index is loaded once per app (per worker) into a LiveIndex, app.extensions["aliases_live"]; each request
takes the index serving at its start (current_index()) and answers from it alone, so a reload never mixes two
store versions in one answer. This module is the HTTP edge: it translates library errors to JSON, it decides
nothing.
"""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, g, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import HTTPException

from service.curation.misslog import MissLog
from service.errors import AliasError, BadRequest, Overloaded
from service.params import loads_strict
from service.store.build import ensure_database
from service.web import settings
from service.web.context import error_response
from service.web.contract import check_request
from service.web.live import LiveIndex
from service.web.metrics import Metrics

DEFAULTS: dict[str, Any] = settings.defaults()  # declared with their types in service.web.settings
ERROR_CODES = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
               413: "payload_too_large", 415: "unsupported_media_type", 500: "internal_error"}
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
log = logging.getLogger("service")


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON with strict parsing (service.params): request.get_json() refuses what loads_strict refuses."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return loads_strict(s)
        except BadRequest as exc:
            raise ValueError(exc.message) from None  # Flask's 400, or None under get_json(silent=True)


class RequestIdFilter(logging.Filter):
    """Gives every record of the service logger the id of the request it was logged in."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            record.request_id = g.get("request_id", "-")
        except RuntimeError:  # outside a request
            record.request_id = "-"
        return True


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.json = StrictJSONProvider(app)
    app.config.update(DEFAULTS)
    app.config.update(settings.from_environment(os.environ))  # each by its declared type; a bad one raises
    if config:
        app.config.update(settings.checked(config))
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    db = app.config["DB"] or ensure_database(app.config["STORE"], app.config["EMBEDDED_DB"])
    live = app.extensions["aliases_live"] = LiveIndex(db, keep_dir=app.config["ACCEPTED_DIR"],
                                                         answer_cache_bytes=app.config["ANSWER_CACHE_BYTES"])
    metrics = app.extensions["aliases_metrics"] = Metrics()
    metrics.serving(live.current.content_hash)
    if app.config["WATCH_SECONDS"]:
        live.watch(float(app.config["WATCH_SECONDS"]), on_outcome=metrics.observe_reload)
    miss_log = app.config["MISS_LOG"]
    app.extensions["aliases_misslog"] = (MissLog(miss_log, max_rows=int(app.config["MISS_LOG_MAX_ROWS"]))
                                         if miss_log else None)

    if not any(isinstance(f, RequestIdFilter) for f in log.filters):
        log.addFilter(RequestIdFilter())

    from service.web.annotate import bp as annotate_bp
    from service.web.api import bp
    from service.web.docs import bp as docs_bp
    from service.web.pages import bp as pages_bp
    from service.web.reconcile import bp as reconcile_bp

    app.register_blueprint(bp)
    app.register_blueprint(docs_bp)
    app.register_blueprint(reconcile_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(annotate_bp)
    if app.config["ADMIN_TOKEN"]:
        from service.web.admin import admin_bp

        app.register_blueprint(admin_bp)
    _register_edges(app)
    return app


def _register_edges(app: Flask) -> None:
    @app.before_request
    def start() -> None:
        given = request.headers.get("X-Request-Id", "")
        g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        g.started = time.perf_counter()
        g.answers = app.extensions["aliases_live"].serving  # this request answers from this store alone
        g.index = g.answers.index
        if request.url_rule is not None:  # the document's declared parameters, enforced (service.web.contract)
            check_request(request.url_rule.rule, request.method, request.args,
                          request.form if request.mimetype == "application/x-www-form-urlencoded" else {})

    @app.after_request
    def finish(response: Response) -> Response:
        response.headers["X-Request-Id"] = g.get("request_id", "-")
        if "index" in g:
            response.headers["X-Store-Hash"] = g.index.content_hash
            app.extensions["aliases_metrics"].serving(g.index.content_hash)
        _cors(app, response)
        elapsed = time.perf_counter() - g.get("started", time.perf_counter())
        route = request.url_rule.rule if request.url_rule else "unmatched"
        app.extensions["aliases_metrics"].observe_request(route, request.method, response.status_code, elapsed)
        log.info("%s %s %s %.1fms", request.method, request.path, response.status_code, elapsed * 1000)
        return response

    @app.errorhandler(AliasError)
    def library_error(exc: AliasError) -> tuple[Response, int]:
        response, status = error_response(exc.code, exc.message, exc.status)
        if isinstance(exc, Overloaded):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response, status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response, int]:
        status = exc.code or 500
        message = {
            404: f"no route {request.path}: see /openapi.json for the routes",
            405: f"{request.method} is not allowed on {request.path}",
            413: f"the request body is over {app.config['MAX_CONTENT_LENGTH']} bytes",
        }.get(status, exc.description or "bad request")
        response, status = error_response(ERROR_CODES.get(status, "http_error"), message, status)
        for name, value in exc.get_headers():  # e.g. Allow on a 405
            if name.lower() != "content-type":
                response.headers[name] = value
        return response, status

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> tuple[Response, int]:
        log.exception("unexpected error")
        return error_response("internal_error", "an unexpected error occurred; it has been logged", 500)


def _cors(app: Flask, response: Response) -> None:
    allowed = str(app.config["CORS_ORIGINS"] or "")
    if not allowed:
        return
    origins = {o.strip() for o in allowed.split(",")}
    if "*" not in origins:
        # the answer depends on the Origin (with it or without), and it is cacheable (Cache-Control: public)
        response.vary.add("Origin")
    origin = request.headers.get("Origin")
    if not origin:
        return
    if "*" in origins:
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif origin in origins:
        response.headers["Access-Control-Allow-Origin"] = origin
    else:
        return
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "Content-Type, X-Request-Id, If-None-Match"
    response.headers["Access-Control-Expose-Headers"] = "ETag, X-Request-Id, X-Store-Hash, X-Rows, Retry-After"
