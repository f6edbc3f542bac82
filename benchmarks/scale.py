"""Scale-out speed-up: the same Guardian articles coded in one process and on a Dask cluster.

What is measured, in one run:

* **one process**: ``Store.ingest(articles, workers=1)`` (what ``eventwire ingest
  --workers 1`` runs) into a new DuckDB file.
* **cluster**: ``ingest_on_cluster(store, articles, address="local:2")`` (what
  ``eventwire ingest --cluster local:2`` runs): a ``LocalCluster`` of 2 worker processes
  with one thread each, coding the batches, and this process writing them.

The input is the first ``--n`` (default 150) articles of
``../shared/corpus/guardian_syria_2019.csv`` (id=index, published=date, outlet=source),
read before timing. Each run is timed twice: **cold**, from the start (model loading,
and for the cluster starting it, included), and **warm**, from the moment the model is
loaded (in this process, or on every worker via :func:`eventwire.scale.warm_up`). What
the coder reads on its first article (patterns, actor data: about 4 CPU s a process) is
inside both timings, so both include it once per process; with ``--warm-data`` it is
loaded before the warm timing starts, on both sides, which gives the steady-state speed-up
of a long ingest (not the headline figure). The
speed-up is cluster articles/s ÷ one-process articles/s. The 1-minute load average
(``os.getloadavg``) is printed before and after each run: other jobs on the machine slow
either run. So is the CPU time each run used (this process; for the cluster also the
workers, with their system time and page faults), which other jobs change much less
than the wall time, and how many cores the one-process run kept busy (CPU s ÷ wall s)
with its BLAS thread pools (when ``threadpoolctl`` is installed). Before each run it
prints how many cores this job can get at that moment (two processes spin for half a
second): the machine is shared, and while another job keeps a core busy the scheduler
may give this one only one core however many processes it runs, so the cluster cannot
be faster than one process then. Only runs with 2.0 cores available measure the
speed-up; run the script again for another pair (a second pair in the same process
would find the model and the coder's data loaded in it already).

    .venv/bin/python benchmarks/scale.py [--n 150] [--batch-size 8] [--cluster local:2]
                                         [--task-size 4] [--warm-data]

The last line printed is ``speedup_warm=... speedup_cold=...``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import eventwire
from eventwire.pipeline import default_extractor
from eventwire.scale import connect, ingest_on_cluster, warm_up
from eventwire.store import Store
from eventwire.store.workers import load_extractor

GUARDIAN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guardian_syria_2019.csv"
CSV_MAPPING = {"id": "index", "published": "date", "outlet": "source"}


def one_process(articles: list[eventwire.Article], db: Path, batch_size: int,
                warm_data: bool) -> tuple[float, float, int]:
    """(cold seconds, warm seconds, events) of a single-process ingest."""
    load, cores = os.getloadavg()[0], cores_available()
    start = time.perf_counter()
    load_extractor(default_extractor(), data=warm_data)  # load the model
    loaded = time.perf_counter()
    before = usage()
    with Store.open(db) as store:
        summary = store.ingest(articles, batch_size=batch_size, workers=1)
    end = time.perf_counter()
    used = usage() - before
    print(f"  one process: {cores:.1f} cores available, load {load:.2f} -> "
          f"{os.getloadavg()[0]:.2f}; {used.cpu:.1f} CPU s "
          f"({used.sys:.1f} system, {used.faults} page faults) in {end - loaded:.1f} s warm: "
          f"{used.cpu / (end - loaded):.2f} cores busy; BLAS/OpenMP pools: {thread_pools()}")
    return end - start, end - loaded, summary.events_stored


def on_cluster(articles: list[eventwire.Article], db: Path, batch_size: int, address: str,
               task_size: int, warm_data: bool) -> tuple[float, float, int]:
    """(cold seconds, warm seconds, events) of an ingest coded on a Dask cluster."""
    load, cores = os.getloadavg()[0], cores_available()
    start = time.perf_counter()
    with connect(address) as client:
        warm_up(client, data=warm_data)
        loaded = time.perf_counter()
        before, workers_before = usage(), client.run(usage)
        with Store.open(db) as store:
            summary = ingest_on_cluster(store, articles, client=client, batch_size=batch_size,
                                        task_size=task_size)
        end = time.perf_counter()
        main, workers_after = usage() - before, client.run(usage)
        workers = [workers_after[w] - workers_before[w] for w in workers_before]
        pools = client.run(thread_pools)
    print(f"  cluster: {cores:.1f} cores available, load {load:.2f} -> "
          f"{os.getloadavg()[0]:.2f}; main process (scheduler, "
          f"client, writer) {main.cpu:.1f} CPU s; workers "
          + ", ".join(f"{w.cpu:.1f} CPU s ({w.sys:.1f} system, {w.faults} page faults)"
                      for w in workers)
          + f" in {end - loaded:.1f} s warm; worker BLAS/OpenMP pools: "
          f"{sorted(set(pools.values()))}")
    return end - start, end - loaded, summary.events_stored


def cores_available(seconds: float = 0.5) -> float:
    """Cores this job gets now: the CPU seconds of one spinning process a core, ÷ wall s."""
    context = multiprocessing.get_context("fork")
    with context.Pool(os.cpu_count() or 1) as pool:
        start = time.perf_counter()
        used = sum(pool.map(_spin, [seconds] * (os.cpu_count() or 1)))
        return used / (time.perf_counter() - start)


def _spin(seconds: float) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        pass
    return time.process_time() - cpu


class Usage:
    """CPU seconds (user + system), system seconds and minor page faults of this process."""

    def __init__(self, cpu: float, sys: float, faults: int) -> None:
        self.cpu, self.sys, self.faults = cpu, sys, faults

    def __sub__(self, other: Usage) -> Usage:
        return Usage(self.cpu - other.cpu, self.sys - other.sys, self.faults - other.faults)


def usage() -> Usage:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return Usage(used.ru_utime + used.ru_stime, used.ru_stime, used.ru_minflt)


def thread_pools() -> str:
    """The BLAS/OpenMP thread pools loaded here and their threads (needs threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown (threadpoolctl not installed)"
    pools: list[dict[str, Any]] = threadpool_info()
    return ", ".join(f"{p['internal_api']} {p['num_threads']} threads" for p in pools) or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--cluster", default="local:2")
    parser.add_argument("--task-size", type=int, default=4,
                        help="articles per Dask task (ingest_on_cluster's task_size)")
    parser.add_argument("--warm-data", action="store_true",
                        help="load the coder's data too before the warm timing (both runs)")
    args = parser.parse_args()
    articles = list(eventwire.read_articles(GUARDIAN, csv_mapping=CSV_MAPPING))[:args.n]
    print(f"{len(articles)} Guardian articles, batch size {args.batch_size}, task size "
          f"{args.task_size}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
          f"before{', coder data loaded before the warm timing' if args.warm_data else ''}")
    with tempfile.TemporaryDirectory() as tmp:
        cluster = on_cluster(articles, Path(tmp) / "dask.duckdb", args.batch_size, args.cluster,
                             args.task_size, args.warm_data)
        single = one_process(articles, Path(tmp) / "one.duckdb", args.batch_size,
                             args.warm_data)
    rates = {}
    for label, (cold, warm, events) in (("--workers 1", single),
                                        (f"--cluster {args.cluster}", cluster)):
        rates[label] = (len(articles) / cold, len(articles) / warm)
        print(f"{label:<20} {events:>6} events  cold {cold:7.1f} s {rates[label][0]:6.2f} "
              f"articles/s  warm {warm:7.1f} s {rates[label][1]:6.2f} articles/s")
    (one_cold, one_warm), (dask_cold, dask_warm) = rates.values()
    print(f"load average {os.getloadavg()[0]:.2f} after")
    print(f"speedup_warm={dask_warm / one_warm:.2f} speedup_cold={dask_cold / one_cold:.2f}")


if __name__ == "__main__":
    main()
