"""Serving a store while it grows: the server watches an inbox and is the store's only writer.

::

    eventwire serve --db STORE --watch INBOX
        server process ── request threads: read cursors on the store (see app.Reader)
                       └─ watch thread: Watcher(INBOX) ──► store.ingest ──► cluster
                              │ articles coded in a worker process, so requests keep
                              │ their latency; each committed batch bumps the version
                              ▼
                          /api/status {version, changed_at, …} with an ETag; the
                          dashboard polls it and redraws when the version changes

DuckDB lets one process write a file and no other process open it meanwhile, so
watching happens inside the server process rather than beside it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..errors import EventwireError, InputError, one_line
from ..store import CodingPool, Store
from ..store.watch import Inbox, Watcher, WatchPass
from ..store.workers import ExtractorLike

log = logging.getLogger("eventwire")


@dataclasses.dataclass(frozen=True)
class WatchConfig:
    """What ``serve --watch`` watches and how (see :class:`~eventwire.store.watch.Watcher`)."""

    inbox: Path
    interval: float = 1.0
    settle: float = 1.0
    read_options: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    dedup: bool = True
    workers: int = 1  # coding processes
    #: builds the coder in each coding process (default: the bundled model); a
    #: module-level function, so that the processes can call it
    make_extractor: Callable[[], ExtractorLike] | None = None


class LiveIngest:
    """Runs a :class:`Watcher` in a thread of the server until :meth:`stop`.

    ``changed`` is called after every committed batch and every dedup (the app bumps
    its data version there, which empties the response cache).
    """

    def __init__(self, store: Store, config: WatchConfig, lock: threading.Lock,
                 changed: Any) -> None:
        self.config = config
        self.stop_event = threading.Event()
        self.errors = 0
        self.failure: str | None = None  # why the watch thread stopped, if it did
        self.pool = CodingPool(config.workers, processes=True,
                               make_extractor=config.make_extractor)
        self.watcher = Watcher(store, Inbox(config.inbox, settle=config.settle),
                               pool=self.pool, read_options=config.read_options,
                               dedup=config.dedup, lock=lock, on_error=self._error,
                               on_pass=self._passed, on_batch=changed)
        self.thread = threading.Thread(target=self._run, name="eventwire-watch", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self.stop_event.set()
        if self.thread.is_alive():
            self.thread.join(timeout)

    def status(self) -> dict[str, Any]:
        last = self.watcher.last
        return {
            "inbox": str(self.config.inbox),
            "running": self.thread.is_alive(),
            "failure": self.failure,
            "errors": self.errors,
            "last_pass": None if last is None else {
                "files": len(last.files),
                "finished_at": dt.datetime.fromtimestamp(last.finished_at, dt.UTC)
                .isoformat(timespec="seconds"),
                **{key: getattr(last.summary, key) for key in (
                    "articles_new", "articles_changed", "articles_unchanged", "events_stored",
                    "read_errors", "coder_failed")},
            },
        }

    def _run(self) -> None:
        try:
            with self.pool:
                self.watcher.run(self.stop_event, self.config.interval)
        except EventwireError as exc:
            self.failure = str(exc)
            log.error("watch stopped: %s", exc)

    def _error(self, error: InputError) -> None:
        self.errors += 1
        log.warning("%s", one_line(str(error)))

    def _passed(self, done: WatchPass) -> None:
        s = done.summary
        log.info("watch: %d file(s): %d new, %d changed article(s), %d event(s)",
                    len(done.files), s.articles_new, s.articles_changed, s.events_stored)
