"""The event store: schema, idempotent ingest, replacement, recode, bad input, locks, crashes.

Most tests code with ``FakeExtractor`` (one event per line that mentions an attack), so
they run without the spaCy model; the end-to-end ones are marked ``model``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import hashlib
import json
import logging
import multiprocessing
import os
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import duckdb
import pytest
import typer
from typer.testing import CliRunner

from eventwire.cli_store import store_app
from eventwire.errors import InputError, StoreError
from eventwire.records import Actor, Article, Event, Evidence, Location, Plover, Span
from eventwire.store import (
    SCHEMA_VERSION,
    CodingPool,
    IngestProgress,
    Store,
    actor_key,
    content_hash,
    estimate_articles,
    read_items,
    schema,
)
from eventwire.store.writer import Writer

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
runner = CliRunner()

# -- a coder without the model ----------------------------------------------------------------

RUSSIA = Actor("Russia", "Russia", "RUS", "GOV", "country", id="RUS")
REBELS = Actor("the rebels", None, "SYR", "REB", "agent")


class FakeCoder:
    def __init__(self, version: str) -> None:
        self.version = version


class FakeExtractor:
    """One event per line mentioning "attack"; raises on "CRASH"; passes over "NOENGLISH"."""

    def __init__(self, version: str = "fake-1", twice: bool = False) -> None:
        self.coder = FakeCoder(version)
        self.twice = twice  # emit every event twice (same id)
        self.coded: list[str] = []

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32
                     ) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            if "CRASH" in article.text:
                raise RuntimeError("the coder fell over")
            if "DIE" in article.text:
                os._exit(3)  # a worker process dies (as if killed for memory)
            if "WARN" in article.text:
                logging.getLogger("eventwire").warning("%s: a warning from the coder", article.id)
            self.coded.append(article.id)
            if "NOENGLISH" in article.text:
                yield article, []
                continue
            events = [fake_event(article, i, line, self.coder.version)
                      for i, line in enumerate(article.text.split("\n")) if "attack" in line]
            yield dataclasses.replace(article, language="en"), events * (2 if self.twice else 1)


def fake_event(article: Article, index: int, line: str, version: str) -> Event:
    key = f"{article.id}|{index}|{line}"
    return Event(
        event_id=hashlib.sha1(key.encode()).hexdigest()[:16], doc_id=article.id,
        sentence_index=index, sentence=line, span=Span(0, len(line)), source=RUSSIA,
        target=REBELS, cameo="190", root="19", plover=Plover("ASSAULT", "aerial", None),
        quad_class=4, goldstein=-10.0, modality="asserted", speaker=None, quote=None,
        outlet=article.outlet, date=article.published,
        date_precision="day" if article.published else None, date_source="publication",
        location=Location("Idlib", "SYR", 35.93, 36.63),
        evidence=Evidence("attack", "fake#attack", Span(0, 6)), coder_version=version)


def make_fake() -> FakeExtractor:
    """Module level, so worker processes can build one."""
    return FakeExtractor()


def story(n: int, text: str | None = None, **fields: object) -> Article:
    body = text if text is not None else f"Story {n}.\nRussian jets attack rebel positions {n}.\n" \
                                          f"Officials met.\nA second attack hit town {n}."
    return Article(id=f"a{n}", text=body, title=f"Title {n}", outlet="Wire",
                   published=dt.date(2019, 4, 1), source_path="in.jsonl",
                   source_record=str(n), **fields)  # type: ignore[arg-type]


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store(duckdb.connect(":memory:"))
    s.prepare()
    yield s
    s.close()


def ids(store: Store, table: str = "events") -> set[str]:
    column = "event_id" if table == "events" else "doc_id"
    return {row[0] for row in store.con.execute(f"SELECT {column} FROM {table}").fetchall()}


def test_public_api_is_what_we_say() -> None:
    import eventwire.store

    for name in eventwire.store.__all__:
        assert hasattr(eventwire.store, name), name


# -- schema and opening ------------------------------------------------------------------------


def test_new_store_has_every_table_and_the_schema_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as s:
        assert s.counts() == {"meta": 4, "articles": 0, "events": 0, "actors": 0, "clusters": 0}
        assert s.meta()["schema_version"] == str(SCHEMA_VERSION)
        for table in schema.TABLES:
            columns = [r[0] for r in s.con.execute(f"DESCRIBE {table}").fetchall()]
            assert tuple(columns) == schema.column_names(table)
    with Store.open(tmp_path / "s.duckdb", read_only=True) as s:  # opens again, as it is
        assert s.counts()["articles"] == 0


def test_docs_describe_every_table_and_column() -> None:
    doc = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    for table, columns in schema.TABLES.items():
        section = doc.split(f"### `{table}`", 1)
        assert len(section) == 2, f"docs/store.md has no section for {table}"
        body = section[1].split("\n### ", 1)[0]
        for name, _ in columns:
            assert f"`{name}`" in body, f"docs/store.md does not describe {table}.{name}"


def test_every_event_field_has_a_column() -> None:
    columns = set(schema.column_names("events"))
    for field in dataclasses.fields(Event):
        if field.name in ("source", "target", "speaker"):
            assert {f"{field.name}_{x}" for x in ("text", "name", "country", "sector", "kind",
                                                   "id")} <= columns
        elif field.name in ("span", "plover", "location", "evidence"):
            assert any(c.startswith(field.name) for c in columns) or field.name == "evidence"
        else:
            assert field.name in columns, field.name
    assert {"trigger", "rule", "record", "cluster_id"} <= columns


def test_constructor_does_no_io() -> None:
    con = duckdb.connect(":memory:")
    Store(con)
    assert con.execute("SELECT count(*) FROM duckdb_tables()").fetchone() == (0,)


@pytest.mark.parametrize(("setup", "read_only", "message"), [
    (None, True, "no such store"),
    ("garbage", False, "not a DuckDB database file"),
    ("foreign", False, "not an eventwire store"),
    ("old schema", False, "store schema version 0"),
])
def test_open_errors_are_one_line(tmp_path: Path, setup: str | None, read_only: bool,
                                  message: str) -> None:
    path = tmp_path / "s.duckdb"
    if setup == "garbage":
        path.write_bytes(b"this is not a database\n" * 500)
    elif setup == "foreign":
        duckdb.connect(str(path)).execute("CREATE TABLE x (a INT)").close()
    elif setup == "old schema":
        Store.open(path).close()
        duckdb.connect(str(path)).execute(
            "UPDATE meta SET value = '0' WHERE key = 'schema_version'").close()
    with pytest.raises(StoreError) as caught:
        Store.open(path, read_only=read_only)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_read_only_store_refuses_to_write(tmp_path: Path) -> None:
    Store.open(tmp_path / "s.duckdb").close()
    with Store.open(tmp_path / "s.duckdb", read_only=True) as s, pytest.raises(StoreError,
                                                                                match="read-only"):
        s.ingest([story(1)], extractor=FakeExtractor())


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[Path]:
    """A store held open for writing by another process."""
    path = tmp_path / "held.duckdb"
    Store.open(path).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    yield path
    proc.communicate("")


def test_store_held_by_another_writer_is_a_clear_error(holder: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(holder)
    message = str(caught.value)
    assert "in use by another process (PID" in message and "\n" not in message


def test_cli_store_held_by_another_writer(holder: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Russian jets attack rebel positions.\n")
    result = runner.invoke(store_app, ["ingest", str(tmp_path / "a.txt"), "--db", str(holder)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "in use by another process" in lines[0]


def _unprivileged() -> list[str]:
    """A command prefix that makes file permissions apply (root ignores them)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


