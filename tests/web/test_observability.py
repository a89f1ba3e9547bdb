"""Metrics with bounded labels, one scrape for every worker (issue 17, item 9), and log lines that a request
cannot forge (item 10)."""

from __future__ import annotations

import io
import logging
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from service.web.app import create_app
from service.web.server import EscapingFormatter, escape
from tests.conftest import running_server


def test_random_methods_add_no_series(db_path: Path) -> None:
    client = create_app({"DB": str(db_path)}).test_client()
    client.get("/v1/meta")
    client.open("/v1/meta", method="XMETHOD")
    client.get("/metrics")  # a scrape counts itself from the next one on
    before = client.get("/metrics").get_data(as_text=True)
    for i in range(200):
        client.open("/v1/meta", method=f"XMETHOD{i}")
    after = client.get("/metrics").get_data(as_text=True)
    assert "XMETHOD" not in after
    assert 'method="other"' in after
    assert len(after.splitlines()) == len(before.splitlines())  # the same series, counted up


def _sum(text: str, route: str) -> float:
    pattern = re.compile(r'^aliases_http_requests_total\{(.*)\} (\S+)$')
    total = 0.0
    for line in text.splitlines():
        m = pattern.match(line)
        if m and f'route="{route}"' in m.group(1):
            total += float(m.group(2))
    return total


def test_one_scrape_counts_every_worker(db_path: Path) -> None:
    with running_server(db_path, "--workers", "2") as server:
        deadline = time.monotonic() + 30  # /readyz answers once one worker is up: wait for the second
        while time.monotonic() < deadline:
            with urllib.request.urlopen(server.url + "/metrics", timeout=10) as r:
                if len(set(re.findall(r'aliases_store_info\{content_hash="[0-9a-f]+",pid="(\d+)"\}',
                                      r.read().decode()))) == 2:
                    break
            time.sleep(0.2)
        for _ in range(40):
            with urllib.request.urlopen(server.url + "/v1/meta", timeout=10) as r:
                r.read()
        scrapes = []
        for _ in range(4):  # whichever worker answers, the same sum
            with urllib.request.urlopen(server.url + "/metrics", timeout=10) as r:
                scrapes.append(r.read().decode())
    sums = [_sum(text, "/v1/meta") for text in scrapes]
    assert sums == [40.0] * 4, sums
    pids = set(re.findall(r'aliases_store_info\{content_hash="[0-9a-f]+",pid="(\d+)"\}', scrapes[0]))
    assert len(pids) == 2


@pytest.mark.parametrize("text,expected", [
    ("/v1/x\nFAKE 200", "/v1/x\\nFAKE 200"),
    ("/a\r\nb", "/a\\r\\nb"),
    ("a\u2028b", "a\\u2028b"),
    ("rtl\u202eevil", "rtl\\u202eevil"),
    ("back\\nslash", "back\\\\nslash"),
    ("café /Dimashq", "café /Dimashq"),
], ids=["newline", "crlf", "line-separator", "bidi", "backslash", "plain"])
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_a_percent_encoded_newline_in_a_path_stays_on_its_line(db_path: Path) -> None:
    app = create_app({"DB": str(db_path)})
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(EscapingFormatter("%(levelname)s request_id=%(request_id)s %(message)s"))
    log = logging.getLogger("service")
    old_level = log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        app.test_client().get("/nothing%0A2026-01-01 INFO request_id=forged GET /admin 200")
    finally:
        log.removeHandler(handler)
        log.setLevel(old_level)
    lines = [line for line in out.getvalue().splitlines() if line]
    assert len(lines) == 1, lines
    assert "\\n2026-01-01" in lines[0] and lines[0].startswith("INFO request_id=")


def test_the_real_server_logs_one_line_per_request(db_path: Path) -> None:
    with running_server(db_path, "--workers", "1") as server:
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(server.url + "/x%0AINFO%20forged%20line", timeout=10)
    assert "forged line" in server.log
    assert not any(line.startswith("INFO forged") for line in server.log.splitlines())
    assert "/x\\nINFO forged line" in server.log
