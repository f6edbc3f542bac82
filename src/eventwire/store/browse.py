"""Reading events one page or one event at a time: what an event browser needs.

::

    overview(store)                         counts, date range and the values to filter by
    event_page(store, filters, limit, offset) -> {"total": N, "events": [row, ...]}
    event_detail(store, event_id)           the full record, its article, its cluster and
                                            every mention of that cluster, with highlights
    outlet_profiles(store, filters)         per outlet: events, modality and QuadClass mix

Rows are plain dicts of JSON-ready values (dates as ``YYYY-MM-DD``), so the web layer and
notebooks can use them as they are. All values are SQL parameters (see :mod:`.filters`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb

from ..errors import StoreError
from .filters import MODALITIES, EventFilter
from .store import Store

__all__ = ["event_detail", "event_page", "outlet_profiles", "overview"]

#: The columns of an event row in a page: enough for a table line.
ROW_COLUMNS = (
    "event_id", "doc_id", "sentence_index", "date", "date_precision", "cameo", "root",
    "plover_type", "quad_class", "goldstein", "modality",
    "source_text", "source_name", "source_country", "source_sector",
    "target_text", "target_name", "target_country", "target_sector",
    "speaker_text", "speaker_name", "speaker_country", "outlet", "trigger", "rule",
    "location_name", "location_country", "headline", "cluster_id", "sentence",
)
_ROW_SQL = ", ".join(f"e.{c}" for c in ROW_COLUMNS)
MAX_PAGE = 500


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _rows(store: Store, query: str, params: list[Any]) -> list[dict[str, Any]]:
    try:
        cursor = store.con.execute(query, params)
        names = [d[0] for d in cursor.description]
        return [{n: _json_value(v) for n, v in zip(names, row, strict=True)}
                for row in cursor.fetchall()]
    except duckdb.Error as exc:
        raise StoreError(f"{store.path}: query failed: {exc}") from None


def _where(conds: list[str]) -> str:
    return f"WHERE {' AND '.join(conds)}" if conds else ""


def overview(store: Store, filters: EventFilter | None = None) -> dict[str, Any]:
    """The store at a glance: counts, the date range, and the values each filter can take
    (outlets, roots, PLOVER types, modalities, with their event counts)."""
    conds, params = (filters or EventFilter()).conditions()
    where = _where(conds)
    head = _rows(store, "SELECT count(*) AS events, count(DISTINCT doc_id) AS articles, "
                 "count(DISTINCT cluster_id) AS clusters, min(date) AS first_date, "
                 f"max(date) AS last_date FROM events {where}", params)[0]
    facets = {}
    for name, column in (("outlets", "outlet"), ("roots", "root"), ("plover", "plover_type"),
                         ("modalities", "modality"), ("quad_classes", "quad_class")):
        facets[name] = _rows(
            store, f"SELECT {column} AS value, count(*) AS events FROM events {where} "
            f"GROUP BY ALL HAVING {column} IS NOT NULL ORDER BY events DESC, value", params)
    copies = _rows(store, "SELECT count(*) AS n FROM articles WHERE copy_of IS NOT NULL", [])
    return {**head, "copies": copies[0]["n"], "stored_articles": _rows(
        store, "SELECT count(*) AS n FROM articles", [])[0]["n"], **facets}


def event_page(store: Store, filters: EventFilter | None = None, limit: int = 50,
               offset: int = 0) -> dict[str, Any]:
    """One page of events, newest first: ``{"total", "limit", "offset", "events"}``.

    Events of the same date keep the order they were stored in (article by article,
    sentence by sentence), which stays fixed while the store is not written.
    """
    if not 1 <= limit <= MAX_PAGE:
        raise ValueError(f"limit {limit}: use 1 to {MAX_PAGE}")
    if offset < 0:
        raise ValueError(f"offset {offset}: must not be negative")
    conds, params = (filters or EventFilter()).conditions("e")
    where = _where(conds)
    total = _rows(store, f"SELECT count(*) AS n FROM events e {where}", params)[0]["n"]
    # Order narrow rows first (date, then storage order), then fetch the page's rows.
    ids = [row["rowid"] for row in _rows(
        store, f"SELECT e.rowid FROM events e {where} ORDER BY e.date DESC NULLS LAST, e.rowid "
        "LIMIT ? OFFSET ?", [*params, limit, offset])]
    found = {row.pop("rowid"): row for row in _rows(
        store, f"SELECT e.rowid, {_ROW_SQL} FROM events e WHERE e.rowid = ANY(?::BIGINT[])",
        [ids])} if ids else {}
    events = [found[i] for i in ids]
    return {"total": total, "limit": limit, "offset": offset, "events": events}


def highlights(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Where the source, target and trigger are in the event's sentence.

    ``[{"role", "start", "end", "text"}]`` with offsets into ``record["sentence"]``,
    sorted; spans outside the sentence (an actor named in an earlier sentence) are
    left out, and overlapping ones keep the first (trigger before actors).
    """
    sentence = record["sentence"]
    base = record["span"]["start"]
    evidence = record["evidence"]
    found = []
    for role, span in (("trigger", evidence.get("trigger_span")),
                       ("source", evidence.get("source_span")),
                       ("target", evidence.get("target_span"))):
        if not span:
            continue
        start, end = span["start"] - base, span["end"] - base
        if 0 <= start < end <= len(sentence):
            found.append({"role": role, "start": start, "end": end,
                          "text": sentence[start:end]})
    kept: list[dict[str, Any]] = []
    for mark in found:
        if all(mark["end"] <= k["start"] or mark["start"] >= k["end"] for k in kept):
            kept.append(mark)
    return sorted(kept, key=lambda m: m["start"])


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """An event with everything that explains it, or ``None`` if there is no such event.

    ``{"event": full record, "highlights": [...], "article": {...}, "cluster": {...} or
    None, "mentions": [rows of every event in the same cluster, each with "highlights"]}``.
    """
    found = _rows(store, "SELECT e.record, e.cluster_id, a.title, a.outlet, a.url, a.published, "
                  "a.copy_of FROM events e LEFT JOIN articles a USING (doc_id) "
                  "WHERE e.event_id = ?", [event_id])
    if not found:
        return None
    row = found[0]
    record = json.loads(row["record"])
    article = {"doc_id": record["doc_id"], "title": row["title"], "outlet": row["outlet"],
               "url": row["url"], "published": row["published"], "copy_of": row["copy_of"]}
    cluster = None
    mentions: list[dict[str, Any]] = []
    if row["cluster_id"] is not None:
        clusters = _rows(store, "SELECT * FROM clusters WHERE cluster_id = ?", [row["cluster_id"]])
        cluster = clusters[0] if clusters else None
        mentions = _rows(store, f"SELECT {_ROW_SQL}, e.record, a.title, a.copy_of "
                         "FROM events e LEFT JOIN articles a USING (doc_id) "
                         "WHERE e.cluster_id = ? ORDER BY e.outlet NULLS LAST, e.date, e.doc_id, "
                         "e.sentence_index", [row["cluster_id"]])
        for mention in mentions:
            mention["highlights"] = highlights(json.loads(mention.pop("record")))
    return {"event": record, "highlights": highlights(record), "article": article,
            "cluster": cluster, "mentions": mentions}


def outlet_profiles(store: Store, filters: EventFilter | None = None) -> list[dict[str, Any]]:
    """Per outlet: ``events``, ``articles``, ``clusters`` (distinct), ``shared_clusters``
    (clusters some other outlet also reported), mean ``goldstein``, and counts per
    modality and QuadClass (``asserted`` … ``alleged``, ``q1`` … ``q4``)."""
    conds, params = (filters or EventFilter()).conditions("e")
    conds.append("e.outlet IS NOT NULL")
    modal = ", ".join(f"count(*) FILTER (e.modality = '{m}') AS {m}" for m in MODALITIES)
    quads = ", ".join(f"count(*) FILTER (e.quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))
    query = ("SELECT e.outlet, count(*) AS events, count(DISTINCT e.doc_id) AS articles, "
             "count(DISTINCT e.cluster_id) AS clusters, "
             "count(DISTINCT e.cluster_id) FILTER (c.num_outlets > 1) AS shared_clusters, "
             f"avg(e.goldstein) AS goldstein, {modal}, {quads} "
             "FROM events e LEFT JOIN clusters c USING (cluster_id) "
             f"{_where(conds)} GROUP BY ALL ORDER BY events DESC, e.outlet")
    return _rows(store, query, params)
