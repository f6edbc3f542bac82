"""Ingest throughput and memory: N articles through ``eventwire ingest`` into a new store.

What is measured, in one run:

* **ingest**: ``Store.ingest(read_items(jsonl), workers=W, batch_size=B)`` into a new
  DuckDB file: reading, content hashes, coding (in W worker processes, or here when
  W is 1), and one transaction per batch. The input is the Guardian sample
  (``../shared/corpus/guardian_syria_2019.csv``, 249 articles) repeated to N articles,
  each copy with its own id (``g<N>``) and its publication date moved by one day per
  round, written to a temporary JSONL file first (not timed). Articles/s and events/s
  are over the wall time of the whole ingest, model loading included.
* **bare parse**: ``nlp.pipe`` over the cleaned texts of the first ``--bare`` articles
  (default: the 249 distinct texts), in this process, after the ingest; the ratio is
  ingest articles/s ÷ bare-parse articles/s (a bare parse runs on one core; the ingest
  on W workers).
* **memory**: the resident set (RSS) of this process plus its worker processes, sampled
  every 0.2 s. Reported: the peak up to the moment N/5 articles were stored (2,000 of
  10,000) and the peak over the whole ingest; flat means the second is within 20% of the
  first.

    .venv/bin/python benchmarks/ingest.py [--n 10000] [--workers 2] [--batch-size 64]

The last line printed is ``ratio=... memory_growth=...``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import tempfile
import threading
import time
from pathlib import Path

import psutil  # installed with dask[distributed]

import eventwire
from eventwire.nlp import load_nlp
from eventwire.store import IngestProgress, Store, read_items

GUARDIAN = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guardian_syria_2019.csv"
CSV_MAPPING = {"id": "index", "published": "date", "outlet": "source"}


def write_input(source: Path, n: int, target: Path) -> int:
    """Write ``n`` articles (the source repeated, new ids and dates) as JSONL; returns bytes."""
    articles = list(eventwire.read_articles(source, csv_mapping=CSV_MAPPING))
    with target.open("w", encoding="utf-8") as out:
        for i in range(n):
            article = articles[i % len(articles)]
            shift = dt.timedelta(days=i // len(articles))
            published = (article.published or dt.date(2019, 4, 1)) + shift
            out.write(json.dumps({"id": f"g{i}", "text": article.text, "title": article.title,
                                  "outlet": article.outlet, "url": article.url,
                                  "published": published.isoformat()}) + "\n")
    return target.stat().st_size


class MemorySampler(threading.Thread):
    """Samples the RSS of this process and its children; keeps the peak."""

    def __init__(self, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.peak = 0
        self._done = threading.Event()
        self._me = psutil.Process()

    def rss(self) -> int:
        total = 0
        for process in [self._me, *self._me.children(recursive=True)]:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass
        return total

    def run(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, self.rss())
            self._done.wait(self.every)

    def stop(self) -> None:
        self._done.set()
        self.join()
        self.peak = max(self.peak, self.rss())


def bare_parse(path: Path, limit: int) -> tuple[int, float]:
    """Articles and seconds for ``nlp.pipe`` over the first ``limit`` cleaned texts."""
    texts = []
    for article in eventwire.read_articles(path):
        if len(texts) == limit:
            break
        texts.append(eventwire.clean_article(article).body)
    nlp = load_nlp()
    list(nlp.pipe(texts[:8]))  # warm up
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return len(texts), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to ingest")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--bare", type=int, default=249, help="texts for the bare parse")
    parser.add_argument("--source", type=Path, default=GUARDIAN)
    args = parser.parse_args()
    if not args.source.exists():
        parser.error(f"{args.source} is not here (it comes with ../shared)")
    logging.disable(logging.WARNING)  # the coder's long-sentence warnings

    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "articles.jsonl"
        size = write_input(args.source, args.n, jsonl)
        print(f"input: {args.n} articles, {size / 2**20:.1f} MiB of JSONL; "
              f"workers={args.workers} batch_size={args.batch_size}", flush=True)
        mark = max(args.n // 5, 1)
        marks: dict[str, int] = {}
        sampler = MemorySampler()

        def progress(p: IngestProgress) -> None:
            if p.articles >= mark and "mark" not in marks:
                marks["mark"] = max(sampler.peak, sampler.rss())
                print(f"  {p.articles} articles, {p.events} events, {p.seconds:.0f} s, "
                      f"peak RSS so far {marks['mark'] / 2**20:.0f} MiB", flush=True)

        sampler.start()
        with Store.open(Path(tmp) / "events.duckdb") as store:
            summary = store.ingest(read_items([jsonl]), batch_size=args.batch_size,
                                   workers=args.workers, progress=progress)
            db_size = (Path(tmp) / "events.duckdb").stat().st_size
        sampler.stop()
        texts, bare_seconds = bare_parse(jsonl, min(args.bare, args.n))

    rate = summary.articles_read / summary.seconds
    bare_rate = texts / bare_seconds
    growth = sampler.peak / marks.get("mark", sampler.peak) - 1
    print(f"ingest: {summary.articles_read} articles, {summary.events_stored} events in "
          f"{summary.seconds:.1f} s: {rate:.2f} articles/s, "
          f"{summary.events_stored / summary.seconds:.1f} events/s "
          f"(store {db_size / 2**20:.1f} MiB, {summary.coder_failed} coder failures)")
    print(f"bare parse: {texts} texts in {bare_seconds:.1f} s: {bare_rate:.2f} articles/s "
          "(one process)")
    print(f"peak RSS (this process + workers): {marks.get('mark', 0) / 2**20:.0f} MiB at "
          f"{mark} articles, {sampler.peak / 2**20:.0f} MiB at {args.n} "
          f"({growth:+.1%}; flat within 20%: {'yes' if abs(growth) <= 0.2 else 'NO'})")
    print(f"ratio={rate / bare_rate:.2f} memory_growth={growth:+.3f}")


if __name__ == "__main__":
    main()
