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
loaded (in this process, or on every worker via :func:`eventwire.scale.warm_up`). The
speed-up is cluster articles/s ÷ one-process articles/s. The 1-minute load average
(``os.getloadavg``) is printed before and after: other jobs on the machine slow either
run.

    .venv/bin/python benchmarks/scale.py [--n 150] [--batch-size 8] [--cluster local:2]

The last line printed is ``speedup_warm=... speedup_cold=...``.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import eventwire
from eventwire.pipeline import default_extractor
from eventwire.scale import connect, ingest_on_cluster, warm_up
from eventwire.store import Store

GUARDIAN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guardian_syria_2019.csv"
CSV_MAPPING = {"id": "index", "published": "date", "outlet": "source"}


def one_process(articles: list[eventwire.Article], db: Path, batch_size: int
                ) -> tuple[float, float, int]:
    """(cold seconds, warm seconds, events) of a single-process ingest."""
    start = time.perf_counter()
    default_extractor().nlp  # noqa: B018 - load the model
    loaded = time.perf_counter()
    with Store.open(db) as store:
        summary = store.ingest(articles, batch_size=batch_size, workers=1)
    end = time.perf_counter()
    return end - start, end - loaded, summary.events_stored


def on_cluster(articles: list[eventwire.Article], db: Path, batch_size: int, address: str
               ) -> tuple[float, float, int]:
    """(cold seconds, warm seconds, events) of an ingest coded on a Dask cluster."""
    start = time.perf_counter()
    with connect(address) as client:
        warm_up(client)
        loaded = time.perf_counter()
        before = cpu_seconds()
        with Store.open(db) as store:
            summary = ingest_on_cluster(store, articles, client=client, batch_size=batch_size)
        end = time.perf_counter()
        print(f"main process (scheduler, client, writer): {cpu_seconds() - before:.1f} CPU s "
              f"of {end - loaded:.1f} s warm")
    return end - start, end - loaded, summary.events_stored


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--cluster", default="local:2")
    args = parser.parse_args()
    articles = list(eventwire.read_articles(GUARDIAN, csv_mapping=CSV_MAPPING))[:args.n]
    print(f"{len(articles)} Guardian articles, batch size {args.batch_size}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} before")
    with tempfile.TemporaryDirectory() as tmp:
        cluster = on_cluster(articles, Path(tmp) / "dask.duckdb", args.batch_size, args.cluster)
        single = one_process(articles, Path(tmp) / "one.duckdb", args.batch_size)
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