_INVOKE = """
import json, sys
from typer.testing import CliRunner
from eventwire.cli_store import store_app
for db in sys.argv[2:]:
    result = CliRunner().invoke(store_app, ["ingest", sys.argv[1], "--db", db])
    print(json.dumps([result.exit_code, result.stderr]))
"""


def test_read_only_store_is_a_clear_error(tmp_path: Path) -> None:
    """A read-only file, a file in a read-only folder, a new file in a read-only folder."""
    (tmp_path / "a.txt").write_text("Russian jets attack rebel positions.\n")
    Store.open(tmp_path / "ro.duckdb").close()
    (tmp_path / "ro.duckdb").chmod(0o444)
    folder = tmp_path / "ro"
    folder.mkdir()
    Store.open(folder / "s.duckdb").close()
    folder.chmod(0o555)
    paths = [tmp_path / "ro.duckdb", folder / "s.duckdb", folder / "new.duckdb"]
    try:
        result = subprocess.run(
            [*_unprivileged(), sys.executable, "-c", _INVOKE, str(tmp_path / "a.txt"),
             *map(str, paths)], capture_output=True, text=True, timeout=120)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 0, result.stderr
    outcomes = [json.loads(line) for line in result.stdout.splitlines()]
    for path, (code, stderr) in zip(paths, outcomes, strict=True):
        assert code == 1, (path, stderr)
        lines = stderr.strip().splitlines()
        assert len(lines) == 1, stderr
        assert lines[0].startswith(f"error: {path}: cannot open the store: permission denied")


