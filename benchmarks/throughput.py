"""Throughput of the full coder against a bare spaCy parse of the same texts.

What is measured, in one process and on the same cleaned texts:

* **bare**: ``nlp.pipe(texts, batch_size=32)`` with the pipeline eventwire uses
  (``eventwire.nlp.load_nlp()``), every doc consumed;
* **full**: ``Extractor(nlp).extract_many(articles)``: language check, parse (titles
  too, when articles have them) and event coding, every event consumed.

Articles are read with ``eventwire.read_articles`` and cleaned once with
``eventwire.clean_article`` before timing, so neither side pays for reading or cleaning
(``Extractor.prepare`` does not clean an article twice). Words are whitespace-separated
tokens of the cleaned bodies; both rates divide the same word count by wall time. Both
sides are warmed up on a few articles first (model load, coder data load, first-call
caches), then run ``--repeats`` times in alternating order (bare, full, full, bare, ...);
the best time of each is kept. The target is full ÷ bare ≥ 0.6.

``--profile`` adds one more full run under cProfile (after the timed runs, so it does not
slow them) and prints the top 25 functions by cumulative time, overall and within
eventwire.

    .venv/bin/python benchmarks/throughput.py [PATH] [--limit N] [--repeats R] [--profile]

The default PATH is ``../shared/corpus/guardian_syria_2019.csv`` (249 Guardian articles).
The last line printed is ``ratio=...``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import pstats
import resource
import sys
import time
from collections.abc import Sequence
from itertools import islice
from pathlib import Path

from spacy.language import Language

import eventwire
from eventwire import Article, Extractor
from eventwire.coding.coder import COUNTERPART_DEFAULT, PROPOSER_DEFAULT
from eventwire.nlp import load_nlp

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "guardian_syria_2019.csv"
CSV_MAPPING = {"id": "index", "published": "date", "outlet": "source"}
MIN_ARTICLES = 200
_SRC = str(Path(eventwire.__file__).resolve().parents[1]) + "/"  # shortens profile paths


class _CountWarnings(logging.Handler):
    """Counts the coder's warnings (long sentences, non-English text) instead of printing them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def load_articles(path: Path, limit: int | None) -> list[Article]:
    """Read (at most ``limit``) articles and clean each one once."""
    articles = eventwire.read_articles(path, csv_mapping=CSV_MAPPING)
    return [eventwire.clean_article(a) for a in islice(articles, limit)]


def run_bare(nlp: Language, texts: Sequence[str], batch_size: int) -> tuple[float, int]:
    """Seconds for a bare parse of ``texts``, and the number of spaCy tokens seen."""
    start = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    return time.perf_counter() - start, tokens


def run_full(extractor: Extractor, articles: Sequence[Article], batch_size: int
             ) -> tuple[float, int]:
    """Seconds for coding ``articles`` end to end, and the number of events produced."""
    start = time.perf_counter()
    events = 0
    for _, found in extractor.extract_many(articles, batch_size=batch_size):
        events += len(found)
    return time.perf_counter() - start, events


