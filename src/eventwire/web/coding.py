"""Coding pasted texts for the web API: in a worker process, one at a time, within a budget.

A request's coding must neither freeze the server (parsing holds the interpreter lock,
so a thread of the server would slow every other request) nor run without end. So
:class:`BudgetedCoder` codes in one worker process, one text at a time:

* a text whose coding takes longer than ``budget`` seconds raises
  :class:`~eventwire.errors.CodingBudgetError`; the worker is stopped and a new one
  started for the next text (loading the model is not counted in any budget);
* a caller that cannot have the worker within ``wait`` seconds, because another text
  is being coded, gets :class:`~eventwire.errors.CoderBusyError` at once.
"""

from __future__ import annotations

import concurrent.futures as cf
import threading
from collections.abc import Callable

from ..errors import CoderBusyError, CodingBudgetError, EventwireError
from ..records import Article, Event
from ..store.workers import (
    ExtractorLike,
    code_in_worker,
    default_make_extractor,
    process_pool,
    stop_pool,
    warm_worker,
)

LOAD_SECONDS = 180.0  # the longest a new worker may take to load the model


class BudgetedCoder:
    """Codes one article at a time in a worker process, each within ``budget`` seconds."""

    def __init__(self, budget: float = 10.0, *, wait: float = 2.0,
                 make_extractor: Callable[[], ExtractorLike] = default_make_extractor,
                 start_method: str = "spawn") -> None:
        self.budget = budget
        self.wait = wait
        self.make_extractor = make_extractor
        self.start_method = start_method
        self.lock = threading.Lock()
        self.pool: cf.ProcessPoolExecutor | None = None
        self.restarts = 0  # workers stopped for going over budget

    def warm_up(self) -> None:
        """Start the worker and load its model now rather than on the first text."""
        with self.lock:
            self._ready()

    def code(self, article: Article) -> list[Event]:
        """The article's events; raises CodingBudgetError / CoderBusyError as above."""
        if not self.lock.acquire(timeout=self.wait):
            raise CoderBusyError(f"the coder is busy with another text; try again in "
                                 f"{self.budget:g} s")
        try:
            pool = self._ready()
            future = pool.submit(code_in_worker, [article], 1)
            try:
                batch = future.result(timeout=self.budget)
            except cf.TimeoutError:
                self._stop()
                self.restarts += 1
                raise CodingBudgetError(
                    f"{article.id}: coding took longer than the {self.budget:g} s budget and "
                    "was stopped; send a shorter text") from None
            except cf.process.BrokenProcessPool:
                self._stop()
                raise EventwireError(f"{article.id}: the coding process died (out of "
                                     "memory?); try a shorter text") from None
        finally:
            self.lock.release()
        [coded] = batch.items
        if coded.error is not None:
            raise EventwireError(f"{article.id}: the coder failed ({coded.error})")
        return list(coded.events)

    def close(self) -> None:
        with self.lock:
            self._stop()

    def _ready(self) -> cf.ProcessPoolExecutor:
        if self.pool is None:
            pool = process_pool(1, self.make_extractor, self.start_method)
            try:
                pool.submit(warm_worker).result(timeout=LOAD_SECONDS)
            except BaseException:
                stop_pool(pool, wait=False)
                raise
            self.pool = pool
        return self.pool

    def _stop(self) -> None:
        if self.pool is not None:
            stop_pool(self.pool, wait=False)
            self.pool = None
