"""The ASGI edge `aliases serve` runs on granian: a request reaches a Python thread only when it is whole.

granian's WSGI mode hands a request to a Python thread as soon as its headers are in, and that thread then
blocks on the body: 200 connections that promise a body and never send it held every thread, and health checks
went unanswered (benchmarks/chaos.py). Here the event loop reads the body first, under a deadline and a size
limit, and only a complete request goes to the thread pool that runs the Flask app (a2wsgi). A body that does
not arrive in time gets 408, one over its limit 413, both without touching a thread; GET /healthz is answered by
the event loop itself, so health checks answer while every thread is busy, and one batch at a time runs in
a worker, so single lookups answer while batches run (a batch that finds no slot in 2 s gets 503, Retry-After).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

from a2wsgi import WSGIMiddleware
from flask import Flask

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
BODY_SECONDS = 10.0  # a body (headers aside) must arrive whole within this, plus a second per MiB
BATCH_WAIT_SECONDS = 2.0  # a batch waits this long for a batch slot, then gets 503 with Retry-After
BATCH_ROUTES = {("POST", "/v1/resolve"), ("POST", "/reconcile"), ("GET", "/reconcile"),
                ("POST", "/reconcile/draft/match"), ("POST", "/v1/normalize")}
HEALTH = json.dumps({"status": "ok"}).encode()


async def _answer(send: Send, status: int, code: str, message: str, headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *headers]})
    await send({"type": "http.response.body", "body": body})


class WholeRequests:
    """ASGI app: bodies read in full by the event loop, then the WSGI app in a pool of `threads` threads."""

    def __init__(self, app: Flask, threads: int):
        self.app = app
        self.wsgi = WSGIMiddleware(app, workers=threads)  # type: ignore[arg-type]
        # one batch (many names, or a CSV) at a time per worker: under the GIL a second one adds no throughput and
        # takes the interpreter from the lookups and health checks (measured: benchmarks/chaos.py --only cpu)
        self.batch_slots = 1
        self._batches: asyncio.Semaphore | None = None  # made in the event loop that serves

    def limit(self, path: str) -> int:
        key = "MAX_CSV_BYTES" if path == "/v1/normalize" else "MAX_CONTENT_LENGTH"
        return int(self.app.config[key])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] != "http":
            return
        if scope["path"] == "/healthz" and scope["method"] == "GET":
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(HEALTH)).encode())]})
            await send({"type": "http.response.body", "body": HEALTH})
            return
        limit = self.limit(scope["path"])
        declared = next((v for k, v in scope["headers"] if k.lower() == b"content-length"), None)
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _answer(send, 413, "payload_too_large", f"the request body is over {limit} bytes")
            return
        chunks: list[bytes] = []
        size = 0
        seconds = BODY_SECONDS + limit / (1024 * 1024)
        try:
            async with asyncio.timeout(seconds):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > limit:
                        await _answer(send, 413, "payload_too_large", f"the request body is over {limit} bytes")
                        return
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await _answer(send, 408, "request_timeout", f"the request body did not arrive within {seconds:.0f} s")
            return
        # the app sees a body of known length (a chunked upload included)
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in (b"content-length", b"transfer-encoding")]
        scope = {**scope, "headers": [*headers, (b"content-length", str(size).encode())]}
        chunks.reverse()  # replayed chunk by chunk, as they came, each freed once the app has read it

        async def replay() -> dict[str, Any]:
            if not chunks:
                return {"type": "http.request", "body": b"", "more_body": False}
            chunk = chunks.pop()
            return {"type": "http.request", "body": chunk, "more_body": bool(chunks)}

        if (scope["method"], scope["path"]) not in BATCH_ROUTES or (
                scope["method"] == "GET" and b"queries=" not in scope.get("query_string", b"")):
            await self.wsgi(scope, replay, send)  # type: ignore[arg-type]
            return
        if self._batches is None:
            self._batches = asyncio.Semaphore(self.batch_slots)
        try:
            await asyncio.wait_for(self._batches.acquire(), BATCH_WAIT_SECONDS)
        except TimeoutError:
            await _answer(send, 503, "busy", f"{self.batch_slots} batch(es) are running in this worker: retry "
                          "shortly", [(b"retry-after", b"1")])
            return
        try:
            await self.wsgi(scope, replay, send)  # type: ignore[arg-type]
        finally:
            self._batches.release()