# -- ingest ------------------------------------------------------------------------------------


def test_ingest_stores_articles_events_and_actors(store: Store) -> None:
    summary = store.ingest([story(1), story(2)], extractor=FakeExtractor())
    assert (summary.articles_read, summary.articles_new, summary.events_stored) == (2, 2, 4)
    assert store.counts()["articles"] == 2 and store.counts()["events"] == 4
    events = store.events_frame()
    row = events.iloc[0]
    assert (row.doc_id, row.sentence_index, row.cameo, row.root) == ("a1", 1, "190", "19")
    assert (row.source_country, row.source_key, row.target_sector) == ("RUS", "RUS", "REB")
    assert (row.plover_type, row.plover_mode, row.location_name) == ("ASSAULT", "aerial", "Idlib")
    assert (row.trigger, row.rule, row.coder_version) == ("attack", "fake#attack", "fake-1")
    expected = fake_event(story(1), 1, story(1).text.split("\n")[1], "fake-1")
    assert json.loads(row.record) == expected.to_dict()
    articles = store.articles_frame()
    first = articles.iloc[0]
    assert (first.doc_id, first.num_events, first.language, first.coder_version) == (
        "a1", 2, "en", "fake-1")
    assert first.content_hash == content_hash(story(1)) and first.copy_of is None
    actors = store.con.execute("SELECT key, country, sector FROM actors ORDER BY key").fetchall()
    assert actors == [("RUS", "RUS", "GOV"), (actor_key(REBELS), "SYR", "REB")]
    assert store.meta()["coder_version"] == "fake-1"


def test_reingest_adds_nothing_and_codes_nothing(store: Store) -> None:
    store.ingest([story(1), story(2)], extractor=FakeExtractor())
    before = store.counts()
    again = FakeExtractor()
    summary = store.ingest([story(1), story(2)], extractor=again)
    assert again.coded == []
    assert (summary.articles_unchanged, summary.articles_new, summary.batches) == (2, 0, 0)
    assert store.counts() == before


@pytest.mark.parametrize("change", [
    {"text": "Rebels attack a convoy.\nNothing else happened."},
    {"title": "A new headline"}, {"url": "https://example.org/x"}, {"outlet": "Other Wire"},
    {"published": dt.date(2019, 4, 2)},
])
def test_changed_article_replaces_its_events(store: Store, change: dict[str, object]) -> None:
    store.ingest([story(1), story(2)], extractor=FakeExtractor())
    old = ids(store)
    changed = dataclasses.replace(story(1), **change)  # type: ignore[arg-type]
    summary = store.ingest([changed], extractor=FakeExtractor("fake-2"))
    assert (summary.articles_changed, summary.events_removed) == (1, 2)
    rows = store.con.execute("SELECT doc_id, coder_version FROM events ORDER BY doc_id").fetchall()
    assert rows.count(("a2", "fake-1")) == 2  # the other article is untouched
    assert {r for r in rows if r[0] == "a1"} == {("a1", "fake-2")}
    assert store.con.execute("SELECT content_hash FROM articles WHERE doc_id = 'a1'").fetchone() \
        == (content_hash(changed),)
    if "text" not in change:
        assert ids(store) == old  # same sentences, same ids: replaced in the same transaction


