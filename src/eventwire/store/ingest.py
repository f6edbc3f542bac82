"""What an ingest reports: its summary, its progress, and helpers to feed it.

* :class:`IngestSummary` — the counts at the end of :meth:`Store.ingest` or
  :meth:`Store.recode`.
* :class:`IngestProgress` — passed to the ``progress`` callback after each batch.
* :func:`read_items` — :func:`eventwire.read_articles` with its errors in the stream,
  so the store counts them in the summary.
* :func:`estimate_articles` — a quick count of the articles in some paths, for a
  progress bar's total and ETA (no parsing beyond record boundaries).
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from ..ingest import read_articles
from ..records import Article

Item = Article | InputError


@dataclasses.dataclass(frozen=True)
class IngestSummary:
    """The counts of one ingest (or recode).

    ``articles_read`` is every article read (recode: taken from the store); each is
    then ``new``, ``changed`` (stored before with other content: its events were
    replaced; recode: re-coded), ``unchanged`` (stored before with the same content, or
    a duplicate within the input: nothing written) or ``coder_failed`` (skipped; a
    version stored before is kept). ``not_coded`` counts the stored articles the coder
    passed over (not English, or empty after cleaning). ``read_errors`` are files or
    records that could not be read at all.
    """

    articles_read: int = 0
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    articles_not_coded: int = 0
    coder_failed: int = 0
    read_errors: int = 0
    events_stored: int = 0
    events_removed: int = 0
    duplicate_event_ids: int = 0
    batches: int = 0
    seconds: float = 0.0
    #: What was not stored, by reason: ``unreadable: not valid JSON``, ``coder failed:
    #: ValueError`` … (the reason of each error up to its details), most frequent first.
    skipped: dict[str, int] = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class IngestProgress:
    """Where an ingest is, after a batch is committed (counts so far)."""

    articles: int  # articles read and dealt with (stored, unchanged or skipped)
    events: int  # events stored
    errors: int  # read errors and coder failures
    batches: int  # transactions committed
    seconds: float


@dataclasses.dataclass
class Tally:
    """The running counts behind an :class:`IngestSummary` (mutable, private to a run)."""

    read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    not_coded: int = 0
    coder_failed: int = 0
    read_errors: int = 0
    events: int = 0
    removed: int = 0
    duplicate_ids: int = 0
    batches: int = 0
    reasons: Counter[str] = dataclasses.field(default_factory=Counter)

    def progress(self, seconds: float) -> IngestProgress:
        return IngestProgress(self.read + self.read_errors, self.events,
                              self.read_errors + self.coder_failed, self.batches, seconds)

    def summary(self, seconds: float) -> IngestSummary:
        return IngestSummary(
            articles_read=self.read, articles_new=self.new, articles_changed=self.changed,
            articles_unchanged=self.unchanged, articles_not_coded=self.not_coded,
            coder_failed=self.coder_failed, read_errors=self.read_errors,
            events_stored=self.events, events_removed=self.removed,
            duplicate_event_ids=self.duplicate_ids, batches=self.batches, seconds=seconds,
            skipped=dict(self.reasons.most_common()),
        )


def reason_key(error: InputError) -> str:
    """An error's reason without its details: ``not valid JSON (...)`` → ``not valid JSON``."""
    return re.split(r" \(|;|: ", error.reason, maxsplit=1)[0].strip()


def read_items(paths: Iterable[str | Path] | str | Path, **options: Any) -> Iterator[Item]:
    """The articles in ``paths`` and, in their place in the stream, each read error.

    Takes the keyword options of :func:`eventwire.read_articles` (except ``on_error``);
    options that are wrong in themselves raise ``ValueError`` here, before reading.
    """
    errors: list[InputError] = []
    articles = read_articles(paths, on_error=errors.append, **options)
    return _interleave(articles, errors)


def _interleave(articles: Iterator[Article], errors: list[InputError]) -> Iterator[Item]:
    for article in articles:
        yield from errors
        errors.clear()
        yield article
    yield from errors


# -- estimating the number of articles --------------------------------------------------------

_KINDS = {".txt": "text", "": "text", ".html": "text", ".htm": "text", ".jsonl": "jsonl",
          ".ndjson": "jsonl", ".csv": "csv", ".warc": "warc", ".arc": "warc"}
_WALKED = frozenset(_KINDS) - {""}


def estimate_articles(paths: Iterable[str | Path], fmt: str | None = None) -> int | None:
    """About how many articles ``paths`` hold (None when one of them is stdin).

    One per text or HTML file, non-blank lines of JSONL, records of CSV, HTML pages of
    WARC. Unreadable files count zero; it is an estimate for progress bars only.
    """
    total = 0
    for path in map(str, paths):
        if path == "-":
            return None
        for file in input_files(path):
            total += _count(file, fmt)
    return total


def input_files(path: str) -> Iterator[str]:
    """The input files under ``path`` (itself if a file): known kinds, not hidden, sorted."""
    if not os.path.isdir(path):
        yield path
        return
    for folder, dirnames, filenames in os.walk(path):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            inner = name[:-3] if name.lower().endswith(".gz") else name
            if not name.startswith(".") and os.path.splitext(inner)[1].lower() in _WALKED:
                yield os.path.join(folder, name)


def _count(path: str, fmt: str | None) -> int:
    from ..ingest.streams import not_regular

    if not_regular(path) is not None:  # a named pipe or a device: never opened here
        return 0
    gz = path.lower().endswith(".gz")
    kind = fmt or _KINDS.get(os.path.splitext(path[:-3] if gz else path)[1].lower(), "text")
    kind = {"html": "text", "ndjson": "jsonl", "txt": "text", "arc": "warc"}.get(kind, kind)
    if kind == "text":
        return 1
    if kind == "warc":
        from ..ingest.warc import count_pages

        return count_pages(path)
    try:
        with gzip.open(path, "rb") if gz else open(path, "rb") as stream:
            return _count_lines(stream) if kind == "jsonl" else _count_csv(stream)
    except (OSError, EOFError, ValueError, csv.Error):
        return 0


def _count_lines(stream: BinaryIO) -> int:
    return sum(1 for line in stream if line.strip())


def _count_csv(stream: BinaryIO) -> int:
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))  # as the CSV reader does
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
    rows = sum(1 for row in csv.reader(text) if any(cell.strip() for cell in row))
    return max(rows - 1, 0)
