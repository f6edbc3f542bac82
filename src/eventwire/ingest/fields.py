"""What every reader shares: the read options, decoding, and building a bounded Article.

:func:`make_article` is the reader boundary: every string field is sanitised (lone
surrogates → U+FFFD) and cut to its cap from :mod:`.limits`, with one warning (logged
on the ``eventwire`` logger) naming the file and record.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import logging
import os
from collections.abc import Mapping

from ..errors import InputError
from ..records import Article
from .limits import (
    MAX_ARTICLE_CHARS,
    MAX_FIELD_CHARS,
    MAX_TITLE_CHARS,
    cut,
    one_line,
    sanitise,
)

log = logging.getLogger("eventwire")

FORMATS: tuple[str, ...] = ("text", "jsonl", "csv", "html", "warc")
_FMT_ALIASES = {"txt": "text", "ndjson": "jsonl", "htm": "html", "arc": "warc"}
ARTICLE_FIELDS = ("id", "text", "title", "url", "outlet", "published")
DEFAULT_CSV_MAPPING: Mapping[str, str] = {field: field for field in ARTICLE_FIELDS}
STDIN_NAME = "<stdin>"

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


class NotUtf8(ValueError):
    """Bytes that are not UTF-8; the message is the error reason."""


def decode(data: bytes, offset: int = 0, *, final: bool = True) -> str:
    """UTF-8 text without BOM and with ``\\n`` line ends; ``NotUtf8`` names the bad byte.

    ``offset`` is where ``data`` starts in the file, so the reported offset is the file's.
    With ``final=False`` an incomplete character at the end (a cut) is left out.
    """
    start = len(codecs.BOM_UTF8) if offset == 0 and data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(data[start:], final=final)
    except UnicodeDecodeError as exc:
        bad = data[start + exc.start]
        raise NotUtf8(
            f"not UTF-8 (byte 0x{bad:02x} at offset {offset + start + exc.start})"
        ) from None
    return newlines(text)


def newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(value: str) -> dt.date:
    """``2019-04-10``, ``2019-04-10T08:30:00Z``, ``2019-04-10 08:30`` → a date, or ValueError."""
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return dt.datetime.fromisoformat(value).date()


def clean_str(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def stem(where: str) -> str:
    if where == STDIN_NAME:
        return "stdin"
    name = os.path.basename(where)
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[0] or name


def warn(where: str, message: str) -> None:
    """One warning line naming the file (and record) on the ``eventwire`` logger."""
    log.warning("%s: %s", one_line(where), message)


def make_article(where: str, *, id: str, text: str, title: str | None = None,
                 url: str | None = None, outlet: str | None = None,
                 published: dt.date | None = None, source_path: str | None = None,
                 source_record: str | None = None, read_cut: bool = False) -> Article:
    """An Article with every field sanitised and within its cap (one warning if cut).

    ``read_cut`` says the reader already stopped reading the input at its byte cap.
    """
    text, text_cut = cut(sanitise(newlines(text)), MAX_ARTICLE_CHARS)
    cuts = [f"text to {len(text):,} characters"] if text_cut or read_cut else []
    fields: dict[str, str | None] = {}
    for name, value, limit in (("id", id, MAX_FIELD_CHARS), ("title", title, MAX_TITLE_CHARS),
                               ("url", url, MAX_FIELD_CHARS),
                               ("outlet", outlet, MAX_FIELD_CHARS)):
        if value is None:
            fields[name] = None
            continue
        fields[name], was_cut = cut(sanitise(value), limit)
        if was_cut:
            cuts.append(f"{name} to {limit:,} characters")
    if cuts:
        warn(where, f"cut {' and '.join(cuts)} (the caps on one article; the rest is "
                    "not coded)")
    return Article(id=fields["id"] or "", text=text, title=fields["title"], url=fields["url"],
                   outlet=fields["outlet"], published=published, source_path=source_path,
                   source_record=source_record)
