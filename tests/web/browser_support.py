"""What the browser tests share: where Chromium is and how it starts. Importing this module skips the importing
test module when there is no browser, unless ALIASES_BROWSER_TESTS=required (as in .ci/run), where the tests fail
instead. The `browser` and `page` fixtures are in tests/web/conftest.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = os.environ.get("ALIASES_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("ALIASES_BROWSER_TESTS") == "required"
ARTIFACTS = Path(os.environ.get("ALIASES_ARTIFACTS", ROOT / "test-artifacts")) / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

if not REQUIRED:
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
