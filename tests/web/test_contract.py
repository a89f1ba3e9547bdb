"""One source of truth for query parameters (issue 17, item 14): what /openapi.json declares is what the server
enforces (service.web.contract), and the document lists only the operations that exist."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from service.web.app import create_app


@pytest.fixture(scope="module")
def client(db_path: Path) -> FlaskClient:
    return create_app({"DB": str(db_path)}).test_client()


@pytest.mark.parametrize("url,message", [
    ("/v1/entities?type=robot", "unknown type 'robot'"),
    ("/?type=robot", "unknown type"),
    ("/reconcile/suggest/type?prefix=Dam&callback=1x", "callback must match"),
    ("/reconcile/suggest/entity?prefix=Dam&start=2000000000", "start must be a whole number from 0 to 1000000000"),
    ("/reconcile/preview?id=%20%20", "id is required"),
    ("/v1/resolve?q=Homs&limit=101", "limit must be a whole number from 1 to 100"),
    ("/v1/entities?limit=501", "limit must be a whole number from 1 to 500"),
], ids=["entities-type", "page-type", "callback", "start", "blank-id", "limit", "list-limit"])
def test_declared_constraints_are_enforced(client: FlaskClient, url: str, message: str) -> None:
    r = client.get(url)
    assert r.status_code == 400
    assert message.encode() in r.data


@pytest.mark.parametrize("url", ["/v1/entities?type=", "/?type=", "/reconcile/suggest/type?prefix=Dam&callback="],
                         ids=["empty-type", "empty-page-type", "empty-callback"])
def test_empty_values_mean_unset_as_documented(client: FlaskClient, url: str) -> None:
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("token,listed", [(None, False), ("s3cret-token", True)], ids=["no-token", "token"])
def test_the_document_lists_only_routes_that_exist(db_path: Path, token: str | None, listed: bool) -> None:
    config = {"DB": str(db_path), **({"ADMIN_TOKEN": token} if token else {})}
    doc = create_app(config).test_client().get("/openapi.json").get_json()
    assert ("/admin/reload" in doc["paths"]) is listed
    assert "/v1/resolve" in doc["paths"]


def test_the_document_carries_the_batch_limit(db_path: Path) -> None:
    doc = create_app({"DB": str(db_path), "MAX_BATCH": 7}).test_client().get("/openapi.json").get_json()
    assert doc["components"]["schemas"]["BatchRequest"]["properties"]["queries"]["maxItems"] == 7
