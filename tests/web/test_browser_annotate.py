"""The annotate page in a real browser (Debian's Chromium, headless, through Playwright) against `aliases serve`:
paste an article, see its mentions highlighted, follow one to its entity page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect  # noqa: E402

from tests.conftest import running_server
from tests.web.browser_support import ARTIFACTS  # skips the module without Chromium

ARTICLE = """DAMASCUS, 8 December 2024 — Syrian rebels led by Hayat Tahrir al-Sham entered Damascus, and President
Bashar al-Assad fled. Assad's whereabouts were unknown; Russia later said he was in Moscow.
قال الرئيس الأمريكي المنتخب دونالد ترامب إن الأسد غادر سوريا."""


@pytest.fixture(scope="module")
def server(db_path: Path) -> Iterator[str]:
    with running_server(db_path, "--workers", "1") as live:
        yield live.url




def test_paste_an_article_and_see_its_mentions(page: Page, server: str) -> None:
    page.goto(f"{server}/")
    page.locator("nav a", has_text="Annotate").click()
    expect(page).to_have_url(f"{server}/annotate")
    page.locator("#text").fill(ARTICLE)
    page.locator("#annotate button[type=submit]").click()
    marked = page.locator("#annotated a.mention.matched")
    expect(page.locator("#annotated a.mention[data-id=hayat-tahrir-al-sham]")).to_have_text("Hayat Tahrir al-Sham")
    expect(page.locator("#annotated a.mention[data-id=bashar-al-assad]")).to_have_count(3)  # Latin, possessive, Arabic
    expect(page.locator("#annotated a.mention[data-id=donald-trump]")).to_have_text("دونالد ترامب")
    expect(page.locator("#summary")).to_contain_text("as of 2024-12-08 (the article's date)")
    assert marked.count() >= 9
    background = marked.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted, not just a link
    expect(page.locator("#text")).to_have_value(ARTICLE)  # the article stays in the box to edit
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "annotate-article.png"))
    page.locator("#annotated a.mention[data-id=moscow]").click()
    expect(page).to_have_url(f"{server}/entities/moscow")
    expect(page.locator("h1")).to_have_text("Moscow")


def test_ambiguous_mentions_are_marked_not_linked(page: Page, server: str) -> None:
    page.goto(f"{server}/annotate")
    page.locator("#text").fill("Hafez al-Assad and Maher al-Assad were there. Assad left.")
    page.locator("#annotate button[type=submit]").click()
    ambiguous = page.locator("#annotated mark.mention.ambiguous")
    expect(ambiguous).to_have_text("Assad")
    expect(ambiguous).to_have_attribute("data-candidates", "hafez-al-assad maher-al-assad")
    expect(page.locator("#summary")).to_contain_text("2 linked mentions, 1 ambiguous")
