"""Time ``cluster()`` on synthetic stores of 10,000 and 100,000 events; print the growth.

Articles (about four events each, 5 % of them near-copies of an earlier one) and
events are generated with numpy and written straight into a temporary DuckDB store:
30 countries, 6 sectors, 20 CAMEO roots, a year of dates, outlets, locations and
short sentences. Usage: ``python benchmarks/dedup.py [--sizes 10000 100000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from eventwire.store import Store, schema
from eventwire.store.clusters import cluster

COUNTRIES = [f"C{i:02d}" for i in range(30)]
SECTORS = ["GOV", "MIL", "REB", "CVL", "BUS", "MED"]
OUTLETS = [f"outlet-{i}" for i in range(12)]
VOCAB = np.array([f"w{i}" for i in range(5000)])


def populate(store: Store, n_events: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    n_articles = max(1, n_events // 4)
    day0 = dt.date(2019, 1, 1)
    published = [day0 + dt.timedelta(days=int(d)) for d in rng.integers(0, 365, n_articles)]
    texts = [" ".join(rng.choice(VOCAB, 120)) for _ in range(n_articles)]
    for i in np.flatnonzero(rng.random(n_articles) < 0.05):  # near-copies of another article
        j = int(rng.integers(0, n_articles))
        texts[i] = texts[j] + " " + str(rng.choice(VOCAB))
    now = dt.datetime(2020, 1, 1)
    articles = pd.DataFrame({name: [None] * n_articles
                             for name in schema.column_names("articles")})
    articles["doc_id"] = [f"doc-{i:07d}" for i in range(n_articles)]
    articles["content_hash"] = articles["doc_id"]
    articles["outlet"] = rng.choice(OUTLETS, n_articles)
    articles["published"] = published
    articles["text"] = texts
    articles["num_events"] = 4
    articles["ingested_at"] = now
    articles["coded_at"] = now
    _insert(store, "articles", articles)

    doc = rng.integers(0, n_articles, n_events)
    events = pd.DataFrame({name: [None] * n_events for name in schema.column_names("events")})
    events["event_id"] = [f"{i:016x}" for i in range(n_events)]
    events["doc_id"] = articles["doc_id"].to_numpy()[doc]
    events["sentence_index"] = rng.integers(0, 20, n_events)
    roots = rng.integers(1, 21, n_events)
    events["root"] = [f"{r:02d}" for r in roots]
    events["cameo"] = [f"{r:02d}{s}" for r, s in zip(roots, rng.integers(0, 4, n_events),
                                                       strict=True)]
    events["quad_class"] = rng.integers(1, 5, n_events)
    events["goldstein"] = rng.uniform(-10, 10, n_events).round(1)
    events["modality"] = rng.choice(["asserted", "alleged", "negated"], n_events)
    for role in ("source", "target"):
        events[f"{role}_country"] = rng.choice(COUNTRIES, n_events)
        events[f"{role}_sector"] = rng.choice(SECTORS, n_events)
    events["outlet"] = articles["outlet"].to_numpy()[doc]
    shift = rng.integers(-2, 1, n_events)
    events["date"] = [published[d] + dt.timedelta(days=int(s)) for d, s in
                      zip(doc, shift, strict=True)]
    events["location_country"] = np.where(rng.random(n_events) < 0.5, None,
                                          events["target_country"])
    events["sentence"] = [" ".join(rng.choice(VOCAB, 12)) for _ in range(n_events)]
    events["headline"] = False
    events["record"] = "{}"
    _insert(store, "events", events)


def _insert(store: Store, table: str, frame: pd.DataFrame) -> None:
    store.con.register("_frame", frame)
    store.con.execute(f"INSERT INTO {table} SELECT * FROM _frame")
    store.con.unregister("_frame")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            with Store.open(Path(tmp) / f"dedup-{n}.duckdb") as store:
                populate(store, n)
                start = time.perf_counter()
                summary = cluster(store)
                seconds = time.perf_counter() - start
                again = cluster(store)
            times.append(seconds)
            print(f"{n:>9,} events  {summary.articles:>7,} articles: cluster() {seconds:6.2f} s"
                  f"  ({summary.copies:,} copies, {summary.clusters:,} clusters, "
                  f"{summary.multi_article_clusters:,} with 2+ articles); re-run "
                  f"{again.seconds:.2f} s, {again.events_changed} changed")
    if len(times) >= 2:
        growth = times[-1] / times[0]
        size = args.sizes[-1] / args.sizes[0]
        print(f"growth: {growth:.1f}x time for {size:.0f}x events "
              f"(target <= {1.2 * size:.0f}x)")


if __name__ == "__main__":
    main()
