"""The event store: one DuckDB file, written by one process, in one transaction per batch.

::

    items ──► batches of N articles ──► drop the unchanged (content hash) ──► CodingPool
          ──► one transaction per batch: replace changed articles and their events,
              insert new ones, add their actors ──► progress(...) ──► IngestSummary

A batch is committed whole or not at all, so a killed ingest leaves the batches before
it and nothing of the one it was in; running the same ingest again codes only what is
missing (stored articles with the same content hash are passed over).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from .._version import __version__
from ..errors import InputError, StoreError
from ..records import Article
from . import schema
from .ingest import IngestProgress, IngestSummary, Item, Tally, reason_key
from .workers import CodedBatch, CodingPool, ExtractorLike, Pool
from .writer import ErrorCallback, Job, Writer, db_message, report

Clock = Callable[[], dt.datetime]
ProgressCallback = Callable[[IngestProgress], None]


def utc_now() -> dt.datetime:
    """The time now in UTC, without a time zone (as DuckDB TIMESTAMP stores it)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)



B = TypeVar("B")


def run_jobs(results: Iterable[tuple[Job, B]], progress: ProgressCallback | None,
             write: Callable[[Job, B, Tally], None]) -> IngestSummary:
    """Write each coded batch as it arrives and count it; the summary at the end.

    Shared by the store's own ingest and recode and by the Dask runner's Parquet output.
    """
    start = time.perf_counter()
    tally = Tally()
    for job, batch in results:
        write(job, batch, tally)
        tally.read += job.read
        tally.read_errors += job.read_errors
        tally.unchanged += job.unchanged
        tally.reasons.update(job.reasons)
        if progress is not None:
            progress(tally.progress(time.perf_counter() - start))
    return tally.summary(time.perf_counter() - start)

