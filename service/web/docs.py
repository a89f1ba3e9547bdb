"""/docs: the API reference, rendered by Swagger UI from /openapi.json, the one description of the API.

Swagger UI's files come from the flask-swagger-ui package, which bundles them (only its files are used, not its
blueprint), and are served from /docs/assets/: the page loads nothing from other sites. The validator badge,
which would call an outside service, is off.
"""

from __future__ import annotations

import json
from pathlib import Path

import flask_swagger_ui
from flask import Blueprint, Response, url_for
from markupsafe import escape

SWAGGER_UI = Path(flask_swagger_ui.__file__).resolve().parent / "dist"

bp = Blueprint("docs", __name__, static_folder=str(SWAGGER_UI), static_url_path="/docs/assets")

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{css}">
<link rel="icon" type="image/png" href="{icon}">
<style>body{{margin:0}} .swagger-ui .topbar{{display:none}}</style>
</head>
<body>
<noscript><p style="font:16px system-ui;margin:1em">This reference needs JavaScript; the API's description is
<a href="{spec}">{spec}</a> (OpenAPI 3.1).</p></noscript>
<div id="swagger-ui"></div>
<script src="{js}"></script>
<script>
window.ui = SwaggerUIBundle({config});
</script>
</body>
</html>
"""


@bp.get("/docs")
def docs() -> Response:
    """The API reference: every operation, its parameters, request body and answers, each with an example."""
    from service.web.api import openapi_document

    spec = url_for("api.openapi")
    config = {"url": spec, "dom_id": "#swagger-ui", "validatorUrl": None, "deepLinking": True,
              "defaultModelsExpandDepth": 0, "docExpansion": "list", "tryItOutEnabled": False}
    html = PAGE.format(title=escape(openapi_document()["info"]["title"]), spec=spec,
                       css=url_for("docs.static", filename="swagger-ui.css"),
                       icon=url_for("docs.static", filename="favicon-32x32.png"),
                       js=url_for("docs.static", filename="swagger-ui-bundle.js"),
                       config=json.dumps(config).replace("</", "<\\/"))
    return Response(html, mimetype="text/html")
