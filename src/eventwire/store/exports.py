"""Exporting the stored events: GDELT, ICEWS, PLOVER, CSV, Parquet and an actor network.

::

    export(store, "gdelt", "events.tsv", where=["root=19", "date>=2017-01-01"])
        parse_where(...) ──► "e.root = ? AND e.date >= ?" + bound values
        DuckDB COPY (SELECT <format columns> FROM events ...) TO 'events.tsv'  (streamed)

Every table format is written by DuckDB's ``COPY``, which streams the rows to the file
(nothing is held in Python memory); ``graphml`` aggregates the actor network in DuckDB
(one row per edge) and writes it with networkx. The columns of each format are defined
once here (:data:`GDELT_COLUMNS`, :data:`ICEWS_COLUMNS`, :data:`PLOVER_FIELDS`) and
described in ``docs/exports.md`` (checked by a test).

Filters are a small language, never SQL: ``FIELD OP VALUE`` with a whitelisted field
(:data:`FILTER_FIELDS`), an operator of ``= != < <= > >=`` and a value checked against the
field's type and bound as a parameter. Several filters are joined with AND.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import networkx as nx
import pyarrow as pa

from ..errors import StoreError
from ..records import MODALITIES
from . import schema
from .filters import EventFilter
from .store import Store

FORMATS = ("gdelt", "icews", "plover", "csv", "parquet", "graphml")

# -- the filter language ----------------------------------------------------------------------

_CODE = re.compile(r"[A-Za-z0-9_-]{1,16}")
#: The field that is no column: ``named_sides=true`` leaves out events with a side the
#: counterpart model inferred from the article (``named_sides=false`` keeps only those).
NAMED_SIDES = "named_sides"
#: The fields ``--where`` may name, and the pattern a text value must match (None: any text).
FILTER_FIELDS: dict[str, re.Pattern[str] | None] = {
    "event_id": re.compile(r"[0-9a-f]{1,16}"), "doc_id": None,
    "sentence_index": None, "cameo": re.compile(r"\d{2,4}"), "root": re.compile(r"\d{2}"),
    "plover_type": _CODE, "plover_mode": None, "plover_context": None,
    "quad_class": None, "goldstein": None,
    "modality": re.compile("|".join(MODALITIES)),
    **{f"{role}_{field}": (_CODE if field in ("country", "sector", "kind") else None)
       for role in schema.ROLES for field in ("name", "country", "sector", "kind", "key")},
    "outlet": None, "date": None, "date_precision": re.compile("day|week|month|year"),
    "location_name": None, "location_country": _CODE, "headline": None,
    "coder_version": None, "cluster_id": None, "rule": None,
    NAMED_SIDES: None,
}
OPERATORS = ("<=", ">=", "!=", "=", "<", ">")
_FILTER = re.compile(r"\s*([a-z_]+)\s*(<=|>=|!=|=|<|>)\s*(.*?)\s*", re.DOTALL)
_TYPES = {name: kind.split()[0] for name, kind in schema.EVENTS}


def parse_where(filters: str | Sequence[str] | None) -> tuple[str, list[Any]]:
    """``["root=19", "date>=2017-01-01"]`` → ``("e.root = ? AND e.date >= ?", ["19", date])``.

    Raises ``ValueError`` with a one-line message for anything else: an unknown field
    or operator, a value of the wrong type or form, or more than one comparison.
    """
    if filters is None:
        return "TRUE", []
    clauses: list[str] = []
    params: list[Any] = []
    for text in [filters] if isinstance(filters, str) else filters:
        field, op, value = _parse_one(text)
        if field == NAMED_SIDES:
            conds, values = EventFilter(named_sides=True, include_copies=True).conditions("e")
            named = " AND ".join(conds)
            clauses.append(named if value == (op == "=") else f"NOT ({named})")
            params.extend(values)
            continue
        clauses.append(f"e.{field} {op} ?")
        params.append(value)
    return (" AND ".join(clauses) or "TRUE"), params


def _parse_one(text: str) -> tuple[str, str, Any]:
    shown = " ".join(repr(text).split())
    match = _FILTER.fullmatch(text)
    if match is None:
        raise ValueError(f"filter {shown} is not FIELD OP VALUE (e.g. root=19, "
                         f"date>=2017-01-01); operators: {' '.join(OPERATORS)}")
    field, op, raw = match.groups()
    if field not in FILTER_FIELDS:
        raise ValueError(f"filter {shown}: no field {field!r}; fields: "
                         f"{', '.join(sorted(FILTER_FIELDS))}")
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        raw = raw[1:-1]
    if not raw or any(ch in raw for ch in "\x00\n\r\t;"):
        raise ValueError(f"filter {shown}: give one plain value after {op!r} "
                         "(no ; or control characters)")
    if field == NAMED_SIDES:
        if op not in ("=", "!=") or raw.lower() not in ("true", "false"):
            raise ValueError(f"filter {shown}: use named_sides=true or named_sides=false")
        return field, op, raw.lower() == "true"
    kind = _TYPES[field]
    try:
        if kind == "DATE":
            return field, op, dt.date.fromisoformat(raw)
        if kind == "INTEGER":
            return field, op, int(raw)
        if kind == "DOUBLE":
            return field, op, float(raw)
        if kind == "BOOLEAN":
            return field, op, {"true": True, "false": False, "1": True, "0": False}[raw.lower()]
    except (ValueError, KeyError):
        what = {"DATE": "a date YYYY-MM-DD", "INTEGER": "an integer", "DOUBLE": "a number",
                "BOOLEAN": "true or false"}[kind]
        raise ValueError(f"filter {shown}: {field} takes {what}") from None
    pattern = FILTER_FIELDS[field]
    if pattern is not None and not pattern.fullmatch(raw):
        raise ValueError(f"filter {shown}: {raw!r} is not a valid {field} "
                         f"(expected {pattern.pattern})")
    return field, op, raw


# -- the formats ------------------------------------------------------------------------------

_FROM = ("FROM events e LEFT JOIN articles a ON a.doc_id = e.doc_id "
         "LEFT JOIN clusters c ON c.cluster_id = e.cluster_id")
_ORDER = "ORDER BY e.doc_id, e.sentence_index, e.event_id"


def _clean(expr: str) -> str:
    """Text without tabs or line breaks, for the unquoted tab-separated formats."""
    return rf"regexp_replace({expr}, '[\t\n\v\f\r\x{{85}}\x{{2028}}\x{{2029}}]+', ' ', 'g')"


def _actor_code(role: str) -> str:
    country, sector = f"e.{role}_country", f"e.{role}_sector"
    return (f"CASE WHEN {country} IS NULL AND {sector} IS NULL THEN NULL "
            f"ELSE upper(coalesce({country}, '') || coalesce({sector}, '')) END")


def _actor_name(role: str) -> str:
    return f"coalesce(e.{role}_name, e.{role}_text)"


_GLOBAL_ID = ("('0x' || left(CASE WHEN regexp_full_match(e.event_id, '[0-9a-f]{16}') "
              "THEN e.event_id ELSE md5(e.event_id) END, 15))::BIGINT")
_FEATURE = "json_extract_string(e.record, '$.location.feature')"
#: the location's precision (site, city, admin1, country); older records only had a feature
_PRECISION = f"coalesce(json_extract_string(e.record, '$.location.precision'), {_FEATURE})"
_GEO_TYPE = (f"CASE WHEN e.location_name IS NULL AND e.location_country IS NULL THEN NULL "
             f"WHEN {_PRECISION} = 'country' OR e.location_name IS NULL THEN 1 "
             f"WHEN {_PRECISION} IN ('admin', 'admin1', 'state', 'province', 'region') "
             f"THEN CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END "
             f"WHEN e.location_country = 'USA' THEN 3 ELSE 4 END")


def _gdelt_actor(n: int, role: str) -> list[tuple[str, str]]:
    return [(f"Actor{n}Code", _actor_code(role)),
            (f"Actor{n}Name", _clean(f"upper({_actor_name(role)})")),
            (f"Actor{n}CountryCode", f"e.{role}_country"),
            (f"Actor{n}KnownGroupCode", "NULL"), (f"Actor{n}EthnicCode", "NULL"),
            (f"Actor{n}Religion1Code", "NULL"), (f"Actor{n}Religion2Code", "NULL"),
            (f"Actor{n}Type1Code", f"e.{role}_sector"), (f"Actor{n}Type2Code", "NULL"),
            (f"Actor{n}Type3Code", "NULL")]


def _gdelt_geo(prefix: str, filled: bool) -> list[tuple[str, str]]:
    names = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
             "FeatureID")
    if not filled:
        return [(f"{prefix}_{name}", "NULL") for name in names]
    values = (_GEO_TYPE, _clean("e.location_name"), "e.location_country",
              "json_extract_string(e.record, '$.location.admin1')", "NULL",
              "e.location_lat", "e.location_lon",
              "coalesce(json_extract_string(e.record, '$.location.geonames_id'), "
              "json_extract_string(e.record, '$.location.geonameid'))")
    return [(f"{prefix}_{name}", value) for name, value in zip(names, values, strict=True)]


#: The 61 columns of the GDELT 2.0 Events table, in order, with what we put in them.
GDELT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GlobalEventID", _GLOBAL_ID),
    ("Day", "strftime(e.date, '%Y%m%d')"),
    ("MonthYear", "strftime(e.date, '%Y%m')"),
    ("Year", "strftime(e.date, '%Y')"),
    ("FractionDate", "round(year(e.date) + (month(e.date) * 30 + day(e.date)) / 365.0, 4)"),
    *_gdelt_actor(1, "source"),
    *_gdelt_actor(2, "target"),
    ("IsRootEvent", "CASE WHEN e.sentence_index <= 0 THEN 1 ELSE 0 END"),
    ("EventCode", "e.cameo"),
    ("EventBaseCode", "rpad(left(e.cameo, 3), 3, '0')"),
    ("EventRootCode", "e.root"),
    ("QuadClass", "e.quad_class"),
    ("GoldsteinScale", "e.goldstein"),
    ("NumMentions", "coalesce(c.num_mentions, 1)"),
    ("NumSources", "coalesce(c.num_outlets, 1)"),
    ("NumArticles", "coalesce(c.num_articles, 1)"),
    ("AvgTone", "NULL"),
    *_gdelt_geo("Actor1Geo", False),
    *_gdelt_geo("Actor2Geo", False),
    *_gdelt_geo("ActionGeo", True),
    ("DATEADDED", "strftime(a.ingested_at, '%Y%m%d%H%M%S')"),
    ("SOURCEURL", _clean("a.url")),
)

#: ICEWS-style columns (tab-separated, with a header).
ICEWS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Event ID", "e.event_id"),
    ("Event Date", "strftime(e.date, '%Y-%m-%d')"),
    ("Source Name", _clean(_actor_name("source"))),
    ("Source Sectors", "e.source_sector"),
    ("Source Country", "coalesce(sc.name, e.source_country)"),
    ("Event Text", "cd.description"),
    ("CAMEO Code", "e.cameo"),
    ("Intensity", "e.goldstein"),
    ("Target Name", _clean(_actor_name("target"))),
    ("Target Sectors", "e.target_sector"),
    ("Target Country", "coalesce(tc.name, e.target_country)"),
    ("Story ID", _clean("e.doc_id")),
    ("Sentence Number", "e.sentence_index + 1"),
    ("Publisher", _clean("coalesce(e.outlet, a.outlet)")),
    ("City", _clean("e.location_name")),
    ("District", "NULL"),
    ("Province", "NULL"),
    ("Country", "coalesce(lc.name, e.location_country)"),
    ("Latitude", "e.location_lat"),
    ("Longitude", "e.location_lon"),
)
_ICEWS_JOINS = ("LEFT JOIN _ew_cameo cd ON cd.code = e.cameo "
                "LEFT JOIN _ew_countries sc ON sc.code = e.source_country "
                "LEFT JOIN _ew_countries tc ON tc.code = e.target_country "
                "LEFT JOIN _ew_countries lc ON lc.code = e.location_country")

#: The fields of each PLOVER JSON record.
PLOVER_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "e.event_id"),
    ("date", "strftime(e.date, '%Y-%m-%d')"),
    ("actor1", _actor_name("source")),
    ("actor1_country", "e.source_country"),
    ("actor1_sector", "e.source_sector"),
    ("actor2", _actor_name("target")),
    ("actor2_country", "e.target_country"),
    ("actor2_sector", "e.target_sector"),
    ("event_type", "e.plover_type"),
    ("mode", "e.plover_mode"),
    ("context", "e.plover_context"),
    ("modality", "e.modality"),
    ("speaker", _actor_name("speaker")),
    ("speaker_country", "e.speaker_country"),
    ("quote", "e.quote"),
    ("outlet", "e.outlet"),
    ("cameo", "e.cameo"),
    ("sentence", "e.sentence"),
    ("doc_id", "e.doc_id"),
    ("url", "a.url"),
    ("location", "e.location_name"),
    ("location_country", "e.location_country"),
    ("lat", "e.location_lat"),
    ("lon", "e.location_lon"),
    ("location_precision", _PRECISION),
    ("location_admin1", "json_extract_string(e.record, '$.location.admin1')"),
    ("location_geonames_id", "json_extract(e.record, '$.location.geonames_id')::BIGINT"),
)

#: The ``csv`` format: every flattened column of ``events`` (all but ``record``).
CSV_COLUMNS = tuple(name for name in schema.column_names("events") if name != "record")


def _select(columns: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f'{expr} AS "{name}"' for name, expr in columns)


def export(store: Store, fmt: str, out_path: str | Path,
           where: str | Sequence[str] | None = None, *, header: bool | None = None) -> int:
    """Write the events (those matching ``where``) to ``out_path`` in ``fmt``; return the rows.

    ``fmt`` is one of :data:`FORMATS`. ``header`` adds (or leaves out) the header line of
    the tab-separated formats; by default GDELT has none (as GDELT's files) and ICEWS and
    CSV have one. For ``graphml`` the count returned is the number of edges. Raises
    ``ValueError`` for an unknown format or a bad filter, ``OSError`` when the file
    cannot be written, :class:`StoreError` when the store cannot be read.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    condition, params = parse_where(where)
    path = str(out_path)
    try:
        if fmt == "graphml":
            return _graphml(store.con, condition, params, path)
        return _copy(store.con, fmt, condition, params, path, header)
    except duckdb.IOException as exc:
        raise OSError(f"{path}: cannot write the export: {_first_line(exc)}") from None
    except duckdb.Error as exc:
        raise StoreError(f"{store.path}: cannot export: {_first_line(exc)}") from None


def _copy(con: duckdb.DuckDBPyConnection, fmt: str, condition: str, params: list[Any],
          path: str, header: bool | None) -> int:
    joins = ""
    if fmt == "gdelt":
        columns = _select(GDELT_COLUMNS)
        options = f"FORMAT CSV, DELIMITER '\t', QUOTE '', HEADER {bool(header)}"
    elif fmt == "icews":
        columns, joins = _select(ICEWS_COLUMNS), _ICEWS_JOINS
        options = f"FORMAT CSV, DELIMITER '\t', QUOTE '', HEADER {header is not False}"
    elif fmt == "plover":
        columns, options = _select(PLOVER_FIELDS), "FORMAT JSON"
    elif fmt == "csv":
        columns = ", ".join(f"e.{name}" for name in CSV_COLUMNS)
        options = f"FORMAT CSV, HEADER {header is not False}"
    else:  # parquet: every column, with its type (the JSON record as text)
        columns = ", ".join(f"e.{name}" if name != "record" else "e.record::VARCHAR AS record"
                            for name in schema.column_names("events"))
        options = "FORMAT PARQUET"
    query = f"SELECT {columns} {_FROM} {joins} WHERE {condition} {_ORDER}"
    quoted = path.replace("'", "''")
    if fmt == "icews":
        _register_lookups(con)
    try:
        row = con.execute(f"COPY ({query}) TO '{quoted}' ({options})", params).fetchone()
    finally:
        if fmt == "icews":
            con.unregister("_ew_cameo")
            con.unregister("_ew_countries")
    return int(row[0]) if row else 0


def _register_lookups(con: duckdb.DuckDBPyConnection) -> None:
    """CAMEO descriptions and country names, as views over small Arrow tables."""
    import pycountry

    from .. import codes

    table = codes.table()
    con.register("_ew_cameo", pa.table({
        "code": list(table), "description": [c.description for c in table.values()]}))
    countries = list(pycountry.countries)
    con.register("_ew_countries", pa.table({
        "code": [c.alpha_3 for c in countries], "name": [c.name for c in countries]}))


# -- the actor network ------------------------------------------------------------------------


def _node(role: str) -> str:
    """An actor's node: its CAMEO-style code (country + sector), else its actor key."""
    return f"coalesce({_actor_code(role)}, e.{role}_key)"


_EDGES = f"""
WITH ev AS (
    SELECT {_node('source')} AS s, {_node('target')} AS t, e.goldstein,
           {_actor_name('source')} AS s_name, e.source_country AS s_country,
           e.source_sector AS s_sector, {_actor_name('target')} AS t_name,
           e.target_country AS t_country, e.target_sector AS t_sector
    {_FROM} WHERE {{condition}})
SELECT s, t, count(*) AS weight, avg(goldstein) AS mean_goldstein,
       mode(s_name), any_value(s_country), any_value(s_sector),
       mode(t_name), any_value(t_country), any_value(t_sector)
FROM ev WHERE s IS NOT NULL AND t IS NOT NULL
GROUP BY s, t ORDER BY weight DESC, s, t
"""


def _graphml(con: duckdb.DuckDBPyConnection, condition: str, params: list[Any],
             path: str) -> int:
    """The directed actor network: one edge per (source, target) pair, as GraphML."""
    graph = nx.DiGraph()
    cursor = con.execute(_EDGES.format(condition=condition), params)
    edges = 0
    while rows := cursor.fetchmany(10_000):
        for s, t, weight, mean, *attributes in rows:
            for node, (name, country, sector) in ((s, attributes[:3]), (t, attributes[3:])):
                if node not in graph:  # the heaviest edge names the node
                    graph.add_node(node, name=name or "", country=country or "",
                                   sector=sector or "")
            data: dict[str, Any] = {"weight": int(weight)}
            if mean is not None:
                data["mean_goldstein"] = float(mean)
            graph.add_edge(s, t, **data)
            edges += 1
    nx.write_graphml(graph, path, encoding="utf-8")
    return edges


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
