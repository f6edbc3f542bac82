"""Scale-out on Dask: the same store as a single-process ingest, Parquet output, the CLI.

One local cluster (2 worker processes) serves the whole module. The fast tests code with
``FakeExtractor`` (one event per article mentioning an attack); the end-to-end ones, with
the model, are marked ``model``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventwire.cli_store import store_app
from eventwire.errors import StoreError
from eventwire.records import Article, Event, Evidence, Span
from eventwire.scale import DaskCodingPool, connect, ingest_on_cluster, parse_address
from eventwire.store import Store, read_items, schema

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"
CSV_MAPPING = {"id": "index", "published": "date", "outlet": "source"}
runner = CliRunner()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as dask_client:
        yield dask_client


# -- a coder without the model ----------------------------------------------------------------


class FakeCoder:
    version = "fake-1"


class FakeExtractor:
    """One event per article mentioning "attack"; raises on "CRASH"."""

    coder = FakeCoder()

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32
                     ) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            if "CRASH" in article.text:
                raise RuntimeError("the coder fell over")
            coded = dataclasses.replace(article, language="en")
            events = []
            if "attack" in article.text:
                events.append(Event(
                    event_id=f"{article.id:>016}"[-16:], doc_id=article.id, sentence_index=0,
                    sentence=article.text, span=Span(0, len(article.text)), source=None,
                    target=None, cameo="190", root="19", plover=None, quad_class=4,
                    goldstein=-10.0, modality="asserted", speaker=None, quote=None,
                    outlet=article.outlet, date=article.published, date_precision="day",
                    date_source="publication", location=None,
                    evidence=Evidence("attack", "fake#attack", Span(0, 6)),
                    coder_version="fake-1"))
            yield coded, events


def make_fake() -> FakeExtractor:
    return FakeExtractor()


def story(n: int, text: str = "Rebels attack the town.") -> Article:
    return Article(id=f"a{n}", text=text, published=dt.date(2019, 4, 1), outlet="Wire")


def rows(store: Store, table: str, drop: tuple[str, ...] = ()) -> set[tuple[Any, ...]]:
    columns = [c for c in schema.column_names(table) if c not in drop]
    found = store.con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    return {tuple(tuple(v) if isinstance(v, list) else v for v in row) for row in found}


ARTICLE_TIMES = ("ingested_at", "coded_at")


@pytest.mark.parametrize(("address", "expected"), [
    ("local:3", ("local", 3)),
    ("tcp://scheduler:8786", ("scheduler", "tcp://scheduler:8786")),
])
def test_parse_address(address: str, expected: tuple[str, object]) -> None:
    assert parse_address(address) == expected


@pytest.mark.parametrize("address", ["local:0", "cluster", "scheduler:8786", "local:two"])
def test_bad_addresses_are_value_errors(address: str) -> None:
    with pytest.raises(ValueError, match="--cluster"):
        parse_address(address)


def test_cluster_stores_the_same_as_one_process(client: Any, tmp_path: Path) -> None:
    items = [story(n, "Quiet day." if n % 3 else "Rebels attack.") for n in range(10)]
    items += [story(10, "CRASH"), story(3, "Rebels attack again.")]  # a3 again: later wins
    with Store.open(tmp_path / "one.duckdb") as one:
        expected = one.ingest(items, batch_size=2, extractor=FakeExtractor())
        expected_rows = rows(one, "events"), rows(one, "articles", ARTICLE_TIMES)
        expected_again = one.ingest(items, batch_size=2, extractor=FakeExtractor())
    with Store.open(tmp_path / "dask.duckdb") as two:
        errors: list[object] = []
        summary = ingest_on_cluster(two, items, client=client, batch_size=2,
                                    make_extractor=make_fake, on_error=errors.append)
        assert (rows(two, "events"), rows(two, "articles", ARTICLE_TIMES)) == expected_rows
        again = ingest_on_cluster(two, items, client=client, batch_size=2,
                                  make_extractor=make_fake, on_error=errors.append)
    assert dataclasses.replace(summary, seconds=0) == dataclasses.replace(expected, seconds=0)
    assert "the coder failed on article 'a10'" in str(errors[0])
    # Again: a3 goes back to its first version and on to its later one, as in one process.
    assert (again.articles_new, again.articles_changed, again.articles_unchanged) == (0, 2, 9)
    assert dataclasses.replace(again, seconds=0) == dataclasses.replace(expected_again,
                                                                        seconds=0)


def test_a_batch_waits_for_an_article_in_flight(client: Any) -> None:
    pool = DaskCodingPool(client, make_extractor=make_fake, in_flight=4)
    jobs = [(1, [story(1)]), (2, [story(2)]), (3, [story(1, "later")]), (4, [])]
    order = [context for context, _ in pool.run(jobs)]
    assert sorted(order) == [1, 2, 3, 4] and order.index(1) < order.index(3)


def test_a_batch_is_coded_as_tasks_and_put_back_in_order(client: Any) -> None:
    pool = DaskCodingPool(client, make_extractor=make_fake, task_size=2)
    articles = [story(n, "Rebels attack." if n % 2 else "CRASH") for n in range(5)]
    [(context, batch)] = pool.run([("job", articles)])
    assert context == "job" and [coded.article.id for coded in batch.items] == [
        f"a{n}" for n in range(5)]
    assert [coded.error is None for coded in batch.items] == [False, True, False, True, False]
    assert not pool.busy
    with pytest.raises(ValueError, match="task_size"):
        DaskCodingPool(client, task_size=0)


def test_parquet_output_needs_a_new_directory(client: Any, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(StoreError, match="not a new or empty directory"):
        ingest_on_cluster(tmp_path / "full", [story(1)], client=client, make_extractor=make_fake)


@pytest.mark.parametrize("args", [["--cluster", "nowhere"], ["--out", "parts"],
                                  ["--cluster", "local:2", "--workers", "2"]])
def test_cli_bad_cluster_options_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    result = runner.invoke(store_app, ["ingest", str(EXAMPLES), "--db",
                                       str(tmp_path / "s.duckdb"), *args])
    assert result.exit_code == 2


def test_an_unreachable_scheduler_is_a_one_line_error() -> None:
    with pytest.raises(StoreError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9 "
                                         r"\(.*\); start it with `dask scheduler`"):
        with connect("tcp://127.0.0.1:9", timeout=1):
            pass


# -- end to end, with the model ----------------------------------------------------------------


@pytest.fixture(scope="module")
def single_process(tmp_path_factory: pytest.TempPathFactory,
                   guardian_sample: Callable[[Path, int], Path | None]
                   ) -> tuple[list[Path], Path]:
    """The examples (and 20 Guardian articles, when here) ingested in one process."""
    folder = tmp_path_factory.mktemp("single")
    guardian = guardian_sample(folder, 20)
    paths = [EXAMPLES, *([guardian] if guardian else [])]
    db = folder / "one.duckdb"
    with Store.open(db) as store:
        store.ingest(read_items(paths, csv_mapping=CSV_MAPPING), batch_size=8)
    return paths, db


@pytest.mark.model
def test_cluster_codes_the_same_events_as_one_process(
        client: Any, single_process: tuple[list[Path], Path], tmp_path: Path) -> None:
    paths, db = single_process
    # Actors: the same keys; the other columns of a key are those of the first event
    # written with it (e.g. BGD with or without sector GOV), so they may follow the order.
    with Store.open(db, read_only=True) as one:
        expected = (rows(one, "events"), rows(one, "articles", ARTICLE_TIMES),
                    {row[0] for row in rows(one, "actors")})
    with Store.open(tmp_path / "dask.duckdb") as store:
        summary = ingest_on_cluster(store, read_items(paths, csv_mapping=CSV_MAPPING),
                                    client=client, batch_size=4)
        got = (rows(store, "events"), rows(store, "articles", ARTICLE_TIMES),
               {row[0] for row in rows(store, "actors")})
    assert summary.articles_new == (32 if len(paths) == 2 else 12)
    assert {row[0] for row in got[0]} == {row[0] for row in expected[0]}  # event ids
    assert got == expected


@pytest.mark.model
def test_parquet_output_holds_the_events_table(
        client: Any, single_process: tuple[list[Path], Path], tmp_path: Path) -> None:
    _, db = single_process
    out = tmp_path / "parts"
    summary = ingest_on_cluster(out, read_items([EXAMPLES]), client=client, batch_size=5)
    files = sorted(out.iterdir())
    assert [f.name for f in files] == [f"part-{n:06d}.parquet" for n in range(3)]
    table = pq.read_table(out)
    assert table.column_names == list(schema.column_names("events"))
    with Store.open(db, read_only=True) as one:
        expected = one.con.sql(
            "SELECT * FROM events WHERE doc_id IN (SELECT doc_id FROM articles "
            "WHERE source_path LIKE '%articles.jsonl')").to_arrow_table()
    assert summary.events_stored == table.num_rows == expected.num_rows
    key = [("event_id", "ascending")]
    assert table.sort_by(key).to_pylist() == expected.sort_by(key).cast(table.schema).to_pylist()
