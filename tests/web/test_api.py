"""The HTTP contract, through Flask's test client; one test talks to the real server over HTTP."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from service.web.app import create_app
from service.web.contract import document as openapi_document
from tests.conftest import running_server


@pytest.fixture(scope="module")
def app(db_path: Path) -> Flask:
    return create_app({"DB": str(db_path), "TESTING": True, "MAX_BATCH": 50})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


DOC = openapi_document()


def validate(payload: Any, schema_name: str) -> None:
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": DOC["components"]}
    Draft202012Validator(schema).validate(payload)


def test_resolve_get_contract(client: FlaskClient) -> None:
    r = client.get("/v1/resolve", query_string={"q": "Abu Mohammed al-Jawlani"})
    assert r.status_code == 200
    body = r.get_json()
    validate(body, "ResolveResult")
    assert body["status"] == "matched" and body["match"]["id"] == "ahmed-al-sharaa"
    assert body["candidates"][0] == body["match"]


def test_resolve_knobs(client: FlaskClient) -> None:
    r = client.get("/v1/resolve", query_string={"q": "Jabhat al-Nusra", "type": "organization", "limit": 1,
                                                 "threshold": 95, "as_of": "2014-05-01"})
    body = r.get_json()
    assert body["match"]["current"] is True and len(body["candidates"]) == 1
    assert client.get("/v1/resolve?q=Damascus&type=person").get_json()["status"] == "unmatched"


def test_unmatched_and_ambiguous(client: FlaskClient) -> None:
    assert client.get("/v1/resolve?q=Hamas").get_json()["match"] is None
    body = client.get("/v1/resolve?q=Abu Mohammed").get_json()
    assert body["status"] == "ambiguous" and body["match"] is None


def test_batch_in_input_order(client: FlaskClient) -> None:
    r = client.post("/v1/resolve", json={"queries": ["Hama", {"q": "Jawlani", "type": "person"}, "Hamas"],
                                         "limit": 2})
    assert r.status_code == 200
    body = r.get_json()
    validate(body, "BatchResult")
    assert [x["query"] for x in body["results"]] == ["Hama", "Jawlani", "Hamas"]
    assert [x["status"] for x in body["results"]] == ["matched", "matched", "unmatched"]
    assert all(len(x["candidates"]) <= 2 for x in body["results"])


BAD_GETS = [
    ("missing q", "/v1/resolve", 400, "q is required"),
    ("empty q", "/v1/resolve?q=", 400, "q is required"),
    ("blank q", "/v1/resolve?q=%20%20", 400, "q is required"),
    ("overlong q", "/v1/resolve?q=" + "a" * 501, 400, "at most 500"),
    ("unknown type", "/v1/resolve?q=x&type=planet", 400, "unknown type"),
    ("bad limit", "/v1/resolve?q=x&limit=ten", 400, "limit must be a whole number"),
    ("limit zero", "/v1/resolve?q=x&limit=0", 400, "limit must be a whole number"),
    ("bad threshold", "/v1/resolve?q=x&threshold=high", 400, "threshold must be a number"),
    ("threshold over 100", "/v1/resolve?q=x&threshold=101", 400, "threshold must be a number"),
    ("bad date", "/v1/resolve?q=x&as_of=2024-13-01", 400, "as_of must be a date"),
    ("unknown entity", "/v1/entities/nobody", 404, "no entity with id 'nobody'"),
    ("unknown route", "/v2/resolve", 404, "no route"),
    ("bad list type", "/v1/entities?type=robot", 400, "unknown type"),
    ("bad cursor", "/v1/entities?cursor=-1", 400, "cursor"),
]


@pytest.mark.parametrize("url,status,message", [r[1:] for r in BAD_GETS], ids=[r[0] for r in BAD_GETS])
def test_bad_requests_get_json_errors(client: FlaskClient, url: str, status: int, message: str) -> None:
    r = client.get(url)
    assert r.status_code == status
    body = r.get_json()
    validate(body, "Error")
    assert message in body["error"]["message"]


BAD_POSTS = [
    ("not json", "nope", 400, "not valid JSON"),
    ("json but not an object", "[1, 2]", 400, "the body is JSON but a list, not an object"),
    ("no queries", "{}", 400, "the body has no queries"),
    ("query not a string", '{"queries": [3]}', 400, "queries[0] must be a name"),
    ("empty query", '{"queries": ["ok", ""]}', 400, "queries[1].q is required"),
    ("bad item knob", '{"queries": [{"q": "x", "limit": -1}]}', 400, "queries[0].limit"),
    ("too many", json.dumps({"queries": ["x"] * 51}), 413, "at most 50"),
]


@pytest.mark.parametrize("body,status,message", [r[1:] for r in BAD_POSTS], ids=[r[0] for r in BAD_POSTS])
def test_bad_batches(client: FlaskClient, body: str, status: int, message: str) -> None:
    r = client.post("/v1/resolve", data=body, content_type="application/json")
    assert r.status_code == status
    assert message in r.get_json()["error"]["message"]


def test_body_over_the_limit_is_413(db_path: Path) -> None:
    client = create_app({"DB": str(db_path), "MAX_CONTENT_LENGTH": 1000}).test_client()
    r = client.post("/v1/resolve", data=json.dumps({"queries": ["x" * 100] * 20}), content_type="application/json")
    assert r.status_code == 413 and r.get_json()["error"]["code"] == "payload_too_large"


def test_method_not_allowed_is_json(client: FlaskClient) -> None:
    r = client.delete("/v1/resolve")
    assert r.status_code == 405 and r.get_json()["error"]["code"] == "method_not_allowed"


def test_entity_with_aliases_etag_and_cache(client: FlaskClient) -> None:
    r = client.get("/v1/entities/hayat-tahrir-al-sham")
    assert r.status_code == 200
    body = r.get_json()
    validate(body, "Entity")
    nusra = next(a for a in body["aliases"] if a["text"] == "Jabhat al-Nusra")
    assert nusra["kind"] == "former" and nusra["valid_to"] == "2016-07-28"
    assert r.headers["ETag"] and "max-age" in r.headers["Cache-Control"]
    again = client.get("/v1/entities/hayat-tahrir-al-sham", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304


def test_an_entity_says_the_places_it_is_in_nearest_first(client: FlaskClient) -> None:
    mosque = client.get("/v1/entities/umayyad-mosque").get_json()
    validate(mosque, "Entity")
    assert mosque["within"] == ["damascus", "syria"]
    assert client.get("/v1/entities/hayat-tahrir-al-sham").get_json()["within"] == []


def test_retired_id_answers_with_successor(tmp_path: Path) -> None:
    from service.store.build import build
    from tests.conftest import write_entity

    write_entity(tmp_path / "s", "person", "a", "id: a\ntype: person\nname: A person\n")
    write_entity(tmp_path / "s", "person", "old-a", "id: old-a\ntype: person\nredirect: a\n")
    db = build(tmp_path / "s", tmp_path / "s.db").path
    body = create_app({"DB": str(db)}).test_client().get("/v1/entities/old-a").get_json()
    assert body["id"] == "a" and body["redirected_from"] == "old-a"


def test_entity_listing_and_prefix(client: FlaskClient) -> None:
    body = client.get("/v1/entities?type=location&limit=5").get_json()
    validate(body, "EntityList")
    assert len(body["items"]) == 5 and body["next_cursor"] == 5 and body["total"] > 5
    page2 = client.get(f"/v1/entities?type=location&limit=5&cursor={body['next_cursor']}").get_json()
    assert {i["id"] for i in page2["items"]}.isdisjoint({i["id"] for i in body["items"]})
    found = client.get("/v1/entities?prefix=Deir").get_json()
    assert [i["id"] for i in found["items"]] == ["deir-ez-zor"]
    arabic = client.get("/v1/entities", query_string={"prefix": "دمش"}).get_json()
    assert [i["id"] for i in arabic["items"]] == ["damascus"]


def test_meta_health_ready(client: FlaskClient) -> None:
    meta = client.get("/v1/meta")
    validate(meta.get_json(), "Meta")
    assert meta.headers["ETag"].strip('"') == meta.get_json()["content_hash"]
    validate(client.get("/healthz").get_json(), "Health")
    validate(client.get("/readyz").get_json(), "Ready")


def test_request_id_is_echoed_or_made(client: FlaskClient) -> None:
    assert client.get("/healthz", headers={"X-Request-Id": "abc-123"}).headers["X-Request-Id"] == "abc-123"
    made = client.get("/healthz", headers={"X-Request-Id": "bad id with spaces"}).headers["X-Request-Id"]
    assert made and made != "bad id with spaces"


def test_cors(db_path: Path) -> None:
    open_app = create_app({"DB": str(db_path)}).test_client()
    assert open_app.get("/healthz", headers={"Origin": "http://x.test"}).headers["Access-Control-Allow-Origin"] == "*"
    closed = create_app({"DB": str(db_path), "CORS_ORIGINS": "http://a.test"}).test_client()
    assert "Access-Control-Allow-Origin" not in closed.get("/healthz", headers={"Origin": "http://x.test"}).headers
    ok = closed.options("/v1/resolve", headers={"Origin": "http://a.test", "Access-Control-Request-Method": "POST"})
    assert ok.headers["Access-Control-Allow-Origin"] == "http://a.test"


def test_metrics_count_requests_and_outcomes(client: FlaskClient) -> None:
    client.get("/v1/resolve?q=Hama")
    text = client.get("/metrics").get_data(as_text=True)
    assert 'aliases_http_requests_total{method="GET",route="/v1/resolve",status="200"}' in text
    assert 'aliases_resolve_outcomes_total{status="matched"' in text
    assert "aliases_http_request_seconds_bucket" in text


def test_every_route_is_documented(db_path: Path) -> None:
    app = create_app({"DB": str(db_path), "ADMIN_TOKEN": "t"})  # admin routes exist only with a token
    documented = {path.replace("{entity_id}", "<entity_id>") for path in DOC["paths"]}
    # static files (the pages' own, Swagger UI's under /docs/assets/) are not API operations
    served = {rule.rule for rule in app.url_map.iter_rules() if not rule.endpoint.endswith("static")}
    assert served == documented
    methods: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.endswith("static"):
            path = rule.rule.replace("<entity_id>", "{entity_id}")
            methods.setdefault(path, set()).update(m.lower() for m in rule.methods - {"HEAD", "OPTIONS"})
    assert methods == {path: set(ops) for path, ops in DOC["paths"].items()}


def test_docs_page(client: FlaskClient) -> None:
    r = client.get("/docs")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and '"url": "/openapi.json"' in html and '"validatorUrl": null' in html
    assert "http://" not in html and "https://" not in html  # nothing from other sites
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert f"/docs/assets/{asset}" in html
        assert client.get(f"/docs/assets/{asset}").status_code == 200


@pytest.mark.parametrize("q", ["\x00", "🙂" * 100, "\u202eevil", "' OR 1=1 --", "<script>", "a" * 500, "%ff"],
                         ids=["nul", "emoji", "bidi override", "sql", "html", "at the limit", "percent"])
def test_hostile_queries_never_5xx(client: FlaskClient, q: str) -> None:
    r = client.get("/v1/resolve", query_string={"q": q})
    assert r.status_code == 200 and r.is_json


def test_real_server_over_http(db_path: Path) -> None:
    with running_server(db_path, "--workers", "1") as server:
        request = urllib.request.Request(f"{server.url}/v1/resolve?q=Dayr%20az-Zawr",
                                         headers={"X-Request-Id": "t-42"})
        body = json.dumps({"queries": ["Private Name Zyx"]}).encode()
        post = urllib.request.Request(f"{server.url}/v1/resolve", data=body,
                                      headers={"Content-Type": "application/json"})
        urllib.request.urlopen(post, timeout=5).read()
        with urllib.request.urlopen(request, timeout=5) as r:
            body = json.loads(r.read())
            assert body["match"]["id"] == "deir-ez-zor" and r.headers["X-Request-Id"] == "t-42"
    assert server.proc.returncode == 0, server.log[-2000:]
    # the first line says where to send requests: the server's own start-up lines are below its log level
    assert server.log.splitlines()[0] == (f"serving {db_path} at {server.url}/ with 1 worker(s); Ctrl-C stops"), \
        server.log[:500]
    assert "request_id=t-42 GET /v1/resolve 200" in server.log
    # logs carry method, path, status, time and request id: never a query string or a body
    assert "Dayr" not in server.log and "Private Name" not in server.log
