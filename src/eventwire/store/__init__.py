"""The event store: articles, events and actors in one DuckDB file.

::

    read_items(paths) ──► Store.ingest(items, batch_size, workers) ──► IngestSummary
                              │  one transaction per batch; unchanged articles skipped
                              ▼
          articles ─┬─ events ── actors          clusters (filled by dedup)    meta

    with Store.open("events.duckdb") as store:
        summary = store.ingest(read_items(["news/"]), workers=2)
        events = store.events_frame()

The tables are described in ``docs/store.md`` and defined in :mod:`.schema`; the
ingest loop in :mod:`.store`; parallel coding in :mod:`.workers`. The public API is
``__all__``.
"""

from __future__ import annotations

from .ingest import IngestProgress, IngestSummary, estimate_articles, read_items
from .schema import SCHEMA_VERSION, actor_key, content_hash
from .store import Store
from .workers import CodingPool

__all__ = [
    "SCHEMA_VERSION",
    "CodingPool",
    "IngestProgress",
    "IngestSummary",
    "Store",
    "actor_key",
    "content_hash",
    "estimate_articles",
    "read_items",
]
