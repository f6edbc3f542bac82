"""Read articles from files, directories and stdin, one record at a time.

Formats, chosen by extension or forced with ``fmt=``:

``text`` (``.txt``, or a file without extension)
    One article per file. Metadata comes from the keyword arguments; the id
    defaults to the file stem (``story.txt.gz`` → ``story``), ``stdin`` for ``-``.
``jsonl`` (``.jsonl``, ``.ndjson``)
    One JSON object per line: ``{"id", "text", "title"?, "url"?, "outlet"?,
    "published"?}``. ``published`` is an ISO date or datetime string. Blank lines
    are skipped; a record without ``id`` gets ``<stem>-<line>``.
``csv`` (``.csv``)
    A header line, then one article per record. ``csv_mapping`` maps Article
    fields to column names and is merged over the defaults (each field read from
    the column of the same name: ``id, text, title, url, outlet, published``).
    A first column with an empty header (as pandas writes its index) is called
    ``index``. The Guardian sample ``guardian_syria_2019.csv`` (columns ``index,
    date, text, source``) loads with::

        read_articles("guardian_syria_2019.csv",
                      csv_mapping={"id": "index", "published": "date", "outlet": "source"})

``html`` (``.html``, ``.htm``)
    One page per file; trafilatura extracts the main text, the title, the date
    and the site name. The page's own encoding declaration is honoured.

``warc`` (``.warc``, ``.arc``, and their ``.gz``)
    The HTML pages of a web archive, each through the HTML path above; see
    :mod:`.warc` for which records count, their ids and damaged files. Files only
    (not stdin).

Any of these may be gzipped (``x.jsonl.gz`` is JSONL). A directory is read
recursively, depth first, names sorted, taking only the regular files with the
extensions above and their ``.gz`` (hidden entries, named pipes and devices
skipped; a subdirectory that cannot be read is one error). ``-`` reads stdin
(text unless ``fmt=``); a named pipe or device given by name is refused.

Values in a record or page win over the keyword arguments ``published`` and
``outlet``, which fill in what the input does not say; ``id`` names a
single-article file (text or HTML).

Errors: every bad file or record becomes an :class:`~eventwire.errors.InputError`
whose ``where`` is ``path``, ``path:LINE`` (JSONL) or ``path:record N`` (CSV),
and reading goes on with the next record or file. Policy on bytes:

* a NUL byte in the first 8 KiB makes a text or HTML file a "binary file"
  (skipped); a JSONL or CSV file too when none of the lines in those 8 KiB is
  UTF-8 without NULs (else each line with NULs is its own record's error);
* text and JSONL/CSV must be UTF-8 (a BOM is allowed). Bytes that are not UTF-8
  are reported with the byte and its offset in the (decompressed) file and are
  never replaced: a text file is skipped whole, a JSONL line or CSV record is
  skipped alone. HTML is decoded by trafilatura from its declared charset;
* line ends are normalised to ``\\n`` in ``Article.text``;
* a gzip file that is cut short or corrupt keeps what came before the damage (the
  records before it; a text or page as far as it goes) and reports the damage once;
* how much is read is capped (see :mod:`.limits`): a text file's first
  ``MAX_TEXT_BYTES``, an HTML page's first ``MAX_HTML_BYTES``, JSONL and CSV lines
  up to ``MAX_LINE_BYTES`` each; every field is cut to its cap with one warning,
  and lone surrogates (``"\\udc80"`` in JSON) become U+FFFD.

Warnings (a field cut, a bad metadata value left out) go to the ``eventwire``
logger, one line each naming the file and record.
``Article.source_path`` is the path as given (``<stdin>`` for ``-``) and
``source_record`` the part of ``where`` after the colon (``"17"`` for JSONL line
17, ``"record 3"`` for the third CSV record), so ``f"{source_path}:{source_record}"``
finds the record again.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import EmptyInputError, InputError
from ..records import Article
from .fields import (
    DEFAULT_CSV_MAPPING,
    FORMATS,
    STDIN_NAME,
    Item,
    NotUtf8,
    ReadOptions,
    clean_str,
    decode,
    make_article,
    newlines,
    normalise_fmt,
    parse_date,
    stem,
    warn,
)
from .limits import MAX_HTML_BYTES, MAX_LINE_BYTES, MAX_TEXT_BYTES
from .streams import Gunzip, chunks, not_regular, split_lines
from .tabular import csv_items, jsonl_items

__all__ = ["DEFAULT_CSV_MAPPING", "FORMATS", "ReadOptions", "normalise_fmt", "os_error",
           "parse_date", "read_path"]

_DIRECTORY_EXTENSIONS = frozenset({".txt", ".jsonl", ".csv", ".html", ".htm", ".warc", ".arc"})
_EXTENSIONS = {
    ext: normalise_fmt(ext[1:]) for ext in [*_DIRECTORY_EXTENSIONS, ".ndjson"]
}
_EXTENSIONS[""] = "text"  # a file named without extension is plain text
STDIN = "-"
_SNIFF_BYTES = 8192
_MIN_HTML_WORDS = 20  # fewer words than this is page chrome, not an article
_HTML_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")


def read_path(path: str | Path, options: ReadOptions) -> Iterator[Article | InputError]:
    """The articles in one path (file, directory or ``-``), and an error for each bad one."""
    path = str(path)
    if path == STDIN and options.fmt == "warc":
        yield InputError(STDIN_NAME, "WARC/ARC input must be a file, not stdin")
    elif path == STDIN:
        yield from _read_stream(STDIN_NAME, options.fmt or "text", _stdin_bytes, options)
    elif os.path.isdir(path):
        found = False
        for file in _walk(path):
            found = True
            if isinstance(file, InputError):
                yield file
            else:
                yield from _read_file(file, options)
        if not found:
            yield EmptyInputError(
                path,
                "no .txt, .html, .htm, .jsonl, .csv, .warc or .arc files (or their .gz) "
                "in directory",
            )
    elif (kind := not_regular(path)) is not None:
        yield InputError(path, f"not a regular file ({kind}); give a file, or - to read "
                               "a stream from stdin")
    else:
        yield from _read_file(path, options)


def _walk(root: str) -> Iterator[str | InputError]:
    """The readable files under ``root``, and an error for each folder that cannot be read."""
    errors: list[OSError] = []
    for folder, dirnames, filenames in os.walk(root, onerror=errors.append):
        yield from (os_error(e.filename or folder, e) for e in errors)
        errors.clear()
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            inner = name[:-3] if name.lower().endswith(".gz") else name
            if (
                not name.startswith(".")
                and os.path.splitext(inner)[1].lower() in _DIRECTORY_EXTENSIONS
            ):
                file = os.path.join(folder, name)
                if not_regular(file) is None:  # named pipes and devices are passed over
                    yield file
    yield from (os_error(e.filename or root, e) for e in errors)


def _read_file(path: str, options: ReadOptions) -> Iterator[Item]:
    gz = path.lower().endswith(".gz")
    fmt = options.fmt or _EXTENSIONS.get(os.path.splitext(path[:-3] if gz else path)[1].lower())
    if fmt is None:
        yield InputError(path, f"unknown file type (use fmt= one of {', '.join(FORMATS)})")
        return
    if fmt == "warc":  # web archives: their own reader, pages through the HTML path
        from .warc import read_warc

        yield from read_warc(path, options, _html_article)
        return

    def opener() -> BinaryIO:
        raw = open(path, "rb")  # noqa: SIM115 - closed by the caller
        if not gz:
            return raw
        return _GzipStream(raw)

    yield from _read_stream(path, fmt, opener, options)


class _GzipStream(io.BufferedReader):
    """A gzip file's bytes up to any damage (see :class:`.streams.Gunzip`); closes the file."""

    def __init__(self, raw: BinaryIO) -> None:
        self.gunzip = Gunzip(raw)
        self._file = raw
        super().__init__(self.gunzip)

    def close(self) -> None:
        super().close()
        self._file.close()


