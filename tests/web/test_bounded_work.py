"""The work of one request is bounded (issue 17, item 4): the names of a batch hold at most MAX_BATCH_CHARS
characters together (413 past it), and a batch or CSV that runs past REQUEST_SECONDS stops with 503 and
Retry-After. (8 batches of 1,000 names of 500 CJK characters took 10-32 s each.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from service.web.app import create_app

LIMIT = 50


@pytest.fixture(scope="module")
def client(db_path: Path) -> FlaskClient:
    return create_app({"DB": str(db_path), "MAX_BATCH_CHARS": LIMIT}).test_client()


@pytest.fixture(scope="module")
def hurried(db_path: Path) -> FlaskClient:
    return create_app({"DB": str(db_path), "REQUEST_SECONDS": 1e-9}).test_client()  # past it at the first check


def _post(client: FlaskClient, route: str, names: list[str]):  # type: ignore[no-untyped-def]
    if route == "/v1/resolve":
        return client.post(route, json={"queries": names})
    if route == "/reconcile":
        return client.post(route, data={"queries": json.dumps({f"q{i}": {"query": n} for i, n in enumerate(names)})})
    return client.post(route, json={"queries": [{"conditions": [{"matchType": "name", "propertyValue": n}]}
                                                for n in names]})


ROUTES = ["/v1/resolve", "/reconcile", "/reconcile/draft/match"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("names,status", [(["a" * 30, "b" * 20], 200), (["a" * 30, "b" * 21], 413)],
                         ids=["at", "past"])
def test_batch_characters_at_and_past_the_limit(client: FlaskClient, route: str, names: list[str],
                                                status: int) -> None:
    r = _post(client, route, names)
    assert r.status_code == status, r.data[:300]
    if status == 413:
        assert f"at most {LIMIT}" in r.get_json()["error"]["message"]


@pytest.mark.parametrize("route", ROUTES)
def test_a_batch_past_its_deadline_gets_503_with_retry_after(hurried: FlaskClient, route: str) -> None:
    r = _post(hurried, route, ["Homs", "Aleppo", "Damascus"])
    assert r.status_code == 503
    assert r.get_json()["error"]["code"] == "deadline_exceeded"
    assert int(r.headers["Retry-After"]) >= 1


def test_a_csv_past_its_deadline_gets_503(hurried: FlaskClient) -> None:
    r = hurried.post("/v1/normalize?column=name", data="name\nHoms\nAleppo\n", content_type="text/csv")
    assert r.status_code == 503 and "Retry-After" in r.headers


def test_single_lookups_have_no_loop_to_stop(hurried: FlaskClient) -> None:
    assert hurried.get("/v1/resolve?q=Homs").status_code == 200
