"""The web pages through Flask's test client: server-side rendering, escaping, errors. tests/web/test_browser.py drives
the same pages in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from service.store.build import build
from service.web.app import create_app
from tests.conftest import write_entity


@pytest.fixture(scope="module")
def client(db_path: Path) -> FlaskClient:
    return create_app({"DB": str(db_path), "TESTING": True}).test_client()


def test_lookup_renders_results_without_javascript(client: FlaskClient) -> None:
    html = client.get("/?q=Dayr+az-Zawr").get_data(as_text=True)
    assert 'data-status="matched"' in html and 'href="/entities/deir-ez-zor"' in html
    assert 'value="Dayr az-Zawr"' in html and "<script src=\"/static/lookup.js\" defer>" in html


def test_empty_lookup_page_has_no_result(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert 'id="q"' in html and "data-status" not in html


@pytest.mark.parametrize("url,status,message", [
    ("/?q=x&type=city", 400, "unknown type"),
    ("/?q=" + "a" * 501, 400, "at most 500"),
    ("/entities/no-such-id", 404, "no entity with id"),
    ("/entities?type=city", 400, "unknown type"),
    ("/entities?cursor=x", 400, "cursor must be"),
    ("/entities?cursor=5000", 404, "past the last"),
])
def test_page_errors_are_pages(client: FlaskClient, url: str, status: int, message: str) -> None:
    r = client.get(url)
    assert r.status_code == status and r.mimetype == "text/html"
    assert message in r.get_data(as_text=True)


def test_entity_page_groups_aliases(client: FlaskClient) -> None:
    html = client.get("/entities/hayat-tahrir-al-sham").get_data(as_text=True)
    assert html.index('id="kind-canonical"') < html.index('id="kind-native"') < html.index('id="kind-former"')
    assert "valid 2012-01-23 to 2016-07-28" in html and "not current" in html
    assert "<bdi>هيئة تحرير الشام</bdi>" in html


def test_entity_page_says_the_places_it_is_in(client: FlaskClient) -> None:
    html = client.get("/entities/umayyad-mosque").get_data(as_text=True)
    assert ('<p class="within">In <a href="/entities/damascus">Damascus</a>, <a href="/entities/syria">Syria</a></p>'
            in html)
    assert 'class="within"' not in client.get("/entities/hayat-tahrir-al-sham").get_data(as_text=True)


def test_entity_page_links_external_ids(client: FlaskClient) -> None:
    html = client.get("/entities/damascus").get_data(as_text=True)
    assert 'href="https://www.wikidata.org/wiki/Q' in html


def test_browse_filters_and_pages(client: FlaskClient) -> None:
    html = client.get("/entities?type=person").get_data(as_text=True)
    assert 'href="/entities/bashar-al-assad"' in html and 'href="/entities/damascus"' not in html
    assert 'rel="next"' not in html  # 11 people fit one page
    assert "Store <code" in html and "51 entities" in html
    html = client.get("/entities?prefix=Dimashq").get_data(as_text=True)
    assert 'href="/entities/damascus"' in html and "1 entity" in html


def test_pages_escape_store_text(tmp_path: Path) -> None:
    write_entity(tmp_path / "s", "person", "x", "id: x\ntype: person\nname: <img src=x onerror=alert(1)>\n"
                 "description: <b>bold</b>\naliases:\n  - text: \"<script>alert(2)</script>\"\n    kind: variant\n"
                 "    source: \"javascript:alert(3)\"\n")
    client = create_app({"DB": str(build(tmp_path / "s", tmp_path / "s.db").path)}).test_client()
    for url in ("/entities/x", "/entities", "/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"):
        html = client.get(url).get_data(as_text=True)
        assert "<img src=x" not in html and "<script>alert" not in html and "<b>bold" not in html, url
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in client.get("/entities/x").get_data(as_text=True)


def test_retired_id_page(tmp_path: Path) -> None:
    write_entity(tmp_path / "s", "person", "a", "id: a\ntype: person\nname: A person\n")
    write_entity(tmp_path / "s", "person", "b", "id: b\ntype: person\nredirect: a\n")
    write_entity(tmp_path / "s", "person", "c", "id: c\ntype: person\nredirect: b\n")
    client = create_app({"DB": str(build(tmp_path / "s", tmp_path / "s.db").path)}).test_client()
    html = client.get("/entities/c").get_data(as_text=True)
    assert "Retired id <code>c</code>" in html and 'id="successor" href="/entities/a"' in html
    assert "through <code>b</code>" in html
    assert "<code>b</code>, <code>c</code>" in client.get("/entities/a").get_data(as_text=True)


@pytest.mark.parametrize(("kind", "note"), [
    ("canonical", "the name this entity is shown by"),
    ("former", "a name it bore in the past"),
], ids=["canonical", "former"])
def test_kind_notes_speak_to_readers(db_path: Path, kind: str, note: str) -> None:
    client = create_app({"DB": str(db_path)}).test_client()
    html = client.get("/entities/hayat-tahrir-al-sham").get_data(as_text=True)
    section = html[html.index(f'id="kind-{kind}"'):]
    assert note in section[:400]
    assert "added by the build" not in html and "give valid_from" not in html
