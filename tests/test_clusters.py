"""Dedup and clusters: copied articles, the same event from several outlets, re-runs.

The rows are written directly (no coder, no model): :func:`add_article` and
:func:`add_event` fill every column the rules look at and leave the rest empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.store import Store, schema
from eventwire.store.clusters import cluster, find_copies, minhash, shingles

STRIKE = ("Russian warplanes struck a hospital in the rebel-held town of Maarat al-Numan "
          "on Monday, killing at least nine people and wounding dozens more, according to "
          "the Syrian Observatory for Human Rights and local rescue workers who reached it.")
OTHER = ("Turkish and American officials met in Ankara to discuss a safe zone along the "
         "border, but the two sides failed to agree on who would control the area.")


def _insert(store: Store, table: str, row: dict[str, Any]) -> None:
    store.con.register("_row", schema.arrow_rows(table, [row]))
    store.con.execute(f"INSERT INTO {table} SELECT * FROM _row")
    store.con.unregister("_row")


def add_article(store: Store, doc_id: str, text: str, outlet: str, published: str) -> None:
    row = {name: None for name in schema.column_names("articles")}
    row.update(doc_id=doc_id, content_hash=doc_id, outlet=outlet, text=text, num_events=0,
               published=dt.date.fromisoformat(published), ingested_at=dt.datetime(2020, 1, 1),
               coded_at=dt.datetime(2020, 1, 1))
    _insert(store, "articles", row)


def add_event(store: Store, event_id: str, doc_id: str, date: str | None, *,
              cameo: str = "195", source: tuple[str, str] = ("RUS", "MIL"),
              target: tuple[str, str] = ("SYR", "CVL"), location: str | None = "SYR",
              sentence: str = "Russian jets struck a hospital.", outlet: str | None = None
              ) -> None:
    row: dict[str, Any] = {name: None for name in schema.column_names("events")}
    row.update(event_id=event_id, doc_id=doc_id, sentence_index=0, sentence=sentence,
               cameo=cameo, root=cameo[:2], quad_class=4, goldstein=-10.0,
               modality="asserted", source_country=source[0], source_sector=source[1],
               target_country=target[0], target_sector=target[1], outlet=outlet,
               date=dt.date.fromisoformat(date) if date else None,
               location_country=location, headline=False, record="{}")
    _insert(store, "events", row)


@pytest.fixture
def store() -> Iterator[Store]:
    s = Store(duckdb.connect(":memory:"))
    s.prepare()
    yield s
    s.close()


def clusters_of(store: Store) -> dict[str, str | None]:
    return dict(store.con.execute("SELECT event_id, cluster_id FROM events").fetchall())


def snapshot(store: Store) -> tuple[list[Any], ...]:
    return (store.con.execute("SELECT doc_id, copy_of FROM articles ORDER BY 1").fetchall(),
            store.con.execute("SELECT event_id, cluster_id FROM events ORDER BY 1").fetchall(),
            store.con.execute("SELECT * FROM clusters ORDER BY 1").fetchall())


def two_outlets(store: Store) -> None:
    add_article(store, "bbc-1", STRIKE, "BBC", "2019-08-05")
    add_article(store, "aj-1", OTHER + " Separately, jets hit a hospital in Idlib.",
                "Al Jazeera", "2019-08-06")
    add_event(store, "e1", "bbc-1", "2019-08-05", outlet="BBC",
              sentence="Russian warplanes struck a hospital in Maarat al-Numan.")
    add_event(store, "e2", "aj-1", "2019-08-06", outlet="Al Jazeera",
              sentence="Jets hit a hospital in Idlib, monitors said.")


def test_two_outlets_reporting_the_same_strike_make_one_cluster(store: Store) -> None:
    two_outlets(store)
    summary = cluster(store)
    ids = clusters_of(store)
    assert ids["e1"] is not None and ids["e1"] == ids["e2"]
    row = store.con.execute("SELECT root, source_country, target_country, first_seen, "
                            "last_seen, num_mentions, num_articles, num_outlets "
                            "FROM clusters").fetchall()
    assert row == [("19", "RUS", "SYR", dt.date(2019, 8, 5), dt.date(2019, 8, 6), 2, 2, 2)]
    assert summary.clusters == 1 and summary.multi_article_clusters == 1
    assert summary.copies == 0


def test_copied_article_is_flagged_and_not_counted(store: Store) -> None:
    two_outlets(store)
    add_article(store, "syndicated-1", STRIKE.replace("Monday", "Monday night"), "Local Paper",
                "2019-08-07")
    add_event(store, "e3", "syndicated-1", "2019-08-05", outlet="Local Paper")
    summary = cluster(store)
    copy_of = dict(store.con.execute("SELECT doc_id, copy_of FROM articles").fetchall())
    assert copy_of == {"bbc-1": None, "aj-1": None, "syndicated-1": "bbc-1"}
    ids = clusters_of(store)
    assert ids["e3"] == ids["e1"] == ids["e2"]  # it points at the story ...
    counts = store.con.execute(
        "SELECT num_mentions, num_articles, num_outlets FROM clusters").fetchall()
    assert counts == [(2, 2, 2)]  # ... but is not counted
    assert summary.copies == 1


def test_the_earlier_article_is_the_original_and_ties_go_to_the_smaller_id(
        store: Store) -> None:
    add_article(store, "b", STRIKE, "X", "2019-08-05")
    add_article(store, "a", STRIKE, "Y", "2019-08-05")
    add_article(store, "c", STRIKE, "Z", "2019-08-04")
    cluster(store)
    copy_of = dict(store.con.execute("SELECT doc_id, copy_of FROM articles").fetchall())
    assert copy_of == {"c": None, "a": "c", "b": "c"}


@pytest.mark.parametrize("change", [
    {"source": ("USA", "MIL")},                 # another source
    {"target": ("SYR", "REB")},                 # another target sector
    {"date": "2019-08-20"},                     # far apart in time
    {"cameo": "042", "sentence": "Putin visited Damascus."},  # another root
    {"location": "IRQ"},                        # another country
])
def test_different_dyads_dates_or_places_make_different_clusters(
        store: Store, change: dict[str, Any]) -> None:
    add_article(store, "a1", STRIKE, "BBC", "2019-08-05")
    add_article(store, "a2", OTHER, "CNN", "2019-08-05")
    add_event(store, "e1", "a1", "2019-08-05", outlet="BBC")
    add_event(store, "e2", "a2", change.pop("date", "2019-08-06"), outlet="CNN", **change)
    cluster(store)
    ids = clusters_of(store)
    assert ids["e1"] != ids["e2"]
    assert store.con.execute("SELECT sum(num_mentions) FROM clusters").fetchone() == (2,)


def test_other_code_of_the_same_root_needs_a_similar_sentence(store: Store) -> None:
    add_article(store, "a1", STRIKE, "BBC", "2019-08-05")
    add_article(store, "a2", OTHER, "CNN", "2019-08-05")
    add_article(store, "a3", OTHER + " again", "AP", "2020-01-01")
    add_event(store, "e1", "a1", "2019-08-05", cameo="195",
              sentence="Russian warplanes bombed a hospital in Idlib.")
    add_event(store, "e2", "a2", "2019-08-05", cameo="190",
              sentence="Russian warplanes bombed a hospital in Idlib province.")
    add_event(store, "e3", "a3", "2019-08-06", cameo="193",
              sentence="Moscow denied any role in the fighting.")
    cluster(store)
    ids = clusters_of(store)
    assert ids["e1"] == ids["e2"] != ids["e3"]


def test_missing_location_is_compatible_and_no_date_stands_alone(store: Store) -> None:
    add_article(store, "a1", STRIKE, "BBC", "2019-08-05")
    add_article(store, "a2", OTHER, "CNN", "2019-08-05")
    add_event(store, "e1", "a1", "2019-08-05", location=None)
    add_event(store, "e2", "a2", "2019-08-06", location="SYR")
    add_event(store, "e3", "a2", None)  # falls back to the publication date
    cluster(store)
    ids = clusters_of(store)
    assert ids["e1"] == ids["e2"] == ids["e3"]


def test_window_is_counted_from_the_first_event(store: Store) -> None:
    for i, day in enumerate(["2019-08-01", "2019-08-03", "2019-08-05"]):
        add_article(store, f"a{i}", f"{OTHER} number {i} " * (i + 1), f"O{i}", day)
        add_event(store, f"e{i}", f"a{i}", day)
    cluster(store, window_days=3)
    ids = clusters_of(store)
    assert ids["e0"] == ids["e1"] != ids["e2"]
    cluster(store, window_days=5)
    assert len(set(clusters_of(store).values())) == 1


def test_rerunning_changes_nothing(store: Store) -> None:
    two_outlets(store)
    add_article(store, "syndicated-1", STRIKE + " More.", "Local Paper", "2019-08-07")
    add_event(store, "e3", "syndicated-1", "2019-08-05")
    add_event(store, "e4", "aj-1", "2019-09-30", cameo="042", sentence="Talks.")
    first = cluster(store)
    before = snapshot(store)
    again = cluster(store)
    assert snapshot(store) == before
    assert again.copies_changed == 0 and again.events_changed == 0
    assert first.events_changed == 4


def test_rerun_after_a_new_ingest_keeps_the_old_ids(store: Store) -> None:
    two_outlets(store)
    cluster(store)
    before = clusters_of(store)
    add_article(store, "ap-1", OTHER + " and more", "AP", "2019-08-06")
    add_event(store, "e9", "ap-1", "2019-08-06", outlet="AP")
    cluster(store)
    after = clusters_of(store)
    assert after["e1"] == before["e1"] == after["e9"]
    assert store.con.execute("SELECT num_mentions, num_outlets FROM clusters").fetchall() == [
        (3, 3)]


def test_read_only_store_is_refused(tmp_path: Any) -> None:
    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    with Store.open(path, read_only=True) as store, pytest.raises(StoreError):
        cluster(store)


def test_minhash_estimates_jaccard() -> None:
    a = shingles(STRIKE)
    b = shingles(STRIKE + " " + OTHER)
    exact = len(set(a) & set(b)) / len(set(a) | set(b))
    estimate = float((minhash(a) == minhash(b)).mean())
    assert abs(estimate - exact) < 0.15
    assert shingles("").size == 0 and shingles("two words").size == 1


def test_find_copies_ignores_short_differences_but_not_other_texts() -> None:
    found = find_copies([("x", STRIKE), ("y", OTHER), ("z", STRIKE.upper()), ("w", "")])
    assert found == {"z": "x"}
