"""Many articles per file: JSONL lines and CSV records, one bad record never the others.

Both take the lines of a (decompressed) file from :func:`.streams.split_lines`, so a
line over :data:`.limits.MAX_LINE_BYTES` is one record's error and is never held whole.
A record whose text is fine but one metadata value is not (a ``published`` that is not
a date, a ``title`` that is a list) is read without that value, with one warning.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..errors import EmptyInputError, InputError
from .fields import (
    Item,
    NotUtf8,
    ReadOptions,
    clean_str,
    decode,
    make_article,
    newlines,
    parse_date,
    stem,
    warn,
)
from .limits import MAX_LINE_BYTES, MAX_QUOTED_CHARS, MAX_RECORD_CHARS, one_line, quoted

_TOO_LONG = f"line too long (over {MAX_LINE_BYTES:,} bytes); skipped"


def jsonl_items(where: str, lines: Iterable[tuple[int, bytes | None]], options: ReadOptions
                ) -> Iterator[Item]:
    """The articles of a JSONL file and an error for each bad line."""
    offset = 0
    blank = True
    for number, raw in lines:
        here = f"{where}:{number}"
        if raw is None:
            blank = False
            yield InputError(here, _TOO_LONG)
            continue
        try:
            line = decode(raw, offset)
        except NotUtf8 as exc:
            blank = False
            yield InputError(here, str(exc))
            continue
        finally:
            offset += len(raw or b"")
        if not line.strip():
            continue
        blank = False
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(here, f"not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        except RecursionError:
            yield InputError(here, "not valid JSON (nested too deeply)")
            continue
        except ValueError as exc:  # e.g. an integer of more than 4,300 digits
            yield InputError(here, f"not valid JSON ({str(exc).split(':')[0]})")
            continue
        if not isinstance(value, dict):
            yield InputError(here, f"not a JSON object (got {type(value).__name__})")
            continue
        yield record_article(where, str(number), value, options)
    if blank:
        yield EmptyInputError(where, "empty file")


class _Lines:
    """Decoded CSV lines for ``csv.reader``; an over-long line raises ``csv.Error`` once
    (the reader then starts afresh at the next line). Undecodable bytes are noted in
    ``bad`` and replaced."""

    def __init__(self, lines: Iterable[tuple[int, bytes | None]]) -> None:
        self._lines = iter(lines)
        self.bad: list[str] = []
        self._offset = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        _, raw = next(self._lines)
        if raw is None:
            raise csv.Error(_TOO_LONG)
        try:
            line = decode(raw, self._offset)
        except NotUtf8 as exc:
            self.bad.append(str(exc))
            line = newlines(raw.decode("utf-8", errors="replace"))
        self._offset += len(raw)
        return line


def _csv_rows(reader: Iterator[list[str]]) -> Iterator[list[str] | csv.Error]:
    """Non-blank CSV rows, and a ``csv.Error`` in place of each row that cannot be parsed."""
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


def _csv_columns(header: list[str]) -> list[str]:
    columns = [name.strip() for name in header]
    if columns and columns[0] == "":
        columns[0] = "index"  # pandas writes its index under an empty name
    return columns


def csv_items(where: str, lines: Iterable[tuple[int, bytes | None]], options: ReadOptions
              ) -> Iterator[Item]:
    """The articles of a CSV file and an error for each bad record."""
    csv.field_size_limit(MAX_RECORD_CHARS)
    source = _Lines(lines)
    rows = _csv_rows(csv.reader(source))
    header = next(rows, None)
    if header is None:
        yield EmptyInputError(where, "empty file")
        return
    if isinstance(header, csv.Error) or source.bad:
        bad = source.bad
        yield InputError(where, f"header is {bad[0] if bad else f'not valid CSV ({header})'}")
        return
    columns = _csv_columns(header)
    mapping = options.csv_mapping
    for field in ("text", *sorted(options.csv_explicit)):
        if mapping[field] not in columns:
            what = "text column" if field == "text" else f"column for {field}"
            listed = ", ".join(one_line(c, MAX_QUOTED_CHARS) for c in columns[:20])
            more = f" and {len(columns) - 20} more" if len(columns) > 20 else ""
            yield InputError(where, f"missing {what} {quoted(mapping[field])} "
                                    f"(columns: {listed}{more})")
            return
    index = {name: i for i, name in reversed(list(enumerate(columns)))}
    records = 0
    for row in rows:
        records += 1
        here = f"{where}:record {records}"
        if isinstance(row, csv.Error):
            yield InputError(here, f"not valid CSV ({row})")
        elif source.bad:
            yield InputError(here, source.bad[0])
        else:
            value = {
                f: row[index[c]] for f, c in mapping.items() if index.get(c, len(row)) < len(row)
            }
            yield record_article(where, f"record {records}", value, options)
        source.bad.clear()
    if records == 0:
        yield EmptyInputError(where, "no records after the header")


def record_article(where: str, record: str, value: Mapping[str, Any], options: ReadOptions
                   ) -> Item:
    """Build an Article from one JSONL object or CSV row (fields already mapped).

    Only the text can make the record an error; a bad metadata value is left out with a
    warning.
    """
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
            warn(here, f"field {name!r} is not a string (got {type(raw).__name__}); left out")
            raw = None
        fields[name] = clean_str(None if raw is None else str(raw))
    published = options.published
    if fields["published"]:
        try:
            published = parse_date(fields["published"])
        except ValueError:
            warn(here, f"published is not an ISO date or datetime "
                       f"({quoted(fields['published'])}); left out")
    number = record.rpartition(" ")[2]
    return make_article(
        here,
        id=fields["id"] or f"{stem(where)}-{number}",
        text=text,
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"] or options.outlet,
        published=published,
        source_path=where,
        source_record=record,
    )
