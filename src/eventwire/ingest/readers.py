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
recursively, depth first, names sorted, taking only the extensions above and
their ``.gz`` (hidden entries skipped). ``-`` reads stdin (text unless ``fmt=``).

Values in a record or page win over the keyword arguments ``published`` and
``outlet``, which fill in what the input does not say; ``id`` names a
single-article file (text or HTML).

Errors: every bad file or record becomes an :class:`~eventwire.errors.InputError`
whose ``where`` is ``path``, ``path:LINE`` (JSONL) or ``path:record N`` (CSV),
and reading goes on with the next record or file. Policy on bytes:

* a NUL byte in the first 8 KiB makes the file a "binary file" (skipped);
* text and JSONL/CSV must be UTF-8 (a BOM is allowed). Bytes that are not UTF-8
  are reported with the byte and its offset in the (decompressed) file and are
  never replaced: a text file is skipped whole, a JSONL line or CSV record is
  skipped alone. HTML is decoded by trafilatura from its declared charset;
* line ends are normalised to ``\\n`` in ``Article.text``.

``Article.source_path`` is the path as given (``<stdin>`` for ``-``) and
``source_record`` the part of ``where`` after the colon (``"17"`` for JSONL line
17, ``"record 3"`` for the third CSV record), so ``f"{source_path}:{source_record}"``
finds the record again.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import dataclasses
import datetime as dt
import gzip
import io
import itertools
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import EmptyInputError, InputError
from ..records import Article

FORMATS: tuple[str, ...] = ("text", "jsonl", "csv", "html", "warc")
_FMT_ALIASES = {"txt": "text", "ndjson": "jsonl", "htm": "html", "arc": "warc"}
_DIRECTORY_EXTENSIONS = frozenset({".txt", ".jsonl", ".csv", ".html", ".htm", ".warc", ".arc"})
_EXTENSIONS = {
    ext: _FMT_ALIASES.get(ext[1:], ext[1:]) for ext in [*_DIRECTORY_EXTENSIONS, ".ndjson"]
}
_EXTENSIONS[""] = "text"  # a file named without extension is plain text
ARTICLE_FIELDS = ("id", "text", "title", "url", "outlet", "published")
DEFAULT_CSV_MAPPING: Mapping[str, str] = {field: field for field in ARTICLE_FIELDS}
STDIN = "-"
_STDIN_NAME = "<stdin>"
_SNIFF_BYTES = 8192
_MAX_ARTICLE_BYTES = 64 * 1024 * 1024  # one text or HTML article; use JSONL for more
_MIN_HTML_WORDS = 20  # fewer words than this is page chrome, not an article
_CSV_FIELD_LIMIT = 2**31 - 1  # the largest value every platform's C long accepts

Item = Article | InputError


@dataclasses.dataclass(frozen=True)
class ReadOptions:
    """What the caller said about the input; build it with :meth:`make`, which checks it."""

    fmt: str | None = None
    published: dt.date | None = None
    outlet: str | None = None
    id: str | None = None
    csv_mapping: Mapping[str, str] = dataclasses.field(default_factory=lambda: DEFAULT_CSV_MAPPING)
    csv_explicit: frozenset[str] = frozenset()

    @classmethod
    def make(
        cls,
        fmt: str | None = None,
        published: dt.date | None = None,
        outlet: str | None = None,
        id: str | None = None,
        csv_mapping: Mapping[str, str] | None = None,
    ) -> ReadOptions:
        """Check and normalise the options; ``ValueError`` names what is wrong."""
        unknown = sorted(set(csv_mapping or {}) - set(ARTICLE_FIELDS))
        if unknown:
            raise ValueError(f"csv_mapping keys must be among {ARTICLE_FIELDS}, got {unknown}")
        if isinstance(published, dt.datetime):
            published = published.date()
        return cls(
            normalise_fmt(fmt), published, outlet, id,
            {**DEFAULT_CSV_MAPPING, **(csv_mapping or {})}, frozenset(csv_mapping or {}),
        )  # fmt: skip


def normalise_fmt(fmt: str | None) -> str | None:
    """``"TXT"``, ``".jsonl"`` … → a name in ``FORMATS``; ``ValueError`` if unknown."""
    if fmt is None:
        return None
    name = fmt.lower().lstrip(".")
    name = _FMT_ALIASES.get(name, name)
    if name not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return name


