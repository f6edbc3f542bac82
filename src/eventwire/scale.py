"""Scale-out: coding batches of articles on a Dask distributed cluster.

::

    items ──► batches (content hashes checked, as in Store.ingest) ──► client.submit
          ──► Dask workers: each builds its extractor once (the model loads once a worker)
          ──► as_completed ──► this process: the store's one-transaction-per-batch writer
                                             (or one Parquet file per batch with ``out``)

``address`` is ``local`` / ``local:N`` (a :class:`distributed.LocalCluster` of N worker
processes with one thread each, started here and stopped at the end) or the address of
a running scheduler, ``tcp://host:8786``. This process reads the input, checks hashes
and is the only writer; only the articles travel to the workers, and only their coded
batches come back. A batch is coded as tasks of at most ``task_size`` articles (so that
no worker idles at the end while another codes a whole batch), and at most
``2 × threads`` tasks are in flight, so memory stays flat.

Batches come back in the order they finish, not the order they were sent. The store
does not depend on it: a batch is written by the same transaction as in
:meth:`Store.ingest`, and a batch holding an article id that a batch still in flight
also holds is sent only after that one is written (so a later version of an article
still wins, as in a single-process ingest).
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import logging
import multiprocessing
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

import pyarrow.parquet as pq

from .errors import InputError, StoreError
from .records import Article
from .store import IngestProgress, IngestSummary, Store, schema
from .store.ingest import Item, Tally, reason_key
from .store.store import run_jobs
from .store.workers import (
    CodedBatch,
    ExtractorLike,
    code_articles,
    default_make_extractor,
    load_extractor,
)
from .store.writer import ErrorCallback, Job, report

__all__ = ["DaskCodingPool", "connect", "ingest_on_cluster", "parse_address", "warm_up"]

log = logging.getLogger("eventwire")

K = TypeVar("K")
ProgressCallback = Callable[[IngestProgress], None]
_LOCAL = re.compile(r"local(?::(\d+))?")

#: Dask settings of the local clusters started by :func:`connect` (measured: docs/store.md).
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    # Dask's sampling profiler takes the GIL every 10 ms in the workers; off, coding runs
    # about 10% faster.
    "distributed.worker.profile.enabled": False,
    # glibc's own malloc thresholds in the workers. Dask sets MALLOC_TRIM_THRESHOLD_=65536,
    # which also fixes the mmap threshold: each of the parser's large temporary arrays is
    # then mapped and unmapped again, 12 times the page faults and twice the system time
    # of the same coding in one process. (A MALLOC_TRIM_THRESHOLD_ set in the environment
    # still wins.) Dask's OMP/MKL/OPENBLAS_NUM_THREADS=1 stay: one thread a worker.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


def parse_address(address: str) -> tuple[str, int | str]:
    """``local[:N]`` → ``("local", N)`` (N defaults to the cores here); ``tcp://…`` → as is.

    Raises ``ValueError`` for anything else.
    """
    match = _LOCAL.fullmatch(address.strip())
    if match:
        workers = int(match.group(1)) if match.group(1) else (os.cpu_count() or 1)
        if workers < 1:
            raise ValueError(f"--cluster {address}: a local cluster needs at least 1 worker")
        return "local", workers
    if re.fullmatch(r"(tcp|tls|inproc|ucx)://\S+", address.strip()):
        return "scheduler", address.strip()
    raise ValueError(f"--cluster {address!r}: expected local, local:N or a scheduler address "
                     "such as tcp://scheduler:8786")


@contextlib.contextmanager
def connect(address: str, *, timeout: float = 30.0) -> Iterator[Any]:
    """A :class:`distributed.Client` for ``address`` (see :func:`parse_address`).

    A local cluster is started here (worker processes, one thread each, no dashboard,
    with :data:`LOCAL_CLUSTER_CONFIG`) and closed on leaving. A scheduler that cannot be
    reached is a :class:`StoreError` (nothing can be written) with a one-line message.
    """
    import dask
    from distributed import Client, LocalCluster

    kind, where = parse_address(address)
    if kind == "local":
        with dask.config.set(LOCAL_CLUSTER_CONFIG), \
                LocalCluster(n_workers=int(where), threads_per_worker=1, processes=True,
                             dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(str(where), timeout=timeout)
    except OSError as exc:  # TimeoutError included
        raise StoreError(f"cannot reach the Dask scheduler at {where} ({exc}); start it with "
                         "`dask scheduler` or check --cluster") from None
    with client:
        yield client


class DaskCodingPool:
    """Codes jobs of articles on the workers of ``client``; yields them as they finish.

    The same interface as :class:`eventwire.store.CodingPool` (``run(jobs)`` yields each
    job's context with its :class:`CodedBatch`), but in completion order: a
    :class:`eventwire.store.workers.Pool` for ``Store.ingest(pool=...)``. A job sharing
    an article id with a job in flight waits until that one has been handed back.
    ``make_extractor`` is a picklable, module-level callable each worker calls once.

    A job is sent as tasks of at most ``task_size`` articles (put back together in order
    here); the next job is sent while fewer than ``in_flight`` tasks are in flight
    (default 2 × the worker threads: each worker has its next task while it codes one).
    ``batch_size`` is spaCy's batch size.
    """

    def __init__(self, client: Any, *, make_extractor: Callable[[], ExtractorLike] | None = None,
                 batch_size: int = 32, in_flight: int | None = None,
                 task_size: int = 4) -> None:
        if task_size < 1:
            raise ValueError(f"task_size must be at least 1, got {task_size}")
        self.client = client
        self.make_extractor = make_extractor or default_make_extractor
        self.batch_size = batch_size
        self.in_flight = in_flight
        self.task_size = task_size
        self.busy: Counter[str] = Counter()  # article ids of the jobs in flight

    def run(self, jobs: Iterable[tuple[K, list[Article]]]) -> Iterator[tuple[K, CodedBatch]]:
        from distributed import as_completed

        limit = self.in_flight or max(2, 2 * sum(self.client.nthreads().values()))
        source = iter(jobs)
        held: tuple[K, list[Article]] | None = None
        exhausted = False
        running: dict[int, _Running[K]] = {}  # jobs in flight, by number
        pending: dict[Any, tuple[int, int]] = {}  # task future -> (job number, part)
        numbers = itertools.count()
        finished = as_completed()
        try:
            while True:
                while len(pending) < limit and not (exhausted and held is None):
                    if held is None:
                        job = next(source, None)
                        if job is None:
                            exhausted = True
                            break
                        if not job[1]:  # nothing to code in this batch
                            yield job[0], CodedBatch(())
                            continue
                        held = job
                    context, articles = held
                    ids = frozenset(article.id for article in articles)
                    if any(ids & other.ids for other in running.values()):
                        break  # the same article is in flight: wait until it is written
                    number = next(numbers)
                    parts = [articles[i:i + self.task_size]
                             for i in range(0, len(articles), self.task_size)]
                    running[number] = _Running(context, ids, [None] * len(parts))
                    for index, part in enumerate(parts):
                        future = self.client.submit(_code_on_worker, part, self.batch_size,
                                                    self.make_extractor, pure=False)
                        pending[future] = (number, index)
                        finished.add(future)
                    self.busy.update(ids)
                    held = None
                if not pending:
                    if exhausted and held is None:
                        return
                    continue
                future = next(finished)
                number, index = pending.pop(future)
                state = running[number]
                state.parts[index] = _result(future)
                if any(part is None for part in state.parts):
                    continue
                del running[number]
                self.busy.subtract(state.ids)
                self.busy += Counter()  # drop the zero counts
                batch = state.batch()
                for message in batch.warnings:
                    log.warning("%s", message)
                yield state.context, batch
        finally:
            if pending:  # interrupted or failed: do not leave work on the cluster
                self.client.cancel(list(pending))


@dataclasses.dataclass
class _Running(Generic[K]):
    """A job in flight: its context, article ids, and the coded batch of each task."""

    context: K
    ids: frozenset[str]
    parts: list[CodedBatch | None]

    def batch(self) -> CodedBatch:
        done = [part for part in self.parts if part is not None]
        return CodedBatch(tuple(item for part in done for item in part.items),
                          tuple(message for part in done for message in part.warnings))


def _result(future: Any) -> CodedBatch:
    from distributed import KilledWorker

    try:
        return future.result()  # type: ignore[no-any-return]
    except KilledWorker:
        raise StoreError("Dask workers died coding a batch (out of memory?); the batches "
                         "before it are stored: run the same command again to go on") from None


def ingest_on_cluster(target: Store | str | Path, items: Iterable[Item], *,
                      address: str = "local:2", client: Any = None, batch_size: int = 64,
                      make_extractor: Callable[[], ExtractorLike] | None = None,
                      progress: ProgressCallback | None = None,
                      on_error: ErrorCallback | None = None, task_size: int = 4
                      ) -> IngestSummary:
    """Ingest ``items`` as :meth:`Store.ingest` does, coding the batches on a Dask cluster.

    ``target`` is an open, writable :class:`Store` (the batches are written through
    its own batch-commit path: idempotent, one transaction per batch) or a directory
    for Parquet files (one ``part-NNNNNN.parquet`` per batch, with the columns of the
    store's ``events`` table; the directory must be new or empty). ``client`` is a
    connected :class:`distributed.Client`; without it one is made from ``address``
    (``local:N`` or ``tcp://host:8786``). ``task_size``: see :class:`DaskCodingPool`.
    Other arguments as in :meth:`Store.ingest`.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    parse_address(address)  # a bad address is an error before anything starts
    with contextlib.ExitStack() as stack:
        if client is None:
            client = stack.enter_context(connect(address))
        pool = DaskCodingPool(client, make_extractor=make_extractor,
                              batch_size=min(batch_size, 32), task_size=task_size)
        if isinstance(target, Store):
            # The store's own ingest: hashes checked, one transaction per batch.
            return target.ingest(items, batch_size=batch_size, pool=pool, progress=progress,
                                 on_error=on_error)
        return _into_parquet(Path(target), pool, items, batch_size, progress, on_error)
    raise AssertionError("unreachable")  # pragma: no cover - for type checkers


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of items holding ``size`` articles each (read errors ride along)."""
    chunk: list[Item] = []
    articles = 0
    for item in items:
        chunk.append(item)
        articles += isinstance(item, Article)
        if articles == size:
            yield chunk
            chunk, articles = [], 0
    if chunk:
        yield chunk


def _count_read_errors(chunk: list[Item], job: Job, on_error: ErrorCallback | None
                       ) -> list[Article]:
    """Count and report the read errors of a chunk; its articles."""
    for item in chunk:
        if isinstance(item, InputError):
            job.read_errors += 1
            job.reasons[f"unreadable: {reason_key(item)}"] += 1
            report(item, on_error)
    return [item for item in chunk if isinstance(item, Article)]


# -- Parquet output ----------------------------------------------------------------------------


def _into_parquet(out: Path, pool: DaskCodingPool, items: Iterable[Item], batch_size: int,
                  progress: ProgressCallback | None, on_error: ErrorCallback | None
                  ) -> IngestSummary:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise StoreError(f"{out}: not a new or empty directory; use another --out directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{out}: cannot create the directory ({exc})") from None
    seen: set[str] = set()
    numbered = ((job, (number, batch)) for (number, job), batch
                in pool.run(_parquet_jobs(items, batch_size, seen, on_error)))

    def write(job: Job, part: tuple[int, CodedBatch], tally: Tally) -> None:
        number, batch = part
        _write_part(out / f"part-{number:06d}.parquet", job, batch, tally, on_error)

    return run_jobs(numbered, progress, write)


def _parquet_jobs(items: Iterable[Item], batch_size: int, seen: set[str],
                  on_error: ErrorCallback | None
                  ) -> Iterator[tuple[tuple[int, Job], list[Article]]]:
    """Numbered batches; an article id seen before in this run is a duplicate (first wins)."""
    for number, chunk in enumerate(_batches(items, batch_size)):
        job = Job()
        articles = _count_read_errors(chunk, job, on_error)
        job.read = len(articles)
        for article in articles:
            if article.id in seen:
                job.unchanged += 1
            else:
                seen.add(article.id)
                job.todo.append((article, schema.content_hash(article)))
        yield (number, job), [article for article, _ in job.todo]


def _write_part(path: Path, job: Job, batch: CodedBatch, tally: Tally,
                on_error: ErrorCallback | None) -> None:
    """One batch's events as a Parquet file (written under a temporary name, then renamed)."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    counts: Counter[str] = Counter()
    for (article, _), coded in zip(job.todo, batch.items, strict=True):
        if coded.error is not None:
            tally.coder_failed += 1
            tally.reasons[f"coder failed: {coded.error.split(':', 1)[0]}"] += 1
            report(InputError(article.source_path or article.id,
                              f"the coder failed on article {article.id!r} ({coded.error}); "
                              "skipped"), on_error)
            continue
        counts["new"] += 1
        counts["not_coded"] += coded.article.language is None
        for event in coded.events:
            if event.event_id in seen:
                counts["duplicate"] += 1
                continue
            seen.add(event.event_id)
            rows.append(schema.event_row(event))
    if not job.todo:
        return
    temporary = path.with_suffix(".parquet.tmp")
    try:
        pq.write_table(schema.arrow_rows("events", rows), temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write the Parquet file ({exc})") from None
    tally.new += counts["new"]
    tally.not_coded += counts["not_coded"]
    tally.duplicate_ids += counts["duplicate"]
    tally.events += len(rows)
    tally.batches += 1


# -- on the workers ----------------------------------------------------------------------------

_extractors: dict[Callable[[], ExtractorLike], ExtractorLike] = {}
_extractors_lock = threading.Lock()


class _Collect(logging.Handler):
    """The coder's warnings in this thread, sent back with the batch."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


def warm_up(client: Any, make_extractor: Callable[[], ExtractorLike] | None = None, *,
            data: bool = False) -> None:
    """Build every worker's extractor and load its model now (on all workers at once).

    With ``data``, also what the coder reads on its first article (see
    :func:`eventwire.store.workers.load_extractor`). Optional: without it each worker
    builds its extractor on its first batch, and loads what it needs then.
    """
    client.run(_warm_worker, make_extractor or default_make_extractor, data)


def _warm_worker(make_extractor: Callable[[], ExtractorLike], data: bool) -> None:
    load_extractor(_worker_extractor(make_extractor), data=data)


def _worker_extractor(make_extractor: Callable[[], ExtractorLike]) -> ExtractorLike:
    """This worker's extractor: built on its first batch, then kept (one model a worker)."""
    with _extractors_lock:
        if make_extractor not in _extractors:
            if multiprocessing.parent_process() is not None:  # a worker process:
                logging.getLogger("eventwire").propagate = False  # warnings go back instead
            _extractors[make_extractor] = make_extractor()
        return _extractors[make_extractor]


def _code_on_worker(articles: list[Article], batch_size: int,
                    make_extractor: Callable[[], ExtractorLike]) -> CodedBatch:
    extractor = _worker_extractor(make_extractor)
    collect = _Collect()
    logger = logging.getLogger("eventwire")
    logger.addHandler(collect)
    try:
        items = code_articles(extractor, articles, batch_size)
    finally:
        logger.removeHandler(collect)
    return CodedBatch(tuple(items), tuple(collect.messages))
