"""Geoparsing figures: the place gold (Guardian sample) and our trap sentences, dev and test.

    .venv/bin/python benchmarks/places.py [--corpus ../shared/corpus/guardian_syria_2019.csv]
                                          [--misses dev|test] [--cost] [--dev-only]

The gold (benchmarks/data/places_gold.jsonl) refers to the Guardian CSV by row and
character offsets; the CSV itself is third-party and not in the repository. Rules are
tuned on the dev half only; the test half is for reporting. Prints both side by side
(``--dev-only``: the dev half alone, for rule work).

``--cost`` also times ``extract_many`` over the whole Guardian sample and the part of it
spent in ``coding.where.locate`` (which finds and ranks the article's place mentions on
its first call per article), and the resident memory the gazetteer adds.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from unittest import mock

from eventwire import Article, Extractor
from eventwire.coding import where
from eventwire.place_eval import read_corpus, read_jsonl, report_lines, score_gold, score_traps

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "guardian_syria_2019.csv"


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for row in f:
            if row.startswith("VmRSS:"):
                return int(row.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cost(texts: dict[int, str]) -> None:
    """The share of extract_many's time spent placing events; the gazetteer's memory."""
    extractor = Extractor()
    articles = [Article(id=str(row), text=text) for row, text in sorted(texts.items())]
    extractor.nlp("Model loaded.")
    _ = extractor.coder.resolver.kb
    before = rss_mib()
    gaz = extractor.coder.resolver.gazetteer
    for name in ("Paris", "Hama", "Springfield", "Deir al-Zour", "Sinjar"):
        gaz.candidates(name)
    memory = rss_mib() - before
    list(extractor.extract_many(articles[:3]))  # warm up
    spent = [0.0]
    real = where.locate

    def timed(*args: object, **kwargs: object) -> object:
        t0 = time.perf_counter()
        try:
            return real(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            spent[0] += time.perf_counter() - t0

    start = time.perf_counter()
    with mock.patch.object(where, "locate", timed):
        events = sum(len(e) for _, e in extractor.extract_many(articles))
    total = time.perf_counter() - start
    print(f"\nGeocoding cost: {spent[0]:.2f} s of {total:.2f} s of extract_many placing events "
          f"(finding and ranking every place mention of each article, then the event's "
          f"rules): {100 * spent[0] / (total - spent[0]):.1f} % added (target <= 10 %); "
          f"{len(articles)} articles, {events} events")
    print(f"Gazetteer resident memory (SQLite index, bundled places): {memory:.1f} MiB "
          f"(target <= 150 MiB)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--misses", choices=("dev", "test"), help="list the errors of one half")
    ap.add_argument("--cost", action="store_true", help="time extraction with and without places")
    ap.add_argument("--dev-only", action="store_true",
                    help="print the dev half only (for rule work: the test half stays unread)")
    args = ap.parse_args()
    halves = ("dev",) if args.dev_only else ("dev", "test")
    if args.dev_only and args.misses == "test":
        ap.error("--dev-only and --misses test contradict each other")
    if args.cost and args.corpus.exists():
        cost(read_corpus(args.corpus))  # first: the gazetteer is not yet loaded
    extractor = Extractor()
    start = time.perf_counter()
    traps = score_traps(read_jsonl(HERE / "data" / "places_traps.jsonl"), extractor)
    print("\n" + "\n".join(report_lines("Trap sentences (benchmarks/data/places_traps.jsonl)",
                                       traps, halves)))
    if args.corpus.exists():
        gold = score_gold(read_jsonl(HERE / "data" / "places_gold.jsonl"),
                          read_corpus(args.corpus), extractor,
                          read_jsonl(HERE / "data" / "places_events.jsonl"))
        print("\n" + "\n".join(report_lines(
            "Place gold (Guardian sample, benchmarks/data/places_gold.jsonl)", gold, halves)))
    else:
        gold = {}
        print(f"\n{args.corpus} not found: the place gold is skipped", file=sys.stderr)
    print(f"\n{time.perf_counter() - start:.1f} s")
    if args.misses:
        for name, reports in (("traps", traps), ("gold", gold)):
            if args.misses in reports:
                for miss in reports[args.misses].misses:
                    print(name, json.dumps(miss, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
