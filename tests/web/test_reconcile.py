"""The W3C Reconciliation API, checked against the specification's own schemas and examples, and with a real client.

tests/data/reconciliation-api holds the specification's JSON Schemas and example payloads (0.2 and 1.0-draft),
unchanged: every valid example batch must be accepted, every invalid one refused with a 400, and every kind of
response must validate against the schema the specification gives for it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from service.web.app import create_app
from tests.conftest import DATA, running_server, write_entity

SPEC = DATA / "reconciliation-api"
VERSIONS = ("0.2", "1.0-draft")
MAX_BATCH = 20


def _registry(version: str) -> Registry:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in (SPEC / version / "schemas").glob("*.json")]
    return Registry().with_resources((d["$id"], Resource.from_contents(d, default_specification=DRAFT7))
                                     for d in docs)


REGISTRIES = {v: _registry(v) for v in VERSIONS}


def check(version: str, schema_name: str, payload: Any) -> None:
    schema = json.loads((SPEC / version / "schemas" / f"{schema_name}.json").read_text(encoding="utf-8"))
    Draft7Validator(schema, registry=REGISTRIES[version]).validate(payload)


def examples(version: str, kind: str, validity: str) -> list[Path]:
    return sorted((SPEC / version / "examples" / kind / validity).glob("*.json"))


@pytest.fixture(scope="module")
def app(db_path: Path) -> Flask:
    return create_app({"DB": str(db_path), "TESTING": True, "MAX_BATCH": MAX_BATCH,
                       "PUBLIC_URL": "https://aliases.example.org"})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def v02(client: FlaskClient, batch: dict[str, Any]) -> dict[str, Any]:
    r = client.post("/reconcile", data={"queries": json.dumps(batch)})
    assert r.status_code == 200, r.get_json()
    body: dict[str, Any] = r.get_json()
    check("0.2", "reconciliation-result-batch", body)
    return body


def v1(client: FlaskClient, queries: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    r = client.post("/reconcile/draft/match", json={"queries": queries})
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    check("1.0-draft", "reconciliation-result-batch", body)
    return [res["candidates"] for res in body["results"]]


def name_query(text: str, **extra: Any) -> dict[str, Any]:
    return {"conditions": [{"matchType": "name", "propertyValue": text}], **extra}


# ---- the conformance data is what it claims to be: the schemas tell its valid examples from its invalid ones ----
def test_schemas_tell_the_examples_apart() -> None:
    for version in VERSIONS:
        for kind in ("reconciliation-query-batch", "reconciliation-result-batch"):
            for path in examples(version, kind, "valid"):
                check(version, kind, json.loads(path.read_text(encoding="utf-8")))
            for path in examples(version, kind, "invalid"):
                with pytest.raises(Exception):  # noqa: B017 - any validation error
                    check(version, kind, json.loads(path.read_text(encoding="utf-8")))


# ---- manifests ----
def test_manifest_v02_follows_the_schema(client: FlaskClient) -> None:
    body = client.get("/reconcile").get_json()
    check("0.2", "manifest", body)
    assert body["versions"] == ["0.2"]
    assert body["view"]["url"] == "https://aliases.example.org/entities/{{id}}"
    assert body["preview"]["url"] == "https://aliases.example.org/reconcile/preview?id={{id}}"
    assert body["batchSize"] == MAX_BATCH
    assert [t["id"] for t in body["defaultTypes"]] == ["person", "organization", "location"]
    assert body["suggest"]["entity"] == {"service_url": "https://aliases.example.org",
                                         "service_path": "/reconcile/suggest/entity"}


def test_manifest_v1_follows_the_schema(client: FlaskClient) -> None:
    body = client.get("/reconcile/draft").get_json()
    check("1.0-draft", "manifest", body)
    assert body["versions"] == ["1.0-draft"] and body["standardizedScore"] is True
    assert body["view"]["url"] == "https://aliases.example.org/entities/{id}"


def test_manifest_over_jsonp(client: FlaskClient) -> None:
    r = client.get("/reconcile?callback=jQuery123_456")
    text = r.get_data(as_text=True)
    assert r.status_code == 200 and r.mimetype == "application/javascript"
    assert text.startswith("/**/jQuery123_456(") and text.endswith(");")
    check("0.2", "manifest", json.loads(text[len("/**/jQuery123_456("):-2]))


@pytest.mark.parametrize("callback", ["alert(1)//", "a b", "<script>", "1abc", "x" * 101])
def test_jsonp_callback_must_be_an_identifier(client: FlaskClient, callback: str) -> None:
    r = client.get("/reconcile", query_string={"callback": callback})
    assert r.status_code == 400 and "callback" in r.get_json()["message"]


# ---- the specification's example batches ----
@pytest.mark.parametrize("path", examples("0.2", "reconciliation-query-batch", "valid"), ids=lambda p: p.stem)
def test_v02_valid_examples_are_accepted(client: FlaskClient, path: Path) -> None:
    batch = json.loads(path.read_text(encoding="utf-8"))
    for r in (client.post("/reconcile", data={"queries": json.dumps(batch)}),
              client.get("/reconcile", query_string={"queries": json.dumps(batch)})):
        assert r.status_code == 200, r.get_json()
        check("0.2", "reconciliation-result-batch", r.get_json())
        assert set(r.get_json()) == set(batch)


@pytest.mark.parametrize("path", examples("0.2", "reconciliation-query-batch", "invalid"), ids=lambda p: p.stem)
def test_v02_invalid_examples_are_refused(client: FlaskClient, path: Path) -> None:
    r = client.post("/reconcile", data={"queries": path.read_text(encoding="utf-8")})
    assert r.status_code == 400
    body = r.get_json()
    assert body["status"] == "error" and "reconciliation API 0.2" in body["message"]
    assert body["error"]["code"] == "bad_request"


@pytest.mark.parametrize("path", examples("1.0-draft", "reconciliation-query-batch", "valid"), ids=lambda p: p.stem)
def test_v1_valid_examples_are_accepted(client: FlaskClient, path: Path) -> None:
    batch = json.loads(path.read_text(encoding="utf-8"))
    r = client.post("/reconcile/draft/match", json=batch)
    assert r.status_code == 200, r.get_json()
    check("1.0-draft", "reconciliation-result-batch", r.get_json())
    assert len(r.get_json()["results"]) == len(batch["queries"])


@pytest.mark.parametrize("path", examples("1.0-draft", "reconciliation-query-batch", "invalid"),
                         ids=lambda p: p.stem)
def test_v1_invalid_examples_are_refused(client: FlaskClient, path: Path) -> None:
    r = client.post("/reconcile/draft/match", data=path.read_text(encoding="utf-8"),
                    content_type="application/json")
    assert r.status_code == 400
    assert r.get_json()["status"] == "error" and "1.0-draft" in r.get_json()["message"]


@pytest.mark.parametrize("body,message", [
    ({}, "queries"),
    ({"queries": "{not json"}, "not valid JSON"),
    ({"queries": "[]"}, "reconciliation API 0.2"),
    ({"queries": json.dumps({"q0": {"query": 42}})}, "at q0/query"),
    ({"queries": json.dumps({"q0": {"query": "x", "limit": 0}})}, "limit"),
    ({"queries": json.dumps({"q0": {"query": "x" * 501}})}, "at most 500"),
    ({"queries": json.dumps({"\n0": {"properties": None}})}, "has a line break"),
], ids=["no field", "bad json", "array", "query not text", "limit 0", "too long", "key with a line break"])
def test_v02_bad_requests(client: FlaskClient, body: dict[str, str], message: str) -> None:
    r = client.post("/reconcile", data=body)
    assert r.status_code == 400 and message in r.get_json()["message"], r.get_json()


def test_v1_needs_json_and_one_name(client: FlaskClient) -> None:
    r = client.post("/reconcile/draft/match", data="queries=x")
    assert r.status_code == 400 and "Content-Type: application/json" in r.get_json()["message"]
    two = {"queries": [{"conditions": [{"matchType": "name", "propertyValue": ["Homs", "Hama"]}]}]}
    r = client.post("/reconcile/draft/match", json=two)
    assert r.status_code == 400 and "one name per query" in r.get_json()["message"]
    assert client.get("/reconcile/draft/match").status_code == 405


def test_batch_at_and_past_the_limit(client: FlaskClient) -> None:
    at = {f"q{i}": {"query": "Homs"} for i in range(MAX_BATCH)}
    assert client.post("/reconcile", data={"queries": json.dumps(at)}).status_code == 200
    past = {**at, "extra": {"query": "Hama"}}
    r = client.post("/reconcile", data={"queries": json.dumps(past)})
    assert r.status_code == 413 and f"at most {MAX_BATCH}" in r.get_json()["message"]
    r = client.post("/reconcile/draft/match", json={"queries": [name_query("Homs")] * (MAX_BATCH + 1)})
    assert r.status_code == 413


# ---- what the answers say ----
def test_match_is_true_only_for_a_matched_decision(client: FlaskClient) -> None:
    body = v02(client, {"a": {"query": "Abu Muhammad al-Golani"}, "b": {"query": "Abu Mohammed"},
                        "c": {"query": "Damascus Gate"}})
    top = body["a"]["result"][0]
    assert top["id"] == "ahmed-al-sharaa" and top["match"] is True and top["score"] >= 90
    assert [c["match"] for c in body["a"]["result"][1:]] == [False] * (len(body["a"]["result"]) - 1)
    assert body["b"]["result"] and not any(c["match"] for c in body["b"]["result"])  # weak alias: ambiguous
    assert not any(c["match"] for c in body["c"]["result"])  # below threshold


def test_candidate_fields_and_features(client: FlaskClient) -> None:
    top = v02(client, {"q": {"query": "Dayr az-Zawr"}})["q"]["result"][0]
    assert top["type"] == [{"id": "location", "name": "Location"}]
    assert top["alias"] == "Dayr az-Zawr" and top["method"] == "exact"
    assert {"id": "method_exact", "value": True} in top["features"]
    assert {"id": "name_score", "value": 100.0} in top["features"]
    draft = v1(client, [name_query("Дамаск")])[0][0]
    assert draft["id"] == "damascus" and all("name" in f for f in draft["features"])
    check("1.0-draft", "reconciliation-result-batch", {"results": [{"candidates": [draft]}]})


def test_types_filter_and_unknown_types(client: FlaskClient) -> None:
    body = v02(client, {"p": {"query": "Assad", "type": "location"}, "u": {"query": "Homs", "type": "Q515"},
                        "l": {"query": "Homs", "type": ["person", "location"]},
                        "s": {"query": "Homs", "type": "person", "type_strict": "should"},
                        "all": {"query": "Homs", "type": ["person", "location"], "type_strict": "all"}})
    assert all(c["type"][0]["id"] == "location" for c in body["p"]["result"])
    assert body["u"]["result"] == [] and body["all"]["result"] == []
    assert body["l"]["result"][0]["id"] == "homs" and body["s"]["result"][0]["id"] == "homs"


def test_limit_is_honoured(client: FlaskClient) -> None:
    body = v02(client, {"q": {"query": "al-Assad", "limit": 2}})
    assert 1 <= len(body["q"]["result"]) <= 2


def test_properties_confirm_contradict_or_find(client: FlaskClient, app: Flask) -> None:
    index = app.extensions["aliases_live"].current
    qid = index.entities["bashar-al-assad"].external_ids["wikidata"]
    body = v02(client, {
        "agree": {"query": "Bashar al-Assad", "properties": [{"pid": "wikidata", "v": qid}]},
        "uri": {"query": "Bashar al-Assad",
                "properties": [{"pid": "wikidata", "v": f"http://www.wikidata.org/entity/{qid}"}]},
        "contradict": {"query": "Bashar al-Assad", "properties": [{"pid": "wikidata", "v": "Q1"}]},
        "only": {"properties": [{"pid": "wikidata", "v": qid}]},
        "unknown": {"properties": [{"pid": "uid", "v": "27eb892afbb2"}]},
    })
    assert body["agree"]["result"][0]["match"] is True
    assert {"id": "property_wikidata", "value": True} in body["agree"]["result"][0]["features"]
    assert body["uri"]["result"][0]["match"] is True
    top = body["contradict"]["result"][0]
    assert top["id"] == "bashar-al-assad" and top["match"] is False
    assert {"id": "property_wikidata", "value": False} in top["features"]
    assert [c["id"] for c in body["only"]["result"]] == ["bashar-al-assad"]
    assert body["only"]["result"][0]["match"] is True
    assert body["unknown"]["result"] == []


def test_v1_required_property_and_id_conditions(client: FlaskClient, app: Flask) -> None:
    qid = app.extensions["aliases_live"].current.entities["damascus"].external_ids["wikidata"]
    required_wrong = name_query("Damascus")
    required_wrong["conditions"].append({"matchType": "property", "propertyId": "wikidata", "propertyValue": "Q1",
                                         "required": True})
    none_of = name_query("Damascus")
    none_of["conditions"].append({"matchType": "property", "propertyId": "wikidata", "propertyValue": [qid],
                                  "matchQuantifier": "none"})
    by_id = {"conditions": [{"matchType": "id", "propertyValue": "damascus"}]}
    missing = {"conditions": [{"matchType": "id", "propertyValue": "no-such-entity"}]}
    results = v1(client, [required_wrong, none_of, by_id, missing])
    assert results[0] == []
    assert results[1][0]["id"] == "damascus" and results[1][0]["match"] is False
    assert results[2][0]["id"] == "damascus" and results[2][0]["match"] is True
    assert results[3] == []


def test_retired_id_condition_answers_with_successor(tmp_path: Path) -> None:
    from service.store.build import build

    write_entity(tmp_path / "s", "person", "a", "id: a\ntype: person\nname: A person\n")
    write_entity(tmp_path / "s", "person", "old-a", "id: old-a\ntype: person\nredirect: a\n")
    db = build(tmp_path / "s", tmp_path / "s.db").path
    client = create_app({"DB": str(db)}).test_client()
    r = client.post("/reconcile/draft/match", json={"queries": [{"conditions": [
        {"matchType": "id", "propertyValue": "old-a"}]}]})
    assert r.get_json()["results"][0]["candidates"][0]["id"] == "a"
    assert "A person" in client.get("/reconcile/preview?id=old-a").get_data(as_text=True)


# ---- suggest and preview ----
@pytest.mark.parametrize("base,version", [("/reconcile", "0.2"), ("/reconcile/draft", "1.0-draft")])
def test_suggest_follows_the_schemas(client: FlaskClient, base: str, version: str) -> None:
    entities = client.get(f"{base}/suggest/entity?prefix=dam").get_json()
    check(version, "suggest-entities-response", entities)
    assert entities["result"][0]["id"] == "damascus"
    assert entities["result"][0]["notable"] == [{"id": "location", "name": "Location"}]
    types = client.get(f"{base}/suggest/type?prefix=Per").get_json()
    check(version, "suggest-types-response", types)
    assert types["result"] == [{"id": "person", "name": "Person"}]
    props = client.get(f"{base}/suggest/property?prefix=wiki").get_json()
    check(version, "suggest-properties-response", props)
    assert [p["id"] for p in props["result"]] == ["wikidata"]


def test_suggest_across_scripts_type_and_paging(client: FlaskClient) -> None:
    assert client.get("/reconcile/suggest/entity?prefix=دمش").get_json()["result"][0]["id"] == "damascus"
    people = client.get("/reconcile/suggest/entity?prefix=a&type=person&limit=50").get_json()["result"]
    assert people and all(p["notable"][0]["id"] == "person" for p in people)
    first = client.get("/reconcile/suggest/entity?prefix=a&limit=2").get_json()["result"]
    second = client.get("/reconcile/suggest/entity?prefix=a&limit=2&cursor=2").get_json()["result"]
    assert len(first) == 2 and not {e["id"] for e in first} & {e["id"] for e in second}
    assert client.get("/reconcile/suggest/entity?prefix=dam&type=Q515").get_json() == {"result": []}


@pytest.mark.parametrize("url", ["/reconcile/suggest/entity", "/reconcile/suggest/entity?prefix=%20",
                                 "/reconcile/suggest/entity?prefix=a&limit=0", "/reconcile/preview"])
def test_suggest_and_preview_bad_requests(client: FlaskClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 400 and r.get_json()["status"] == "error"


def test_preview_card(client: FlaskClient) -> None:
    r = client.get("/reconcile/preview?id=damascus")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and r.mimetype == "text/html"
    assert "Damascus" in html and "Capital of Syria" in html and "<bdi>دمشق</bdi>" in html
    assert 'href="https://aliases.example.org/entities/damascus"' in html
    assert client.get("/reconcile/preview?id=nope").status_code == 404


def test_preview_escapes_store_text(tmp_path: Path) -> None:
    from service.store.build import build

    write_entity(tmp_path / "s", "person", "x", "id: x\ntype: person\nname: <script>alert(1)</script>\n"
                 "description: a & b\n")
    db = build(tmp_path / "s", tmp_path / "s.db").path
    html = create_app({"DB": str(db)}).test_client().get("/reconcile/preview?id=x").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a &amp; b" in html


def test_cors_for_browser_clients(client: FlaskClient) -> None:
    r = client.post("/reconcile/draft/match", json={"queries": [name_query("Homs")]},
                    headers={"Origin": "https://reconciliation-api.github.io"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    pre = client.options("/reconcile/draft/match", headers={
        "Origin": "https://reconciliation-api.github.io", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert pre.status_code == 200 and "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in pre.headers["Access-Control-Allow-Headers"]
    r = client.get("/reconcile/suggest/entity?prefix=dam", headers={"Origin": "http://localhost:3333"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"


# ---- a real client from PyPI, over HTTP ----
def test_reconciler_client_reconciles_a_column(db_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    reconciler = pytest.importorskip("reconciler")
    column = pd.Series(["Dayr az-Zawr", "Abu Muhammad al-Golani", "Hayat Tahrir al-Sham", "Дамаск",
                        "Bachar el-Assad", "Lataquié"])
    with running_server(db_path, "--workers", "1") as server:
        frame = reconciler.reconcile(column, top_res=1, reconciliation_endpoint=f"{server.url}/reconcile")
        places = reconciler.reconcile(pd.Series(["Hims", "Tartous"]), type_id="location", top_res=1,
                                      reconciliation_endpoint=f"{server.url}/reconcile")
    got = dict(zip(frame["input_value"], frame["id"], strict=True))
    assert got == {"Dayr az-Zawr": "deir-ez-zor", "Abu Muhammad al-Golani": "ahmed-al-sharaa",
                   "Hayat Tahrir al-Sham": "hayat-tahrir-al-sham", "Дамаск": "damascus",
                   "Bachar el-Assad": "bashar-al-assad", "Lataquié": "latakia"}
    assert frame["match"].all()
    assert set(frame["type_id"]) == {"location", "person", "organization"}
    assert list(places["id"]) == ["homs", "tartus"] and set(places["type_id"]) == {"location"}
