"""Document-level PLOVER type accuracy on NGEC's synthetic stories.

Data: ``../shared/eval/ngec_synthetic_plover.csv`` (4,500 synthetic news stories by Andy
Halterman; columns disclaimer, text, title, source, prompt, label, mode; ``label`` is one of
the 16 PLOVER 2021 event types). Each story is coded as one article: ``text`` is the body,
``title`` the article title, ``source`` the outlet; it goes through the ordinary pipeline
(``Extractor().extract_many``: clean, language check, parse, code).

Titles: most titles are templates with placeholders (``{country_1}``, ``{city}`` …). By
default (``--titles strip``) each ``{...}`` placeholder is removed and the spaces closed
up, so the headline keeps its verb but loses the filled-in actor; ``--titles none`` codes
the body only; ``--titles prompt`` uses the first line of ``prompt``, which is the title
with the placeholders filled in as given to the generator (falling back to ``strip`` when
that line does not fit the title's template). The label is never read by the coder.

Prediction: the most frequent ``event.plover.type`` among the story's events (headline and
body), ignoring events without a PLOVER type (CAMEO 01 statements); ties go to the type
that appears first (headline events come before body events, so the headline wins a tie).
A story with no typed event is predicted ``NONE`` and counts as wrong.
Label names are compared as they are: nothing is mapped, and the script prints the set of
labels and of predicted types so that name mismatches are visible.

    .venv/bin/python benchmarks/synthetic.py [PATH] [--limit N | --sample N --seed S]
                                             [--titles strip|none|prompt]

The file is grouped by label, so ``--limit`` gives a few labels only; use ``--sample`` for
a representative subset. Single process; the last line printed is ``accuracy=...``.
"""

from __future__ import annotations

import argparse
import csv
import logging
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire import Article, Event, Extractor
from eventwire.codes import table

DEFAULT = (Path(__file__).resolve().parents[2] / "shared" / "eval"
           / "ngec_synthetic_plover.csv")
NONE = "NONE"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_SPACES = re.compile(r"[ \t]{2,}")


class _CountWarnings(logging.Handler):
    """Counts the coder's warnings by message template instead of printing each one."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.counts: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.counts[str(record.msg)] += 1


@dataclass(frozen=True)
class Story:
    """One row of the synthetic file, as needed here."""

    row: int
    text: str
    title: str
    prompt: str
    source: str
    label: str


def read_stories(path: Path) -> list[Story]:
    """All rows of the CSV, in file order (``row`` counts from 1, after the header)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [Story(i, r["text"], r["title"], r["prompt"], r["source"], r["label"])
                for i, r in enumerate(csv.DictReader(handle), start=1)]


def strip_placeholders(title: str) -> str:
    """``Over Half of {country_1} Teachers`` -> ``Over Half of Teachers``."""
    return _SPACES.sub(" ", _PLACEHOLDER.sub("", title)).strip()


def prompt_title(story: Story) -> str:
    """The filled-in title from the prompt's first line, when it fits the title's template."""
    first = story.prompt.split("\n", 1)[0].strip()
    parts = [re.escape(p) for p in _PLACEHOLDER.split(story.title.strip())]
    if first and re.fullmatch(".+?".join(parts), first):
        return first
    return strip_placeholders(story.title)


def to_article(story: Story, titles: str) -> Article:
    """The story as an Article; see the module docstring for the title policy."""
    if titles == "none":
        title = ""
    elif titles == "prompt":
        title = prompt_title(story)
    else:
        title = strip_placeholders(story.title)
    return Article(id=f"synthetic-{story.row}", text=story.text, title=title or None,
                   outlet=story.source or None)


