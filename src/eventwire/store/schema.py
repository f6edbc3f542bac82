"""The store's tables, defined once: columns, DDL, and the rows built from records.

Each table is a tuple of ``(column, DuckDB type)``; the DDL, the Arrow schemas used
for bulk inserts and ``docs/store.md`` (checked by a test) all follow these tuples.

* ``articles`` — one row per article id: its text and metadata, the content hash
  that makes ingest idempotent, and which coder coded it.
* ``events`` — one row per event: every :class:`~eventwire.records.Event` field
  flattened into columns, plus ``record`` (the full ``Event.to_dict()`` as JSON).
* ``actors`` — the distinct actors ever stored, by ``key`` (see :func:`actor_key`).
* ``clusters`` — the same event reported by several articles or outlets; created
  empty here and filled by the cross-outlet dedup stage (as are ``articles.copy_of``
  and ``events.cluster_id``).
* ``meta`` — ``key``/``value`` pairs: ``schema_version``, ``coder_version`` …
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa

from ..records import Actor, Article, Event

SCHEMA_VERSION = 1

Columns = tuple[tuple[str, str], ...]

ARTICLES: Columns = (
    ("doc_id", "VARCHAR PRIMARY KEY"),
    ("content_hash", "VARCHAR NOT NULL"),
    ("outlet", "VARCHAR"),
    ("url", "VARCHAR"),
    ("published", "DATE"),
    ("title", "VARCHAR"),
    ("text", "VARCHAR NOT NULL"),
    ("source_path", "VARCHAR"),
    ("source_record", "VARCHAR"),
    ("language", "VARCHAR"),
    ("coder_version", "VARCHAR"),
    ("num_events", "INTEGER NOT NULL"),
    ("ingested_at", "TIMESTAMP NOT NULL"),
    ("coded_at", "TIMESTAMP NOT NULL"),
    ("copy_of", "VARCHAR"),
)

ROLES = ("source", "target", "speaker")
_ACTOR_FIELDS = ("text", "name", "country", "sector", "kind", "id", "key")

EVENTS: Columns = (
    ("event_id", "VARCHAR PRIMARY KEY"),
    ("doc_id", "VARCHAR NOT NULL"),
    ("sentence_index", "INTEGER NOT NULL"),
    ("sentence", "VARCHAR"),
    ("span_start", "INTEGER"),
    ("span_end", "INTEGER"),
    ("cameo", "VARCHAR NOT NULL"),
    ("root", "VARCHAR NOT NULL"),
    ("plover_type", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("plover_context", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("modality", "VARCHAR"),
    *((f"{role}_{field}", "VARCHAR") for role in ROLES for field in _ACTOR_FIELDS),
    ("quote", "VARCHAR"),
    ("outlet", "VARCHAR"),
    ("date", "DATE"),
    ("date_precision", "VARCHAR"),
    ("date_source", "VARCHAR"),
    ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"),
    ("trigger", "VARCHAR"),
    ("rule", "VARCHAR"),
    ("headline", "BOOLEAN NOT NULL"),
    ("coder_version", "VARCHAR"),
    ("background", "BOOLEAN"),  # added in eventwire 0.3 (an older store gains it on opening)
    ("record", "JSON NOT NULL"),
    ("cluster_id", "VARCHAR"),
)

ACTORS: Columns = (
    ("key", "VARCHAR PRIMARY KEY"),
    ("name", "VARCHAR"),
    ("country", "VARCHAR"),
    ("sector", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("id", "VARCHAR"),
    ("members", "VARCHAR[]"),
)

CLUSTERS: Columns = (
    ("cluster_id", "VARCHAR PRIMARY KEY"),
    ("root", "VARCHAR"),
    ("source_country", "VARCHAR"),
    ("source_sector", "VARCHAR"),
    ("target_country", "VARCHAR"),
    ("target_sector", "VARCHAR"),
    ("first_seen", "DATE"),
    ("last_seen", "DATE"),
    ("num_mentions", "INTEGER"),
    ("num_articles", "INTEGER"),
    ("num_outlets", "INTEGER"),
)

META: Columns = (
    ("key", "VARCHAR PRIMARY KEY"),
    ("value", "VARCHAR"),
)

TABLES: dict[str, Columns] = {
    "meta": META, "articles": ARTICLES, "events": EVENTS, "actors": ACTORS, "clusters": CLUSTERS,
}
#: Secondary indexes: events are deleted and looked up by article.
INDEXES = ("CREATE INDEX IF NOT EXISTS events_doc_id ON events (doc_id)",)


def ddl() -> list[str]:
    """The statements that create every table and index (each ``IF NOT EXISTS``)."""
    statements = [
        f"CREATE TABLE IF NOT EXISTS {table} ("
        + ", ".join(f"{name} {kind}" for name, kind in columns) + ")"
        for table, columns in TABLES.items()
    ]
    return [*statements, *INDEXES]


def column_names(table: str) -> tuple[str, ...]:
    return tuple(name for name, _ in TABLES[table])


_ARROW = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "DATE": pa.date32(), "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a table's rows, for bulk inserts."""
    return pa.schema([(name, _ARROW[kind.split()[0]]) for name, kind in TABLES[table]])


