"""Writing batches to the store: one transaction each, articles and their events together.

:class:`Writer` holds the connection of a writable store. For an ingest batch it checks
the content hashes again (the batch may repeat an article of the batch before it),
deletes the rows and events of articles whose content changed, and inserts the new
articles, their events and their actors; for a recode batch it replaces the events and
updates each article's coder version. Everything of a batch is committed at once or
rolled back, and a DuckDB error becomes a one-line :class:`StoreError`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import duckdb

from ..errors import InputError, StoreError
from ..records import Article, Event
from . import schema
from .ingest import Tally
from .workers import CodedBatch

log = logging.getLogger("eventwire")

ErrorCallback = Callable[[InputError], None]


class Job:
    """A batch on its way through the pool: what to store, and what was counted already."""

    __slots__ = ("read", "read_errors", "reasons", "todo", "unchanged")

    def __init__(self, read: int = 0) -> None:
        self.read = read
        self.read_errors = 0
        self.reasons: Counter[str] = Counter()  # read errors by reason
        self.unchanged = 0
        self.todo: list[tuple[Article, str]] = []  # (article, content hash) to code and store


class Writer:
    """Writes batches through one DuckDB connection (the store's only writer)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str,
                 clock: Callable[[], dt.datetime]) -> None:
        self.con = con
        self.path = path
        self.clock = clock

    def write_ingest(self, job: Job, batch: CodedBatch, tally: Tally,
                     on_error: ErrorCallback | None) -> None:
        """Write one ingest batch in one transaction (the content is checked again here)."""
        stored = self.stored_hashes([article.id for article, _ in job.todo])
        in_store = set(stored)
        keep: dict[str, tuple[dict[str, Any], list[Event]]] = {}
        counts = Tally()
        now = self.clock()
        for (article, digest), coded in zip(job.todo, batch.items, strict=True):
            if coded.error is not None:
                self._coder_failed(article, coded.error, counts, on_error)
                continue
            previous = stored.get(article.id)
            if previous == digest:
                counts.unchanged += 1  # a duplicate within the input
                continue
            if previous is None:
                counts.new += 1
            else:
                counts.changed += 1
            stored[article.id] = digest
            row = schema.article_row(coded.article, digest, coded.coder_version,
                                     len(coded.events), now)
            keep[article.id] = (row, list(coded.events))
        replaced = sorted(in_store & set(keep))
        if not keep:  # nothing new in this batch: no transaction
            self._add(tally, counts, committed=False)
            return
        with self.transaction("write"):
            if replaced:
                counts.removed += self._delete_events(replaced)
                self.con.execute("DELETE FROM articles WHERE doc_id IN (SELECT unnest(?))",
                                 [replaced])
            self._insert_articles([row for row, _ in keep.values()])
            self._insert_events([ev for _, events in keep.values() for ev in events], counts)
            self.set_meta(coder_version=next(iter(keep.values()))[0]["coder_version"])
        counts.not_coded = sum(1 for row, _ in keep.values() if row["language"] is None)
        self._add(tally, counts)

    def write_recode(self, job: Job, batch: CodedBatch, tally: Tally,
                     on_error: ErrorCallback | None) -> None:
        """Replace the events of one batch of stored articles, in one transaction."""
        counts = Tally()
        now = self.clock()
        updates: list[dict[str, Any]] = []
        events: list[Event] = []
        for (article, _), coded in zip(job.todo, batch.items, strict=True):
            if coded.error is not None:
                self._coder_failed(article, coded.error, counts, on_error)
                continue
            counts.changed += 1
            counts.not_coded += coded.article.language is None
            updates.append({"doc_id": article.id, "language": coded.article.language,
                            "coder_version": coded.coder_version,
                            "num_events": len(coded.events), "coded_at": now})
            events.extend(coded.events)
        if not updates:
            self._add(tally, counts, committed=False)
            return
        with self.transaction("write"):
            counts.removed += self._delete_events([row["doc_id"] for row in updates])
            table = schema.arrow_rows("articles", [
                {**dict.fromkeys(schema.column_names("articles")), **row} for row in updates])
            self.con.register("_ew_updates", table)
            try:
                self.con.execute(
                    "UPDATE articles SET language = u.language, coder_version = "
                    "u.coder_version, num_events = u.num_events, coded_at = u.coded_at "
                    "FROM _ew_updates u WHERE articles.doc_id = u.doc_id")
            finally:
                self.con.unregister("_ew_updates")
            self.set_meta(coder_version=updates[0]["coder_version"])
            self._insert_events(events, counts)
        self._add(tally, counts)

    @staticmethod
    def _coder_failed(article: Article, error: str, counts: Tally,
                      on_error: ErrorCallback | None) -> None:
        counts.coder_failed += 1
        counts.reasons[f"coder failed: {error.split(':', 1)[0]}"] += 1
        report(_coder_error(article, error), on_error)

    def _delete_events(self, doc_ids: list[str]) -> int:
        row = self.con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?))",
                               [doc_ids]).fetchone()
        return int(row[0]) if row else 0

    def _insert_articles(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._insert("articles", schema.arrow_rows("articles", rows))

    def _insert_events(self, events: list[Event], counts: Tally) -> None:
        seen: set[str] = set()
        unique = []
        for event in events:
            if event.event_id in seen:
                counts.duplicate_ids += 1
                continue
            seen.add(event.event_id)
            unique.append(event)
        if not unique:
            return
        self._insert("events", schema.arrow_rows("events", [schema.event_row(e) for e in unique]))
        actors = schema.actor_rows(unique)
        if actors:
            self._insert("actors", schema.arrow_rows("actors", actors), on_conflict=True)
        counts.events += len(unique)

    def _insert(self, table: str, rows: Any, on_conflict: bool = False) -> None:
        name = f"_ew_{table}"
        self.con.register(name, rows)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}"
                             + (" ON CONFLICT DO NOTHING" if on_conflict else ""))
        finally:
            self.con.unregister(name)

    def set_meta(self, **values: str) -> None:
        for key, value in values.items():
            self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def stored_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        if not doc_ids:
            return {}
        return dict(self.con.execute(
            "SELECT doc_id, content_hash FROM articles WHERE doc_id IN (SELECT unnest(?))",
            [doc_ids]).fetchall())

    @contextlib.contextmanager
    def transaction(self, action: str) -> Iterator[None]:
        """One transaction: committed whole, or rolled back and turned into a StoreError."""
        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    self.con.execute("ROLLBACK")
                raise
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            with contextlib.suppress(duckdb.Error):
                self.con.execute("ROLLBACK")
            raise StoreError(db_message(self.path, exc, action)) from None

    @staticmethod
    def _add(tally: Tally, counts: Tally, committed: bool = True) -> None:
        tally.new += counts.new
        tally.changed += counts.changed
        tally.unchanged += counts.unchanged
        tally.not_coded += counts.not_coded
        tally.coder_failed += counts.coder_failed
        tally.events += counts.events
        tally.removed += counts.removed
        tally.duplicate_ids += counts.duplicate_ids
        tally.batches += committed
        tally.reasons.update(counts.reasons)