def predict(events: Iterable[Event]) -> str:
    """The most frequent PLOVER type among ``events``; ties to the first seen; else NONE."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, event in enumerate(events):
        if event.plover is None:
            continue
        counts[event.plover.type] += 1
        first.setdefault(event.plover.type, i)
    if not counts:
        return NONE
    return max(counts, key=lambda t: (counts[t], -first[t]))


def select(stories: list[Story], limit: int | None, sample: int | None, seed: int
           ) -> list[Story]:
    """The first ``limit`` stories, or a seeded random ``sample`` of them (in file order)."""
    if sample is not None:
        chosen = random.Random(seed).sample(stories, min(sample, len(stories)))
        return sorted(chosen, key=lambda s: s.row)
    return stories[:limit]


def report(gold: Sequence[str], predicted: Sequence[str], producible: set[str]) -> float:
    """Print the figures; return the overall accuracy."""
    n = len(gold)
    right = sum(g == p for g, p in zip(gold, predicted, strict=True))
    none = sum(p == NONE for p in predicted)
    labels = set(gold)
    types = set(predicted) - {NONE}
    print(f"labels in data ({len(labels)}):       {' '.join(sorted(labels))}")
    print(f"predicted types ({len(types)}):      {' '.join(sorted(types))}")
    print(f"eventwire mapping types ({len(producible)}): {' '.join(sorted(producible))}")
    print(f"labels eventwire cannot produce: {' '.join(sorted(labels - producible)) or '-'}")
    print(f"predicted types not among labels: {' '.join(sorted(types - labels)) or '-'}")
    print()
    print(f"{'label':<11} {'n':>5} {'right':>6} {'acc':>6} {'no typed event':>15} "
          f"{'most often predicted as':<30}")
    by_label: dict[str, list[str]] = {}
    for g, p in zip(gold, predicted, strict=True):
        by_label.setdefault(g, []).append(p)
    for label, preds in sorted(by_label.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        ok = sum(p == label for p in preds)
        wrong = Counter(p for p in preds if p != label).most_common(2)
        often = ", ".join(f"{p} {c}" for p, c in wrong) or "-"
        print(f"{label:<11} {len(preds):>5} {ok:>6} {ok / len(preds):>6.3f} "
              f"{sum(p == NONE for p in preds) / len(preds):>15.3f} {often:<30}")
    print()
    errors = Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p)
    print("5 most common errors (label -> predicted: stories):")
    for (g, p), c in errors.most_common(5):
        print(f"  {g} -> {p}: {c}")
    print()
    accuracy = right / n if n else 0.0
    print(f"stories:                     {n}")
    print(f"overall accuracy:            {accuracy:.3f} ({right}/{n})")
    typed = n - none  # NONE is never a label, so every right prediction is a typed one
    print(f"accuracy on typed stories:   {right / typed if typed else 0.0:.3f} "
          f"({right}/{typed})")
    print(f"share with no typed event:   {none / n if n else 0.0:.3f} ({none}/{n})")
    print(f"majority-class baseline:     "
          f"{Counter(gold).most_common(1)[0][1] / n if n else 0.0:.3f}")
    return accuracy


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Document-level PLOVER type accuracy on NGEC's synthetic stories.")
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT,
                        help=f"the synthetic CSV (default: {DEFAULT})")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--limit", type=int, default=None, help="the first N stories")
    group.add_argument("--sample", type=int, default=None, help="a random sample of N stories")
    parser.add_argument("--seed", type=int, default=1, help="seed for --sample (default 1)")
    parser.add_argument("--titles", choices=("strip", "none", "prompt"), default="strip",
                        help="title policy (default strip: remove {...} placeholders)")
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args(argv)

    warnings = _CountWarnings()
    logger = logging.getLogger("eventwire")
    logger.addHandler(warnings)
    logger.propagate = False

    stories = select(read_stories(args.path), args.limit, args.sample, args.seed)
    how = (f"random sample of {args.sample}, seed {args.seed}" if args.sample is not None
           else f"first {args.limit}" if args.limit is not None else "all")
    print(f"source: {args.path} ({how}; titles: {args.titles})")

    extractor = Extractor()
    start = time.perf_counter()
    articles = (to_article(s, args.titles) for s in stories)
    predicted: list[str] = []
    events = typed = 0
    for _, found in extractor.extract_many(articles, batch_size=args.batch_size):
        predicted.append(predict(found))
        events += len(found)
        typed += sum(e.plover is not None for e in found)
    seconds = time.perf_counter() - start
    print(f"coded {len(stories)} stories in {seconds:.0f} s ({len(stories) / seconds:.1f}/s, "
          f"model load included); {events} events, {typed} with a PLOVER type")
    if warnings.counts:
        print("coder warnings: "
              + "; ".join(f"{m!r} x{c}" for m, c in warnings.counts.most_common(3)))
    producible = {c.plover.type for c in table().values() if c.plover is not None}
    accuracy = report([s.label for s in stories], predicted, producible)
    print(f"accuracy={accuracy:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