def test_source_path_is_not_content(store: Store) -> None:
    store.ingest([story(1)], extractor=FakeExtractor())
    summary = store.ingest([dataclasses.replace(story(1), source_path="copy.jsonl")],
                           extractor=FakeExtractor())
    assert summary.articles_unchanged == 1


def test_duplicates_in_the_input_are_stored_once(store: Store) -> None:
    items = [story(1), story(2), story(1), story(3), story(1)]
    summary = store.ingest(items, batch_size=2, extractor=FakeExtractor())
    assert (summary.articles_read, summary.articles_new, summary.articles_unchanged) == (5, 3, 2)
    assert ids(store, "articles") == {"a1", "a2", "a3"}


def test_same_id_new_content_later_in_the_input_wins(store: Store) -> None:
    newer = story(1, "Jets attack again.\nThe end.")
    store.ingest([story(1), story(2), newer], batch_size=2, extractor=FakeExtractor())
    assert store.con.execute("SELECT text FROM articles WHERE doc_id = 'a1'").fetchone() == (
        newer.text,)
    assert store.con.execute("SELECT count(*) FROM events WHERE doc_id = 'a1'").fetchone() == (1,)


def test_coder_failure_is_skipped_reported_and_keeps_the_stored_version(store: Store) -> None:
    store.ingest([story(1)], extractor=FakeExtractor())
    before = ids(store)
    errors: list[InputError] = []
    crash = story(1, "CRASH here.\nJets attack.")
    summary = store.ingest([story(2), crash, story(3)], extractor=FakeExtractor(),
                           on_error=errors.append)
    assert (summary.coder_failed, summary.articles_new) == (1, 2)
    assert summary.skipped == {"coder failed: RuntimeError": 1}
    assert [e.where for e in errors] == ["in.jsonl:1"]
    assert "RuntimeError: the coder fell over" in errors[0].reason
    assert before <= ids(store)  # the version stored before is still there
    assert ids(store, "articles") == {"a1", "a2", "a3"}


def test_coder_failure_without_on_error_is_logged(store: Store,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="eventwire"):
        store.ingest([story(1, "CRASH")], extractor=FakeExtractor())
    assert "in.jsonl:1: the coder failed on article 'a1'" in caplog.text


def test_article_the_coder_passes_over_is_stored_without_events(store: Store) -> None:
    summary = store.ingest([story(1, "NOENGLISH attack")], extractor=FakeExtractor())
    assert (summary.articles_new, summary.articles_not_coded, summary.events_stored) == (1, 1, 0)
    row = store.con.execute("SELECT language, num_events FROM articles").fetchone()
    assert row == (None, 0)
    assert store.ingest([story(1, "NOENGLISH attack")],
                        extractor=FakeExtractor()).articles_unchanged == 1


def test_duplicate_event_ids_are_stored_once(store: Store) -> None:
    summary = store.ingest([story(1)], extractor=FakeExtractor(twice=True))
    assert (summary.events_stored, summary.duplicate_event_ids) == (2, 2)


def test_read_errors_are_counted_and_reported(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "x", "text": "Jets attack."}) + "\nnot json\n"
        + json.dumps({"id": "y", "text": "Jets attack again."}) + "\n")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe bad bytes")
    errors: list[InputError] = []
    summary = store.ingest(read_items([tmp_path]), extractor=FakeExtractor(),
                           on_error=errors.append)
    assert (summary.articles_read, summary.read_errors) == (2, 2)
    assert summary.skipped == {"unreadable: not valid JSON": 1, "unreadable: not UTF-8": 1}
    assert [e.where for e in errors] == [f"{tmp_path / 'a.jsonl'}:2", str(tmp_path / "b.txt")]


def test_read_items_checks_options_before_reading() -> None:
    with pytest.raises(ValueError, match="csv_mapping keys"):
        read_items(["nothing-read-yet.csv"], csv_mapping={"nope": "x"})