def _where(article: Article) -> str:
    if article.source_path and article.source_record:
        return f"{article.source_path}:{article.source_record}"
    return article.source_path or article.id


def _coder_error(article: Article, error: str) -> InputError:
    return InputError(_where(article), f"the coder failed on article {article.id!r} ({error}); "
                                       "skipped")


def report(error: InputError, on_error: ErrorCallback | None) -> None:
    if on_error is not None:
        on_error(error)
    else:
        log.warning("%s", error)


_PID = re.compile(r"\(PID (\d+)\)")


def db_message(path: str, exc: Exception, action: str) -> str:
    """A one-line message for a DuckDB error: what happened to which file, and what to do."""
    text = " ".join(str(exc).split())
    if "Could not set lock" in text or "Conflicting lock" in text:
        pid = _PID.search(text)
        by = f" (PID {pid.group(1)})" if pid else ""
        return (f"{path}: the store is in use by another process{by}; wait for it to finish "
                "or use another --db file (to add articles to a store that `eventwire serve` "
                "holds, serve it with --watch INBOX and put the files in INBOX)")
    if "Permission denied" in text or "Read-only file system" in text:
        return (f"{path}: cannot {action} the store: permission denied (a read-only file or "
                "folder?); fix the permissions or use another --db file")
    if "not a valid DuckDB database" in text:
        return f"{path}: not a DuckDB database file; use another --db file"
    if "No space left" in text:
        return f"{path}: cannot {action} the store: no space left on the device"
    return f"{path}: cannot {action} the store ({text})"
