"""Live ingest: code the files that land in an inbox folder into a store as they arrive.

::

    INBOX/ ──► Inbox.due(): new or changed files, once their size and time stop changing
           ──► Store.ingest (content hash: unchanged articles are passed over)
           ──► cluster (dedup)  ──► WatchPass to the caller  ──► sleep, scan again

What the watcher has done is in the store itself, not in a file of its own: after a
crash or a restart every file is looked at again, and the content hashes make the
second look cheap and idempotent (nothing is coded twice, nothing is lost). A file
counts as landed when its size and modification time were the same at two scans at
least ``settle`` seconds apart, so a file still being written is not read half-way;
writers that can should write a hidden name (``.part``) and rename it.

The store's process is its only writer (DuckDB allows one writing process): run
``eventwire watch`` on its own, or ``eventwire serve --watch`` to serve and watch in
one process.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from .ingest import IngestSummary, input_files, read_items
from .store import Store
from .workers import Pool
from .writer import ErrorCallback

Signature = tuple[int, int]  # (size, mtime_ns)


@dataclasses.dataclass(frozen=True)
class WatchPass:
    """What one pass of the watcher did: the files it read and the ingest's counts."""

    files: tuple[str, ...]
    summary: IngestSummary
    clusters: int | None  # event clusters after dedup (None: dedup off or not needed)
    finished_at: float  # time.time()


class Inbox:
    """The files of one folder (or file) that are due: new or changed, and settled."""

    def __init__(self, path: str | Path, *, settle: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.path = str(path)
        self.settle = settle
        self.clock = clock
        self.done: dict[str, Signature] = {}  # file -> signature when it was ingested
        self.seen: dict[str, tuple[Signature, float]] = {}  # file -> (signature, first seen)

    def due(self) -> list[str]:
        """The files to ingest now: changed since they were ingested, and settled."""
        now = self.clock()
        found: dict[str, Signature] = {}
        for file in input_files(self.path):
            signature = _signature(file)
            if signature is not None:
                found[file] = signature
        for gone in set(self.seen) - set(found):
            del self.seen[gone]
        for gone in set(self.done) - set(found):
            del self.done[gone]
        ready = []
        for file, signature in found.items():
            if self.done.get(file) == signature:
                continue
            before = self.seen.get(file)
            if before is None or before[0] != signature:
                self.seen[file] = (signature, now)
                if self.settle > 0:
                    continue
            elif now - before[1] < self.settle:
                continue
            ready.append(file)
        return ready

    def mark(self, files: Iterable[str]) -> None:
        """Remember ``files`` as ingested at the signature they had when found due."""
        for file in files:
            signature = self.seen.get(file, (None, 0.0))[0] or _signature(file)
            if signature is not None:
                self.done[file] = signature
            self.seen.pop(file, None)


def _signature(file: str) -> Signature | None:
    """(size, mtime) of a regular file; None for what is gone or is not a regular file."""
    try:
        info = os.stat(file)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):  # a named pipe would block the reader
        return None
    return info.st_size, info.st_mtime_ns


class Watcher:
    """Ingests an inbox's due files into a writable store, one pass at a time.

    ``read_options`` go to :func:`read_items` (``fmt``, ``csv_mapping`` …); ``pool``
    codes the batches (default: this process; a server passes a
    :class:`~.workers.CodingPool` with ``processes=True`` so that it keeps answering).
    ``lock`` is held while the store is written; ``on_pass`` hears of every pass that
    found files, ``on_batch`` of every committed batch (a server empties its response
    cache there).
    """

    def __init__(self, store: Store, inbox: Inbox, *, pool: Pool | None = None,
                 read_options: Mapping[str, Any] | None = None, dedup: bool = True,
                 batch_size: int = 16, lock: threading.Lock | None = None,
                 on_error: ErrorCallback | None = None,
                 on_pass: Callable[[WatchPass], None] | None = None,
                 on_batch: Callable[[], None] | None = None) -> None:
        self.store = store
        self.inbox = inbox
        self.pool = pool
        self.read_options = dict(read_options or {})
        self.dedup = dedup
        self.batch_size = batch_size
        self.lock = lock or threading.Lock()
        self.on_error = on_error
        self.on_pass = on_pass
        self.on_batch = on_batch
        self.last: WatchPass | None = None

    def step(self) -> WatchPass | None:
        """Ingest the files due now (None when there were none)."""
        files = self.inbox.due()
        if not files:
            return None
        with self.lock:
            summary = self.store.ingest(
                read_items(files, **self.read_options), batch_size=self.batch_size,
                pool=self.pool, on_error=self.on_error,
                progress=(lambda _: self.on_batch()) if self.on_batch else None)
            clusters = None
            if self.dedup and (summary.articles_new or summary.articles_changed):
                from .clusters import cluster

                clusters = cluster(self.store).clusters
        self.inbox.mark(files)
        done = WatchPass(tuple(files), summary, clusters, time.time())
        self.last = done
        if self.on_pass is not None:
            self.on_pass(done)
        if self.on_batch is not None and clusters is not None:
            self.on_batch()
        return done

    def run(self, stop: threading.Event, interval: float = 1.0) -> None:
        """Pass after pass, ``interval`` seconds apart, until ``stop`` is set.

        A :class:`~eventwire.errors.StoreError` ends the run (the batches before it
        are stored); read errors and coder failures go to ``on_error`` and the run
        goes on.
        """
        while not stop.is_set():
            self.step()
            stop.wait(interval)
