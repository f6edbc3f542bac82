"""Questions asked of a store: plain functions that take a Store and return DataFrames.

::

    dyad(store, "RUS", "USA", by="month")    counts by QuadClass and mean Goldstein per period
    timeseries(store, by="week")             the same for all (filtered) events
    places(store)                            events per resolved location
    top_actors / top_dyads / by_type         the most active actors, pairs, event types
    claims(store, speaker_country="RUS")     who claims what: events by speaker and modality
    outlets(store)                           the slant view: one row per cluster and outlet
    network(store) -> networkx.DiGraph       actors (country/sector) and weighted edges
    sql(store, "SELECT ...")                 one read-only statement

Every value a caller gives goes into the SQL as a parameter; the few names that shape
the SQL (``by``, ``level``) are checked against a fixed list. Events of copied articles
(``articles.copy_of`` set by :func:`eventwire.store.clusters.cluster`) are left out
unless ``include_copies=True``. ``start``/``end`` bound ``events.date`` (inclusive).
Every function also takes ``filters``: an :class:`~eventwire.store.filters.EventFilter`
(actor, dyad, type, modality, outlet, speaker, text …) that narrows the events it counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import duckdb
import networkx as nx
import pandas as pd

from ..errors import StoreError
from .filters import EventFilter, parse_actor, parse_day
from .store import Store

__all__ = [
    "by_type", "claims", "dyad", "network", "outlets", "places", "sql", "timeseries",
    "top_actors", "top_dyads",
]

Day = dt.date | str | None
PERIODS = ("day", "week", "month", "quarter", "year")
LEVELS = {"root": "root", "cameo": "cameo", "plover": "plover_type"}
_QUADS = ", ".join(f"count(*) FILTER (quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))


def copies_stored(store: Store) -> bool:
    """Whether any article of the store is flagged as a copy of another."""
    found = store.con.execute(
        "SELECT count(*) FROM articles WHERE copy_of IS NOT NULL").fetchone()
    return bool(found and found[0])


def _where(store: Store, start: Day, end: Day, include_copies: bool, alias: str = "",
           filters: EventFilter | None = None) -> tuple[list[str], list[Any]]:
    """The conditions (and their parameters) of a query: ``filters`` narrowed by the
    ``start``/``end``/``include_copies`` arguments every query takes; the copy test is
    left out when the store holds no copies."""
    base = filters or EventFilter()
    narrowed = dataclasses.replace(
        base, start=base.start if start is None else parse_day(start),
        end=base.end if end is None else parse_day(end),
        include_copies=base.include_copies or include_copies)
    if not narrowed.include_copies:
        narrowed = narrowed.cheaper(copies_stored(store))
    return narrowed.conditions(alias)


def _sql_where(conds: list[str]) -> str:
    return f"WHERE {' AND '.join(conds)}" if conds else ""


def _run(store: Store, query: str, params: list[Any]) -> pd.DataFrame:
    try:
        return store.con.execute(query, params).df()
    except duckdb.Error as exc:
        raise StoreError(f"{store.path}: query failed: {exc}") from None


def dyad(store: Store, a: str, b: str, by: str = "month", start: Day = None, end: Day = None,
         *, directed: bool = False, include_copies: bool = False,
         filters: EventFilter | None = None) -> pd.DataFrame:
    """Events between ``a`` and ``b`` (``RUS`` or ``RUS/GOV``) per period.

    Columns: ``period`` (its first day), ``source``, ``target``, ``events``, ``q1``…``q4``
    (counts by QuadClass) and ``goldstein`` (mean). Undirected (default): both directions
    together, ``source``/``target`` are ``a``/``b``; ``directed=True``: a row per
    direction. ``by``: day, week, month, quarter or year.
    """
    if by not in PERIODS:
        raise ValueError(f"by={by!r}: use one of {', '.join(PERIODS)}")
    (ca, sa), (cb, sb) = parse_actor(a), parse_actor(b)
    conds, params = _where(store, start, end, include_copies, filters=filters)
    side = ("(source_country = ? AND (? IS NULL OR source_sector = ?) AND "
            "target_country = ? AND (? IS NULL OR target_sector = ?))")
    conds.append(f"({side} OR {side})")
    params += [ca, sa, sa, cb, sb, sb, cb, sb, sb, ca, sa, sa]
    a_is_source = "(source_country = ? AND (? IS NULL OR source_sector = ?))"
    if directed:
        src = f"CASE WHEN {a_is_source} THEN ? ELSE ? END"
        tgt = f"CASE WHEN {a_is_source} THEN ? ELSE ? END"
        head = [ca, sa, sa, a, b, ca, sa, sa, b, a]
    else:
        src, tgt, head = "?", "?", [a, b]
    query = (f"SELECT date_trunc(?, date)::DATE AS period, {src} AS source, {tgt} AS target, "
             f"count(*) AS events, {_QUADS}, avg(goldstein) AS goldstein FROM events "
             f"{_sql_where(conds)} AND date IS NOT NULL GROUP BY ALL ORDER BY ALL")
    return _run(store, query, [by, *head, *params])


def timeseries(store: Store, by: str = "month", start: Day = None, end: Day = None, *,
               include_copies: bool = False, filters: EventFilter | None = None
               ) -> pd.DataFrame:
    """Events per period: ``period`` (its first day), ``events``, ``q1``…``q4``, ``goldstein``.

    Events without a date are left out. ``by``: day, week, month, quarter or year.
    """
    if by not in PERIODS:
        raise ValueError(f"by={by!r}: use one of {', '.join(PERIODS)}")
    conds, params = _where(store, start, end, include_copies, filters=filters)
    conds.append("date IS NOT NULL")
    query = (f"SELECT date_trunc(?, date)::DATE AS period, count(*) AS events, {_QUADS}, "
             f"avg(goldstein) AS goldstein FROM events {_sql_where(conds)} "
             "GROUP BY ALL ORDER BY period")
    return _run(store, query, [by, *params])


#: the location's precision; records stored before it existed had only a feature
_PRECISION = ("coalesce(json_extract_string(record, '$.location.precision'), CASE WHEN "
              "json_extract_string(record, '$.location.feature') = 'country' THEN 'country' "
              "ELSE 'city' END)")


def places(store: Store, n: int = 500, start: Day = None, end: Day = None, *,
           include_copies: bool = False, filters: EventFilter | None = None) -> pd.DataFrame:
    """The ``n`` locations with most events: ``name``, ``country``, ``lat``, ``lon``,
    ``precision`` (site, city, admin1 or country), ``events``, ``q1``…``q4``. Events
    without coordinates are left out."""
    conds, params = _where(store, start, end, include_copies, filters=filters)
    conds += ["location_lat IS NOT NULL", "location_lon IS NOT NULL"]
    query = ("SELECT location_name AS name, location_country AS country, "
             "location_lat AS lat, location_lon AS lon, "
             f"max({_PRECISION}) AS precision, "
             f"count(*) AS events, {_QUADS} FROM events {_sql_where(conds)} "
             "GROUP BY ALL ORDER BY events DESC, name LIMIT ?")
    return _run(store, query, [*params, n])


def top_actors(store: Store, n: int = 20, start: Day = None, end: Day = None, *,
               include_copies: bool = False,
               filters: EventFilter | None = None) -> pd.DataFrame:
    """The ``n`` actors (country, sector) in most events, as source or target.

    Columns: ``country``, ``sector``, ``events`` (as either; an event between two
    actors counts for each, and once for an actor on both sides), ``as_source``,
    ``as_target``.
    """
    conds, params = _where(store, start, end, include_copies, filters=filters)
    query = f"""
        WITH pairs AS (
            SELECT source_country, source_sector, target_country, target_sector,
                   count(*) AS n FROM events {_sql_where(conds)} GROUP BY ALL),
        sides AS (
            SELECT source_country AS country, source_sector AS sector, n AS s, 0 AS t,
                   n AS e FROM pairs WHERE source_country IS NOT NULL
            UNION ALL
            SELECT target_country, target_sector, 0, n,
                   CASE WHEN source_country IS NOT DISTINCT FROM target_country
                         AND source_sector IS NOT DISTINCT FROM target_sector THEN 0 ELSE n END
            FROM pairs WHERE target_country IS NOT NULL)
        SELECT country, sector, sum(e)::BIGINT AS events, sum(s)::BIGINT AS as_source,
               sum(t)::BIGINT AS as_target
        FROM sides GROUP BY ALL ORDER BY events DESC, country, sector NULLS FIRST LIMIT ?"""
    return _run(store, query, [*params, n])


def top_dyads(store: Store, n: int = 20, start: Day = None, end: Day = None, *,
              include_copies: bool = False,
              filters: EventFilter | None = None) -> pd.DataFrame:
    """The ``n`` directed pairs (source → target, country and sector) with most events."""
    conds, params = _where(store, start, end, include_copies, filters=filters)
    conds += ["source_country IS NOT NULL", "target_country IS NOT NULL"]
    query = (f"SELECT source_country, source_sector, target_country, target_sector, "
             f"count(*) AS events, {_QUADS}, avg(goldstein) AS goldstein FROM events "
             f"{_sql_where(conds)} GROUP BY ALL "
             "ORDER BY events DESC, source_country, source_sector, target_country, "
             "target_sector LIMIT ?")
    return _run(store, query, [*params, n])


def by_type(store: Store, level: str = "root", start: Day = None, end: Day = None, *,
            include_copies: bool = False,
            filters: EventFilter | None = None) -> pd.DataFrame:
    """Events per type: ``level`` root or cameo (CAMEO), or plover (PLOVER type)."""
    if level not in LEVELS:
        raise ValueError(f"level={level!r}: use one of {', '.join(LEVELS)}")
    conds, params = _where(store, start, end, include_copies, filters=filters)
    query = (f"SELECT {LEVELS[level]} AS type, count(*) AS events, {_QUADS}, "
             f"avg(goldstein) AS goldstein FROM events {_sql_where(conds)} "
             "GROUP BY ALL ORDER BY events DESC, type")
    return _run(store, query, params)


def claims(store: Store, speaker_country: str | None = None, modality: str | None = None,
           start: Day = None, end: Day = None, *, n: int | None = None,
           include_copies: bool = False,
           filters: EventFilter | None = None) -> pd.DataFrame:
    """Who claims what: events with a speaker, by speaker, modality and event.

    Columns: ``speaker`` (name, else the text), ``speaker_country``, ``speaker_sector``,
    ``modality``, ``root``, ``source_country``, ``target_country``, ``events``,
    ``articles``.
    """
    conds, params = _where(store, start, end, include_copies, filters=filters)
    conds.append("coalesce(speaker_name, speaker_text) IS NOT NULL")
    if speaker_country is not None:
        conds.append("speaker_country = ?")
        params.append(speaker_country.upper())
    if modality is not None:
        conds.append("modality = ?")
        params.append(modality)
    query = ("SELECT coalesce(speaker_name, speaker_text) AS speaker, speaker_country, "
             "speaker_sector, modality, root, source_country, target_country, "
             "count(*) AS events, count(DISTINCT doc_id) AS articles FROM events "
             f"{_sql_where(conds)} GROUP BY ALL ORDER BY events DESC, speaker, modality, root "
             "LIMIT ?")
    return _run(store, query, [*params, n if n is not None else 2**62])


def outlets(store: Store, min_outlets: int = 2, start: Day = None, end: Day = None, *,
            cluster_id: str | None = None, include_copies: bool = False,
            filters: EventFilter | None = None) -> pd.DataFrame:
    """The slant view: for clusters reported by ``min_outlets`` or more outlets, how each
    outlet reported them.

    One row per cluster and outlet: ``cluster_id``, ``first_seen``, ``root``,
    ``source_country``, ``target_country``, ``outlet``, ``mentions``, ``modalities``
    (distinct, comma-separated), ``quad_class`` (most frequent), ``goldstein`` (mean).
    """
    if cluster_id is not None:
        filters = dataclasses.replace(filters or EventFilter(), cluster_id=cluster_id)
    conds, params = _where(store, start, end, include_copies, alias="e", filters=filters)
    conds += ["c.num_outlets >= ?", "e.cluster_id IS NOT NULL"]
    params.append(min_outlets)
    query = ("SELECT c.cluster_id, c.first_seen, c.root, c.source_country, c.target_country, "
             "coalesce(e.outlet, a.outlet) AS outlet, count(*) AS mentions, "
             "string_agg(DISTINCT e.modality, ',' ORDER BY e.modality) AS modalities, "
             "mode(e.quad_class) AS quad_class, avg(e.goldstein) AS goldstein "
             "FROM events e JOIN clusters c USING (cluster_id) "
             "LEFT JOIN articles a USING (doc_id) "
             f"{_sql_where(conds)} GROUP BY ALL "
             "ORDER BY c.first_seen, c.cluster_id, outlet")
    return _run(store, query, params)


def network(store: Store, start: Day = None, end: Day = None, *, min_count: int = 1,
            include_copies: bool = False,
            filters: EventFilter | None = None) -> nx.DiGraph:
    """Actors as nodes (``RUS/GOV``: country/sector) and source → target edges.

    Edge attributes: ``weight`` (events), ``q1``…``q4``, ``goldstein`` (mean); node
    attributes: ``country``, ``sector``, ``events``. Pairs with fewer than ``min_count``
    events are left out.
    """
    frame = top_dyads(store, 2**62, start, end, include_copies=include_copies,
                      filters=filters)
    frame = frame[frame["events"] >= min_count]
    graph = nx.DiGraph()
    for row in frame.itertuples(index=False):
        ends = []
        for country, sector in ((row.source_country, row.source_sector),
                                (row.target_country, row.target_sector)):
            sector = sector if isinstance(sector, str) else None
            node = f"{country}/{sector or ''}".rstrip("/")
            if node not in graph:
                graph.add_node(node, country=country, sector=sector or "", events=0)
            graph.nodes[node]["events"] += int(row.events)
            ends.append(node)
        goldstein = float(row.goldstein) if pd.notna(row.goldstein) else 0.0
        graph.add_edge(*ends, weight=int(row.events), q1=int(row.q1), q2=int(row.q2),
                       q3=int(row.q3), q4=int(row.q4), goldstein=goldstein)
    return graph


def sql(store: Store, query: str) -> pd.DataFrame:
    """The result of one read-only statement (SELECT, WITH … SELECT, DESCRIBE, SHOW…).

    Anything else, or more than one statement, raises ``ValueError``. On a store
    opened for writing the statement runs in a transaction that is always rolled back.
    """
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise ValueError(f"not valid SQL: {exc}") from None
    if len(statements) != 1:
        raise ValueError(f"give exactly one statement (got {len(statements)})")
    if statements[0].type != duckdb.StatementType.SELECT:
        raise ValueError(f"only SELECT, WITH, DESCRIBE and SHOW statements are allowed, "
                         f"not {statements[0].type.name}")
    if store.read_only:
        return _run(store, query, [])
    store.con.execute("BEGIN TRANSACTION")
    try:
        return _run(store, query, [])
    finally:
        store.con.execute("ROLLBACK")
