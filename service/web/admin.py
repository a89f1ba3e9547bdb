"""POST /admin/reload: registered by the app factory only when ADMIN_TOKEN is set."""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, jsonify, request

from service.web.context import error_response
from service.web.live import LiveIndex

admin_bp = Blueprint("admin", __name__)


@admin_bp.post("/admin/reload")
def admin_reload() -> tuple[Response, int]:
    """Re-open the database; answer what happened. Under `aliases serve` the other workers follow by watching the
    database path (WATCH_SECONDS)."""
    token = str(current_app.config["ADMIN_TOKEN"])
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return error_response("unauthorized", "send the admin token as 'Authorization: Bearer TOKEN'", 401)
    live: LiveIndex = current_app.extensions["aliases_live"]
    outcome = live.reload()
    current_app.extensions["aliases_metrics"].observe_reload(outcome.status)
    if outcome.status == "refused":
        body = {"error": {"code": "reload_refused", "message": outcome.message}, "reload": outcome.to_dict()}
        return jsonify(body), 503
    return jsonify({"reload": outcome.to_dict()}), 200