def arrow_rows(table: str, rows: Sequence[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=arrow_schema(table))


# -- rows from records ------------------------------------------------------------------------


def content_hash(article: Article) -> str:
    """What makes two versions of an article the same: text, title, url, outlet, date."""
    published = article.published.isoformat() if article.published else None
    key = [article.text, article.title, article.url, article.outlet, published]
    return hashlib.sha256(json.dumps(key, ensure_ascii=False).encode("utf-8")).hexdigest()


def article_row(article: Article, digest: str, coder_version: str, num_events: int,
                now: dt.datetime) -> dict[str, Any]:
    return {
        "doc_id": article.id, "content_hash": digest, "outlet": article.outlet,
        "url": article.url, "published": article.published, "title": article.title,
        "text": article.text, "source_path": article.source_path,
        "source_record": article.source_record, "language": article.language,
        "coder_version": coder_version, "num_events": num_events, "ingested_at": now,
        "coded_at": now, "copy_of": None,
    }


def actor_key(actor: Actor) -> str:
    """A stable key for an actor: its data id, else kind, country, sector and name."""
    if actor.id:
        return actor.id
    name = " ".join((actor.name or actor.text).split()).lower()
    return "|".join((actor.kind, actor.country or "", actor.sector or "", name))


def event_row(event: Event) -> dict[str, Any]:
    """One ``events`` row: every field of the event in a column, and the whole record."""
    row: dict[str, Any] = {
        "event_id": event.event_id, "doc_id": event.doc_id,
        "sentence_index": event.sentence_index, "sentence": event.sentence,
        "span_start": event.span.start, "span_end": event.span.end,
        "cameo": event.cameo, "root": event.root,
        "plover_type": event.plover.type if event.plover else None,
        "plover_mode": event.plover.mode if event.plover else None,
        "plover_context": event.plover.context if event.plover else None,
        "quad_class": event.quad_class, "goldstein": event.goldstein,
        "modality": event.modality, "quote": event.quote, "outlet": event.outlet,
        "date": event.date, "date_precision": event.date_precision,
        "date_source": event.date_source,
        "location_name": event.location.name if event.location else None,
        "location_country": event.location.country if event.location else None,
        "location_lat": event.location.lat if event.location else None,
        "location_lon": event.location.lon if event.location else None,
        "trigger": event.evidence.trigger, "rule": event.evidence.rule,
        "headline": event.headline, "coder_version": event.coder_version,
        "background": event.background,
        "record": json.dumps(event.to_dict(), ensure_ascii=False), "cluster_id": None,
    }
    for role in ROLES:
        actor: Actor | None = getattr(event, role)
        for field in _ACTOR_FIELDS:
            if actor is None:
                row[f"{role}_{field}"] = None
            else:
                row[f"{role}_{field}"] = actor_key(actor) if field == "key" else getattr(
                    actor, field)
    return row


def actor_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """The distinct actors of some events, one row per key (the first one seen wins)."""
    rows: dict[str, dict[str, Any]] = {}
    for event in events:
        for role in ROLES:
            actor: Actor | None = getattr(event, role)
            if actor is None:
                continue
            key = actor_key(actor)
            rows.setdefault(key, {
                "key": key, "name": actor.name, "country": actor.country,
                "sector": actor.sector, "kind": actor.kind, "id": actor.id,
                "members": list(actor.members),
            })
    return list(rows.values())
