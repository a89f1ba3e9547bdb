"""The web pages in a real browser: Debian's Chromium, headless, driven by Playwright against `aliases serve`.

.ci/run installs Chromium and sets ALIASES_BROWSER_TESTS=required, so in CI these tests run or fail, never skip.
Screenshots of each page are saved under test-artifacts/screenshots/ (ALIASES_ARTIFACTS to move it).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect  # noqa: E402

from service.store.build import build
from tests.conftest import ROOT, running_server, write_entity
from tests.web.browser_support import ARTIFACTS  # skips the module without Chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, store_root: Path) -> Iterator[str]:
    """The real store plus one retired id, served over HTTP."""
    root = tmp_path_factory.mktemp("browser")
    store = root / "aliases"
    shutil.copytree(store_root, store)
    write_entity(store, "organization", "jabhat-al-nusra", "id: jabhat-al-nusra\ntype: organization\n"
                 "redirect: hayat-tahrir-al-sham\n")
    db = build(store, root / "aliases.db").path
    with running_server(db, "--workers", "1") as live:
        yield live.url


@pytest.fixture(scope="module")
def store_root() -> Path:
    return ROOT / "aliases"




def test_lookup_as_you_type(page: Page, server: str) -> None:
    page.goto(f"{server}/")
    box = page.locator("#q")
    box.press_sequentially("Abu Muhammad al-Golani", delay=15)  # a variant that is not in the store
    decision = page.locator("#results .decision")
    expect(decision).to_have_attribute("data-status", "matched")
    expect(decision).to_contain_text("Ahmed al-Sharaa")
    first = page.locator("#results tr.match")
    expect(first).to_contain_text("Abu Mohammed al-Jolani")  # the alias that matched
    expect(first).to_contain_text("transliteration")  # and why
    assert "q=Abu+Muhammad+al-Golani" in page.url  # the address can be shared
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "lookup-matched.png"))
    box.fill("")
    box.press_sequentially("Bushra al-Assad", delay=10)
    expect(decision).to_have_attribute("data-status", "unmatched")
    page.locator("#q").fill("Abu Mohammed")
    expect(decision).to_have_attribute("data-status", "ambiguous")


def test_lookup_arabic_right_to_left_and_type(page: Page, server: str) -> None:
    page.goto(f"{server}/")
    page.select_option("#type", "location")
    page.locator("#q").fill("دير الزور")
    expect(page.locator("#results .decision")).to_contain_text("Deir ez-Zor")
    direction = page.locator("#q").evaluate("el => getComputedStyle(el).direction")
    assert direction == "rtl"  # dir=auto: the box follows the Arabic text


def test_lookup_follows_to_the_entity_page(page: Page, server: str) -> None:
    page.goto(f"{server}/?q=HTS")
    page.locator("#results .decision a").click()
    expect(page).to_have_url(f"{server}/entities/hayat-tahrir-al-sham")
    expect(page.locator("h1")).to_have_text("Hayat Tahrir al-Sham")
    former = page.locator("#kind-former")
    expect(former).to_contain_text("Jabhat al-Nusra")
    expect(former).to_contain_text("valid 2012-01-23 to 2016-07-28")
    expect(page.locator("#kind-native bdi").first).to_be_visible()
    expect(page.locator(".notice")).to_contain_text("jabhat-al-nusra")  # the retired id that leads here


def test_retired_id_shows_where_it_went(page: Page, server: str) -> None:
    page.goto(f"{server}/entities/jabhat-al-nusra")
    expect(page.locator("h1")).to_contain_text("Retired id")
    page.locator("#successor").click()
    expect(page).to_have_url(f"{server}/entities/hayat-tahrir-al-sham")
    expect(page.locator("h1")).to_have_text("Hayat Tahrir al-Sham")


def test_browse_by_type_and_filter(page: Page, server: str) -> None:
    page.goto(f"{server}/entities")
    expect(page.locator("footer")).to_contain_text("51 entities")
    page.select_option("select[name=type]", "location")
    page.locator("input[name=prefix]").fill("Dam")
    page.locator("form.filter button").click()
    expect(page.locator("ul.listing li")).to_have_count(1)
    page.locator("ul.listing a").first.click()
    expect(page).to_have_url(f"{server}/entities/damascus")
    expect(page.locator(".meta")).to_contain_text("wikidata")


def test_lookup_without_javascript(browser: Any, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{server}/")
        page.locator("#q").fill("Dayr az-Zawr")
        page.locator("button[type=submit]").click()
        expect(page.locator("#results .decision")).to_have_attribute("data-status", "matched")
        expect(page.locator("#results .decision")).to_contain_text("Deir ez-Zor")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "test_lookup_without_javascript.png"), full_page=True)
    finally:
        context.close()


def test_pages_load_no_external_assets(page: Page, server: str) -> None:
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    for path in ("/?q=Latakia", "/entities/ahmed-al-sharaa", "/entities?type=person"):
        page.goto(f"{server}{path}")
    assert requested and all(url.startswith(server) for url in requested), requested


def test_docs_renders_the_api_reference(page: Page, server: str) -> None:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{server}/openapi.json") as r:
        operations = sum(len(ops) for ops in json.load(r)["paths"].values())
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    page.goto(f"{server}/docs")
    expect(page.locator(".opblock-summary-path", has_text="/v1/resolve").first).to_be_visible()
    expect(page.locator(".opblock")).to_have_count(operations)  # /admin/reload only where it exists
    batch = page.locator(".opblock-post").filter(has=page.locator(".opblock-summary-path", has_text="/v1/resolve"))
    batch.locator(".opblock-summary").first.click()
    expect(batch.get_by_text("Jawlani").first).to_be_visible()  # the request body's example
    assert page.get_by_text("Suggest entitys").count() == 0
    assert requested and all(url.startswith(server) for url in requested), requested


PHONE, DESKTOP = 390, 1100
LAYOUT_PAGES = [("lookup", "/?q=Assad"), ("entity", "/entities/ahmed-al-sharaa"), ("place", "/entities/damascus"),
                ("browse", "/entities?type=person"), ("docs", "/docs")]


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", [p for _, p in LAYOUT_PAGES], ids=[n for n, _ in LAYOUT_PAGES])
def test_pages_fit_phone_and_desktop(browser: Any, server: str, width: int, path: str,
                                     request: pytest.FixtureRequest) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
        # nothing runs off the side: no horizontal scrolling
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # column headers that are shown never overprint one another
        boxes = [b for b in (th.bounding_box() for th in page.locator("table.aliases th").all()) if b]
        for left, right in zip(boxes, boxes[1:], strict=False):
            if abs(left["y"] - right["y"]) < 1:  # the same header row
                assert left["x"] + left["width"] <= right["x"] + 1, (left, right)
        # a script name or a language code never wraps (ar-Latn was one letter a line at 390 px)
        lines = page.eval_on_selector_all(
            "table.aliases td.script, table.aliases td.lang",
            "cells => cells.slice(0, 80).map(c => { const r = document.createRange(); r.selectNodeContents(c);"
            " return [c.textContent, new Set([...r.getClientRects()].map(b => Math.round(b.top))).size]; })")
        assert all(n <= 1 for _, n in lines), [x for x in lines if x[1] > 1]
        if width == PHONE and path.startswith("/entities/"):
            assert page.locator("table.aliases thead").first.is_hidden()
            # a source said for a run of imported names is shown once, not on every row
            assert all(not cell.is_visible() for cell in page.locator("td.source.same").all()[:20])
    finally:
        context.close()


def test_a_place_with_imported_names_stays_short_on_a_phone(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": PHONE, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{server}/entities/damascus")
        rows = page.locator("table.aliases tbody tr")
        heights = [b["height"] for b in (r.bounding_box() for r in rows.all()) if b]
        # one line for the name, one for script and validity: the source column once wrapped onto four
        assert sorted(heights)[len(heights) // 2] <= 60, heights[:20]
    finally:
        context.close()
