"""Coding batches of articles for the store: in this process, or in worker processes.

::

    jobs (context, [Article, ...]) ──► CodingPool.run ──► (context, CodedBatch), in order
                                          │
                         workers <= 1: the extractor of this process
                         workers  > 1: N processes, each building its extractor once
                                       (the spaCy model loads once per process)

A job's ``context`` stays in this process (it is whatever the caller needs to store
the results); only the articles travel. At most ``2 × workers`` jobs are in flight,
so memory stays flat however long the input is. Results come back in job order.

An article the coder fails on (any exception) does not stop the batch: it comes back
as a :class:`Coded` with ``error`` set and no events, and the others are coded one by
one. Warnings the coder logs in a worker process are sent back with the batch and
logged again here, on the ``eventwire`` logger, so the caller decides where they go.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import logging
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from ..errors import StoreError
from ..records import Article, Event

log = logging.getLogger("eventwire")

K = TypeVar("K")


class ExtractorLike(Protocol):
    """What the pool needs of an extractor (``eventwire.Extractor`` or a test fake)."""

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32
                     ) -> Iterator[tuple[Article, list[Event]]]: ...


class Pool(Protocol):
    """What :meth:`Store.ingest` needs of a pool (``pool=``): :class:`CodingPool`, or
    :class:`eventwire.scale.DaskCodingPool`.

    ``run(jobs)`` codes each job's articles and yields the job's context with its
    :class:`CodedBatch`, in any order, pulling the jobs lazily. A pool that yields out
    of order must not code two jobs sharing an article id at the same time (it holds the
    later one back until the earlier one is handed back), so that a later version of an
    article still wins.
    """

    def run(self, jobs: Iterable[tuple[K, list[Article]]]) -> Iterator[tuple[K, CodedBatch]]: ...


@dataclasses.dataclass(frozen=True)
class Coded:
    """One article after coding: as coded (cleaned, language set) or, on error, as given."""

    article: Article
    events: tuple[Event, ...]
    coder_version: str
    error: str | None = None  # "ValueError: ..." when the coder failed on this article


@dataclasses.dataclass(frozen=True)
class CodedBatch:
    items: tuple[Coded, ...]
    warnings: tuple[str, ...] = ()  # messages the coder logged in a worker process


def coder_version(extractor: Any) -> str:
    """The version the extractor's coder stamps on its events."""
    coder = getattr(extractor, "coder", None)
    version = getattr(coder, "version", None)
    if version is None:
        from ..coding import CODER_VERSION

        return CODER_VERSION
    return str(version)


def code_articles(extractor: ExtractorLike, articles: Sequence[Article], batch_size: int
                  ) -> list[Coded]:
    """Code ``articles`` in one stream; if the coder fails, code the rest one at a time."""
    version = coder_version(extractor)
    done: list[Coded] = []
    try:
        for article, events in extractor.extract_many(articles, batch_size=batch_size):
            done.append(Coded(article, tuple(events), version))
    except Exception:  # noqa: BLE001 - one bad article must not stop the ingest
        done.extend(_code_one(extractor, article, version) for article in articles[len(done):])
    return done


def _code_one(extractor: ExtractorLike, article: Article, version: str) -> Coded:
    try:
        [(coded, events)] = list(extractor.extract_many([article], batch_size=1))
    except Exception as exc:  # noqa: BLE001 - reported, counted and skipped by the caller
        return Coded(article, (), version, error=f"{type(exc).__name__}: {exc}")
    return Coded(coded, tuple(events), version)


_WARM_UP = Article(id="warm-up", title="Talks in Geneva",
                   text="Russian jets attacked rebel positions near Idlib on Monday, the Syrian "
                        "Observatory for Human Rights said. The United Nations called on both "
                        "sides to return to talks in Geneva.")


def load_extractor(extractor: ExtractorLike, *, data: bool = False) -> None:
    """Load now what ``extractor`` loads on first use: its spaCy model (``.nlp``, if it has
    one) and, with ``data``, what the coder reads on its first article (patterns, actor
    and place data: about 4 CPU s with the bundled coder, most of it parsing YAML), by
    coding one short article whose events are dropped. Coding results do not change.
    """
    getattr(extractor, "nlp", None)
    if data:
        code_articles(extractor, [_WARM_UP], 1)


def default_make_extractor() -> ExtractorLike:
    """The process-wide ``eventwire.Extractor`` (model loaded on first use)."""
    from ..pipeline import default_extractor

    return default_extractor()