def peak_mib() -> float:
    """Peak resident memory of this process (Linux reports ``ru_maxrss`` in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def profile_full(extractor: Extractor, articles: Sequence[Article], batch_size: int) -> None:
    """Print the top 25 functions by cumulative time of one full run, overall and in eventwire."""
    profiler = cProfile.Profile()
    profiler.enable()
    run_full(extractor, articles, batch_size)
    profiler.disable()
    overall = io.StringIO()
    pstats.Stats(profiler, stream=overall).strip_dirs().sort_stats("cumulative").print_stats(25)
    # Filter before strip_dirs(), which drops the package path the filter needs.
    ours = io.StringIO()
    pstats.Stats(profiler, stream=ours).sort_stats("cumulative").print_stats(r"/eventwire/", 25)
    for title, out in (("all functions", overall), ("eventwire functions", ours)):
        print(f"\n--- cProfile, full run, top 25 by cumulative time: {title} ---")
        print(_trim(out.getvalue()).replace(_SRC, ""))


def _trim(report: str) -> str:
    """Drop pstats' preamble lines up to the column header."""
    lines = report.splitlines()
    for i, line in enumerate(lines):
        if line.lstrip().startswith("ncalls"):
            return "\n".join(lines[i:]).rstrip()
    return report.rstrip()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Words/s of the full coder against a bare spaCy parse of the same texts.")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT,
                        help=f"articles to read (default: {DEFAULT})")
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--repeats", type=int, default=2,
                        help="timed runs of each side, in alternating order (default 2)")
    parser.add_argument("--warmup", type=int, default=5, help="articles to warm up on (default 5)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--profile", action="store_true",
                        help="profile one more full run and print the top 25 functions")
    parser.add_argument("--no-veto", action="store_true",
                        help="code with the rules alone (no learned veto)")
    parser.add_argument("--proposer", action=argparse.BooleanOptionalAction,
                        default=PROPOSER_DEFAULT,
                        help="the learned proposer on or off (default: the coder's)")
    parser.add_argument("--counterpart", action=argparse.BooleanOptionalAction,
                        default=COUNTERPART_DEFAULT,
                        help="the learned counterpart model on or off (default: the coder's)")
    args = parser.parse_args(argv)

    warnings = _CountWarnings()
    logger = logging.getLogger("eventwire")
    logger.addHandler(warnings)
    logger.propagate = False

    articles = load_articles(args.path, args.limit)
    texts = [a.body for a in articles]
    words = sum(len(t.split()) for t in texts)
    if len(articles) < MIN_ARTICLES:
        print(f"note: only {len(articles)} articles (fewer than {MIN_ARTICLES}); "
              "figures are noisier", file=sys.stderr)

    nlp = load_nlp()
    extractor = Extractor(nlp=nlp, veto=not args.no_veto, proposer=args.proposer,
                          counterpart=args.counterpart)
    run_bare(nlp, texts[: args.warmup], args.batch_size)
    run_full(extractor, articles[: args.warmup], args.batch_size)
    warnings.count = 0

    bare_times: list[float] = []
    full_times: list[float] = []
    tokens = events = 0
    for i in range(args.repeats):
        order = ("bare", "full") if i % 2 == 0 else ("full", "bare")
        for side in order:
            if side == "bare":
                seconds, tokens = run_bare(nlp, texts, args.batch_size)
                bare_times.append(seconds)
            else:
                seconds, events = run_full(extractor, articles, args.batch_size)
                full_times.append(seconds)
            print(f"  run {i + 1} {side}: {seconds:.2f} s")
    warned = warnings.count // max(args.repeats, 1)

    bare_wps = words / min(bare_times)
    full_wps = words / min(full_times)
    ratio = full_wps / bare_wps
    print(f"source:            {args.path}")
    print(f"articles:          {len(articles)} (titles: {sum(bool(a.title) for a in articles)})")
    print(f"words:             {words} (whitespace-separated, cleaned bodies; "
          f"{tokens} spaCy tokens)")
    print(f"repeats:           {args.repeats} per side, best time kept")
    print(f"bare time:         {min(bare_times):.2f} s (all: "
          + ", ".join(f"{t:.2f}" for t in bare_times) + ")")
    print(f"full time:         {min(full_times):.2f} s (all: "
          + ", ".join(f"{t:.2f}" for t in full_times) + ")")
    print(f"bare words/s:      {bare_wps:,.0f}")
    print(f"full words/s:      {full_wps:,.0f}")
    print(f"full / bare:       {ratio:.3f} (target >= 0.6)")
    print(f"events produced:   {events}")
    print(f"coder warnings:    {warned} per full run")
    print(f"peak memory:       {peak_mib():.0f} MiB (ru_maxrss)")
    if args.profile:
        profile_full(extractor, articles, args.batch_size)
    print(f"ratio={ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