def test_each_batch_is_one_transaction(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Writer._insert_events
    calls = []

    def failing(self: Writer, events: list[Event], counts: object) -> None:
        calls.append(1)
        real(self, events, counts)  # type: ignore[arg-type]
        if len(calls) == 2:
            raise duckdb.IOException("disk went away")

    monkeypatch.setattr(Writer, "_insert_events", failing)
    with pytest.raises(StoreError, match="disk went away"):
        store.ingest([story(n) for n in range(6)], batch_size=2, extractor=FakeExtractor())
    assert ids(store, "articles") == {"a0", "a1"}  # the second batch is gone, whole
    assert {r[0] for r in store.con.execute("SELECT doc_id FROM events").fetchall()} == {"a0",
                                                                                          "a1"}
    monkeypatch.setattr(Writer, "_insert_events", real)
    summary = store.ingest([story(n) for n in range(6)], batch_size=2, extractor=FakeExtractor())
    assert (summary.articles_unchanged, summary.articles_new) == (2, 4)


def test_progress_after_each_batch(store: Store) -> None:
    seen: list[IngestProgress] = []
    summary = store.ingest([story(n) for n in range(5)], batch_size=2, extractor=FakeExtractor(),
                           progress=seen.append)
    assert [(p.articles, p.events, p.batches) for p in seen] == [(2, 4, 1), (4, 8, 2), (5, 10, 3)]
    assert summary.batches == 3


def test_events_frame_columns(store: Store) -> None:
    store.ingest([story(1)], extractor=FakeExtractor())
    frame = store.events_frame(["event_id", "cameo"])
    assert list(frame.columns) == ["event_id", "cameo"] and len(frame) == 2
    assert "text" not in store.articles_frame(["doc_id", "title"]).columns
    with pytest.raises(ValueError, match="no column"):
        store.events_frame(["event_id; DROP TABLE events"])


@pytest.mark.parametrize("start_method", ["spawn", "fork"])
def test_workers_store_the_same_as_one_process(tmp_path: Path, start_method: str,
                                               caplog: pytest.LogCaptureFixture) -> None:
    if start_method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start_method} start method here")
    items = [story(n) for n in range(9)] + [story(9, "CRASH"), story(10, "WARN attack")]
    with Store.open(tmp_path / "one.duckdb") as one:
        expected = one.ingest(items, batch_size=2, extractor=FakeExtractor())
        expected_ids = ids(one)
    with Store.open(tmp_path / "two.duckdb") as two, caplog.at_level(logging.WARNING):
        summary = two.ingest(items, batch_size=2, workers=2, make_extractor=make_fake,
                             start_method=start_method)
        assert ids(two) == expected_ids
    assert dataclasses.replace(summary, seconds=0) == dataclasses.replace(expected, seconds=0)
    assert "a10: a warning from the coder" in caplog.text  # sent back from the worker


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="needs the fork start method")
def test_a_dead_worker_stops_the_ingest_and_keeps_what_was_committed(tmp_path: Path) -> None:
    items = [story(n) for n in range(8)] + [story(8, "DIE")] + [story(n) for n in range(9, 12)]
    with Store.open(tmp_path / "s.duckdb") as s:
        with pytest.raises(StoreError, match="a worker process died"):
            s.ingest(items, batch_size=2, workers=2, make_extractor=make_fake,
                     start_method="fork")
        assert {"a0", "a1"} <= ids(s, "articles") <= {f"a{n}" for n in range(8)}


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="needs the fork start method")
def test_a_later_version_wins_while_batches_are_in_flight(tmp_path: Path) -> None:
    # The pool pulls the second batch before the first is written: a1 must still be coded
    # there, or the stored (newer) hash would pass it over and the older version win.
    old, new = story(1), story(1, "Jets attack again.\nThe end.")
    with Store.open(tmp_path / "s.duckdb") as s:
        s.ingest([new], extractor=FakeExtractor())
        summary = s.ingest([old, new], batch_size=1, workers=2, make_extractor=make_fake,
                           start_method="fork")
        assert s.con.execute("SELECT text FROM articles WHERE doc_id = 'a1'").fetchone() == (
            new.text,)
    assert (summary.articles_changed, summary.articles_unchanged) == (2, 0)


