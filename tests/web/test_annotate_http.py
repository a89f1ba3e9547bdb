"""POST /v1/annotate and the /annotate page, through Flask's test client; the contract checked against the
OpenAPI document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator

from service.web.app import create_app
from service.web.contract import document as openapi_document

DOC = openapi_document()
ARTICLE = "DAMASCUS, 8 December 2024 — Bashar al-Assad fled. Assad's palace was empty. 🇸🇾 HTS took Homs."


@pytest.fixture(scope="module")
def app(db_path: Path) -> Flask:
    return create_app({"DB": str(db_path), "TESTING": True, "MAX_CONTENT_LENGTH": 64 * 1024})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def validate(payload: Any, schema_name: str) -> None:
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": DOC["components"]}
    Draft202012Validator(schema).validate(payload)


def test_json_body(client: FlaskClient) -> None:
    r = client.post("/v1/annotate", json={"text": ARTICLE})
    assert r.status_code == 200
    body = r.get_json()
    validate(body, "Annotation")
    assert (body["as_of"], body["as_of_from"], body["length"]) == ("2024-12-08", "article", len(ARTICLE))
    assert [(m["text"], m["id"]) for m in body["mentions"]] == [
        ("DAMASCUS", "damascus"), ("Bashar al-Assad", "bashar-al-assad"), ("Assad's", "bashar-al-assad"),
        ("HTS", "hayat-tahrir-al-sham"), ("Homs", "homs")]
    hts = body["mentions"][3]
    assert ARTICLE[hts["start"]:hts["end"]] == "HTS"
    assert hts["start_utf16"] == hts["start"] + 2  # the flag before it is two astral characters


def test_text_plain_body_with_knobs_in_the_query(client: FlaskClient) -> None:
    r = client.post("/v1/annotate?type=location&as_of=2020-01-01", data=ARTICLE.encode(),
                    content_type="text/plain; charset=utf-8")
    assert r.status_code == 200
    body = r.get_json()
    assert body["as_of_from"] == "given"
    assert [m["id"] for m in body["mentions"]] == ["damascus", "homs"]


BAD = [
    ("no text", {"json": {"type": "person"}}, 400, "text is required"),
    ("text not a string", {"json": {"text": 5}}, 400, "text is required"),
    ("not an object", {"json": ["Damascus"]}, 400, "JSON object"),
    ("bad type", {"json": {"text": "Homs", "type": "planet"}}, 400, "unknown type"),
    ("bad threshold", {"json": {"text": "Homs", "threshold": "high"}}, 400, "threshold must be a number"),
    ("bad as_of", {"json": {"text": "Homs", "as_of": "soon"}}, 400, "as_of must be a date"),
    ("not utf-8", {"data": b"\xff\xfe", "content_type": "text/plain"}, 400, "not UTF-8"),
    ("other content type", {"data": b"<x/>", "content_type": "application/xml"}, 400, "application/json or text/plain"),
    ("body over the limit", {"data": b"x" * (65 * 1024), "content_type": "text/plain"}, 413, "bytes"),
]


@pytest.mark.parametrize(("kwargs", "status", "says"), [r[1:] for r in BAD], ids=[r[0] for r in BAD])
def test_bad_requests_are_clear(client: FlaskClient, kwargs: dict, status: int, says: str) -> None:
    r = client.post("/v1/annotate", **kwargs)
    assert r.status_code == status
    validate(r.get_json(), "Error")
    assert says in r.get_json()["error"]["message"]


def test_text_over_the_character_limit_is_413(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("service.web.annotate.ANNOTATE_MAX_CHARS", 10)
    r = client.post("/v1/annotate", json={"text": "Damascus is a city."})
    assert r.status_code == 413
    assert "at most 10 are accepted" in r.get_json()["error"]["message"]


def test_page_marks_and_links_the_mentions(client: FlaskClient) -> None:
    assert client.get("/annotate").status_code == 200
    r = client.post("/annotate", data={"text": "Hafez al-Assad and Maher al-Assad met. Assad left Hama."})
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert 'href="/entities/hafez-al-assad"' in html and 'href="/entities/hama"' in html
    assert 'class="mention ambiguous"' in html  # the bare Assad: two people of that name before


def test_page_escapes_the_text(client: FlaskClient) -> None:
    r = client.post("/annotate", data={"text": "<script>alert(1)</script> Damascus"})
    html = r.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_page_says_what_is_wrong(client: FlaskClient) -> None:
    r = client.post("/annotate", data={"text": "Homs", "as_of": "soon"})
    assert r.status_code == 400 and "as_of must be a date" in r.get_data(as_text=True)
