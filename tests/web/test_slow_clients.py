"""Slow clients hold a socket and nothing else (issue 17, item 1): connections that promise a body and never send
it, and connections that trickle their headers, leave /healthz and lookups answering on the real server; in the
ASGI edge a body that does not arrive in time gets 408 and one over its limit 413, before any thread runs."""

from __future__ import annotations

import asyncio
import socket
import threading
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from service.web import asgi
from service.web.app import create_app
from tests.conftest import running_server

SLOW, TRICKLE = 60, 8


def test_slow_clients_leave_the_server_answering(db_path: Path) -> None:
    with running_server(db_path, "--workers", "1", "--threads", "2") as server:
        port = int(server.url.rsplit(":", 1)[1])
        held = []
        for i in range(SLOW + TRICKLE):
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            if i < SLOW:
                s.sendall(b"POST /v1/resolve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                          b"Content-Length: 10\r\n\r\n" + (b"{" if i % 2 else b""))
            else:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: a")
            held.append(s)
        stop = threading.Event()

        def trickle() -> None:
            for _ in range(200):  # bounded
                if stop.wait(0.05):
                    return
                for s in held[SLOW:]:
                    try:
                        s.send(b"a")
                    except OSError:
                        pass

        thread = threading.Thread(target=trickle)
        thread.start()
        try:
            statuses = []
            for path in ["/healthz", "/v1/resolve?q=Homs", "/readyz"] * 10:
                with urllib.request.urlopen(server.url + path, timeout=5) as r:
                    statuses.append(r.status)
            assert statuses == [200] * 30
        finally:
            stop.set()
            thread.join()
            for s in held:
                s.close()


def _run(app: asgi.WholeRequests, scope: dict[str, Any], messages: list[dict[str, Any]],
         wait: float = 0) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if messages:
            return messages.pop(0)
        await asyncio.sleep(wait or 3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(asyncio.wait_for(app(scope, receive, send), 30))
    return sent


def _scope(path: str, method: str = "POST", headers: list[tuple[bytes, bytes]] | None = None) -> dict[str, Any]:
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
            "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
            "headers": headers or [(b"content-type", b"application/json")], "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80)}


@pytest.fixture(scope="module")
def edge(db_path: Path) -> asgi.WholeRequests:
    return asgi.WholeRequests(create_app({"DB": str(db_path), "MAX_CONTENT_LENGTH": 100}), threads=1)


def test_a_body_that_never_comes_gets_408(edge: asgi.WholeRequests, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asgi, "BODY_SECONDS", 0.2)
    sent = _run(edge, _scope("/v1/resolve"), [{"type": "http.request", "body": b"{", "more_body": True}])
    assert sent[0]["status"] == 408 and b"did not arrive" in sent[1]["body"]


@pytest.mark.parametrize("headers,chunks", [
    ([(b"content-length", b"101")], [b"x" * 101]),
    ([], [b"x" * 60, b"x" * 60]),
], ids=["declared", "streamed"])
def test_a_body_over_its_limit_gets_413(edge: asgi.WholeRequests, headers: list[tuple[bytes, bytes]],
                                        chunks: list[bytes]) -> None:
    messages = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)]
    sent = _run(edge, _scope("/v1/resolve", headers=headers), messages)
    assert sent[0]["status"] == 413


def test_a_whole_body_reaches_the_app_in_chunks(edge: asgi.WholeRequests) -> None:
    chunks = [b'{"queries": ', b'["Homs"]}']
    messages = [{"type": "http.request", "body": c, "more_body": i == 0} for i, c in enumerate(chunks)]
    sent = _run(edge, _scope("/v1/resolve"), messages)
    assert sent[0]["status"] == 200
    assert b'"homs"' in b"".join(m.get("body", b"") for m in sent[1:])


def test_healthz_is_answered_by_the_event_loop(edge: asgi.WholeRequests) -> None:
    sent = _run(edge, _scope("/healthz", method="GET"), [])
    assert sent[0]["status"] == 200 and sent[1]["body"] == b'{"status": "ok"}'


def test_a_batch_finding_no_slot_gets_503_and_lookups_still_run(db_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """One batch at a time per worker (issue 17, item 4): the next waits, then gets 503 with Retry-After; a single
    lookup is never queued behind batches."""
    monkeypatch.setattr(asgi, "BATCH_WAIT_SECONDS", 0.1)
    edge = asgi.WholeRequests(create_app({"DB": str(db_path)}), threads=2)
    sent: list[dict[str, Any]] = []

    async def scenario() -> None:
        edge._batches = asyncio.Semaphore(edge.batch_slots)
        await edge._batches.acquire()  # a batch is running

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        body = [{"type": "http.request", "body": b'{"queries": ["Homs"]}', "more_body": False}]
        await edge(_scope("/v1/resolve"), _receiver(body), send)
        lookup = {**_scope("/v1/resolve", method="GET"), "query_string": b"q=Homs"}
        await edge(lookup, _receiver([{"type": "http.request", "body": b"", "more_body": False}]), send)

    asyncio.run(asyncio.wait_for(scenario(), 30))
    starts = [m for m in sent if m["type"] == "http.response.start"]
    assert starts[0]["status"] == 503 and (b"retry-after", b"1") in starts[0]["headers"]
    assert starts[1]["status"] == 200


def _receiver(messages: list[dict[str, Any]]):  # type: ignore[no-untyped-def]
    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    return receive
