"""Exports: each format round-trips through its usual reader; filters are safe; the CLI.

The store is built with a scripted extractor (no model): twelve events in three
articles, with quotes, commas, tabs, line breaks and non-Latin text in the sentences.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import networkx as nx
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from eventwire import codes
from eventwire.cli_export import export_app
from eventwire.records import Actor, Article, Event, Evidence, Location, Span
from eventwire.store import Store
from eventwire.store.exports import (
    CSV_COLUMNS,
    FILTER_FIELDS,
    GDELT_COLUMNS,
    ICEWS_COLUMNS,
    PLOVER_FIELDS,
    export,
    parse_where,
)

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

RUS = Actor("Russia", "Russia", "RUS", "GOV", "country", id="RUS")
REBELS = Actor("the rebels", None, "SYR", "REB", "agent")
TURKEY = Actor("Çavuşoğlu", "Mevlüt Çavuşoğlu", "TUR", "GOV", "person", id="person:cavusoglu")
USA = Actor("Washington", "United States", "USA", "GOV", "country", id="USA")
SYRGOV = Actor("Damascus", "Syria", "SYR", "GOV", "country", id="SYR")
LAVROV = Actor("Lavrov", "Sergey Lavrov", "RUS", "GOV", "person", id="person:lavrov")
IDLIB = Location("Idlib", "SYR", 35.93, 36.63, "city", 169389)

ARTICLES = [
    Article(id="a1", text="body one", title="Russia strikes Idlib", outlet="Wire, Inc.",
            url="https://example.org/a1?x=1&y=2", published=dt.date(2019, 4, 1)),
    Article(id="a2", text="body two", title="Talks", outlet="Le Monde",
            url="https://example.org/a2", published=dt.date(2017, 6, 15)),
    Article(id="a3", text="body three", title="More strikes", outlet="Wire, Inc.",
            url="https://example.org/a3", published=dt.date(2016, 12, 31)),
]
# (doc, sentence index, sentence, cameo, source, target, speaker, quote, location, date)
SCRIPT = [
    ("a1", -1, "Russia strikes Idlib", "190", RUS, REBELS, None, None, IDLIB, None),
    ("a1", 0, 'Russian jets "pounded" rebel positions, officials said.', "190", RUS, REBELS,
     None, None, IDLIB, None),
    ("a1", 1, "A tab\there, a newline\nthere, and 'quotes'", "190", RUS, REBELS, LAVROV,
     'We "will" continue,\tsaid he', IDLIB, None),
    ("a1", 2, "Лавров met Çavuşoğlu in Genève — 会谈", "040", RUS, TURKEY, None, None,
     Location("Geneva", "CHE", 46.2, 6.14, "city", 2660646), None),
    ("a2", 0, "Washington said it would meet Moscow.", "036", USA, RUS, None, None, None,
     dt.date(2017, 6, 14)),
    ("a2", 1, "Damascus arrested rebels; many, it seems.", "173", SYRGOV, REBELS, None, None,
     Location("Syria", "SYR", 35.0, 38.0, "country", 163843), None),
    ("a2", 2, "Washington made a statement.", "010", USA, None, None, None, None, None),
    ("a2", 3, "Something happened.", "010", None, None, None, None, None, None),
    *(("a3", n, f"Jets attack town {n}.", "190", RUS, REBELS, None, None,
       IDLIB if n < 3 else None, None) for n in range(4)),
]


def make_event(row: tuple) -> Event:  # type: ignore[type-arg]
    doc, index, sentence, cameo, source, target, speaker, quote, location, date = row
    article = next(a for a in ARTICLES if a.id == doc)
    code = codes.lookup(cameo)
    key = f"{doc}|{index}|{sentence}|{cameo}"
    return Event(
        event_id=hashlib.sha1(key.encode()).hexdigest()[:16], doc_id=doc, sentence_index=index,
        sentence=sentence, span=Span(0, len(sentence)), source=source, target=target,
        cameo=cameo, root=code.root, plover=code.plover, quad_class=code.quad_class,
        goldstein=code.goldstein, modality="asserted", speaker=speaker, quote=quote,
        outlet=article.outlet, date=date or article.published, date_precision="day",
        date_source="publication", location=location,
        evidence=Evidence("attack", "scripted", Span(0, 1)), headline=index == -1,
        coder_version="scripted-1")


EVENTS = [make_event(row) for row in SCRIPT]


class ScriptedCoder:
    version = "scripted-1"


class ScriptedExtractor:
    coder = ScriptedCoder()

    def extract_many(self, articles: Iterable[Article], batch_size: int = 32
                     ) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            yield (dataclasses.replace(article, language="en"),
                   [e for e in EVENTS if e.doc_id == article.id])


def fill(store: Store) -> Store:
    store.ingest(ARTICLES, extractor=ScriptedExtractor())
    # the dedup stage's work, by hand: a3's events are one cluster seen 4 times
    store.con.execute("INSERT INTO clusters VALUES ('k1', '19', 'RUS', 'GOV', 'SYR', 'REB', "
                      "DATE '2016-12-31', DATE '2016-12-31', 4, 2, 2)")
    store.con.execute("UPDATE events SET cluster_id = 'k1' WHERE doc_id = 'a3'")
    return store


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    """One filled store for the module (exports only read it)."""
    s = Store(duckdb.connect(":memory:"))
    s.prepare()
    yield fill(s)
    s.close()


def by_id() -> dict[str, Event]:
    return {e.event_id: e for e in EVENTS}


def read_tsv(path: Path, header: bool) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", header=0 if header else None, quoting=csv.QUOTE_NONE,
                       dtype=str, keep_default_na=False)


# -- the formats -------------------------------------------------------------------------------


def test_gdelt_has_61_columns_and_what_we_know(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export(store, "gdelt", out) == 12
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 13
    assert all(len(line.split("\t")) == 61 for line in lines[:-1])
    assert len(GDELT_COLUMNS) == 61
    frame = read_tsv(out, header=False)
    frame.columns = [name for name, _ in GDELT_COLUMNS]
    assert frame.shape == (12, 61)
    events = by_id()
    ids = {int(e.event_id[:15], 16): e for e in events.values()}
    assert set(frame.GlobalEventID.astype(int)) == set(ids)
    rows = {ids[int(r.GlobalEventID)].sentence: r for r in frame.itertuples()}
    first = rows['Russian jets "pounded" rebel positions, officials said.']
    assert (first.Day, first.MonthYear, first.Year) == ("20190401", "201904", "2019")
    assert first.FractionDate == "2019.3315"  # 2019 + (4 * 30 + 1) / 365
    assert (first.Actor1Code, first.Actor1Name, first.Actor1CountryCode,
            first.Actor1Type1Code) == ("RUSGOV", "RUSSIA", "RUS", "GOV")
    assert (first.Actor2Code, first.Actor2Name, first.Actor2Type1Code) == (
        "SYRREB", "THE REBELS", "REB")
    assert (first.IsRootEvent, first.EventCode, first.EventBaseCode, first.EventRootCode) == (
        "1", "190", "190", "19")
    assert (first.QuadClass, float(first.GoldsteinScale), first.AvgTone) == ("4", -10.0, "")
    assert (first.NumMentions, first.NumSources, first.NumArticles) == ("1", "1", "1")
    assert (first.ActionGeo_Type, first.ActionGeo_FullName, first.ActionGeo_CountryCode) == (
        "4", "Idlib", "SYR")
    assert (float(first.ActionGeo_Lat), float(first.ActionGeo_Long)) == (35.93, 36.63)
    assert first.ActionGeo_FeatureID == "169389" and first.Actor1Geo_Type == ""
    assert len(first.DATEADDED) == 14 and first.SOURCEURL == "https://example.org/a1?x=1&y=2"
    assert rows["A tab\there, a newline\nthere, and 'quotes'"].IsRootEvent == "0"
    assert rows["Russia strikes Idlib"].IsRootEvent == "1"  # the headline
    assert rows["Лавров met Çavuşoğlu in Genève — 会谈"].Actor2Name == \
        "MEVLÜT ÇAVUŞOĞLU"
    assert rows["Washington made a statement."].Actor2Code == ""
    assert rows["Washington made a statement."].EventBaseCode == "010"
    assert rows["Damascus arrested rebels; many, it seems."].ActionGeo_Type == "1"
    clustered = rows["Jets attack town 0."]
    assert (clustered.NumMentions, clustered.NumSources, clustered.NumArticles) == (
        "4", "2", "2")


def test_gdelt_header_is_optional(store: Store, tmp_path: Path) -> None:
    export(store, "gdelt", tmp_path / "h.tsv", header=True)
    frame = read_tsv(tmp_path / "h.tsv", header=True)
    assert list(frame.columns) == [name for name, _ in GDELT_COLUMNS] and len(frame) == 12


def test_icews_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "icews.tsv"
    assert export(store, "icews", out) == 12
    frame = read_tsv(out, header=True)
    assert list(frame.columns) == [name for name, _ in ICEWS_COLUMNS] and len(frame) == 12
    row = frame.set_index("Event ID").loc[EVENTS[2].event_id]
    assert (row["Event Date"], row["Source Name"], row["Source Sectors"]) == (
        "2019-04-01", "Russia", "GOV")
    assert (row["Source Country"], row["Target Country"]) == (
        "Russian Federation", "Syrian Arab Republic")
    assert row["Event Text"] == codes.lookup("190").description
    assert (row["CAMEO Code"], float(row["Intensity"])) == ("190", -10.0)
    assert (row["Story ID"], row["Sentence Number"], row["Publisher"]) == ("a1", "2", "Wire, Inc.")
    assert (row["City"], row["Country"], float(row["Latitude"])) == ("Idlib", "Syrian Arab "
                                                                     "Republic", 35.93)
    talks = frame.set_index("Event ID").loc[EVENTS[3].event_id]
    assert (talks["Target Name"], talks["Country"]) == ("Mevlüt Çavuşoğlu", "Switzerland")


def test_plover_jsonl_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "plover.jsonl"
    assert export(store, "plover", out) == 12
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 12 and list(records[0]) == [name for name, _ in PLOVER_FIELDS]
    frame = pd.read_json(out, lines=True, dtype=False)
    assert len(frame) == 12
    events = by_id()
    for record in records:
        event = events[record["id"]]
        assert record["sentence"] == event.sentence  # tabs, quotes, unicode kept
        assert record["cameo"] == event.cameo and record["doc_id"] == event.doc_id
        assert record["event_type"] == (event.plover.type if event.plover else None)
        assert record["date"] == event.date.isoformat()  # type: ignore[union-attr]
    quoted = next(r for r in records if r["id"] == EVENTS[2].event_id)
    assert (quoted["speaker"], quoted["quote"]) == ("Sergey Lavrov", 'We "will" continue,\tsaid he')
    assert (quoted["actor1"], quoted["actor1_country"], quoted["actor2_sector"]) == (
        "Russia", "RUS", "REB")
    assert (quoted["event_type"], quoted["context"], quoted["modality"]) == (
        "ASSAULT", "military", "asserted")


def test_csv_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export(store, "csv", out) == 12
    frame = pd.read_csv(out, dtype={"cameo": str, "root": str}, keep_default_na=False)
    assert tuple(frame.columns) == CSV_COLUMNS and "record" not in frame.columns
    assert len(frame) == 12
    sentences = dict(zip(frame.event_id, frame.sentence, strict=True))
    assert sentences == {e.event_id: e.sentence for e in EVENTS}
    assert set(frame.cameo) == {"190", "040", "036", "173", "010"}


def test_parquet_round_trip_with_types(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    assert export(store, "parquet", out) == 12
    table = pq.read_table(out)
    assert table.num_rows == 12
    types = table.schema
    assert types.field("date").type == pa.date32()
    assert types.field("sentence_index").type == pa.int32()
    assert types.field("goldstein").type == pa.float64()
    assert types.field("headline").type == pa.bool_()
    assert types.field("record").type == pa.string()
    rows = {r["event_id"]: r for r in table.to_pylist()}
    for event in EVENTS:
        assert json.loads(rows[event.event_id]["record"]) == event.to_dict()
        assert rows[event.event_id]["sentence"] == event.sentence


def test_graphml_actor_network(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "actors.graphml"
    assert export(store, "graphml", out) == 4  # RUS→SYR REB, RUS→TUR, USA→RUS, SYR GOV→SYR REB
    graph = nx.read_graphml(out)
    assert isinstance(graph, nx.DiGraph)
    edge = graph.edges["RUSGOV", "SYRREB"]
    assert (edge["weight"], edge["mean_goldstein"]) == (7, -10.0)
    assert graph.edges["USAGOV", "RUSGOV"]["weight"] == 1
    assert sum(d["weight"] for *_, d in graph.edges(data=True)) == 10  # events with both sides
    assert graph.nodes["RUSGOV"] == {"name": "Russia", "country": "RUS", "sector": "GOV"}
    assert graph.nodes["TURGOV"]["name"] == "Mevlüt Çavuşoğlu"


def test_quote_in_the_output_path(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "it's; here.csv"
    assert export(store, "csv", out) == 12 and out.exists()


# -- filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("where", "expected"), [
    (None, 12),
    ("root=19", 7),
    (["source_country=RUS"], 8),
    (["date>=2017-01-01"], 8),
    (["root=19", "date>=2017-01-01"], 3),
    (["outlet='Wire, Inc.'"], 8),
    (["outlet != Wire, Inc."], 4),
    (["goldstein<0"], 8),
    (["sentence_index=-1"], 1),
    (["headline=true"], 1),
    (["doc_id=a2", "cameo=010"], 2),
    (["modality=asserted"], 12),
    (["target_country=SYR", "target_sector=REB"], 8),
])
def test_filters(store: Store, tmp_path: Path, where: str | list[str] | None,
                 expected: int) -> None:
    for fmt in ("csv", "gdelt", "plover"):
        assert export(store, fmt, tmp_path / f"out.{fmt}", where) == expected


@pytest.mark.parametrize("bad", [
    "1=1; DROP TABLE events", "root=19; DROP TABLE events", "root=19 OR 1=1",
    "root = 19) OR (1=1", "events.root=19", "record=x", "text=x", "root==19", "root LIKE 19",
    "root", "=19", "", "date>=yesterday", "goldstein<lots", "quad_class=1.5",
    "source_country=RUS' --", "outlet=a\nb", "ROOT=19", "cameo=19x", "headline=maybe",
])
def test_bad_filters_are_rejected_in_one_line(store: Store, tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError) as caught:
        export(store, "csv", tmp_path / "x.csv", [bad])
    assert "\n" not in str(caught.value) and str(caught.value).startswith("filter")
    assert store.counts()["events"] == 12 and not (tmp_path / "x.csv").exists()


def test_named_sides_filters_on_inferred_sides(tmp_path: Path) -> None:
    s = Store(duckdb.connect(":memory:"))
    s.prepare()
    fill(s)
    try:
        s.con.execute("UPDATE events SET record = json_merge_patch(record, ?) WHERE doc_id = "
                      "'a3'", [json.dumps({"target": {"evidence": "target country SYR inferred "
                                                      "from the article by counterpart-lr-1"}})])
        every = export(s, "csv", tmp_path / "all.csv")
        named = export(s, "csv", tmp_path / "named.csv", ["named_sides=true"])
        inferred = export(s, "csv", tmp_path / "inferred.csv", ["named_sides=false"])
        assert (every, named, inferred) == (12, 8, 4)
        assert export(s, "csv", tmp_path / "x.csv", ["named_sides!=false", "root=19"]) == 3
        with pytest.raises(ValueError, match="named_sides=true or named_sides=false"):
            export(s, "csv", tmp_path / "y.csv", ["named_sides>=1"])
    finally:
        s.close()


def test_filter_values_are_parameters() -> None:
    assert parse_where(["root=19", "date>=2017-01-01", "outlet=x' OR '1'='1"]) == (
        "e.root = ? AND e.date >= ? AND e.outlet = ?",
        ["19", dt.date(2017, 1, 1), "x' OR '1'='1"])
    assert all(name.isidentifier() for name in FILTER_FIELDS)


def test_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        export(store, "xml", tmp_path / "x")


def test_docs_describe_every_column_and_filter() -> None:
    doc = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    for name, _ in (*GDELT_COLUMNS, *ICEWS_COLUMNS, *PLOVER_FIELDS):
        assert f"`{name}`" in doc, f"docs/exports.md does not describe {name}"
    for name in FILTER_FIELDS:
        assert f"`{name}`" in doc, f"docs/exports.md does not list the filter field {name}"


# -- the command line --------------------------------------------------------------------------


def app() -> typer.Typer:
    """The export command registered on an app, as cli.py does."""
    main = typer.Typer()
    main.command("other")(lambda: None)
    main.add_typer(export_app)
    return main


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "s.duckdb"
    with Store.open(path) as s:
        fill(s)
    return path


def test_cli_export_has_help() -> None:
    result = runner.invoke(app(), ["export", "--help"])
    assert result.exit_code == 0
    assert all(option in result.output for option in ("--db", "--format", "--where", "--header"))


@pytest.mark.parametrize("fmt", ["gdelt", "icews", "plover", "csv", "parquet", "graphml"])
def test_cli_export_each_format(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = runner.invoke(app(), ["export", str(out), "--db", str(db), "--format", fmt,
                                   "--where", "root=19", "--where", "source_country=RUS"])
    assert result.exit_code == 0, result.output
    assert out.exists()
    expected = "1 edges" if fmt == "graphml" else "7 events"
    assert result.stdout.startswith(f"{expected} written to")


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--where", "1=1; DROP TABLE events"], 2, "--where: filter"),
    (["--where", "nope=1"], 2, "no field 'nope'"),
    (["--format", "xml"], 2, "unknown format 'xml'"),
])
def test_cli_bad_usage_is_one_line(db: Path, tmp_path: Path, args: list[str], code: int,
                                   message: str) -> None:
    result = runner.invoke(app(), ["export", str(tmp_path / "x"), "--db", str(db), *args])
    assert result.exit_code == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("error: ")


def test_cli_missing_store_and_unwritable_output(tmp_path: Path, db: Path) -> None:
    result = runner.invoke(app(), ["export", str(tmp_path / "x.csv"), "--db",
                                   str(tmp_path / "typo.duckdb")])
    assert result.exit_code == 1 and "no such store" in result.stderr
    assert not (tmp_path / "typo.duckdb").exists()
    result = runner.invoke(app(), ["export", str(tmp_path / "no" / "such" / "x.csv"),
                                   "--db", str(db)])
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
