"""Live ingest (store.watch, `eventwire watch`, `serve --watch`) and the budgeted coder."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_store import FakeExtractor, make_fake, story
from typer.testing import CliRunner

from eventwire.cli import app as cli_app
from eventwire.errors import CoderBusyError, CodingBudgetError
from eventwire.records import Article, Event
from eventwire.store import CodingPool, Store
from eventwire.store.watch import Inbox, Watcher
from eventwire.web import WatchConfig, create_app
from eventwire.web.coding import BudgetedCoder

runner = CliRunner()


def jsonl(path: Path, articles: Iterable[Article]) -> None:
    """Write articles as JSONL the way a feed would: a hidden part file, then a rename."""
    part = path.with_name("." + path.name + ".part")
    part.write_text("".join(json.dumps({"id": a.id, "text": a.text, "title": a.title,
                                        "outlet": a.outlet, "published": "2019-04-01"}) + "\n"
                            for a in articles), encoding="utf-8")
    os.replace(part, path)


def words(output: str) -> str:
    """A CLI's output without rich's box lines and wrapping."""
    return " ".join(output.replace("│", " ").split())


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# -- the inbox ----------------------------------------------------------------------------------

def test_a_file_is_due_once_it_has_settled_and_again_when_it_changes(tmp_path: Path) -> None:
    clock = Clock()
    inbox = Inbox(tmp_path, settle=1.0, clock=clock)
    jsonl(tmp_path / "a.jsonl", [story(1)])
    assert inbox.due() == []  # just seen: maybe still being written
    clock.now = 0.5
    assert inbox.due() == []
    clock.now = 1.2
    assert inbox.due() == [str(tmp_path / "a.jsonl")]
    inbox.mark([str(tmp_path / "a.jsonl")])
    clock.now = 5
    assert inbox.due() == []  # done and unchanged
    jsonl(tmp_path / "a.jsonl", [story(1), story(2)])
    assert inbox.due() == []
    clock.now = 7
    assert inbox.due() == [str(tmp_path / "a.jsonl")]


def test_hidden_part_files_fifos_and_unknown_kinds_are_never_due(tmp_path: Path) -> None:
    (tmp_path / ".b.jsonl.part").write_text("{}\n")
    (tmp_path / "notes.md").write_text("not an input")
    os.mkfifo(tmp_path / "pipe.jsonl")
    inbox = Inbox(tmp_path, settle=0)
    assert inbox.due() == []


# -- the watcher over a store -------------------------------------------------------------------

def test_watcher_ingests_what_lands_and_a_restart_codes_nothing_twice(tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    jsonl(inbox_dir / "one.jsonl", [story(1), story(2)])
    with Store.open(tmp_path / "s.duckdb") as store:
        extractor = FakeExtractor()
        pool = CodingPool(extractor=extractor)
        watcher = Watcher(store, Inbox(inbox_dir, settle=0), pool=pool)
        first = watcher.step()
        assert first is not None and first.summary.articles_new == 2
        assert first.clusters is not None  # dedup ran after new articles
        assert watcher.step() is None  # nothing new
        jsonl(inbox_dir / "two.jsonl", [story(3)])
        second = watcher.step()
        assert second is not None and second.files == (str(inbox_dir / "two.jsonl"),)
        assert second.summary.articles_new == 1
        # a restart (a new watcher knows nothing) reads everything again, codes nothing
        again = Watcher(store, Inbox(inbox_dir, settle=0), pool=pool).step()
        assert again is not None and again.summary.articles_unchanged == 3
        assert again.summary.articles_new == 0 and again.clusters is None
        assert sorted(extractor.coded) == ["a1", "a2", "a3"]
        assert store.counts()["articles"] == 3


def test_watch_command_once_codes_the_inbox_and_reports_one_line_per_pass(
        tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    jsonl(inbox_dir / "one.jsonl", [Article(id="w1", text=(
        "Russian jets attacked rebel positions near Idlib on Monday, the Syrian Observatory "
        "said."), outlet="Wire")])
    db = tmp_path / "s.duckdb"
    result = runner.invoke(cli_app, ["watch", str(inbox_dir), "--db", str(db), "--once"])
    assert result.exit_code == 0, result.output
    assert "watch: 1 file(s): 1 new" in result.output
    with Store.open(db, read_only=True) as store:
        assert store.counts()["events"] >= 1
    missing = runner.invoke(cli_app, ["watch", str(tmp_path / "nope"), "--db", str(db)])
    assert missing.exit_code == 2 and "no such folder" in words(missing.output)


def test_ingest_into_a_store_in_use_names_watch(tmp_path: Path) -> None:
    from eventwire.store.writer import db_message

    message = db_message("s.duckdb", RuntimeError(
        'IO Error: Could not set lock on file "s.duckdb": Conflicting lock is held in '
        "python (PID 42)"), "open")
    assert "PID 42" in message and "--watch INBOX" in message and "\n" not in message


# -- serving while watching ---------------------------------------------------------------------

def test_serve_watch_shows_new_events_and_the_status_etag_changes(tmp_path: Path) -> None:
    inbox_dir = tmp_path / "inbox"
    inbox_dir.mkdir()
    db = tmp_path / "s.duckdb"
    with Store.open(db) as store:
        store.ingest([story(1)], extractor=FakeExtractor())
    config = WatchConfig(inbox_dir, interval=0.05, settle=0, make_extractor=make_fake)
    app = create_app(db, watch=config, extract=lambda a: [])
    with TestClient(app) as client:
        status = client.get("/api/status")
        assert status.status_code == 200 and status.json()["writable"] is True
        etag = status.headers["etag"]
        assert client.get("/api/status", headers={"If-None-Match": etag}).status_code == 304
        before = client.get("/api/events").json()["total"]
        assert client.get("/api/events").headers["x-cache"] == "hit"
        jsonl(inbox_dir / "new.jsonl", [story(2), story(3)])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            now = client.get("/api/status", headers={"If-None-Match": etag})
            if now.status_code == 200 and now.json()["events"] > before \
                    and now.json()["watch"]["last_pass"]:
                break
            time.sleep(0.1)
        body = now.json()
        assert body["articles"] == 3 and body["version"] >= 1 and body["changed_at"]
        assert body["watch"]["running"] and body["watch"]["last_pass"]["articles_new"] == 2
        after = client.get("/api/events")
        assert after.headers["x-cache"] == "miss"  # the cache was emptied by the write
        assert after.json()["total"] > before
    assert not app.state.live.thread.is_alive()  # stopped with the app


def test_serve_watch_needs_one_process_and_a_folder(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    Store.open(db).close()
    result = runner.invoke(cli_app, ["serve", "--db", str(db), "--watch", str(tmp_path),
                                     "--workers", "2"])
    assert result.exit_code == 2 and "single process" in words(result.output)
    result = runner.invoke(cli_app, ["serve", "--db", str(db), "--watch", str(tmp_path / "x")])
    assert result.exit_code == 2 and "no such folder" in words(result.output)


def test_cache_keeps_no_answer_begun_before_a_write() -> None:
    import asyncio

    from eventwire.web.cache import ResponseCache

    version = [0]

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        version[0] += 1  # the store changes while this answer is being made
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"old"})

    cache = ResponseCache(app, version=lambda: version[0])

    async def get() -> None:
        async def receive():  # type: ignore[no-untyped-def]
            return {"type": "http.request"}

        async def send(message):  # type: ignore[no-untyped-def]
            return None

        await cache({"type": "http", "method": "GET", "path": "/api/events",
                     "query_string": b""}, receive, send)

    asyncio.run(get())
    assert cache.entries == {}


# -- the budgeted coder -------------------------------------------------------------------------

class SlowExtractor(FakeExtractor):
    """Sleeps on texts that say SLOW (a text whose coding runs over any budget)."""

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32
                     ) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            if "SLOW" in article.text:
                time.sleep(60)
            yield from super().extract_many([article], batch_size)


def make_slow() -> SlowExtractor:
    return SlowExtractor()


def test_budgeted_coder_stops_an_over_budget_text_and_goes_on() -> None:
    coder = BudgetedCoder(1.0, wait=0.2, make_extractor=make_slow)
    try:
        events = coder.code(story(1))
        assert [e.doc_id for e in events] == ["a1", "a1"]
        started = time.monotonic()
        with pytest.raises(CodingBudgetError, match="budget"):
            coder.code(story(2, "SLOW attack"))
        assert time.monotonic() - started < 10
        assert coder.restarts == 1
        assert len(coder.code(story(3))) == 2  # a new worker codes the next text
    finally:
        coder.close()


def test_budgeted_coder_answers_busy_at_once_while_another_text_is_coded() -> None:
    coder = BudgetedCoder(3.0, wait=0.2, make_extractor=make_slow)
    try:
        coder.warm_up()
        slow = threading.Thread(target=lambda: pytest.raises(CodingBudgetError, coder.code,
                                                             story(2, "SLOW attack")))
        slow.start()
        time.sleep(0.5)
        started = time.monotonic()
        with pytest.raises(CoderBusyError, match="busy"):
            coder.code(story(3))
        assert time.monotonic() - started < 1.5
        slow.join()
    finally:
        coder.close()


def test_extract_endpoint_answers_503_over_budget_and_reads_go_on(web_store: Path) -> None:
    app = create_app(web_store, extract_budget=1.0, make_extractor=make_slow)
    with TestClient(app) as client:
        fine = client.post("/api/extract", json={"text": "Russian jets attack rebels."})
        assert fine.status_code == 200 and len(fine.json()["events"]) == 1
        over = client.post("/api/extract", json={"text": "SLOW attack"})
        assert over.status_code == 503 and "budget" in over.json()["detail"]
        assert client.get("/api/events").status_code == 200
        assert client.post("/api/extract", json={"text": "attack"}).status_code == 200


def test_coding_pool_kept_alive_inside_with_codes_in_one_process() -> None:
    pool = CodingPool(processes=True, make_extractor=make_fake)
    with pool:
        first = list(pool.run([("x", [story(1)])]))
        kept = pool._kept
        second = list(pool.run([("y", [story(2)])]))
        assert pool._kept is kept and kept is not None
    assert pool._kept is None
    assert [c.article.id for _, b in first + second for c in b.items] == ["a1", "a2"]
    assert dataclasses.asdict(first[0][1].items[0])["error"] is None


def test_every_server_process_over_the_same_data_gives_the_same_etag(web_store: Path) -> None:
    # uvicorn --workers N: each process has its own app; a poll may reach any of them
    with TestClient(create_app(web_store, extract=lambda a: [])) as one, \
            TestClient(create_app(web_store, extract=lambda a: [])) as two:
        assert one.get("/api/status").headers["etag"] == two.get("/api/status").headers["etag"]
