"""Web archives: HTML pages of WARC/ARC files through the HTML path; damaged files."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.errors import EmptyInputError, InputError
from eventwire.ingest import read_articles
from eventwire.ingest.warc import count_pages
from eventwire.records import Article

BODY = ("Turkish troops shelled positions held by Kurdish fighters near the border town on "
        "Tuesday, the defence ministry in Ankara said, adding that the operation would go on "
        "until the area was secure.")


def page(n: int, words: str = BODY) -> bytes:
    return (f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
            f"<p>{words}</p><p>Paragraph two of story {n}: {words}</p></article></body></html>"
            ).encode()


def response(writer: WARCWriter, uri: str, body: bytes, *, status: str = "200 OK",
             content_type: str = "text/html; charset=utf-8",
             extra: list[tuple[str, str]] | None = None) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), *(extra or [])],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                  http_headers=headers))


def archive(pages: int = 3, *, gz: bool = True, noise: bool = False) -> bytes:
    """A WARC with ``pages`` HTML responses (``http://ex.com/N``), and other records if asked."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    if noise:
        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    for n in range(pages):
        if noise:
            writer.write_record(writer.create_warc_record(
                f"http://ex.com/{n}", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            response(writer, f"http://ex.com/{n}.png", b"\x89PNG...", content_type="image/png")
            response(writer, f"http://ex.com/missing{n}", page(n), status="404 Not Found")
        response(writer, f"http://ex.com/{n}", page(n))
    return out.getvalue()


def read(paths: list[Path], **options: object) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    articles = list(read_articles(paths, on_error=errors.append, **options))  # type: ignore[arg-type]
    return articles, errors


def record_ids(data: bytes) -> list[str]:
    from warcio.archiveiterator import ArchiveIterator

    return [r.rec_headers.get_header("WARC-Record-ID")
            for r in ArchiveIterator(io.BytesIO(data)) if r.rec_type == "response"]


def test_html_responses_become_articles(tmp_path: Path) -> None:
    data = archive(3, noise=True)
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    articles, errors = read([tmp_path / "crawl.warc.gz"])
    assert errors == []
    assert [a.id for a in articles] == ["http://ex.com/0", "http://ex.com/1", "http://ex.com/2"]
    first = articles[0]
    assert first.title == "Story 0"
    assert first.url == "http://ex.com/0"
    assert "Turkish troops shelled" in first.text
    assert first.source_path == str(tmp_path / "crawl.warc.gz")
    html_ids = record_ids(data)[2::3]  # png, 404, page for each n
    assert [a.source_record for a in articles] == html_ids


@pytest.mark.parametrize("form", ["plain", "member per record", "one gzip member"])
def test_compressed_or_not_reads_the_same(tmp_path: Path, form: str) -> None:
    if form == "plain":
        data = archive(2, gz=False)
    elif form == "member per record":
        data = archive(2, gz=True)
    else:
        data = gzip.compress(archive(2, gz=False))
    name = "a.warc" if form == "plain" else "a.warc.gz"
    (tmp_path / name).write_bytes(data)
    articles, errors = read([tmp_path / name])
    assert errors == []
    assert [a.id for a in articles] == ["http://ex.com/0", "http://ex.com/1"]


def test_directory_takes_web_archives(tmp_path: Path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(archive(2))
    (tmp_path / "b.arc.gz").write_bytes(gzip.compress(arc_file()))
    (tmp_path / "notes.md").write_text("not an article")
    articles, errors = read([tmp_path])
    assert errors == []
    assert [a.id for a in articles] == ["http://ex.com/0", "http://ex.com/1", "http://ex.com/arc"]


def test_truncated_gzip_keeps_the_pages_before_and_names_the_record(tmp_path: Path) -> None:
    data = archive(3)
    (tmp_path / "a.warc.gz").write_bytes(data[:-40])
    (tmp_path / "b.warc.gz").write_bytes(archive(1))
    articles, errors = read([tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"])
    assert [a.id for a in articles] == ["http://ex.com/0", "http://ex.com/1", "http://ex.com/0"]
    assert len(errors) == 1
    message = str(errors[0])
    assert "\n" not in message
    assert message.startswith(f"{tmp_path / 'a.warc.gz'}:{record_ids(data)[2]}: ")
    assert "gzip data is truncated" in message and "2 record(s) before it" in message


def test_record_cut_short_is_reported(tmp_path: Path) -> None:
    data = archive(3, gz=False)
    (tmp_path / "a.warc").write_bytes(data[:-200])
    articles, errors = read([tmp_path / "a.warc"])
    assert [a.id for a in articles] == ["http://ex.com/0", "http://ex.com/1"]
    assert [e.where for e in errors] == [f"{tmp_path / 'a.warc'}:{record_ids(data)[2]}"]
    assert "cut short" in errors[0].reason


def test_cut_inside_a_record_header(tmp_path: Path) -> None:
    data = archive(3, gz=False)
    third = data.index(b"WARC/1", data.index(b"WARC/1", data.index(b"WARC/1") + 1) + 1)
    (tmp_path / "a.warc").write_bytes(data[:third + 40])
    articles, errors = read([tmp_path / "a.warc"])
    assert [a.id for a in articles] == ["http://ex.com/0", "http://ex.com/1"]
    assert len(errors) == 1
    assert errors[0].where == f"{tmp_path / 'a.warc'}:after {record_ids(data)[1]}"
    assert "cannot parse a record" in errors[0].reason


@pytest.mark.parametrize(("content", "kind", "reason"), [
    (b"just some text, not an archive\n" * 3, InputError, "not a WARC/ARC file"),
    (b"", EmptyInputError, "no WARC/ARC records"),
])
def test_not_an_archive(tmp_path: Path, content: bytes, kind: type, reason: str) -> None:
    (tmp_path / "x.warc").write_bytes(content)
    articles, errors = read([tmp_path / "x.warc"])
    assert articles == []
    assert [type(e) for e in errors] == [kind]
    assert reason in errors[0].reason


def test_page_without_article_text_names_its_record(tmp_path: Path) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    response(writer, "http://ex.com/front", b"<html><body><p>Menu</p></body></html>")
    response(writer, "http://ex.com/story", page(1))
    (tmp_path / "a.warc.gz").write_bytes(out.getvalue())
    articles, errors = read([tmp_path / "a.warc.gz"])
    assert [a.id for a in articles] == ["http://ex.com/story"]
    front = record_ids(out.getvalue())[0]
    assert [e.where for e in errors] == [f"{tmp_path / 'a.warc.gz'}:{front}"]
    assert "no article text" in errors[0].reason


def test_gzip_encoded_payload_is_decoded(tmp_path: Path) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    response(writer, "http://ex.com/z", gzip.compress(page(7)),
             extra=[("Content-Encoding", "gzip")])
    (tmp_path / "a.warc.gz").write_bytes(out.getvalue())
    articles, errors = read([tmp_path / "a.warc.gz"])
    assert errors == []
    assert articles[0].title == "Story 7"


def arc_file() -> bytes:
    """An ARC v1 file: the file header record and one HTML page."""
    head = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    body = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page(9)
    data = b"filedesc://t.arc 0.0.0.0 20190401000000 text/plain %d\n%s\n" % (len(head), head)
    return data + b"http://ex.com/arc 1.2.3.4 20190401000000 text/html %d\n%s\n" % (len(body), body)


def test_arc_pages_use_the_url_and_record_number(tmp_path: Path) -> None:
    (tmp_path / "old.arc.gz").write_bytes(gzip.compress(arc_file()))
    articles, errors = read([tmp_path / "old.arc.gz"])
    assert errors == []
    assert [(a.id, a.source_record, a.title) for a in articles] == [
        ("http://ex.com/arc", "record 2", "Story 9")]


def test_format_can_be_forced_but_not_on_stdin(tmp_path: Path) -> None:
    (tmp_path / "crawl.dat").write_bytes(archive(1))
    articles, errors = read([tmp_path / "crawl.dat"], fmt="warc")
    assert [a.id for a in articles] == ["http://ex.com/0"] and errors == []
    articles, errors = read(["-"], fmt="warc")  # type: ignore[list-item]
    assert articles == [] and "not stdin" in errors[0].reason


def test_count_pages_counts_html_responses_only(tmp_path: Path) -> None:
    (tmp_path / "a.warc.gz").write_bytes(archive(3, noise=True))
    (tmp_path / "b.warc.gz").write_bytes(archive(3)[:-40])
    assert count_pages(str(tmp_path / "a.warc.gz")) == 3
    assert count_pages(str(tmp_path / "b.warc.gz")) <= 3
    assert count_pages(str(tmp_path / "missing.warc")) == 0