class Store:
    """An eventwire store over an open DuckDB connection.

    Open one with :meth:`Store.open`; the constructor only wraps a connection it is
    given (tests pass an in-memory one) and does no I/O. Use it as a context manager,
    or call :meth:`close`.
    """

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str = ":memory:", *,
                 read_only: bool = False, clock: Clock = utc_now) -> None:
        self.con = connection
        self.path = path
        self.read_only = read_only
        self.clock = clock
        self.writer = Writer(connection, path, clock)

    # -- opening and closing ------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False, *, clock: Clock = utc_now
             ) -> Store:
        """Open (and, unless ``read_only``, create) the store at ``path``.

        Writable: creates the tables if the file is new, and commits a small write to
        ``meta`` so that a locked or read-only file fails here, not in the first batch.
        Raises :class:`StoreError` with a one-line message on any failure.
        """
        path = str(path)
        if read_only and path != ":memory:" and not os.path.exists(path):
            raise StoreError(f"{path}: no such store; create it with `eventwire ingest --db`")
        try:
            con = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(db_message(path, exc, "open")) from None
        store = cls(con, path, read_only=read_only, clock=clock)
        try:
            store.prepare()
        except BaseException:
            con.close()
            raise
        return store

    def prepare(self) -> None:
        """Create the tables if there are none, and check the schema version."""
        try:
            tables = {row[0] for row in self.con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'").fetchall()}
            if "meta" not in tables:
                if tables:  # someone else's database: do not add our tables to it
                    raise StoreError(f"{self.path}: not an eventwire store (no meta table); "
                                     "use another --db file")
                if self.read_only:
                    raise StoreError(f"{self.path}: an empty database, not an eventwire store")
                self._create()
            found = self.meta().get("schema_version")
            if found != str(schema.SCHEMA_VERSION):
                raise StoreError(
                    f"{self.path}: store schema version {found}, but this eventwire reads "
                    f"version {schema.SCHEMA_VERSION}; ingest into a new --db file")
            self._add_new_columns()
            if not self.read_only:
                with self.writer.transaction("open"):
                    self.writer.set_meta(opened_at=self.clock().isoformat())
        except duckdb.Error as exc:
            raise StoreError(db_message(self.path, exc, "open")) from None

    def _add_new_columns(self) -> None:
        """Columns a later eventwire added to a table (nullable, at the end): added to a
        store opened for writing; a store opened read-only must be opened for writing once."""
        for table in schema.TABLES:
            have = {row[0] for row in self.con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' "
                "AND table_name = ?", [table]).fetchall()}
            missing = [(n, t) for n, t in schema.TABLES[table] if n not in have]
            if not missing:
                continue
            if self.read_only:
                raise StoreError(
                    f"{self.path}: written by an older eventwire (no {table} column "
                    f"{missing[0][0]}); open it for writing once, e.g. `eventwire recode "
                    f"--db {self.path} --stale`")
            with self.writer.transaction("upgrade"):
                for name, kind in missing:
                    self.con.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")

    def _create(self) -> None:
        with self.writer.transaction("create"):
            for statement in schema.ddl():
                self.con.execute(statement)
            self.writer.set_meta(schema_version=str(schema.SCHEMA_VERSION),
                                 created_at=self.clock().isoformat(),
                                 eventwire_version=__version__)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT key, value FROM meta").fetchall())

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
                for table in schema.TABLES}

    def events_frame(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The events (all columns, or ``columns``) ordered by article and sentence."""
        return self._frame("events", columns, "doc_id, sentence_index, event_id")

    def articles_frame(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The articles (all columns, or ``columns``, e.g. without ``text``) by id."""
        return self._frame("articles", columns, "doc_id")

    def _frame(self, table: str, columns: Sequence[str] | None, order: str) -> pd.DataFrame:
        known = schema.column_names(table)
        wanted = list(columns) if columns is not None else list(known)
        unknown = [c for c in wanted if c not in known]
        if unknown:
            raise ValueError(f"no column(s) {unknown} in {table}; columns are {list(known)}")
        return self.con.execute(f"SELECT {', '.join(wanted)} FROM {table} ORDER BY {order}").df()

    # -- ingest -------------------------------------------------------------------------------

    def ingest(self, items: Iterable[Item], *, batch_size: int = 64, workers: int = 1,
               extractor: ExtractorLike | None = None,
               make_extractor: Callable[[], ExtractorLike] | None = None,
               progress: ProgressCallback | None = None, on_error: ErrorCallback | None = None,
               start_method: str = "spawn", pool: Pool | None = None) -> IngestSummary:
        """Code and store articles, ``batch_size`` to a transaction; returns the counts.

        ``items`` are :class:`Article` s, possibly mixed with the read errors of
        :func:`read_items` (counted and reported). An article already stored with the
        same content hash is passed over without coding; one stored with another hash
        has its row and events replaced. ``workers > 1`` codes in that many processes,
        each building its extractor with ``make_extractor`` (default: the bundled
        model); with one worker, ``extractor`` (or ``make_extractor()``) runs here.
        Each read error and coder failure goes to ``on_error`` (or, without it, to the
        ``eventwire`` logger); ``progress`` is called after each committed batch.

        ``pool`` codes the batches instead (then leave out ``workers``, ``extractor``,
        ``make_extractor`` and ``start_method``): any :class:`~.workers.Pool`, such as
        :class:`eventwire.scale.DaskCodingPool`; its batches may come back in any order.
        An article whose id is in a batch not yet written is always coded (its stored
        hash may still change), and the writer decides whether it changed.
        """
        self._check_writable()
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        if pool is None:
            pool = CodingPool(workers, extractor=extractor, make_extractor=make_extractor,
                              batch_size=min(batch_size, 32), start_method=start_method)
        elif (workers, extractor, make_extractor) != (1, None, None):
            raise ValueError("pool= codes the batches itself: leave out workers=, extractor= "
                             "and make_extractor=")
        in_flight: Counter[str] = Counter()  # ids of the articles coded and not yet written

        def write(job: Job, batch: CodedBatch, tally: Tally) -> None:
            self.writer.write_ingest(job, batch, tally, on_error=on_error)
            for article, _ in job.todo:
                in_flight[article.id] -= 1
                if not in_flight[article.id]:
                    del in_flight[article.id]

        return self._run(pool, self._ingest_jobs(items, batch_size, on_error, in_flight),
                         progress, write)

    def recode(self, *, batch_size: int = 64, workers: int = 1,
               extractor: ExtractorLike | None = None,
               make_extractor: Callable[[], ExtractorLike] | None = None,
               progress: ProgressCallback | None = None, on_error: ErrorCallback | None = None,
               unless_version: str | None = None, start_method: str = "spawn"
               ) -> IngestSummary:
        """Code the stored articles again (after patterns or actor data changed).

        Each article's events are replaced, in one transaction per batch, and the
        article's ``coder_version`` updated. ``unless_version`` leaves out articles
        already coded by that coder version. An article the coder fails on keeps its
        events. Other arguments as in :meth:`ingest`.
        """
        self._check_writable()
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        pool = CodingPool(workers, extractor=extractor, make_extractor=make_extractor,
                          batch_size=min(batch_size, 32), start_method=start_method)
        return self._run(pool, self._recode_jobs(batch_size, unless_version), progress,
                         functools.partial(self.writer.write_recode, on_error=on_error))

    def _run(self, pool: Pool, jobs: Iterable[tuple[Job, list[Article]]],
             progress: ProgressCallback | None,
             write: Callable[[Job, CodedBatch, Tally], None]) -> IngestSummary:
        return run_jobs(pool.run(jobs), progress, write)

    def _ingest_jobs(self, items: Iterable[Item], batch_size: int,
                     on_error: ErrorCallback | None, in_flight: Counter[str]
                     ) -> Iterator[tuple[Job, list[Article]]]:
        # A pool pulls the next jobs before the batches in flight are written (CodingPool
        # with workers > 1, DaskCodingPool): an article in one of them is coded again, so
        # that the writer, after that batch, decides whether it changed.
        for chunk in _chunks(items, batch_size):
            job = Job()
            for item in chunk:
                if isinstance(item, InputError):
                    job.read_errors += 1
                    job.reasons[f"unreadable: {reason_key(item)}"] += 1
                    report(item, on_error)
            articles = [item for item in chunk if isinstance(item, Article)]
            job.read = len(articles)
            stored = self.writer.stored_hashes([a.id for a in articles])
            for article in articles:
                digest = schema.content_hash(article)
                if stored.get(article.id) == digest and not in_flight[article.id]:
                    job.unchanged += 1  # already stored: not coded again
                else:
                    job.todo.append((article, digest))
            in_flight.update(article.id for article, _ in job.todo)
            yield job, [article for article, _ in job.todo]

    def _recode_jobs(self, batch_size: int, unless_version: str | None
                     ) -> Iterator[tuple[Job, list[Article]]]:
        after = ""
        skip_version = "" if unless_version is None else "AND coder_version IS DISTINCT FROM ?"
        while True:
            params: list[Any] = [after, *([unless_version] if unless_version else []),
                                 batch_size]
            rows = self.con.execute(
                "SELECT doc_id, text, title, url, outlet, published, source_path, "
                "source_record, content_hash FROM articles WHERE doc_id > ? "
                f"{skip_version} ORDER BY doc_id LIMIT ?", params).fetchall()
            if not rows:
                return
            job = Job(read=len(rows))
            for doc_id, text, title, url, outlet, published, path, record, digest in rows:
                article = Article(id=doc_id, text=text, title=title, url=url, outlet=outlet,
                                  published=published, source_path=path, source_record=record)
                job.todo.append((article, digest))
            after = rows[-1][0]
            yield job, [article for article, _ in job.todo]

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only; open it for writing")


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of items holding ``size`` articles each (read errors ride along)."""
    chunk: list[Item] = []
    articles = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, Article):
            articles += 1
            if articles == size:
                yield chunk
                chunk, articles = [], 0
    if chunk:
        yield chunk
