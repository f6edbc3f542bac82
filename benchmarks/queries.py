"""Time ``dyad`` and ``top_actors`` on 10 million synthetic events (best of 3; target < 1 s).

The rows are made inside DuckDB (``INSERT ... SELECT`` from ``range()`` with random
columns): 100,000 articles (1,000 of them copies), 40 countries, 6 sectors, 20 roots,
five years of dates. Usage: ``python benchmarks/queries.py [--events 10000000]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from eventwire.store import Store
from eventwire.store import queries as q

ARTICLES = """
INSERT INTO articles (doc_id, content_hash, outlet, published, text, num_events,
                      ingested_at, coded_at, copy_of)
SELECT 'doc-' || i, 'h' || i, 'outlet-' || (i % 12), DATE '2015-01-01' + (i % 1826)::INT,
       'text', 4, TIMESTAMP '2020-01-01', TIMESTAMP '2020-01-01',
       CASE WHEN i % 100 = 99 THEN 'doc-' || (i - 1) END
FROM range(?) t(i)"""

EVENTS = """
INSERT INTO events (event_id, doc_id, sentence_index, cameo, root, quad_class, goldstein,
                    modality, source_country, source_sector, target_country, target_sector,
                    outlet, date, headline, record)
SELECT printf('%016x', i), 'doc-' || (i % ?), 0, lpad((1 + i % 20)::VARCHAR, 2, '0') || '0',
       lpad((1 + i % 20)::VARCHAR, 2, '0'), 1 + (random() * 4)::INT % 4,
       round(random() * 20 - 10, 1), 'asserted',
       'C' || (random() * 39)::INT, ['GOV','MIL','REB','CVL','BUS','MED'][1 + (random() * 5)::INT],
       'C' || (random() * 39)::INT, ['GOV','MIL','REB','CVL','BUS','MED'][1 + (random() * 5)::INT],
       'outlet-' || (i % 12), DATE '2015-01-01' + (random() * 1825)::INT, false, '{}'
FROM range(?) t(i)"""


def best_of(n: int, call: object) -> tuple[float, object]:
    times, result = [], None
    for _ in range(n):
        start = time.perf_counter()
        result = call()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "q.duckdb") as store:
        start = time.perf_counter()
        store.con.execute(ARTICLES, [args.articles])
        store.con.execute(EVENTS, [args.articles, args.events])
        store.con.execute("CHECKPOINT")
        print(f"inserted {args.events:,} events, {args.articles:,} articles in "
              f"{time.perf_counter() - start:.1f} s")
        for name, call in [
            ("dyad C1 C2 by month", lambda: q.dyad(store, "C1", "C2", by="month")),
            ("dyad C1/GOV C2 directed, 2016", lambda: q.dyad(
                store, "C1/GOV", "C2", directed=True, start="2016-01-01", end="2016-12-31")),
            ("top_actors 20", lambda: q.top_actors(store, 20)),
            ("top_actors 20, 2017", lambda: q.top_actors(store, 20, "2017-01-01", "2017-12-31")),
        ]:
            seconds, frame = best_of(3, call)
            verdict = "ok" if seconds < 1 else "SLOW (target < 1 s)"
            print(f"{name:<32} {seconds * 1000:8.0f} ms  ({len(frame)} rows)  {verdict}")


if __name__ == "__main__":
    main()