def _stdin_bytes() -> BinaryIO:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    return io.BytesIO(sys.stdin.read().encode("utf-8"))  # a text-only stand-in (tests)


def _read_stream(
    where: str, fmt: str, opener: Callable[[], BinaryIO], options: ReadOptions
) -> Iterator[Item]:
    """Open, sniff and parse one input; turn I/O and gzip failures into errors."""
    try:
        stream = opener()
        gunzip = stream.gunzip if isinstance(stream, _GzipStream) else None
        with contextlib.nullcontext(stream) if where == STDIN_NAME else stream:
            head = stream.read(_SNIFF_BYTES)
            damaged = gunzip is not None and gunzip.error is not None
            if not head and damaged:
                yield InputError(where, gunzip.reason())  # type: ignore[union-attr]
                return
            if not head:
                yield EmptyInputError(where, "empty file")
            elif b"\x00" in head and (fmt in ("text", "html") or _binary_lines(head)):
                yield InputError(where, _binary_reason(head))
            elif fmt in ("text", "html"):
                limit = MAX_TEXT_BYTES if fmt == "text" else MAX_HTML_BYTES
                data = head + stream.read(limit + 1 - len(head))
                cut = len(data) > limit
                damaged = gunzip is not None and gunzip.error is not None
                if fmt == "text":
                    yield _text_article(where, data[:limit], options, cut, cut or damaged)
                else:
                    if cut:
                        warn(where, f"page over {limit:,} bytes; only the first {limit:,} "
                                    "were read")
                    yield _html_article(where, data[:limit], options)
            else:
                lines = split_lines(chunks(stream, head), MAX_LINE_BYTES, csv=fmt == "csv")
                if gunzip is not None:
                    lines = _until_damage(lines, gunzip)
                yield from (jsonl_items if fmt == "jsonl" else csv_items)(where, lines, options)
            if gunzip is not None and gunzip.error is not None:
                yield InputError(where, f"{gunzip.reason()}; what came before it was read")
    except OSError as exc:
        yield os_error(where, exc)


