"""Readers: every format, gzip, directories, stdin, and each kind of bad input."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from eventwire.errors import EmptyInputError, InputError
from eventwire.ingest import read_articles
from eventwire.ingest.limits import MAX_ARTICLE_CHARS

SHARED = Path(__file__).resolve().parents[2] / "shared"
GUARDIAN = SHARED / "corpus" / "guardian_syria_2019.csv"
GUARDIAN_MAPPING = {"id": "index", "published": "date", "outlet": "source"}

STORY = "MOSCOW, May 27. /TASS/. Russia and Turkey held talks on Syria.\nThe talks will go on.\n"


def jsonl(*records: dict[str, object]) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def csv_text(header: list[str], *rows: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


# --- plain text -------------------------------------------------------------------------------


def test_text_file_takes_metadata_from_keywords(ingest_read):
    articles, errors = ingest_read(
        {"story.txt": STORY}, published=dt.date(2019, 5, 27), outlet="TASS"
    )
    assert errors == []
    [article] = articles
    assert article.id == "story"
    assert article.text == STORY
    assert article.published == dt.date(2019, 5, 27)
    assert article.outlet == "TASS"
    assert article.source_path.endswith("story.txt")
    assert article.source_record is None
    assert article.language is None


def test_text_file_id_keyword_and_datetime_published(ingest_read):
    articles, _ = ingest_read(
        {"story.txt": STORY}, id="tass-1", published=dt.datetime(2019, 5, 27, 10, 30)
    )
    assert articles[0].id == "tass-1"
    assert articles[0].published == dt.date(2019, 5, 27)


def test_text_file_line_ends_and_bom_are_normalised(ingest_read):
    articles, _ = ingest_read({"win.txt": b"\xef\xbb\xbfFirst line.\r\nSecond line.\rThird."})
    assert articles[0].text == "First line.\nSecond line.\nThird."


def test_file_without_extension_is_text(ingest_read):
    articles, errors = ingest_read({"README": STORY})
    assert errors == [] and articles[0].id == "README"


# --- JSONL ------------------------------------------------------------------------------------


def test_jsonl_examples_load_with_all_fields(ingest_examples_dir):
    articles = list(read_articles(ingest_examples_dir / "articles.jsonl"))
    assert len(articles) >= 10
    first = articles[0]
    assert first.id == "tass-2017-04-11-lavrov-tillerson"
    assert first.outlet == "TASS"
    assert first.published == dt.date(2017, 4, 11)
    assert first.title and first.url and first.url.startswith("https://")
    assert first.source_record == "1"
    assert articles[1].source_record == "2"
    assert {a.outlet for a in articles} >= {"TASS", "Reuters", "AP", "Sputnik", "AFP"}
    assert all(dt.date(2017, 1, 1) <= a.published <= dt.date(2024, 12, 31) for a in articles)
    assert all(150 <= len(a.text.split()) <= 400 for a in articles)


@pytest.mark.parametrize(
    "published",
    ["2019-04-10", "2019-04-10T08:30:00", "2019-04-10T08:30:00Z", "2019-04-10 23:30:00+03:00"],
)
def test_jsonl_published_iso_date_or_datetime(ingest_read, published):
    articles, errors = ingest_read(
        {"a.jsonl": jsonl({"id": "x", "text": "T.", "published": published})}
    )
    assert errors == []
    assert articles[0].published == dt.date(2019, 4, 10)


def test_jsonl_record_values_win_over_keywords_which_fill_gaps(ingest_read):
    data = jsonl(
        {"id": "a", "text": "One.", "outlet": "AP", "published": "2018-01-02"},
        {"id": "b", "text": "Two."},
    )
    articles, _ = ingest_read({"a.jsonl": data}, outlet="Reuters", published=dt.date(2020, 1, 1))
    assert [(a.outlet, a.published) for a in articles] == [
        ("AP", dt.date(2018, 1, 2)),
        ("Reuters", dt.date(2020, 1, 1)),
    ]


def test_jsonl_blank_lines_skipped_and_missing_id_defaults_to_stem_and_line(ingest_read):
    articles, errors = ingest_read({"feed.jsonl": "\n" + jsonl({"text": "No id here."}) + "\n"})
    assert errors == []
    assert articles[0].id == "feed-2"
    assert articles[0].source_record == "2"


def test_jsonl_streams_records_before_reading_the_rest(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(jsonl({"id": "a", "text": "First."}) + "{broken\n" * 3)
    articles = read_articles(path)  # no on_error: the broken line raises, but only when reached
    assert next(articles).id == "a"
    with pytest.raises(InputError):
        next(articles)


# --- CSV --------------------------------------------------------------------------------------


def test_csv_default_mapping(ingest_read):
    data = csv_text(
        ["id", "title", "text", "published", "outlet", "url"],
        ["c1", "Talks", "Line one.\nLine two.", "2020-03-05", "AFP", "https://example.org/a"],
    )
    articles, errors = ingest_read({"a.csv": data})
    assert errors == []
    [a] = articles
    assert (a.id, a.title, a.text, a.published, a.outlet, a.url) == (
        "c1", "Talks", "Line one.\nLine two.", dt.date(2020, 3, 5), "AFP", "https://example.org/a",
    )  # fmt: skip
    assert a.source_record == "record 1"


def test_csv_custom_mapping_and_huge_field(ingest_read, caplog):
    body = "Sanctions were imposed. " * 20_000  # ~480 kB, over csv's default field limit
    data = csv_text(["n", "body", "day"], ["7", body, "2021-06-24"])
    articles, errors = ingest_read(
        {"a.csv": data}, csv_mapping={"id": "n", "text": "body", "published": "day"}
    )
    assert errors == []
    # read whole, then cut to the cap on one article, with one warning naming the record
    assert articles[0].id == "7" and articles[0].text == body[:MAX_ARTICLE_CHARS]
    assert [r.getMessage() for r in caplog.records] == [
        f"{articles[0].source_path}:record 1: cut text to 100,000 characters (the caps on one "
        "article; the rest is not coded)"]
    assert articles[0].published == dt.date(2021, 6, 24)


def test_csv_mapping_with_unknown_field_is_a_value_error():
    with pytest.raises(ValueError, match="csv_mapping"):
        read_articles("x.csv", csv_mapping={"body": "text"})


@pytest.mark.shared
def test_guardian_sample_loads_with_documented_mapping():
    if not GUARDIAN.exists():
        pytest.skip(f"{GUARDIAN} not available")
    errors: list[InputError] = []
    articles = list(read_articles(GUARDIAN, csv_mapping=GUARDIAN_MAPPING, on_error=errors.append))
    assert errors == []
    assert len(articles) == 249
    assert articles[0].id == "3"
    assert articles[0].published == dt.date(2019, 4, 10)
    assert {a.outlet for a in articles} == {"Guardian"}
    assert all(len(a.text) > 1000 for a in articles)


# --- HTML -------------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata(ingest_examples_dir):
    page = ingest_examples_dir / "html" / "euroaffairs-eu-sanctions-belarus.html"
    [article] = read_articles(page)
    assert article.id == "euroaffairs-eu-sanctions-belarus"
    assert article.title == "EU imposes economic sanctions on Belarus over forced jet landing"
    assert article.outlet == "Euro Affairs Daily"
    assert article.published == dt.date(2021, 6, 24)
    assert article.url == "https://euroaffairs.example.org/2021/06/24/eu-economic-sanctions-belarus"
    assert article.text.startswith("BRUSSELS — The European Union on Thursday imposed")
    assert "Belarus may suspend its participation" in article.text
    for chrome in ("We use cookies", "Accept all", "Politics", "Related stories", "Privacy policy"):
        assert chrome not in article.text


def test_html_pages_of_a_directory(ingest_examples_dir):
    articles = list(read_articles(ingest_examples_dir / "html"))
    assert [a.outlet for a in articles] == ["Euro Affairs Daily", "Gulf Daily Monitor"]
    assert articles[1].published == dt.date(2020, 3, 6)
    assert "Most read" not in articles[1].text and "Sign up" not in articles[1].text


# --- gzip, directories, stdin, fmt ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("story.txt.gz", STORY),
        ("feed.jsonl.gz", jsonl({"id": "story", "text": STORY})),
        ("table.csv.gz", csv_text(["id", "text"], ["story", STORY])),
    ],
)
def test_gzip_of_each_format(ingest_read, name, content):
    articles, errors = ingest_read({name: gzip.compress(content.encode())})
    assert errors == []
    assert [a.text for a in articles] == [STORY]
    assert articles[0].id == "story"


def test_gzip_html(ingest_examples_dir, ingest_read):
    page = (ingest_examples_dir / "html" / "gulfmonitor-idlib-ceasefire.html").read_bytes()
    articles, errors = ingest_read({"page.html.gz": gzip.compress(page)})
    assert errors == [] and articles[0].outlet == "Gulf Daily Monitor"


def test_directory_is_read_recursively_sorted_and_filtered(ingest_read, tmp_path):
    files = {
        "b.txt": "Bee story.",
        "a.txt": "Ay story.",
        "sub/c.jsonl": jsonl({"id": "c", "text": "See story."}),
        "sub/d.csv.gz": gzip.compress(csv_text(["id", "text"], ["d", "Dee story."]).encode()),
        "notes.pdf": b"%PDF-1.4 not an article",
        "README": "no extension: not read inside a directory",
        ".hidden.txt": "hidden",
        ".git/e.txt": "hidden folder",
    }
    articles, errors = ingest_read(files, paths=["."])
    assert errors == []
    assert [a.id for a in articles] == ["a", "b", "c", "d"]


def test_directory_without_articles_is_reported(ingest_read, tmp_path):
    (tmp_path / "empty").mkdir()
    _, errors = ingest_read({}, paths=["empty"])
    assert len(errors) == 1 and isinstance(errors[0], EmptyInputError)


def test_stdin_is_text_by_default(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(STORY))
    [article] = read_articles("-", outlet="TASS")
    assert (article.id, article.text, article.outlet) == ("stdin", STORY, "TASS")
    assert article.source_path == "<stdin>"


def test_stdin_jsonl_with_fmt(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(jsonl({"id": "a", "text": "A."}, {"text": "B."})))
    articles = list(read_articles("-", fmt="jsonl"))
    assert [a.id for a in articles] == ["a", "stdin-2"]


def test_fmt_overrides_extension(ingest_read):
    articles, errors = ingest_read({"dump.dat": jsonl({"id": "x", "text": "X."})}, fmt="jsonl")
    assert errors == [] and articles[0].id == "x"


def test_unknown_extension_is_reported(ingest_read):
    _, errors = ingest_read({"dump.dat": "x"})
    assert "unknown file type" in errors[0].reason


def test_unknown_fmt_is_a_value_error():
    with pytest.raises(ValueError, match="unknown format"):
        read_articles("x.txt", fmt="pdf")


# --- bad input: each case reported with where and a short reason ------------------------------


def test_empty_file(ingest_read, tmp_path):
    _, errors = ingest_read({"empty.txt": ""})
    assert [(e.where, e.reason) for e in errors] == [(str(tmp_path / "empty.txt"), "empty file")]
    assert isinstance(errors[0], EmptyInputError)


@pytest.mark.parametrize("name", ["blank.txt", "blank.jsonl", "blank.csv"])
def test_whitespace_only_file_is_empty(ingest_read, name):
    _, errors = ingest_read({name: "  \n\n  \n"})
    assert [e.reason for e in errors] == ["empty file"]


def test_binary_file(ingest_read):
    _, errors = ingest_read({"photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)})
    assert [e.reason for e in errors] == ["binary file"]


def test_utf16_file_is_named_as_such(ingest_read):
    _, errors = ingest_read({"u16.txt": "Talks.".encode("utf-16")})
    assert errors[0].reason.startswith("not UTF-8 (looks like UTF-16")


def test_non_utf8_text_file_is_skipped_with_byte_and_offset(ingest_read, tmp_path):
    articles, errors = ingest_read({"latin.txt": b"abc\xff def", "good.txt": "Fine."})
    assert [a.id for a in articles] == ["good"]
    assert [(e.where, e.reason) for e in errors] == [
        (str(tmp_path / "latin.txt"), "not UTF-8 (byte 0xff at offset 3)")
    ]


def test_non_utf8_jsonl_line_is_skipped_alone(ingest_read, tmp_path):
    good = jsonl({"id": "a", "text": "A."})
    bad = b'{"id": "b", "text": "caf\xe9"}\n'
    articles, errors = ingest_read(
        {"f.jsonl": good.encode() + bad + good.replace('"a"', '"c"').encode()}
    )
    assert [a.id for a in articles] == ["a", "c"]
    offset = len(good.encode()) + bad.index(b"\xe9")
    assert [(e.where, e.reason) for e in errors] == [
        (f"{tmp_path / 'f.jsonl'}:2", f"not UTF-8 (byte 0xe9 at offset {offset})")
    ]


def test_non_utf8_csv_record_is_skipped_alone(ingest_read, tmp_path):
    data = csv_text(["id", "text"], ["a", "A."]).encode() + b"b,caf\xe9\r\nc,C.\r\n"
    articles, errors = ingest_read({"t.csv": data})
    assert [a.id for a in articles] == ["a", "c"]
    assert errors[0].where == f"{tmp_path / 't.csv'}:record 2"
    assert errors[0].reason.startswith("not UTF-8 (byte 0xe9 at offset")


def test_malformed_jsonl_line_among_good_ones(ingest_read, tmp_path):
    data = (
        jsonl({"id": "a", "text": "A."})
        + '{"id": "b" "text": "B."}\n'
        + jsonl({"id": "c", "text": "C."})
    )
    articles, errors = ingest_read({"feed.jsonl": data})
    assert [a.id for a in articles] == ["a", "c"]
    assert [(e.where, e.reason) for e in errors] == [
        (f"{tmp_path / 'feed.jsonl'}:2", "not valid JSON (Expecting ',' delimiter, column 12)")
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["a list"]', "not a JSON object (got list)"),
        ('{"id": "x"}', "missing field 'text'"),
        ('{"id": "x", "text": 5}', "field 'text' is not a string (got int)"),
        ('{"id": "x", "text": "  \\n "}', "empty text"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON (nested too deeply)"),
        ('{"id": "x", "text": "T.", "n": 1' + "0" * 5000 + "}", "not valid JSON (Exceeds the "
         "limit (4300 digits) for integer string conversion)"),
    ],
)
def test_bad_jsonl_records(ingest_read, tmp_path, line, reason):
    articles, errors = ingest_read({"r.jsonl": line + "\n" + jsonl({"id": "ok", "text": "Ok."})})
    assert [a.id for a in articles] == ["ok"]
    assert [(e.where, e.reason) for e in errors] == [(f"{tmp_path / 'r.jsonl'}:1", reason)]


@pytest.mark.parametrize(
    ("line", "warning"),
    [
        ('{"id": "x", "text": "T.", "title": ["a"]}',
         "field 'title' is not a string (got list); left out"),
        ('{"id": "x", "text": "T.", "published": "April 5"}',
         "published is not an ISO date or datetime ('April 5'); left out"),
        ('{"id": "x", "text": "T.", "published": "9999-99-99"}',
         "published is not an ISO date or datetime ('9999-99-99'); left out"),
        ('{"id": "x", "text": "T.", "outlet": {"a": 1}}',
         "field 'outlet' is not a string (got dict); left out"),
    ],
)
def test_bad_metadata_value_is_left_out_with_a_warning(ingest_read, tmp_path, caplog, line,
                                                        warning):
    """Regression (issue 11): one bad metadata value no longer drops the record."""
    articles, errors = ingest_read({"r.jsonl": line + "\n" + jsonl({"id": "ok", "text": "Ok."})},
                                   published=dt.date(2019, 5, 1))
    assert errors == []
    assert [a.id for a in articles] == ["x", "ok"]
    assert articles[0].published == dt.date(2019, 5, 1)  # the option fills in
    assert [r.getMessage() for r in caplog.records] == [f"{tmp_path / 'r.jsonl'}:1: {warning}"]


def test_csv_missing_text_column(ingest_read, tmp_path):
    _, errors = ingest_read({"t.csv": csv_text(["a", "b"], ["1", "2"])})
    assert [(e.where, e.reason) for e in errors] == [
        (str(tmp_path / "t.csv"), "missing text column 'text' (columns: a, b)")
    ]


def test_csv_explicitly_mapped_column_must_exist(ingest_read):
    _, errors = ingest_read({"t.csv": csv_text(["text"], ["T."])}, csv_mapping={"id": "index"})
    assert errors[0].reason == "missing column for id 'index' (columns: text)"


def test_csv_empty_text_record_and_header_only(ingest_read, tmp_path):
    articles, errors = ingest_read(
        {"t.csv": csv_text(["id", "text"], ["a", " "], ["b", "B."]), "h.csv": "id,text\n"}
    )
    assert [a.id for a in articles] == ["b"]
    assert [(e.where, e.reason) for e in errors] == [
        (f"{tmp_path / 't.csv'}:record 1", "empty text"),
        (str(tmp_path / "h.csv"), "no records after the header"),
    ]


def test_html_page_without_article(ingest_read):
    page = """<!DOCTYPE html><html><head><title>Page not found | Example News</title></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <div class="cookie"><p>We use cookies to improve your experience.</p>
    <button>Accept</button></div>
    <main><h1>Page not found</h1></main><footer>© 2019 Example News</footer></body></html>"""
    articles, errors = ingest_read({"404.html": page})
    assert articles == []
    assert [e.reason for e in errors] == ["no article text found in HTML page"]


def test_corrupt_gzip(ingest_read):
    _, errors = ingest_read({"a.jsonl.gz": b"this is not gzip data at all"})
    assert errors[0].reason.startswith("not a valid gzip file")


def test_truncated_gzip(ingest_read):
    data = gzip.compress(jsonl(*({"id": str(i), "text": "T " * 50} for i in range(200))).encode())
    articles, errors = ingest_read({"a.jsonl.gz": data[: len(data) // 2]})
    assert 0 < len(articles) < 200
    assert errors[0].reason.startswith("gzip data is truncated or corrupt")


def test_missing_file(ingest_read):
    _, errors = ingest_read({}, paths=["nowhere.txt"])
    assert errors[0].reason == "no such file or directory"


def test_without_on_error_the_first_error_is_raised(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(EmptyInputError) as info:
        list(read_articles(tmp_path / "empty.txt"))
    assert info.value.where == str(tmp_path / "empty.txt")
    assert str(info.value) == f"{tmp_path / 'empty.txt'}: empty file"


def test_reading_goes_on_after_a_bad_file(ingest_read):
    articles, errors = ingest_read({"a.txt": "", "b.txt": b"\x00\x01", "c.txt": "Kept."})
    assert [a.id for a in articles] == ["c"]
    assert [e.reason for e in errors] == ["empty file", "binary file"]


def test_html_declared_charset_is_honoured(ingest_read):
    body = "Министр иностранных дел России провел переговоры с коллегой из Турции в Москве. " * 3
    page = (
        '<html><head><meta charset="windows-1251"><title>Переговоры</title></head>'
        f"<body><article><h1>Переговоры</h1><p>{body}</p></article></body></html>"
    )
    articles, errors = ingest_read({"ru.html": page.encode("cp1251")})
    assert errors == []
    assert articles[0].title == "Переговоры" and articles[0].text == body.strip()


def test_public_api():
    import eventwire.ingest as ingest

    assert sorted(ingest.__all__) == sorted(
        [
            "DEFAULT_CSV_MAPPING", "FORMATS", "ClutterRules", "clean_article", "clean_lines",
            "compile_rules", "default_rules", "find_dateline", "parse_date", "parse_dateline",
            "read_articles",
        ]
    )  # fmt: skip
    assert all(hasattr(ingest, name) for name in ingest.__all__)
