"""The CSV body of POST /v1/normalize is streamed (issue 17, item 8): parsed as it is read and spooled out, so
the memory a request takes does not grow with its body (the whole body used to be held as bytes, as text, and
as the output text at once); bad UTF-8 anywhere in it is still a 400 with a message."""

from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from service.match.normalize import keys, normalize, phonetic_token, skeleton_token
from service.match.variants import respellings, stems, stems_by_key
from service.web.app import create_app

ROWS = 40_000


@pytest.fixture(scope="module")
def client(db_path: Path) -> FlaskClient:
    return create_app({"DB": str(db_path)}).test_client()


def test_a_large_body_is_not_held_whole(client: FlaskClient) -> None:
    body = ("id,name,note\n" + "".join(f"{i},Homs {i % 50},{'x' * 50}\n" for i in range(ROWS))).encode()
    assert len(body) > 1_500_000
    # what a first request loads once (the lexicon, caches) is not what this test is about: load it before. The
    # normalization caches are the process's, filled by every test before this one: emptied first, so that one of
    # them growing its table here (a resize allocates the whole table anew) is not counted as the body's
    for cached in (normalize, phonetic_token, skeleton_token, keys, respellings, stems, stems_by_key):
        cached.cache_clear()  # type: ignore[attr-defined]
    client.post("/v1/normalize?column=name", data=b"id,name\n1,Homs 1\n", content_type="text/csv")
    tracemalloc.start()
    try:
        r = client.post("/v1/normalize?column=name", input_stream=io.BytesIO(body), content_type="text/csv",
                        headers={"Content-Length": str(len(body))}, buffered=False)
        first = next(r.response)  # type: ignore[call-overload]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.status_code == 200 and r.headers["X-Rows"] == str(ROWS)
    assert first.startswith(b"id,name,note,")
    assert peak < len(body), f"peak {peak:,} bytes for a {len(body):,}-byte body"


@pytest.mark.parametrize("body", [b"name\nHoms\n\xff\xfe\n", b"name\n" + b"Homs\n" * 20_000 + b"\xc3(\n"],
                         ids=["early", "past-the-sample"])
def test_bad_utf8_anywhere_is_a_400(client: FlaskClient, body: bytes) -> None:
    r = client.post("/v1/normalize?column=name", data=body, content_type="text/csv")
    assert r.status_code == 400
    assert "not UTF-8" in r.get_json()["error"]["message"]


def test_the_output_is_whole(client: FlaskClient) -> None:
    body = "name\n" + "Homs\nAleppo\n" * 40_000
    r = client.post("/v1/normalize?column=name", data=body.encode(), content_type="text/csv")
    lines = r.get_data(as_text=True).splitlines()
    assert r.status_code == 200 and len(lines) == 80_001
