"""Every documented limit, at the limit (accepted) and one past it (refused with its status and a message that
says what to do): query length, batch size, request body size, CSV body size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from service.match.matcher import MAX_QUERY_LENGTH
from service.web.app import create_app

MAX_BATCH = 30
MAX_BODY = 4000
MAX_CSV = 3000


@pytest.fixture(scope="module")
def client(db_path: Path) -> FlaskClient:
    return create_app({"DB": str(db_path), "MAX_BATCH": MAX_BATCH, "MAX_CONTENT_LENGTH": MAX_BODY,
                       "MAX_CSV_BYTES": MAX_CSV}).test_client()


def long_name(n: int) -> str:
    return ("Deir ez-Zor " * 100)[: n - 1] + "x"


def test_long_name_helper() -> None:
    assert len(long_name(MAX_QUERY_LENGTH)) == MAX_QUERY_LENGTH


@pytest.mark.parametrize("n,status", [(MAX_QUERY_LENGTH, 200), (MAX_QUERY_LENGTH + 1, 400)], ids=["at", "past"])
def test_query_length(client: FlaskClient, n: int, status: int) -> None:
    q = long_name(n)
    r = client.get("/v1/resolve", query_string={"q": q})
    assert r.status_code == status
    r = client.post("/v1/resolve", json={"queries": [q]})
    assert r.status_code == status
    r = client.post("/reconcile", data={"queries": json.dumps({"q0": {"query": q}})})
    assert r.status_code == status
    r = client.get("/v1/entities", query_string={"prefix": q})
    assert r.status_code == status
    r = client.get("/reconcile/suggest/entity", query_string={"prefix": q})
    assert r.status_code == status
    r = client.get("/", query_string={"q": q})
    assert r.status_code == status
    if status == 400:
        assert f"at most {MAX_QUERY_LENGTH}" in client.get("/v1/resolve", query_string={"q": q}).get_json()[
            "error"]["message"]


@pytest.mark.parametrize("n,status", [(MAX_BATCH, 200), (MAX_BATCH + 1, 413)], ids=["at", "past"])
def test_batch_size(client: FlaskClient, n: int, status: int) -> None:
    r = client.post("/v1/resolve", json={"queries": ["Homs"] * n})
    assert r.status_code == status
    if status == 413:
        assert f"at most {MAX_BATCH}" in r.get_json()["error"]["message"]
    r = client.post("/reconcile", data={"queries": json.dumps({f"q{i}": {"query": "Homs"} for i in range(n)})})
    assert r.status_code == status
    r = client.post("/reconcile/draft/match", json={"queries": [
        {"conditions": [{"matchType": "name", "propertyValue": "Homs"}]}] * n})
    assert r.status_code == status


def body_of(size: int) -> bytes:
    """A valid batch request of exactly `size` bytes."""
    head, tail = b'{"queries": ["Homs"], "pad": "', b'"}'
    return head + b"x" * (size - len(head) - len(tail)) + tail


@pytest.mark.parametrize("size,status", [(MAX_BODY, 200), (MAX_BODY + 1, 413)], ids=["at", "past"])
def test_body_size(client: FlaskClient, size: int, status: int) -> None:
    body = body_of(size)
    assert len(body) == size
    r = client.post("/v1/resolve", data=body, content_type="application/json")
    assert r.status_code == status
    if status == 413:
        assert r.get_json()["error"]["code"] == "payload_too_large"


def csv_of(size: int) -> bytes:
    head = b"name\n"
    rows = b"Hama\n" * ((size - len(head)) // 5)
    pad = size - len(head) - len(rows)
    return head + rows[:-1] + b"x" * pad + b"\n" if pad else head + rows


@pytest.mark.parametrize("size,status", [(MAX_CSV, 200), (MAX_CSV + 1, 413)], ids=["at", "past"])
def test_csv_size(client: FlaskClient, size: int, status: int) -> None:
    body = csv_of(size)
    assert len(body) == size
    r = client.post("/v1/normalize?column=name", data=body, content_type="text/csv")
    assert r.status_code == status
    if status == 413:
        assert f"at most {MAX_CSV}" in r.get_json()["error"]["message"] and "aliases normalize" in r.get_json()[
            "error"]["message"]


def test_405_names_the_allowed_methods(client: FlaskClient) -> None:
    r = client.delete("/v1/resolve")
    assert r.status_code == 405 and set(r.headers["Allow"].split(", ")) >= {"GET", "POST"}
    r = client.get("/reconcile/draft/match")
    assert r.status_code == 405 and "POST" in r.headers["Allow"]


@pytest.mark.parametrize("delimiter", ["ab", '"', "a"])
def test_bad_delimiter_is_400(client: FlaskClient, delimiter: str) -> None:
    r = client.post("/v1/normalize", query_string={"column": "name", "delimiter": delimiter}, data=b"name\nHama\n",
                    content_type="text/csv")
    assert r.status_code == 400 and "one character" in r.get_json()["error"]["message"]