def _until_damage(lines: Iterator[tuple[int, bytes | None]], gunzip: Gunzip
                  ) -> Iterator[tuple[int, bytes | None]]:
    """The lines of a gzip file, without a last line that the damage cut in two."""
    for number, line in lines:
        if gunzip.error is not None and line is not None and not line.endswith((b"\n", b"\r")):
            return  # the file broke off inside this line
        yield number, line


def os_error(where: str, exc: OSError) -> InputError:
    """A file the system would not let us read, as one line naming it and why."""
    if isinstance(exc, FileNotFoundError):
        return InputError(where, "no such file or directory")
    if isinstance(exc, PermissionError):
        return InputError(where, "permission denied")
    return InputError(where, f"cannot read ({exc.strerror or exc})")


def _binary_lines(head: bytes) -> bool:
    """For JSONL and CSV: no line of ``head`` is UTF-8 text without NUL bytes (a line
    with NULs among good ones is that record's error, not the file's)."""
    for line in head.replace(b"\r", b"\n").split(b"\n"):
        if line.strip() and b"\x00" not in line:
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            return False
    return True


def _binary_reason(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "not UTF-8 (looks like UTF-16; save it as UTF-8)"
    return "binary file"


def _text_article(where: str, data: bytes, options: ReadOptions, cut: bool = False,
                  partial: bool = False) -> Item:
    """One text article; ``cut`` when the input went on past ``data``, ``partial`` when
    ``data`` may end inside a character (cut, or the gzip data broke off)."""
    try:
        text = decode(data, final=not partial)
    except NotUtf8 as exc:
        return InputError(where, str(exc))
    if not text.strip():
        return EmptyInputError(where, "empty file")
    return make_article(where, id=options.id or stem(where), text=text, outlet=options.outlet,
                        published=options.published, source_path=where, read_cut=cut)


def _html_article(where: str, data: bytes, options: ReadOptions) -> Item:
    import trafilatura  # imported here: slow to import and only needed for HTML

    for name in _HTML_LOGGERS:  # their warnings name no file; a page they cannot read
        logging.getLogger(name).setLevel(logging.CRITICAL)  # is reported here, once

    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken pages
        return InputError(where, f"cannot parse HTML ({type(exc).__name__}: {exc})")
    text = newlines(getattr(doc, "text", None) or "").strip()
    title = clean_str(getattr(doc, "title", None))
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:  # trafilatura repeats the headline as line 1
        text = rest.strip()
    if len(text.split()) < _MIN_HTML_WORDS:
        return InputError(where, "no article text found in HTML page")
    published = options.published
    page_date = clean_str(getattr(doc, "date", None))
    if page_date:
        with contextlib.suppress(ValueError):
            published = parse_date(page_date)
    return make_article(
        where,
        id=options.id or stem(where),
        text=text,
        title=title,
        url=clean_str(getattr(doc, "url", None)),
        outlet=clean_str(getattr(doc, "sitename", None)) or options.outlet,
        published=published,
        source_path=where,
    )