class CodingPool:
    """Codes jobs of articles, in order, here (``workers <= 1``) or in ``workers`` processes.

    ``extractor`` is used in this process; worker processes call ``make_extractor``
    (a picklable, module-level callable) once each. ``start_method`` is a
    :mod:`multiprocessing` start method; ``spawn`` (the default) works everywhere.
    ``processes=True`` codes in a worker process even with one worker (a server that
    must keep answering while it codes).

    The constructor starts nothing: processes start in :meth:`run` and end with it,
    or, inside ``with pool:``, start on the first run and live until the block ends
    (a watcher that codes many small batches loads the model once).
    """

    def __init__(self, workers: int = 1, *, extractor: ExtractorLike | None = None,
                 make_extractor: Callable[[], ExtractorLike] | None = None,
                 batch_size: int = 32, start_method: str = "spawn",
                 processes: bool = False) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        if (workers > 1 or processes) and extractor is not None and make_extractor is None:
            raise ValueError("extractor= codes in this process only; with worker processes "
                             "pass make_extractor= (a module-level function each worker calls)")
        self.workers = workers
        self.extractor = extractor
        self.make_extractor = make_extractor or default_make_extractor
        self.batch_size = batch_size
        self.start_method = start_method
        self.processes = processes or workers > 1
        self._kept: cf.ProcessPoolExecutor | None = None  # inside ``with pool:``
        self._keeping = False

    def __enter__(self) -> CodingPool:
        self._keeping = True
        return self

    def __exit__(self, *exc: object) -> None:
        self._keeping = False
        if self._kept is not None:
            stop_pool(self._kept, wait=exc[0] is None)
            self._kept = None

    def run(self, jobs: Iterable[tuple[K, list[Article]]]) -> Iterator[tuple[K, CodedBatch]]:
        """Each job's context with its coded batch, in job order (jobs are pulled lazily)."""
        if not self.processes:
            return self._run_here(jobs)
        return self._run_processes(jobs)

    def _executor(self) -> cf.ProcessPoolExecutor:
        if self._kept is not None:
            return self._kept
        pool = process_pool(self.workers, self.make_extractor, self.start_method)
        if self._keeping:
            self._kept = pool
        return pool

    def _run_here(self, jobs: Iterable[tuple[K, list[Article]]]
                  ) -> Iterator[tuple[K, CodedBatch]]:
        extractor = self.extractor
        for context, articles in jobs:
            if articles and extractor is None:
                extractor = self.extractor = self.make_extractor()
            items = code_articles(extractor, articles, self.batch_size) if articles else []
            yield context, CodedBatch(tuple(items))

    def _run_processes(self, jobs: Iterable[tuple[K, list[Article]]]
                       ) -> Iterator[tuple[K, CodedBatch]]:
        pool = self._executor()
        pending: deque[tuple[K, cf.Future[CodedBatch]]] = deque()
        source = iter(jobs)
        finished = False
        broken: list[K] = []

        def submit() -> bool:
            job = None if broken else next(source, None)
            if job is None:
                return False
            context, articles = job
            if articles:
                try:
                    future = pool.submit(code_in_worker, articles, self.batch_size)
                except cf.process.BrokenProcessPool:
                    broken.append(context)  # the batches in flight are stored first
                    return False
            else:
                future = cf.Future()
                future.set_result(CodedBatch(()))
            pending.append((context, future))
            return True

        try:
            while len(pending) < 2 * self.workers and submit():
                pass
            while pending:
                context, future = pending.popleft()
                try:
                    batch = future.result()
                except cf.process.BrokenProcessPool:
                    self._kept = None  # a kept pool that broke is not used again
                    raise _worker_died() from None
                submit()
                for message in batch.warnings:
                    log.warning("%s", message)
                yield context, batch
            if broken:
                raise _worker_died()
            finished = True
        finally:
            if pool is not self._kept:
                stop_pool(pool, wait=finished)
            elif not finished:
                for _, future in pending:
                    future.cancel()


def process_pool(workers: int, make_extractor: Callable[[], ExtractorLike],
                 start_method: str = "spawn") -> cf.ProcessPoolExecutor:
    """``workers`` coding processes, each building its extractor once with
    ``make_extractor``; give them :func:`code_in_worker` and :func:`warm_worker`."""
    return cf.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(start_method),
                                  initializer=_init_worker, initargs=(make_extractor,))


def stop_pool(pool: cf.ProcessPoolExecutor, wait: bool) -> None:
    """Shut a pool down; unless ``wait``, without waiting for the batches being coded."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=wait, cancel_futures=True)
    if not wait:
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(5)


def _worker_died() -> StoreError:
    return StoreError("a worker process died (out of memory?); the batches before it are "
                      "stored: run the same command again to go on, with fewer --workers")


# -- in the worker processes -------------------------------------------------------------------

_worker_extractor: ExtractorLike | None = None
_worker_log: _Collect | None = None


class _Collect(logging.Handler):
    """Keeps the coder's log messages until they are sent back with the batch."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _init_worker(make_extractor: Callable[[], ExtractorLike]) -> None:
    global _worker_extractor, _worker_log
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    _worker_log = _Collect()
    logger = logging.getLogger("eventwire")
    logger.addHandler(_worker_log)
    logger.propagate = False
    _worker_extractor = make_extractor()


def warm_worker() -> None:
    """In a worker of :func:`process_pool`: load the model and the coder's data now."""
    assert _worker_extractor is not None
    load_extractor(_worker_extractor, data=True)


def code_in_worker(articles: list[Article], batch_size: int) -> CodedBatch:
    """In a worker of :func:`process_pool`: code ``articles`` (see :func:`code_articles`)."""
    assert _worker_extractor is not None and _worker_log is not None
    items = code_articles(_worker_extractor, articles, batch_size)
    warnings, _worker_log.messages = tuple(_worker_log.messages), []
    return CodedBatch(tuple(items), warnings)
