"""Queries over a small hand-made store, the read-only SQL guard, and the query CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from test_clusters import OTHER, STRIKE, add_article, add_event
from typer.testing import CliRunner

from eventwire.cli_query import query_app, sql_app
from eventwire.store import Store, schema
from eventwire.store import queries as q
from eventwire.store.clusters import cluster

runner = CliRunner()


def fill(store: Store) -> None:
    add_article(store, "bbc-1", STRIKE, "BBC", "2019-08-05")
    add_article(store, "rt-1", OTHER, "RT", "2019-08-05")
    add_article(store, "copy-1", STRIKE + " More.", "Local", "2019-08-06")
    add_article(store, "tass-1", "Washington and Moscow held talks on arms control.", "TASS",
                "2019-09-02")
    add_event(store, "e1", "bbc-1", "2019-08-05", outlet="BBC")
    add_event(store, "e2", "rt-1", "2019-08-05", outlet="RT")
    add_event(store, "e3", "copy-1", "2019-08-05", outlet="Local")
    add_event(store, "e4", "tass-1", "2019-09-02", cameo="042", source=("USA", "GOV"),
              target=("RUS", "GOV"), location="RUS", outlet="TASS")
    store.con.execute("UPDATE events SET modality = 'alleged', quad_class = 3, goldstein = -4, "
                      "speaker_name = 'Kremlin', speaker_country = 'RUS' WHERE event_id = 'e2'")
    store.con.execute("UPDATE events SET quad_class = 1, goldstein = 1.9, plover_type = "
                      "'CONSULT' WHERE event_id = 'e4'")
    cluster(store)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "q.duckdb")
    fill(s)
    yield s
    s.close()


@pytest.fixture
def db(store: Store) -> Path:
    path = Path(store.path)
    store.close()
    return path


def test_dyad_undirected_by_month_leaves_out_copies(store: Store) -> None:
    frame = q.dyad(store, "SYR", "RUS", by="month")
    assert frame[["source", "target", "events", "q3", "q4"]].values.tolist() == [
        ["SYR", "RUS", 2, 1, 1]]
    assert str(frame["period"][0])[:10] == "2019-08-01"
    assert frame["goldstein"][0] == pytest.approx(-7.0)
    assert q.dyad(store, "RUS", "SYR", include_copies=True)["events"].tolist() == [3]


def test_dyad_directed_and_sector_and_dates(store: Store) -> None:
    frame = q.dyad(store, "RUS/GOV", "USA", by="year", directed=True)
    assert frame[["source", "target", "events", "q1"]].values.tolist() == [
        ["USA", "RUS/GOV", 1, 1]]
    assert q.dyad(store, "RUS/MIL", "USA").empty
    assert q.dyad(store, "RUS", "SYR", start="2019-08-06").empty
    with pytest.raises(ValueError, match="by="):
        q.dyad(store, "RUS", "SYR", by="fortnight; DROP TABLE events")


def test_top_actors_dyads_and_types(store: Store) -> None:
    actors = q.top_actors(store, 2)
    assert actors.values.tolist()[0] == ["RUS", "MIL", 2, 2, 0]
    assert len(actors) == 2
    dyads = q.top_dyads(store, 5)
    assert dyads[["source_country", "target_country", "events"]].values.tolist() == [
        ["RUS", "SYR", 2], ["USA", "RUS", 1]]
    assert q.by_type(store, "root")[["type", "events"]].values.tolist() == [["19", 2], ["04", 1]]
    assert q.by_type(store, "plover", end="2019-08-31")["events"].tolist() == [2]


def test_claims_by_speaker_and_modality(store: Store) -> None:
    frame = q.claims(store, speaker_country="rus")
    assert frame[["speaker", "modality", "root", "events"]].values.tolist() == [
        ["Kremlin", "alleged", "19", 1]]
    assert q.claims(store, modality="asserted").empty


def test_outlets_show_how_each_outlet_reported_a_shared_event(store: Store) -> None:
    frame = q.outlets(store)
    assert frame[["outlet", "modalities", "quad_class", "goldstein"]].values.tolist() == [
        ["BBC", "asserted", 4, -10.0], ["RT", "alleged", 3, -4.0]]
    assert frame["cluster_id"].nunique() == 1


def test_network_is_weighted_by_events(store: Store) -> None:
    graph = q.network(store)
    assert set(graph.edges) == {("RUS/MIL", "SYR/CVL"), ("USA/GOV", "RUS/GOV")}
    assert graph.edges["RUS/MIL", "SYR/CVL"]["weight"] == 2
    assert graph.nodes["RUS/MIL"]["country"] == "RUS"


@pytest.mark.parametrize("query", [
    "DELETE FROM events", "SELECT 1; DROP TABLE events", "DROP TABLE events",
    "INSERT INTO meta VALUES ('a', 'b')", "COPY events TO 'x.csv'", "PRAGMA version",
    "ATTACH 'other.duckdb'", "WITH x AS (SELECT 1) DELETE FROM events", "SELEC 1",
])
def test_sql_rejects_anything_but_one_read(store: Store, query: str) -> None:
    with pytest.raises(ValueError):
        q.sql(store, query)
    assert store.counts()["events"] == 4


@pytest.mark.parametrize("query, rows", [
    ("SELECT count(*) AS n FROM events", 1),
    ("WITH x AS (SELECT * FROM events) SELECT * FROM x", 4),
    ("DESCRIBE events", len(schema.EVENTS)),
    ("SHOW TABLES", 5),
])
def test_sql_runs_reads(store: Store, query: str, rows: int) -> None:
    assert len(q.sql(store, query)) == rows


def run(app: typer.Typer, *args: Any) -> Any:
    return runner.invoke(app, [str(a) for a in args])


def test_cli_query_dyad_as_table_csv_and_json(db: Path) -> None:
    result = run(query_app, "dyad", "RUS", "SYR", "--db", db)
    assert result.exit_code == 0, result.output
    assert "2019-08-01" in result.output and "1 row(s)" in result.output
    result = run(query_app, "dyad", "RUS", "SYR", "--db", db, "--format", "csv")
    assert result.output.splitlines()[0] == "period,source,target,events,q1,q2,q3,q4,goldstein"
    result = run(query_app, "actors", "--db", db, "--format", "json", "-n", "1")
    assert json.loads(result.output)["country"] == "RUS"


@pytest.mark.parametrize("command", [
    ["dyads"], ["types", "--level", "plover"], ["claims"], ["outlets"], ["network"],
    ["dyads", "--include-copies", "--start", "2019-01-01"],
])
def test_cli_every_query_runs(db: Path, command: list[str]) -> None:
    result = run(query_app, *command, "--db", db)
    assert result.exit_code == 0, result.output


def test_cli_named_sides_leaves_out_events_with_an_inferred_side(store: Store) -> None:
    # the TASS event's target was inferred from the article by the counterpart model
    store.con.execute("UPDATE events SET record = ? WHERE event_id = 'e4'", [json.dumps(
        {"source": {"evidence": "country name"}, "target": {
            "evidence": "target country RUS inferred from the article by counterpart-lr-1, "
                        "score 0.61"}})])
    path = Path(store.path)
    store.close()
    for command in (["dyads"], ["actors"], ["types"], ["claims"], ["outlets"], ["network"],
                    ["dyad", "USA", "RUS"]):
        every = run(query_app, *command, "--db", path, "--format", "json")
        named = run(query_app, *command, "--db", path, "--format", "json", "--named-sides")
        assert every.exit_code == 0 and named.exit_code == 0, named.output
        if command[0] in ("dyads", "actors", "dyad"):
            assert "USA" in every.output and "USA" not in named.output, command
    assert "RUS" in run(query_app, "actors", "--db", path, "--named-sides").output


def test_cli_network_writes_graphml(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    result = run(query_app, "network", "--db", db, "--out", out)
    assert result.exit_code == 0, result.output
    assert "RUS/MIL" in out.read_text()


def test_cli_errors_are_one_line(db: Path, tmp_path: Path) -> None:
    result = run(query_app, "types", "--level", "nope", "--db", db)
    assert result.exit_code == 2
    result = run(query_app, "actors", "--db", tmp_path / "missing.duckdb")
    assert result.exit_code == 1 and "no such store" in result.output


def test_sql_command_registers_at_the_top_level(db: Path) -> None:
    app = typer.Typer()
    app.add_typer(query_app, name="query")
    app.add_typer(sql_app)
    result = run(app, "sql", "SELECT count(*) AS n FROM clusters", "--db", db,
                 "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"n": 2}
    result = run(app, "sql", "DELETE FROM events", "--db", db)
    assert result.exit_code == 2
    assert run(app, "query", "dyad", "RUS", "SYR", "--db", db).exit_code == 0
