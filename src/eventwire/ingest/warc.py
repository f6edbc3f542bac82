"""Web archives: the HTML pages of WARC and ARC files, one :class:`Article` per page.

``.warc``, ``.warc.gz``, ``.arc`` and ``.arc.gz`` files (or ``fmt="warc"``) are read
record by record with warcio. A page is taken from

* a ``response`` record whose HTTP status is 2xx and whose HTTP ``Content-Type`` is
  ``text/html`` or ``application/xhtml+xml`` (chunked and gzip-encoded payloads are
  decoded), or
* a ``resource`` record whose WARC ``Content-Type`` is one of those;

every other record (``warcinfo``, ``request``, ``metadata``, ``revisit``, images,
redirects, errors) is passed over without a word. The page bytes go through the same
HTML path as an ``.html`` file (trafilatura: text, title, date, site name), so a page
without article text is reported like one.

Ids: ``Article.id`` is the ``WARC-Target-URI`` (stable across crawls, so a page
crawled again with new text replaces the old one in the store), else the
``WARC-Record-ID``; ``Article.url`` is the page's canonical URL or the target URI;
``source_record`` is the ``WARC-Record-ID`` (``record N`` for ARC files, whose ids are
made up on reading). Errors name ``path:<record id>``.

Damage: a gzip stream that is cut short or corrupt, a record cut short (fewer bytes
than its ``Content-Length``) or a record header that cannot be parsed ends the file
with one :class:`~eventwire.errors.InputError` naming the file and the record where
it happened; the pages before it are kept. A gzip file may hold one member per record
(the usual form) or the whole archive in one member.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import logging
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any

from ..errors import EmptyInputError, InputError
from ..records import Article
from .fields import warn
from .limits import MAX_HTML_BYTES
from .readers import os_error
from .streams import Gunzip

if TYPE_CHECKING:
    from .readers import ReadOptions

#: Parses one HTML page (the readers' HTML path): ``(where, data, options) -> item``.
HtmlParser = Callable[[str, bytes, "ReadOptions"], "Article | InputError"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MAX_PAGE_BYTES = MAX_HTML_BYTES  # as an .html file: the rest of a bigger page is not read
_GZIP_MAGIC = b"\x1f\x8b"
_CUT_SHORT = "record is cut short (the file ends inside it)"


def read_warc(path: str, options: ReadOptions, html_article: HtmlParser
              ) -> Iterator[Article | InputError]:
    """The HTML pages of one WARC/ARC file (gzipped or not), and an error for each bad one."""
    try:
        with open(path, "rb") as raw:
            yield from _pages(path, _Archive(raw), options, html_article)
    except OSError as exc:
        yield os_error(path, exc)


def count_pages(path: str) -> int:
    """How many HTML pages a WARC/ARC file holds (up to any damage): for estimates only."""
    pages = 0
    try:
        with open(path, "rb") as raw:
            for record in _iterator()(_Archive(raw).stream, arc2warc=True):
                pages += _is_page(record)
    except Exception:  # noqa: BLE001 - a damaged file is reported when it is read
        pass
    return pages


class _Archive:
    """An open archive file: its (decompressed) stream and what its first bytes say."""

    def __init__(self, raw: IO[bytes]) -> None:
        gz = raw.read(2) == _GZIP_MAGIC
        raw.seek(0)
        self.gunzip = Gunzip(raw) if gz else None
        self.stream = io.BufferedReader(self.gunzip if self.gunzip else raw)  # type: ignore[arg-type]
        self.head = self.stream.peek(64)[:64].lstrip()
        self.is_arc = self.head.startswith(b"filedesc://")

    def gzip_error(self) -> Exception | None:
        return self.gunzip.error if self.gunzip else None


def _pages(path: str, archive: _Archive, options: ReadOptions, html_article: HtmlParser
           ) -> Iterator[Article | InputError]:
    if archive.gzip_error() is None and archive.head and not (
            archive.head.startswith(b"WARC/") or archive.is_arc):
        yield InputError(path, f"not a WARC/ARC file (it starts with {archive.head[:16]!r})")
        return
    done = 0  # records read to their end
    last: Any = None  # the record started last
    where = path  # where that record is, or the file before the first
    inside = False  # in a record's content (rather than between records)
    problem: tuple[str, str] | None = None  # where the file is damaged, and how
    try:
        for record in _iterator()(archive.stream, arc2warc=True):
            if last is not None and _cut_short(last):  # warcio has read it to its end now
                problem = (where, _CUT_SHORT)
                break
            where, last, inside = _where(path, record, done + 1, archive.is_arc), record, True
            item = _page(path, where, record, done + 1, archive.is_arc, options,
                         html_article)
            if item is not None and _cut_short(record):
                problem = (where, _CUT_SHORT)
                break
            done, inside = done + 1, False
            if item is not None:
                yield item
        else:
            if last is not None and _cut_short(last):
                problem = (where, _CUT_SHORT)
    except Exception as exc:  # warcio raises many kinds on a damaged record
        reason = " ".join(str(exc).split()) or type(exc).__name__
        problem = (where if inside else _after(path, where, last),
                   f"cannot parse a record ({reason})")
    if archive.gzip_error() is not None:
        at = problem[0] if problem else _after(path, where, last)
        yield InputError(at, f"gzip data is truncated or corrupt ({archive.gzip_error()}); "
                             f"{_kept(done)}")
    elif problem is not None:
        yield InputError(problem[0], f"{problem[1]}; {_kept(done)}")
    elif last is None:
        yield EmptyInputError(path, "no WARC/ARC records in file")


def _page(path: str, where: str, record: Any, number: int, is_arc: bool, options: ReadOptions,
          html_article: HtmlParser) -> Article | InputError | None:
    """The article in one record, an error, or None for a record that is not an HTML page."""
    if not _is_page(record):
        return None
    data = record.content_stream().read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        data = data[:MAX_PAGE_BYTES]
        warn(where, f"page over {MAX_PAGE_BYTES:,} bytes; only the first {MAX_PAGE_BYTES:,} "
                    "were read")
    headers = record.rec_headers
    uri = _clean(headers.get_header("WARC-Target-URI"))
    record_id = None if is_arc else _clean(headers.get_header("WARC-Record-ID"))
    ident = uri or record_id or f"record {number}"
    item = html_article(where, data, dataclasses.replace(options, id=ident))
    if isinstance(item, Article):
        item = dataclasses.replace(item, url=item.url or uri, source_path=path,
                                   source_record=record_id or f"record {number}")
    return item


@functools.cache
def _iterator() -> Any:
    """warcio's ArchiveIterator, without the warnings it writes to stderr (several lines,
    naming no file) for a record not followed by its blank lines; imported here: only for
    web archives."""
    from warcio.archiveiterator import ArchiveIterator

    # its logged warnings (an invalid target URI, quoted whole) name no file either
    logging.getLogger("warcio").setLevel(logging.ERROR)

    class QuietIterator(ArchiveIterator):  # type: ignore[misc]
        INC_RECORD = ""

    return QuietIterator


def _is_page(record: Any) -> bool:
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not str(http.get_statuscode() or "").startswith("2"):
            return False
        content_type = http.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type")
    else:
        return False
    return (content_type or "").split(";")[0].strip().lower() in HTML_TYPES


def _cut_short(record: Any) -> bool:
    """True when the file ended before the record's ``Content-Length`` bytes were read."""
    return bool(getattr(record.raw_stream, "limit", 0))


def _where(path: str, record: Any, number: int, is_arc: bool) -> str:
    record_id = None if is_arc else _clean(record.rec_headers.get_header("WARC-Record-ID"))
    return f"{path}:{record_id or f'record {number}'}"


def _after(path: str, where: str, last: Any) -> str:
    """Where a record that could not be parsed is: after the last one read, if any."""
    return path if last is None else f"{path}:after {where[len(path) + 1:]}"


def _kept(done: int) -> str:
    return f"the {done} record(s) before it were read" if done else "nothing could be read"


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
