"""EventFilter: values checked, every value a parameter, conditions that DuckDB runs."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest

from eventwire.store import schema
from eventwire.store.filters import EventFilter, parse_actor


def test_values_are_normalised() -> None:
    f = EventFilter(start="2017-04-01", root="19", quad_class=["3", 4], modality="future")
    assert f.start == dt.date(2017, 4, 1)
    assert f.root == ("19",) and f.quad_class == (3, 4) and f.modality == ("future",)
    assert EventFilter().is_empty() and not f.is_empty()
    assert parse_actor(" rus/gov ") == ("RUS", "GOV")


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"start": "April"}, "^start 'April' is not a date"), ({"quad_class": 5}, "^quad_class"),
    ({"quad_class": "x"}, "^quad_class"), ({"modality": "certain"}, "^modality"),
    ({"actor": "/GOV"}, "^actor '/GOV' is not an actor"), ({"dyad": ("RUS",)}, "two actors"),
    ({"source": "A/B/C"}, "^source 'A/B/C' is not an actor"),
    ({"target": "RUS//"}, "^target"), ({"dyad": ("RUS", "A/B/C")}, "^dyad 'A/B/C'"),
    ({"end": "2017-02-30"}, "^end"),
])
def test_bad_values_are_refused_with_the_value_named(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        EventFilter(**kwargs)


def test_every_value_is_a_parameter() -> None:
    hostile = "x'); DROP TABLE events; --"
    f = EventFilter(actor="RUS", dyad=("RUS", "USA/GOV"), root=("18", "19"), cameo=("19",),
                    plover=("ASSAULT",), quad_class=(4,), modality=("negated",),
                    outlet=(hostile,), speaker=hostile, text=hostile, cluster_id=hostile,
                    doc_id=hostile, start="2017-01-01", end="2017-12-31")
    conds, params = f.conditions("e")
    sql = " AND ".join(conds)
    assert hostile not in sql and "DROP" not in sql
    assert sql.count("?") == len(params)


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for statement in schema.ddl():
        con.execute(statement)
    rows = [("a", "RUS", "GOV", "USA", None, "19", "190", 4, "asserted", "TASS",
             "Russia struck 50% of the targets", dt.date(2017, 4, 7)),
            ("b", "USA", "GOV", "RUS", "GOV", "11", "111", 3, "negated", "AP",
             "The US did not criticise Russia", dt.date(2017, 4, 8)),
            ("c", "SYR", "REB", "SYR", "GOV", "18", "180", 4, "alleged", "TASS",
             "Rebels attacked the army", dt.date(2017, 4, 9))]
    for row in rows:
        con.execute("INSERT INTO events (event_id, doc_id, sentence_index, source_country, "
                    "source_sector, target_country, target_sector, root, cameo, quad_class, "
                    "modality, outlet, sentence, date, headline, record) "
                    "VALUES (?, 'd', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, '{}')", list(row))
    con.execute("INSERT INTO articles (doc_id, content_hash, text, num_events, ingested_at, "
                "coded_at) VALUES ('d', 'h', 't', 3, now(), now())")
    return con


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({}, {"a", "b", "c"}),
    ({"actor": "RUS"}, {"a", "b"}),
    ({"actor": "RUS/GOV"}, {"a", "b"}),
    ({"target": "RUS/GOV"}, {"b"}),
    ({"dyad": ("USA", "RUS")}, {"a", "b"}),
    ({"root": ("18", "19")}, {"a", "c"}),
    ({"cameo": ("11",)}, {"b"}),
    ({"quad_class": (4,)}, {"a", "c"}),
    ({"modality": ("negated", "alleged")}, {"b", "c"}),
    ({"outlet": ("TASS",)}, {"a", "c"}),
    ({"text": "50%"}, {"a"}),
    ({"text": "%"}, {"a"}),
    ({"text": "RUSSIA"}, {"a", "b"}),
    ({"start": "2017-04-08", "end": "2017-04-08"}, {"b"}),
])
def test_conditions_select_the_right_events(con: duckdb.DuckDBPyConnection, kwargs: dict,
                                            expected: set[str]) -> None:
    conds, params = EventFilter(**kwargs).conditions()
    where = f"WHERE {' AND '.join(conds)}" if conds else ""
    found = {r[0] for r in con.execute(f"SELECT event_id FROM events {where}", params).fetchall()}
    assert found == expected


def test_the_copy_test_is_dropped_only_when_no_copy_is_stored() -> None:
    f = EventFilter(actor="RUS")
    assert f.cheaper(copies_stored=True) is f
    cheaper = f.cheaper(copies_stored=False)
    assert cheaper.include_copies and cheaper.actor == "RUS"
    assert len(cheaper.conditions()[0]) == len(f.conditions()[0]) - 1


def test_named_sides_leaves_out_events_with_a_side_inferred_from_the_article(
        con: duckdb.DuckDBPyConnection) -> None:
    inferred = {"source": {"evidence": "adjective 'Russian'"}, "target": {
        "evidence": "target country USA inferred from the article by counterpart-lr-1, "
                    "score 0.62"}}
    con.execute("UPDATE events SET record = ? WHERE event_id = 'a'", [json.dumps(inferred)])
    con.execute("UPDATE events SET record = ? WHERE event_id = 'b'", [json.dumps(
        {"source": {"evidence": "country name"}, "target": None})])
    for kwargs, expected in (({}, {"a", "b", "c"}), ({"named_sides": True}, {"b", "c"}),
                             ({"named_sides": True, "actor": "RUS"}, {"b"})):
        conds, params = EventFilter(**kwargs).conditions("e")
        found = {r[0] for r in con.execute(
            f"SELECT event_id FROM events e WHERE {' AND '.join(conds)}", params).fetchall()}
        assert found == expected, kwargs
    assert not EventFilter(named_sides=True).is_empty()
