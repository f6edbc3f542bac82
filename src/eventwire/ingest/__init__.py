"""Getting articles in: readers for files and streams, and the clutter cleaner.

::

    read_articles(paths) ──► Article(text, metadata) ──► clean_article() ──►
        Article(clean_text, kept spans, dropped lines, dateline)

Formats, errors and the byte policy are described in :mod:`.readers` (JSONL and
CSV records in :mod:`.tabular`, bounded lines and damaged gzip in :mod:`.streams`);
how much is read and parsed per input in :mod:`.limits`; the clutter rules in
:mod:`.clean` (data: ``eventwire/data/clutter.yaml``); dateline forms in
:mod:`.dateline`. The public API is ``__all__``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from ..errors import InputError
from ..records import Article
from .clean import ClutterRules, clean_article, clean_lines, compile_rules, default_rules
from .dateline import find_dateline, parse_dateline
from .readers import DEFAULT_CSV_MAPPING, FORMATS, ReadOptions, parse_date, read_path

__all__ = [
    "DEFAULT_CSV_MAPPING",
    "FORMATS",
    "ClutterRules",
    "clean_article",
    "clean_lines",
    "compile_rules",
    "default_rules",
    "find_dateline",
    "parse_date",
    "parse_dateline",
    "read_articles",
]


def read_articles(
    paths: Iterable[str | Path] | str | Path,
    *,
    fmt: str | None = None,
    published: dt.date | None = None,
    outlet: str | None = None,
    id: str | None = None,
    csv_mapping: Mapping[str, str] | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> Iterator[Article]:
    """Yield the articles in ``paths`` (files, directories, or ``-`` for stdin), streaming.

    ``fmt`` forces a format (``text``, ``jsonl``, ``csv``, ``html``) instead of the
    extension. ``published`` and ``outlet`` fill in what a record or page does not
    say; ``id`` names a single-article file (default: the file stem).
    ``csv_mapping`` maps Article fields to CSV columns, over the defaults.

    Each bad file or record is passed to ``on_error`` as an ``InputError`` (``where``
    is ``path``, ``path:LINE`` or ``path:record N``) and reading goes on; without
    ``on_error`` the first one is raised. Options that are wrong in themselves (an
    unknown ``fmt``, a mapping key that is not an Article field) raise ``ValueError``
    here, before anything is read.
    """
    options = ReadOptions.make(fmt, published, outlet, id, csv_mapping)
    items = [paths] if isinstance(paths, (str, Path)) else paths
    return _articles(items, options, on_error)


def _articles(
    paths: Iterable[str | Path],
    options: ReadOptions,
    on_error: Callable[[InputError], None] | None,
) -> Iterator[Article]:
    for path in paths:
        for item in read_path(path, options):
            if isinstance(item, Article):
                yield item
            elif on_error is None:
                raise item
            else:
                on_error(item)
