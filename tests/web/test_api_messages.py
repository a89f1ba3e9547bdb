"""The messages of the HTTP API as a new user meets them: each bad body says what is wrong with it; a CSV in
the charset its Content-Type names is read; validity follows as_of; a prefix lists what starts with it first."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from service.match.index import Index
from service.match.matcher import resolve
from service.web.app import create_app


@pytest.fixture(scope="module")
def client(db_path: Path) -> FlaskClient:
    return create_app({"DB": str(db_path)}).test_client()


@pytest.mark.parametrize(("body", "message"), [
    ({"queries": "Hama"}, "queries must be a list of names, not a string"),
    ({"queries": {"q": "Hama"}}, "queries must be a list of names, not an object"),
    (["Hama"], "the body is JSON but a list, not an object"),
    ("Hama", "the body is JSON but a string, not an object"),
    ({"query": ["Hama"]}, "the body has no queries"),
], ids=["string", "object", "list", "json-string", "no-queries"])
def test_a_json_body_of_the_wrong_shape_says_so(client: FlaskClient, body: object, message: str) -> None:
    r = client.post("/v1/resolve", json=body)
    assert r.status_code == 400
    assert message in r.get_json()["error"]["message"]
    assert "must be JSON" not in r.get_json()["error"]["message"]


def test_a_body_that_is_not_json_says_so(client: FlaskClient) -> None:
    r = client.post("/v1/resolve", data="queries=Hama", content_type="application/json")
    assert r.status_code == 400 and "the body must be JSON" in r.get_json()["error"]["message"]


@pytest.mark.parametrize(("content_type", "encoding"), [
    ("text/csv; charset=latin-1", "latin-1"),
    ("text/csv; charset=ISO-8859-1", "latin-1"),
    ("text/csv; charset=utf-8", "utf-8"),
    ("text/csv", "utf-8"),
    ("text/csv; charset=windows-1256", "cp1256"),
], ids=["latin-1", "iso-8859-1", "utf-8", "no-charset", "arabic-windows"])
def test_normalize_reads_the_charset_of_the_content_type(client: FlaskClient, content_type: str,
                                                         encoding: str) -> None:
    name = "حلب" if encoding == "cp1256" else "Alép"
    r = client.post("/v1/normalize?column=name", data=f"name\n{name}\n".encode(encoding),
                    headers={"Content-Type": content_type})
    assert r.status_code == 200, r.data
    assert r.data.decode("utf-8").splitlines()[1].startswith(f"{name},aleppo,Aleppo,matched")


@pytest.mark.parametrize(("content_type", "message"), [
    ("text/csv; charset=klingon", "unknown charset 'klingon'"),
    ("text/csv; charset=utf-8", "the body is not utf-8 (byte 7)"),
], ids=["unknown", "wrong"])
def test_normalize_names_a_bad_charset(client: FlaskClient, content_type: str, message: str) -> None:
    r = client.post("/v1/normalize?column=name", data="name\nAl\xe9p\n".encode("latin-1"),
                    headers={"Content-Type": content_type})
    assert r.status_code == 400 and message in r.get_json()["error"]["message"]


@pytest.mark.parametrize(("as_of", "validity"), [
    ("2014-01-01", "former name, valid 2012-01-23 to 2016-07-28: in use at 2014-01-01"),
    ("2024-12-08", "former name, valid 2012-01-23 to 2016-07-28: no longer in use at 2024-12-08"),
    ("2010-06-01", "former name, valid 2012-01-23 to 2016-07-28: not yet in use at 2010-06-01"),
], ids=["during", "after", "before"])
def test_validity_follows_as_of(index: Index, client: FlaskClient, as_of: str, validity: str) -> None:
    match = resolve(index, "Jabhat al-Nusra", as_of=as_of).match
    assert match is not None and match.validity == validity
    got = client.get("/v1/resolve", query_string={"q": "Jabhat al-Nusra", "as_of": as_of}).get_json()
    assert got["match"]["validity"] == validity


def test_an_alias_valid_at_every_date_has_no_validity(index: Index) -> None:
    match = resolve(index, "Hama", as_of="2014-01-01").match
    assert match is not None and match.validity is None


@pytest.mark.parametrize(("prefix", "first"), [
    ("al-Sh", "ahmed-al-sharaa"),
    ("Sharaa", "ahmed-al-sharaa"),
    ("Deir", "deir-ez-zor"),
    ("Hay", "hayat-tahrir-al-sham"),
], ids=["al-sh", "surname", "deir", "hay"])
def test_a_prefix_lists_what_starts_with_it_first(client: FlaskClient, prefix: str, first: str) -> None:
    items = client.get("/v1/entities", query_string={"prefix": prefix}).get_json()["items"]
    assert items[0]["id"] == first


def test_al_sh_lists_no_country_before_the_names_that_start_so(client: FlaskClient) -> None:
    ids = [i["id"] for i in client.get("/v1/entities", query_string={"prefix": "al-Sh"}).get_json()["items"]]
    assert ids.index("ahmed-al-sharaa") < ids.index("north-korea")
    assert ids.index("hayat-tahrir-al-sham") < ids.index("united-states")