def test_ingest_on_a_pool_of_ones_own(store: Store) -> None:
    pool = CodingPool(extractor=FakeExtractor())
    summary = store.ingest([story(1), story(2)], batch_size=1, pool=pool)
    assert (summary.articles_new, summary.batches) == (2, 2) and ids(store, "articles") == {
        "a1", "a2"}
    with pytest.raises(ValueError, match="pool="):
        store.ingest([story(3)], pool=pool, workers=2)


def test_an_extractor_object_cannot_go_to_workers(store: Store) -> None:
    with pytest.raises(ValueError, match="make_extractor"):
        store.ingest([story(1)], workers=2, extractor=FakeExtractor())


# -- recode ------------------------------------------------------------------------------------


def test_recode_replaces_events_and_records_the_coder_version(store: Store) -> None:
    store.ingest([story(1), story(2), story(3)], extractor=FakeExtractor("fake-1"))
    before = ids(store)
    summary = store.recode(batch_size=2, extractor=FakeExtractor("fake-2"))
    assert (summary.articles_read, summary.articles_changed, summary.batches) == (3, 3, 2)
    assert (summary.events_removed, summary.events_stored) == (6, 6)
    assert ids(store) == before
    assert set(store.con.execute("SELECT coder_version FROM events").fetchall()) == {("fake-2",)}
    assert set(store.con.execute("SELECT coder_version FROM articles").fetchall()) == {
        ("fake-2",)}
    assert store.meta()["coder_version"] == "fake-2"


def test_recode_unless_version_skips_articles_already_recoded(store: Store) -> None:
    store.ingest([story(1), story(2)], extractor=FakeExtractor("fake-1"))
    store.ingest([story(3)], extractor=FakeExtractor("fake-2"))
    coder = FakeExtractor("fake-2")
    summary = store.recode(extractor=coder, unless_version="fake-2")
    assert sorted(coder.coded) == ["a1", "a2"] and summary.articles_changed == 2


def test_recode_keeps_the_events_of_articles_the_coder_fails_on(store: Store) -> None:
    store.ingest([story(1), story(2)], extractor=FakeExtractor())
    store.con.execute("UPDATE articles SET text = 'CRASH ' || text")
    before = ids(store)
    errors: list[InputError] = []
    summary = store.recode(extractor=FakeExtractor("fake-2"), on_error=errors.append)
    assert summary.coder_failed == 2 and len(errors) == 2
    assert ids(store) == before


# -- estimating the input ----------------------------------------------------------------------


def test_estimate_articles(tmp_path: Path) -> None:
    from test_warc import archive

    (tmp_path / "one.txt").write_text("A story.")
    (tmp_path / "many.jsonl").write_text('{"text": "a"}\n\n{"text": "b"}\n{"text": "c"}\n')
    (tmp_path / "rows.csv").write_text('id,text\n1,"two\nlines"\n2,plain\n')
    with gzip.open(tmp_path / "more.jsonl.gz", "wt") as fh:
        fh.write('{"text": "d"}\n')
    (tmp_path / "crawl.warc.gz").write_bytes(archive(2, noise=True))
    assert estimate_articles([tmp_path]) == 1 + 3 + 2 + 1 + 2
    assert estimate_articles([tmp_path / "rows.csv", tmp_path / "missing.jsonl"]) == 2
    assert estimate_articles(["-"]) is None


# -- the command line --------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["ingest", "recode"])
def test_commands_have_help_and_register_on_an_app(command: str) -> None:
    app = typer.Typer()
    app.command("other")(lambda: None)
    app.add_typer(store_app)
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "--db" in result.output and "--batch-size" in result.output


def test_cli_recode_needs_an_existing_store(tmp_path: Path) -> None:
    result = runner.invoke(store_app, ["recode", "--db", str(tmp_path / "typo.duckdb")])
    assert result.exit_code == 1 and "no such store" in result.stderr
    assert not (tmp_path / "typo.duckdb").exists()


