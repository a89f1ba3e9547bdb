"""Hostile input gets a 400 with a message, never a 500 (issue 17, item 5): JSON nested past any sane depth,
numbers that overflow or are not numbers, digits that str.isdigit() accepts and int() does not, integers past
Python's 4,300-digit conversion limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from service.errors import BadRequest
from service.params import finite_number, loads_strict, whole_number
from service.web.app import create_app

DEEP = "[" * 10_000 + "]" * 10_000
HUGE = "9" * 5_000
JSON = "application/json"


@pytest.fixture(scope="module")
def client(db_path: Path) -> FlaskClient:
    return create_app({"DB": str(db_path)}).test_client()


def _draft(limit: str) -> str:
    return '{"queries": [{"conditions": [{"matchType": "name", "propertyValue": "Homs"}], "limit": ' + limit + "}]}"


POSTS = [
    ("/v1/resolve", '{"queries": ' + DEEP + "}", "nests deeper"),
    ("/v1/resolve", '{"queries": ["Homs"], "limit": 1e400}', "out of range"),
    ("/v1/resolve", '{"queries": ["Homs"], "limit": Infinity}', "Infinity is not a JSON number"),
    ("/v1/resolve", '{"queries": ["Homs"], "limit": -Infinity}', "Infinity is not a JSON number"),
    ("/v1/resolve", '{"queries": ["Homs"], "limit": NaN}', "NaN is not a JSON number"),
    ("/v1/resolve", '{"queries": ["Homs"], "limit": ' + HUGE + "}", "4300 digits"),
    ("/v1/resolve", '{"queries": ["Homs"], "threshold": 1e400}', "out of range"),
    ("/v1/resolve", '{"queries": ["Homs"], "limit": 1e20}', "limit must be a whole number"),
    ("/v1/resolve", '{"queries": [{"q": "Homs", "limit": 2.5}]}', "limit must be a whole number"),
    ("/reconcile/draft/match", _draft("NaN"), "NaN is not a JSON number"),
    ("/reconcile/draft/match", _draft("1e400"), "out of range"),
    ("/reconcile/draft/match", _draft(HUGE), "4300 digits"),
    ("/reconcile/draft/match", '{"queries": ' + DEEP + "}", "nests deeper"),
]


@pytest.mark.parametrize("path,body,message", POSTS,
                         ids=[f"{p}-{m.split()[0]}-{i}" for i, (p, _, m) in enumerate(POSTS)])
def test_hostile_json_bodies_get_a_400_with_a_message(client: FlaskClient, path: str, body: str,
                                                      message: str) -> None:
    r = client.post(path, data=body, content_type=JSON)
    assert r.status_code == 400, r.data[:300]
    assert message in r.get_json()["error"]["message"]


FORMS = [
    ('{"q0": {"query": "Homs", "limit": NaN}}', "NaN is not a JSON number"),
    ('{"q0": {"query": "Homs", "limit": 1e400}}', "out of range"),
    ('{"q0": {"query": "Homs", "limit": Infinity}}', "Infinity is not a JSON number"),
    ('{"q0": {"query": "Homs", "limit": ' + HUGE + "}}", "4300 digits"),
    ('{"q0": {"query": "Homs", "limit": 1e300}}', "limit must be a whole number"),
    ('{"q0": ' * 5_000 + "1" + "}" * 5_000, "nests deeper"),
]


@pytest.mark.parametrize("queries,message", FORMS, ids=["nan", "1e400", "infinity", "5000-digits", "1e300", "deep"])
def test_hostile_reconcile_batches_get_a_400(client: FlaskClient, queries: str, message: str) -> None:
    r = client.post("/reconcile", data={"queries": queries})
    assert r.status_code == 400, r.data[:300]
    assert message in r.get_json()["message"]


GETS = [
    "/v1/resolve?q=Homs&limit=%C2%B2",  # superscript two
    "/v1/resolve?q=Homs&limit=%E2%91%A0",  # circled one
    "/v1/resolve?q=Homs&limit=%D9%A3",  # Arabic-Indic three
    "/v1/resolve?q=Homs&limit=" + HUGE,
    "/v1/resolve?q=Homs&threshold=nan",
    "/v1/resolve?q=Homs&threshold=inf",
    "/v1/resolve?q=Homs&threshold=1e400",
    "/v1/resolve?q=Homs&threshold=" + HUGE,
    "/v1/entities?cursor=%C2%B2",
    "/v1/entities?cursor=" + HUGE,
    "/v1/entities?limit=Infinity",
    "/reconcile/suggest/entity?prefix=Dam&limit=%C2%B2",
    "/reconcile/suggest/entity?prefix=Dam&cursor=%E2%91%A0",
    "/reconcile/suggest/entity?prefix=Dam&start=" + HUGE,
    "/reconcile/draft/suggest/entity?prefix=Dam&limit=nan",
]


@pytest.mark.parametrize("url", GETS, ids=[u.split("?")[0] + "?" + u.split("?")[1][:40] for u in GETS])
def test_hostile_numbers_in_query_strings_get_a_400(client: FlaskClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 400, r.data[:300]
    assert "must be a" in r.get_json()["error"]["message"]


@pytest.mark.parametrize("url", ["/entities?cursor=%C2%B2", "/entities?cursor=" + HUGE], ids=["superscript", "huge"])
def test_hostile_numbers_on_pages_get_a_400_page(client: FlaskClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 400
    assert b"cursor must be a whole number" in r.data


@pytest.mark.parametrize("url", ["/v1/resolve?q=Homs&limit=3", "/v1/resolve?q=Homs&limit=+3",
                                 "/v1/resolve?q=Homs&threshold=85.5", "/v1/resolve?q=Homs&threshold=1e1"],
                         ids=["limit", "signed", "decimal", "exponent"])
def test_ordinary_numbers_still_pass(client: FlaskClient, url: str) -> None:
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("value,expected", [("7", 7), (7, 7), (7.0, 7), (" 7 ", 7)],
                         ids=["text", "int", "integral-float", "spaces"])
def test_whole_number_accepts(value: object, expected: int) -> None:
    assert whole_number(value, "n", 0, 10) == expected


@pytest.mark.parametrize("value", ["²", "①", "٣", "7.5", "", True, None, float("nan"), float("inf"), 7.5, "1" * 13,
                                   10**5000, [7]],
                         ids=["superscript", "circled", "arabic-indic", "fraction", "empty", "bool", "none", "nan",
                              "inf", "float", "13-digits", "huge-int", "list"])
def test_whole_number_refuses(value: object) -> None:
    with pytest.raises(BadRequest, match="must be a whole number"):
        whole_number(value, "n", 0, 10**12)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", float("nan"), float("inf"), 10**400, "0x10", "1_0"],
                         ids=["nan", "inf", "-inf", "1e400", "float-nan", "float-inf", "huge-int", "hex", "underscore"])
def test_finite_number_refuses(value: object) -> None:
    with pytest.raises(BadRequest, match="must be a number"):
        finite_number(value, "t", 0, 100)


def test_loads_strict_keeps_ordinary_json() -> None:
    assert loads_strict(json.dumps({"a": [1, 2.5, "x", None, True]})) == {"a": [1, 2.5, "x", None, True]}


@pytest.mark.parametrize("depth,ok", [(64, True), (65, False)], ids=["at", "past"])
def test_json_depth_limit(depth: int, ok: bool) -> None:
    text = "[" * depth + "]" * depth
    if ok:
        loads_strict(text)
    else:
        with pytest.raises(BadRequest, match="nests deeper than 64"):
            loads_strict(text)


@pytest.mark.parametrize("queries", ['{"\\n0": null}', '{"a\\nb": 3}', '{"\\r": "x"}'],
                         ids=["newline-null", "newline-number", "return-text"])
def test_reconcile_keys_with_newlines_get_a_400(client: FlaskClient, queries: str) -> None:
    r = client.post("/reconcile", data={"queries": queries})
    assert r.status_code == 400
    assert "line break" in r.get_json()["message"] or "object" in r.get_json()["message"]