def read_path(path: str | Path, options: ReadOptions) -> Iterator[Article | InputError]:
    """The articles in one path (file, directory or ``-``), and an error for each bad one."""
    path = str(path)
    if path == STDIN and options.fmt == "warc":
        yield InputError(_STDIN_NAME, "WARC/ARC input must be a file, not stdin")
    elif path == STDIN:
        yield from _read_stream(_STDIN_NAME, options.fmt or "text", _stdin_bytes, options)
    elif os.path.isdir(path):
        found = False
        for file in _walk(path):
            found = True
            yield from _read_file(file, options)
        if not found:
            yield EmptyInputError(
                path,
                "no .txt, .html, .htm, .jsonl, .csv, .warc or .arc files (or their .gz) "
                "in directory",
            )
    else:
        yield from _read_file(path, options)


def _walk(root: str) -> Iterator[str]:
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            inner = name[:-3] if name.lower().endswith(".gz") else name
            if (
                not name.startswith(".")
                and os.path.splitext(inner)[1].lower() in _DIRECTORY_EXTENSIONS
            ):
                yield os.path.join(folder, name)


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
        return gzip.open(path, "rb") if gz else open(path, "rb")  # noqa: SIM115 - closed by caller

    yield from _read_stream(path, fmt, opener, options)


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
        with contextlib.nullcontext(stream) if where == _STDIN_NAME else stream:
            head = stream.read(_SNIFF_BYTES)
            if not head:
                yield EmptyInputError(where, "empty file")
            elif b"\x00" in head:
                yield InputError(where, _binary_reason(head))
            elif fmt in ("text", "html"):
                data = head + stream.read(_MAX_ARTICLE_BYTES + 1 - len(head))
                if len(data) > _MAX_ARTICLE_BYTES:
                    yield InputError(
                        where,
                        f"too large for one article (over {_MAX_ARTICLE_BYTES} bytes); use JSONL",
                    )
                else:
                    yield (_text_article if fmt == "text" else _html_article)(where, data, options)
            else:
                lines = itertools.chain(io.BytesIO(head + stream.readline()), stream)
                yield from (_jsonl_items if fmt == "jsonl" else _csv_items)(where, lines, options)
    except gzip.BadGzipFile as exc:
        yield InputError(where, f"not a valid gzip file ({exc})")
    except (EOFError, zlib.error) as exc:
        yield InputError(where, f"gzip data is truncated or corrupt ({exc})")
    except OSError as exc:
        yield os_error(where, exc)


def os_error(where: str, exc: OSError) -> InputError:
    """A file the system would not let us read, as one line naming it and why."""
    if isinstance(exc, FileNotFoundError):
        return InputError(where, "no such file or directory")
    if isinstance(exc, PermissionError):
        return InputError(where, "permission denied")
    return InputError(where, f"cannot read ({exc.strerror or exc})")


