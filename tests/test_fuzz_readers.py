"""Fuzz the readers (issue 11): generated bad inputs of every format, mixed with good records.

Properties, for every reader (text, JSONL, CSV, HTML, gzip, WARC, directories):

* nothing escapes but :class:`~eventwire.errors.InputError`, given to ``on_error``;
* every error is one line that names the file;
* every good record of a mixed or damaged file is read, with its text;
* each case is quick (a hypothesis deadline catches a hang or a blow-up).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.ingest import read_articles
from eventwire.records import Article

#: ``EVENTWIRE_FUZZ=500 pytest tests/test_fuzz_readers.py`` runs 500 random cases per test
#: instead of the fixed 40 of the normal test run.
_MORE = int(os.environ.get("EVENTWIRE_FUZZ", "0"))
FUZZ = settings(max_examples=_MORE or 40, deadline=3000, derandomize=not _MORE,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SENTENCE = "Russia attacked Turkey on Monday, officials said in report {n}."

# -- building blocks ---------------------------------------------------------------------------

junk_runs = st.sampled_from(["\U0001F600", "\u200d", "\u200b", "\ufeff", "%", "\u2764\ufe0f",
                             "[/red]", "[[/]]", "\x00", "\ud800", "\r", "\x1b[31m"])
junk_text = st.one_of(
    st.text(max_size=200),
    st.builds(lambda u, n: u * n, junk_runs, st.integers(1, 3000)),
    st.builds(lambda n: "QUJD" * n, st.integers(1, 5000)),
)
bad_bytes = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), st.text(max_size=100)),
    st.builds(lambda t: t.encode("latin-1", "replace"), st.text(max_size=100)),
    st.just(b""), st.just(b"   \n\t\n"), st.just(b"\xed\xa0\x80"),
)
nested = st.builds(lambda d, o, c: (o * d + c * d).encode(), st.integers(1, 200_000),
                   st.sampled_from(["[", '{"a":']), st.sampled_from(["]", "}"]))
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=10)
mistyped = st.builds(
    lambda fields: json.dumps(fields).encode(),
    st.fixed_dictionaries({}, optional={
        "id": json_value, "text": json_value, "title": json_value, "outlet": json_value,
        "published": json_value | st.sampled_from(["9999-99-99", "0001-01-02", "9999-12-31"]),
    }))
bad_jsonl_line = st.one_of(bad_bytes, nested, mistyped,
                           st.builds(lambda t: json.dumps(t).encode(), json_value))


def good_record(n: int, extra: dict[str, object]) -> dict[str, object]:
    return {"id": f"good-{n}", "text": SENTENCE.format(n=n), **extra}


good_extra = st.fixed_dictionaries({}, optional={
    "published": st.sampled_from(["0001-01-02", "9999-12-30", "9999-99-99", "2019-04-10"]),
    "title": st.text(max_size=50) | st.just("[/red]") | st.just("T" * 5000),
    "outlet": st.sampled_from(["[[/]]", "\udc80", ":smile:", "Wire"]) | json_value,
})


def read(path: Path | str, **options: object) -> tuple[list[Article], list[InputError]]:
    """Read with an error callback; nothing else may escape."""
    errors: list[InputError] = []
    articles = list(read_articles(path, on_error=errors.append, **options))  # type: ignore[arg-type]
    for error in errors:
        assert isinstance(error, InputError)
        assert "\n" not in str(error) and "\r" not in str(error)
        assert str(path) in error.where or error.where.startswith(str(path))
    for article in articles:
        article.text.encode("utf-8")  # no lone surrogates anywhere
        for value in (article.id, article.title, article.outlet, article.url):
            (value or "").encode("utf-8")
    return articles, errors


def in_tmp(write: Callable[[Path], Path]) -> tuple[list[Article], list[InputError]]:
    with tempfile.TemporaryDirectory() as folder:
        return read(write(Path(folder)))


# -- one property per reader -------------------------------------------------------------------


@FUZZ
@given(st.one_of(bad_bytes, junk_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_text_reader(data: bytes) -> None:
    def write(folder: Path) -> Path:
        (folder / "t.txt").write_bytes(data)
        return folder / "t.txt"

    articles, errors = in_tmp(write)
    assert len(articles) + len(errors) >= 1 and len(articles) <= 1


@FUZZ
@given(st.lists(st.one_of(bad_jsonl_line.map(lambda b: ("bad", b)),
                          good_extra.map(lambda e: ("good", e))), max_size=12),
       st.sampled_from([b"\n", b"\r\n", b"\n\n"]))
def test_jsonl_reader_keeps_every_good_record(lines: list[tuple[str, object]], sep: bytes
                                              ) -> None:
    data, good = [], {}
    for n, (kind, item) in enumerate(lines):
        if kind == "good":
            record = good_record(n, item)  # type: ignore[arg-type]
            good[record["id"]] = record["text"]
            data.append(json.dumps(record).encode())
        else:  # a bad line stays on its line (it may hold line ends of its own)
            data.append(bytes(item).replace(b"\n", b" ").replace(b"\r", b" "))  # type: ignore[call-overload]

    def write(folder: Path) -> Path:
        (folder / "r.jsonl").write_bytes(sep.join(data) + sep)
        return folder / "r.jsonl"

    articles, _ = in_tmp(write)
    assert {a.id: a.text for a in articles if a.id in good} == good


csv_cell = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20)


@FUZZ
@given(st.lists(st.one_of(st.lists(csv_cell, max_size=6).map(lambda r: ("bad", r)),
                          st.integers(0, 3).map(lambda extra: ("good", extra))), max_size=12),
       st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_csv_reader_keeps_every_good_record(rows: list[tuple[str, object]], end: str,
                                            nul: bool) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=end)
    writer.writerow(["id", "text", "[/red]"])
    good = {}
    for n, (kind, item) in enumerate(rows):
        if kind == "good":
            ident, text = f"good-{n}", SENTENCE.format(n=n)
            good[ident] = text
            writer.writerow([ident, text, "x\x00y" if nul else "[[/]]", *["ragged"] * item])  # type: ignore[list-item]
        else:
            cells = [c for c in item]  # type: ignore[attr-defined]
            if cells and cells[0].startswith("good-"):
                cells[0] = "bad"
            writer.writerow(cells)

    def write(folder: Path) -> Path:
        (folder / "r.csv").write_bytes(out.getvalue().encode("utf-8"))
        return folder / "r.csv"

    articles, _ = in_tmp(write)
    assert {a.id: a.text for a in articles if a.id in good} == good


@settings(FUZZ, max_examples=_MORE or 15, deadline=10_000)
@given(st.one_of(bad_bytes, junk_text.map(lambda t: f"<html><body><p>{t}</p>".encode(
    "utf-8", "surrogatepass")), st.builds(lambda n: b"<div>" * n, st.integers(1, 50_000))))
def test_html_reader(data: bytes) -> None:
    def write(folder: Path) -> Path:
        (folder / "p.html").write_bytes(data)
        return folder / "p.html"

    articles, errors = in_tmp(write)
    assert len(articles) + len(errors) >= 1


@FUZZ
@given(st.integers(1, 15), st.sampled_from(["none", "crc", "cut", "fake", "garbage"]),
       st.floats(0.0, 1.0))
def test_gzip_keeps_the_records_before_the_damage(count: int, damage: str, where: float
                                                  ) -> None:
    records = [good_record(n, {}) for n in range(count)]
    data = b"".join(json.dumps(r).encode() + b"\n" for r in records)
    packed = gzip.compress(data)
    if damage == "crc":
        packed = packed[:-8] + bytes(4) + packed[-4:]
    elif damage == "cut":
        packed = packed[: int(len(packed) * where)]
    elif damage == "fake":
        packed = data
    elif damage == "garbage":
        packed = packed[:10] + os.urandom(50) + packed[60:]

    def write(folder: Path) -> Path:
        (folder / "r.jsonl.gz").write_bytes(packed)
        return folder / "r.jsonl.gz"

    articles, errors = in_tmp(write)
    if damage in ("none", "crc"):
        assert [a.id for a in articles] == [r["id"] for r in records]
    if damage == "crc":
        assert len(errors) == 1
    if damage == "cut":  # every line complete in what can still be unpacked is read
        prefix = zlib.decompressobj(wbits=31).decompress(packed)
        whole = prefix[: prefix.rfind(b"\n") + 1].count(b"\n")
        assert [a.id for a in articles][:whole] == [r["id"] for r in records][:whole]
        assert len(articles) >= whole


def warc_record(n: int) -> bytes:
    body = (f"<html><body><article><p>{SENTENCE.format(n=n)}</p><p>"
            + "The talks went on for hours in the capital. " * 5
            + "</p></article></body></html>").encode()
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body)
    return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.org/{n}\r\n"
            f"WARC-Record-ID: <urn:uuid:{n}>\r\nContent-Type: application/http; "
            f"msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode() + http \
        + b"\r\n\r\n"


@settings(FUZZ, max_examples=_MORE or 25, deadline=10_000)
@given(st.integers(1, 3), st.sampled_from(["none", "cut", "garbage-after", "garbage", "gz-cut"]),
       st.binary(max_size=200))
def test_warc_reader(count: int, damage: str, junk: bytes) -> None:
    records = [warc_record(n) for n in range(count)]
    name, data = "a.warc", b"".join(records)
    if damage == "cut":
        data += records[0][: len(records[0]) // 2]
    elif damage == "garbage-after":
        data += b"WARC/1.0\r\n" + junk
    elif damage == "garbage":
        data = junk
    elif damage == "gz-cut":
        name = "a.warc.gz"
        data = b"".join(gzip.compress(r) for r in records) + gzip.compress(records[0])[:30]

    def write(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    articles, _ = in_tmp(write)
    if damage != "garbage":
        assert [a.id for a in articles] == [f"http://x.org/{n}" for n in range(count)]


@settings(FUZZ, max_examples=_MORE or 20, deadline=10_000)
@given(st.lists(st.tuples(st.sampled_from([".txt", ".jsonl", ".csv", ".html", ".txt.gz",
                                           ".warc", ""]), bad_bytes), max_size=6),
       st.integers(0, 3))
def test_directory_with_pipes_empties_and_junk(files: list[tuple[str, bytes]], good: int
                                               ) -> None:
    def write(folder: Path) -> Path:
        root = folder / "in"
        (root / "sub").mkdir(parents=True)
        os.mkfifo(root / "pipe.jsonl")  # must be passed over, not opened
        (root / "empty.txt").write_bytes(b"")
        for n, (ext, data) in enumerate(files):
            (root / ("sub" if n % 2 else ".") / f"bad{n}{ext}").write_bytes(data)
        for n in range(good):
            (root / f"good-{n}.txt").write_text(SENTENCE.format(n=n))
        return root

    articles, errors = in_tmp(write)
    assert {f"good-{n}" for n in range(good)} <= {a.id for a in articles}
    assert any("empty.txt" in e.where for e in errors)
