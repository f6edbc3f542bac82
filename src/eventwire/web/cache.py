"""A response cache for the read-only API: the same question gets the stored answer.

While ``eventwire serve`` runs, the store is open read-only (DuckDB then lets no other
process write it), so an answer stays right until the server itself writes (``POST
/api/extract?store=true`` clears the cache). :class:`ResponseCache` is an ASGI layer that
keeps the bodies of successful ``GET /api/…`` responses, keyed by path and the sorted
query string, least recently used first out once ``max_bytes`` is reached; ``version``
(a counter the app bumps when it writes) empties it, and an answer begun before a
write is not kept after it. Paths in ``exclude`` are never cached. Every response says
``x-cache: hit`` or ``miss``. ``max_bytes=0`` turns it off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

Message = dict[str, Any]


class ResponseCache:
    """Cache ``GET`` responses under ``prefix`` with status 200, up to ``max_bytes`` of bodies."""

    def __init__(self, app: Any, max_bytes: int = 64 * 2**20, prefix: str = "/api/",
                 version: Callable[[], int] = lambda: 0, exclude: tuple[str, ...] = ()
                 ) -> None:
        self.app = app
        self.exclude = frozenset(exclude)
        self.version = version
        self.seen_version = version()
        self.max_bytes = max_bytes
        self.prefix = prefix
        self.entries: OrderedDict[str, tuple[list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self.size = 0
        self.hits = self.misses = 0
        self.lock = threading.Lock()

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0

    @staticmethod
    def key(scope: dict[str, Any]) -> str:
        query = scope.get("query_string", b"").decode("latin-1")
        return scope["path"] + "?" + urlencode(sorted(parse_qsl(query, keep_blank_values=True)))

    def _get(self, key: str) -> tuple[list[tuple[bytes, bytes]], bytes] | None:
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def _put(self, key: str, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        if len(body) > self.max_bytes // 8:
            return
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = (headers, body)
            self.size += len(body)
            while self.size > self.max_bytes and self.entries:
                _, (_, old) = self.entries.popitem(last=False)
                self.size -= len(old)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if (scope["type"] != "http" or scope["method"] != "GET" or self.max_bytes <= 0
                or not scope["path"].startswith(self.prefix) or scope["path"] in self.exclude):
            await self.app(scope, receive, send)
            return
        if self.version() != self.seen_version:  # the server wrote to the store
            self.clear()
            self.seen_version = self.version()
        key = self.key(scope)
        version = self.seen_version
        found = self._get(key)
        if found is not None:
            self.hits += 1
            headers, body = found
            await send({"type": "http.response.start", "status": 200,
                        "headers": [*headers, (b"x-cache", b"hit")]})
            await send({"type": "http.response.body", "body": body})
            return
        self.misses += 1
        start: Message = {}
        chunks: list[bytes] = []

        async def keeping_send(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"x-cache", b"miss")]}
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and self.version() == version:
                    self._put(key, list(start.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keeping_send)
