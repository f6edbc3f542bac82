"""Bounded work and the bug classes of issue 11, one regression test each.

Readers: caps, damaged gzip, non-regular files, nesting, surrogates, CR-only CSV.
Pipeline: cut and blanked text keeps offsets. Dates at the calendar's ends. The CLI:
input text is never markup, every message is one line.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.coding.when import resolve_date
from eventwire.errors import InputError
from eventwire.ingest import limits, read_articles
from eventwire.ingest.streams import split_lines
from eventwire.records import Article

GOOD = "Russia attacked Turkey on Monday, officials in Ankara said."


def jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def read(path: Path, **options: object) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    articles = list(read_articles(path, on_error=errors.append, **options))  # type: ignore[arg-type]
    return articles, errors


# --- limits and streams -----------------------------------------------------------------------


def test_blank_long_runs_keeps_length_and_short_runs() -> None:
    text = "Russia attacked " + "\U0001F600\u200d" * 60 + " Turkey " + "x" * 100
    blanked, count = limits.blank_long_runs(text)
    assert count == 1 and len(blanked) == len(text)
    assert blanked.split() == ["Russia", "attacked", "Turkey", "x" * 100]


def test_token_cut_counts_words_and_punctuation() -> None:
    assert limits.token_cut("a b c", 3) is None
    assert limits.token_cut("a, b c", 3) == 5  # a , b | c
    assert limits.token_cut("% " * 10, 4) == 8


def test_sanitise_and_one_line() -> None:
    assert limits.sanitise("a\udc80b\ud83d") == "a\ufffdb\ufffd"
    assert limits.sanitise("\U0001F600") == "\U0001F600"
    assert limits.one_line("a\nb\r\n\tc\x00d", 6) == "a b c…"
    assert str(InputError("x\ny.txt", "bad\nvalue \udc80")) == "x y.txt: bad value \ufffd"


@pytest.mark.parametrize(("data", "lines"), [
    (b"a\nb\n", [(1, b"a\n"), (2, b"b\n")]),
    (b"a\n\n\nb", [(1, b"a\n"), (4, b"b")]),
    (b"x" * 10 + b"\nb\n", [(1, None), (2, b"b\n")]),
    (b"x" * 10, [(1, None)]),
])
def test_split_lines_jsonl(data: bytes, lines: list[tuple[int, bytes | None]]) -> None:
    chunks = [data[i:i + 3] for i in range(0, len(data), 3)]  # lines across chunk ends
    got = [(n, line) for n, line in split_lines(chunks, 5) if line is None or line.strip()]
    assert got == lines


def test_split_lines_csv_takes_cr_only_line_ends() -> None:
    got = [line for _, line in split_lines([b"a,b\rc,d\r\ne,f\n"], 100, csv=True)]
    assert got == [b"a,b\r", b"c,d\r", b"e,f\n"]


# --- readers ----------------------------------------------------------------------------------


def test_deeply_nested_jsonl_line_is_its_own_error(tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    path.write_bytes(jsonl({"id": "a", "text": GOOD}) + b"[" * 100_000 + b"]" * 100_000
                     + b"\n" + jsonl({"id": "b", "text": GOOD}))
    articles, errors = read(path)
    assert [a.id for a in articles] == ["a", "b"]
    assert [str(e) for e in errors] == [f"{path}:2: not valid JSON (nested too deeply)"]


def test_lone_surrogates_are_replaced_at_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(b'{"id": "s\\udc80", "text": "Russia \\ud800 attacked.", '
                     b'"title": "t\\udfff", "outlet": "\\udc80"}\n')
    [article], errors = read(path)
    assert errors == []
    assert (article.id, article.text, article.title, article.outlet) == (
        "s\ufffd", "Russia \ufffd attacked.", "t\ufffd", "\ufffd")
    article.text.encode("utf-8")  # printable and storable


def test_cr_only_csv_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(b'id,text\r1,"Russia attacked\rTurkey."\r2,Turkey accused Russia.\r')
    articles, errors = read(path)
    assert errors == []
    assert [(a.id, a.text) for a in articles] == [("1", "Russia attacked\nTurkey."),
                                                   ("2", "Turkey accused Russia.")]


def test_jsonl_line_with_nul_bytes_is_its_own_error(tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    path.write_bytes(jsonl({"id": "a", "text": GOOD}) + b'{"id": "\x00\x00"}\n'
                     + jsonl({"id": "b", "text": GOOD}))
    articles, errors = read(path)
    assert [a.id for a in articles] == ["a", "b"]
    assert [e.where for e in errors] == [f"{path}:2"]


@pytest.mark.parametrize("damage", ["crc", "cut"])
def test_damaged_gzip_keeps_the_records_before_the_damage(tmp_path: Path, damage: str) -> None:
    good = jsonl(*({"id": f"g{i}", "text": f"{GOOD} Report {i}."} for i in range(20)))
    noise = jsonl({"id": "noise", "text": os.urandom(30_000).hex()})
    packed = gzip.compress(good + noise)
    packed = packed[:-8] + b"\0\0\0\0" + packed[-4:] if damage == "crc" else packed[:-10_000]
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(packed)
    articles, errors = read(path)
    assert [a.id for a in articles][:20] == [f"g{i}" for i in range(20)]
    [error] = errors
    assert error.where == str(path)
    assert error.reason.startswith("gzip data is truncated or corrupt (")
    assert error.reason.endswith("; what came before it was read")


def test_fake_gzip_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl.gz"
    path.write_bytes(jsonl({"id": "a", "text": GOOD}))
    articles, errors = read(path)
    assert articles == [] and [e.reason.split(" (")[0] for e in errors] == [
        "not a valid gzip file"]


def test_text_file_is_read_up_to_its_cap(tmp_path: Path, caplog: pytest.LogCaptureFixture
                                         ) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"Russia attacked Turkey. " * 100_000)  # 2.4 MB on one line
    [article], errors = read(path)
    assert errors == [] and len(article.text) == limits.MAX_ARTICLE_CHARS
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}: cut text to 100,000 characters (the caps on one article; the rest is not "
        "coded)"]


def test_huge_title_and_long_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "t.jsonl"
    path.write_bytes(jsonl({"id": "t", "title": "T" * 50_000, "text": GOOD})
                     + b'{"text": "' + b"a" * (limits.MAX_LINE_BYTES + 10) + b'"}\n'
                     + jsonl({"id": "after", "text": GOOD}))
    articles, errors = read(path)
    assert [a.id for a in articles] == ["t", "after"]
    assert len(articles[0].title or "") == limits.MAX_TITLE_CHARS
    assert [str(e) for e in errors] == [f"{path}:2: line too long (over 8,388,608 bytes); "
                                        "skipped"]
    assert len(caplog.records) == 1 and "cut title to 1,000 characters" in caplog.text


def test_named_pipe_is_refused_by_name_and_skipped_in_a_directory(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe.txt")
    articles, errors = read(tmp_path)  # would block forever if the pipe were opened
    assert [a.id for a in articles] == ["ok"] and errors == []
    articles, errors = read(tmp_path / "pipe.txt")
    assert articles == [] and [e.reason for e in errors] == [
        "not a regular file (a named pipe); give a file, or - to read a stream from stdin"]


def test_dev_zero_is_refused() -> None:
    articles, errors = read(Path("/dev/zero"))
    assert articles == [] and errors[0].reason.startswith("not a regular file (a character")


# --- pipeline and dates -----------------------------------------------------------------------


@pytest.mark.parametrize(("published", "text"), [
    (dt.date(9999, 12, 30), "next week"), (dt.date(1, 1, 2), "last week"),
    (dt.date(9999, 12, 31), "next month"), (dt.date(1, 1, 1), "yesterday"),
    (dt.date(9999, 12, 31), "next year"), (dt.date(1, 1, 1), "last year"),
    (dt.date(9999, 12, 31), "tomorrow"), (dt.date(1, 1, 3), "3 days ago"),
])
def test_relative_dates_at_the_calendar_ends_are_dropped(published: dt.date, text: str) -> None:
    found = resolve_date(text, published, future=True)
    assert found is None or dt.date.min <= found[0] <= dt.date.max


@pytest.mark.model
def test_bounded_text_keeps_offsets(caplog: pytest.LogCaptureFixture) -> None:
    from eventwire.pipeline import default_extractor

    junk = "\U0001F600\u200d\u200b" * 2000  # one space-less run of 6,000 characters
    text = f"{junk}\n{GOOD}\n{'% ' * 20_000}"
    [(article, events)] = list(default_extractor().extract_many(
        [Article(id="b", text=text, published=dt.date(9999, 12, 30), title="T " * 2500)]))
    assert events and all(text[e.evidence.trigger_span.start:e.evidence.trigger_span.end]
                          == e.evidence.trigger for e in events)
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("blanked 1 run(s)" in m for m in messages)
    assert any("parsed only the first 12000 tokens" in m for m in messages)
    assert "b: cut the title to 1000 characters (the cap on one article); the rest is not " \
        "coded" in messages


# --- the command line -------------------------------------------------------------------------


def test_markup_in_names_and_fields_is_printed_as_is(tmp_path: Path) -> None:
    folder = tmp_path / "[red]in["
    folder.mkdir()
    (folder / "red]x.txt").write_bytes(b"\x00binary")  # its path holds "[/red]"
    (folder / "a.csv").write_text('id,text,[/red]\n[[/]],"Turkey accused Russia.",:smile:\n')
    (folder / "b.csv").write_text("id,[bold]\n1,2\n")
    result = CliRunner().invoke(app, ["clean", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"error: {folder}/red]x.txt: binary file" in result.output
    assert "== [[/]] (no outlet, no date)" in result.output
    assert f"error: {folder}/b.csv: missing text column 'text' (columns: id, [bold])" \
        in result.output


def test_errors_are_one_unwrapped_line(tmp_path: Path, caplog: pytest.LogCaptureFixture
                                      ) -> None:
    name = "a-very-long-file-name-" + "x" * 150 + ".jsonl"
    (tmp_path / name).write_bytes(b'{"id": "q", "text": "T.", "published": "9999-99-99\\n"}\n'
                                  + b"not json " * 30 + b"\n")
    result = CliRunner().invoke(app, ["clean", str(tmp_path / name)])
    lines = [line for line in result.output.splitlines() if line.startswith("error")]
    assert lines == [f"error: {tmp_path / name}:2: not valid JSON (Expecting value, column 1)"]
    assert [r.getMessage() for r in caplog.records] == [
        f"{tmp_path / name}:1: published is not an ISO date or datetime ('9999-99-99'); "
        "left out"]


@pytest.mark.model
def test_ingest_stores_surrogates_extreme_dates_and_cr_only_csv(tmp_path: Path) -> None:
    """Regression (issue 11): each of these lost records or stopped ``ingest``."""
    import duckdb

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "s.jsonl").write_bytes(
        b'{"id": "sur", "text": "' + GOOD.encode() + b' \\udc80", "title": "[/red] \\ud800"}\n'
        + jsonl({"id": "late", "text": f"{GOOD} Talks follow next week.",
                 "published": "9999-12-30"},
                {"id": "early", "text": f"{GOOD} Talks were held last week.",
                 "published": "0001-01-02"},
                {"id": "bad-date", "text": GOOD, "published": "9999-99-99"}))
    (tmp_path / "in" / "mac.csv").write_bytes(f"id,text\r\rcr,{GOOD}\r".encode())
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "error:" not in result.output
    with duckdb.connect(str(db), read_only=True) as con:
        coded = {row[0] for row in con.execute("SELECT DISTINCT doc_id FROM events").fetchall()}
    assert coded == {"sur", "late", "early", "bad-date", "cr"}


def test_warning_lines_are_flattened() -> None:
    from eventwire.cli_log import OneLineFormatter

    record = logging.LogRecord("warcio", logging.WARNING, __file__, 1,
                               "invalid URI: %s", ("a\nb\r\x85c",), None)
    assert OneLineFormatter("%(message)s").format(record) == "warning: invalid URI: a b c"


def test_an_article_built_in_python_takes_an_iso_date_or_says_which_is_wrong() -> None:
    assert Article(id="a", text="x", published="2019-10-01").published == dt.date(2019, 10, 1)
    assert Article(id="a", text="x", published=dt.datetime(2019, 1, 2, 3)).published == \
        dt.date(2019, 1, 2)
    with pytest.raises(ValueError, match="article 'a': published date 'Oct 1'"):
        Article(id="a", text="x", published="Oct 1")