def _binary_reason(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "not UTF-8 (looks like UTF-16; save it as UTF-8)"
    return "binary file"


class _NotUtf8(ValueError):
    """Bytes that are not UTF-8; the message is the error reason."""


def _decode(data: bytes, offset: int = 0) -> str:
    """UTF-8 text without BOM and with ``\\n`` line ends; ``_NotUtf8`` names the bad byte.

    ``offset`` is where ``data`` starts in the file, so the reported offset is the file's.
    """
    start = len(codecs.BOM_UTF8) if offset == 0 and data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[start:].decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[start + exc.start]
        raise _NotUtf8(
            f"not UTF-8 (byte 0x{bad:02x} at offset {offset + start + exc.start})"
        ) from None
    return _newlines(text)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_article(where: str, data: bytes, options: ReadOptions) -> Item:
    try:
        text = _decode(data)
    except _NotUtf8 as exc:
        return InputError(where, str(exc))
    if not text.strip():
        return EmptyInputError(where, "empty file")
    return Article(options.id or _stem(where), text, outlet=options.outlet,
                   published=options.published, source_path=where)  # fmt: skip


def _html_article(where: str, data: bytes, options: ReadOptions) -> Item:
    import trafilatura  # imported here: slow to import and only needed for HTML

    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken pages
        return InputError(where, f"cannot parse HTML ({type(exc).__name__}: {exc})")
    text = _newlines(getattr(doc, "text", None) or "").strip()
    title = _clean_str(getattr(doc, "title", None))
    first, _, rest = text.partition("\n")
    if title and first.strip() == title:  # trafilatura repeats the headline as line 1
        text = rest.strip()
    if len(text.split()) < _MIN_HTML_WORDS:
        return InputError(where, "no article text found in HTML page")
    published = options.published
    page_date = _clean_str(getattr(doc, "date", None))
    if page_date:
        with contextlib.suppress(ValueError):
            published = parse_date(page_date)
    return Article(
        id=options.id or _stem(where),
        text=text,
        title=title,
        url=_clean_str(getattr(doc, "url", None)),
        outlet=_clean_str(getattr(doc, "sitename", None)) or options.outlet,
        published=published,
        source_path=where,
    )


def _jsonl_items(where: str, lines: Iterable[bytes], options: ReadOptions) -> Iterator[Item]:
    offset = 0
    blank = True
    for number, raw in enumerate(lines, start=1):
        here = f"{where}:{number}"
        try:
            line = _decode(raw, offset)
        except _NotUtf8 as exc:
            blank = False
            yield InputError(here, str(exc))
            continue
        finally:
            offset += len(raw)
        if not line.strip():
            continue
        blank = False
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(here, f"not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(value, dict):
            yield InputError(here, f"not a JSON object (got {type(value).__name__})")
            continue
        yield _record_article(where, str(number), value, options)
    if blank:
        yield EmptyInputError(where, "empty file")


def _csv_lines(lines: Iterable[bytes], bad: list[str]) -> Iterator[str]:
    """Decode CSV lines one by one; note undecodable bytes in ``bad`` (and replace them)."""
    offset = 0
    for raw in lines:
        try:
            line = _decode(raw, offset)
        except _NotUtf8 as exc:
            bad.append(str(exc))
            line = raw.decode("utf-8", errors="replace")
        offset += len(raw)
        yield line


def _csv_columns(header: list[str]) -> list[str]:
    columns = [name.strip() for name in header]
    if columns and columns[0] == "":
        columns[0] = "index"  # pandas writes its index under an empty name
    return columns


def _csv_rows(lines: Iterable[bytes], bad: list[str]) -> Iterator[list[str] | csv.Error]:
    """Non-blank CSV rows, and a ``csv.Error`` in place of each row that cannot be parsed."""
    reader = csv.reader(_csv_lines(lines, bad))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc
            continue
        if any(cell.strip() for cell in row):
            yield row


def _csv_items(where: str, lines: Iterable[bytes], options: ReadOptions) -> Iterator[Item]:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    bad: list[str] = []
    rows = _csv_rows(lines, bad)
    header = next(rows, None)
    if header is None:
        yield EmptyInputError(where, "empty file")
        return
    if isinstance(header, csv.Error) or bad:
        yield InputError(where, f"header is {bad[0] if bad else f'not valid CSV ({header})'}")
        return
    columns = _csv_columns(header)
    mapping = options.csv_mapping
    for field in ("text", *sorted(options.csv_explicit)):
        if mapping[field] not in columns:
            what = "text column" if field == "text" else f"column for {field}"
            listed = ", ".join(columns)
            yield InputError(where, f"missing {what} {mapping[field]!r} (columns: {listed})")
            return
    index = {name: i for i, name in reversed(list(enumerate(columns)))}
    records = 0
    for row in rows:
        records += 1
        here = f"{where}:record {records}"
        if isinstance(row, csv.Error):
            yield InputError(here, f"not valid CSV ({row})")
        elif bad:
            yield InputError(here, bad[0])
        else:
            value = {
                f: row[index[c]] for f, c in mapping.items() if index.get(c, len(row)) < len(row)
            }
            yield _record_article(where, f"record {records}", value, options)
        bad.clear()
    if records == 0:
        yield EmptyInputError(where, "no records after the header")


def _record_article(
    where: str, record: str, value: Mapping[str, Any], options: ReadOptions
) -> Item:
    """Build an Article from one JSONL object or CSV row (fields already mapped)."""
    here = f"{where}:{record}"
    text = value.get("text")
    if text is None:
        return InputError(here, "missing field 'text'")
    if not isinstance(text, str):
        return InputError(here, f"field 'text' is not a string (got {type(text).__name__})")
    if not text.strip():
        return InputError(here, "empty text")
    fields: dict[str, str | None] = {}
    for name in ("id", "title", "url", "outlet", "published"):
        raw = value.get(name)
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float, type(None))):
            return InputError(here, f"field {name!r} is not a string (got {type(raw).__name__})")
        fields[name] = _clean_str(None if raw is None else str(raw))
    published = options.published
    if fields["published"]:
        try:
            published = parse_date(fields["published"])
        except ValueError:
            return InputError(
                here, f"published is not an ISO date or datetime ({fields['published']!r})"
            )
    number = record.rpartition(" ")[2]
    return Article(
        id=fields["id"] or f"{_stem(where)}-{number}",
        text=_newlines(text),
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"] or options.outlet,
        published=published,
        source_path=where,
        source_record=record,
    )


def parse_date(value: str) -> dt.date:
    """``2019-04-10``, ``2019-04-10T08:30:00Z``, ``2019-04-10 08:30`` → a date, or ValueError."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return dt.datetime.fromisoformat(value).date()


def _clean_str(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _stem(where: str) -> str:
    if where == _STDIN_NAME:
        return "stdin"
    name = os.path.basename(where)
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[0] or name