@pytest.mark.parametrize("args", [["--csv-map", "id"], ["--published", "yesterday"],
                                  ["--batch-size", "0"], ["--workers", "0"]])
def test_cli_bad_options_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    result = runner.invoke(store_app, ["ingest", str(EXAMPLES), "--db",
                                       str(tmp_path / "s.duckdb"), *args])
    assert result.exit_code == 2


# -- end to end, with the model ----------------------------------------------------------------



def ingest_command(db: Path, *paths: Path) -> list[str]:
    return [sys.executable, "-m", "eventwire", "ingest", *map(str, paths), "--db",
            str(db), "--csv-map", "id=index,published=date,outlet=source", "--batch-size", "4",
            "--no-progress", "--json"]


def store_state(db: Path) -> tuple[int, int, set[str], set[str]]:
    with Store.open(db, read_only=True) as s:
        return (s.counts()["articles"], s.counts()["events"], ids(s, "articles"), ids(s))


@pytest.mark.model
@pytest.mark.shared
def test_killed_ingest_resumes_to_the_same_store(
        tmp_path: Path, guardian_sample: Callable[[Path, int], Path | None]) -> None:
    guardian = guardian_sample(tmp_path, 28)
    if guardian is None:
        pytest.skip("../shared/corpus/guardian_syria_2019.csv is not here")
    whole, killed = tmp_path / "whole.duckdb", tmp_path / "killed.duckdb"
    uninterrupted = subprocess.Popen(ingest_command(whole, EXAMPLES, guardian),
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    proc = subprocess.Popen(ingest_command(killed, EXAMPLES, guardian), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:  # the first progress line comes after the first commit
        if re.search(r"[1-9]\d* batch\(es\) committed", line):
            break
    else:
        pytest.fail(f"the ingest ended without committing a batch ({proc.wait()})")
    time.sleep(rng.uniform(0, 5.0))
    proc.kill()
    proc.wait()
    partial = store_state(killed)  # opens without repair, holding whole batches only
    assert 4 <= partial[0] <= 40
    assert partial[1] == len(partial[3])
    again = subprocess.run(ingest_command(killed, EXAMPLES, guardian), capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    out, _ = uninterrupted.communicate(timeout=300)
    assert uninterrupted.returncode == 0
    assert json.loads(out)["articles_new"] == 40
    summary = json.loads(again.stdout)
    assert summary["articles_unchanged"] == partial[0], f"seed {seed}"
    assert store_state(killed) == store_state(whole), f"seed {seed}"


@pytest.mark.model
def test_cli_ingest_and_recode_the_examples(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    result = runner.invoke(store_app, ["ingest", str(EXAMPLES), str(ROOT / "examples" / "html"),
                                       "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["articles_new"], summary["read_errors"]) == (14, 0)
    assert summary["events_stored"] > 50
    result = runner.invoke(store_app, ["recode", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["events_stored"] == summary["events_stored"]
    result = runner.invoke(store_app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert "unchanged or duplicate (skipped)" in result.stdout


def test_a_store_of_an_older_eventwire_gains_new_columns_when_opened_for_writing(
        tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store.open(db) as store:
        store.ingest([story(1)], extractor=FakeExtractor())
        indexes = store.con.execute("SELECT index_name, sql FROM duckdb_indexes() "
                                    "WHERE table_name = 'events'").fetchall()
        for name, _ in indexes:
            store.con.execute(f"DROP INDEX {name}")
        store.con.execute("ALTER TABLE events DROP COLUMN background")  # as 0.2 wrote it
        for _, sql in indexes:
            store.con.execute(sql)
    with pytest.raises(StoreError, match="open it for writing once"):
        Store.open(db, read_only=True)
    with Store.open(db) as store:
        assert "background" in store.events_frame().columns
        assert store.counts()["events"] == 2  # nothing lost
    with Store.open(db, read_only=True) as store:
        assert store.events_frame(["event_id", "background"]).shape == (2, 2)
