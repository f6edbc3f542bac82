"""Live serving: the time from a file landing in the inbox to its events in the API, and the
API's latency while the server codes.

What is measured, in one run (all on 127.0.0.1):

1. **The store**: ``examples/`` coded and repeated to ``--events`` events (as in
   ``load.py``).
2. **The server**: ``eventwire serve --db … --watch INBOX`` in its own process.
3. **Landings**: ``--landings`` times, one new article (a Guardian article from
   ``../shared/corpus``, else an example with a new id) is written to INBOX the way a feed
   should (a hidden ``.part`` name, then a rename); the clock starts at the rename and
   stops when ``/api/status`` reports more events. The first landing also starts the
   coding process and loads its model, so it is reported apart. The dashboard polls
   ``/api/status`` every 3 s, so it shows the events at most 3 s after the API has them.
4. **Reads meanwhile**: one client asks ``/api/events`` and ``/api/timeseries`` (the URL
   mix of ``load.py``) without pause for the whole run; their latency is reported.

    .venv/bin/python benchmarks/live.py [--events 20000] [--landings 8]
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

import psutil  # installed with dask[distributed]
from load import build_store, run_load, start_server, urls

ROOT = Path(__file__).resolve().parents[1]
GUARDIAN = ROOT.parent / "shared" / "corpus" / "guardian_syria_2019.csv"
DASHBOARD_POLL_S = 3.0


def articles(n: int) -> list[dict[str, str]]:
    if GUARDIAN.exists():
        csv.field_size_limit(2**31 - 1)
        with GUARDIAN.open(encoding="utf-8", newline="") as fh:
            rows = [row for _, row in zip(range(n), csv.DictReader(fh), strict=False)]
        return [{"id": f"live-g{row['']}", "text": row["text"], "outlet": row["source"],
                 "published": row["date"][:10]} for row in rows]
    with (ROOT / "examples" / "articles.jsonl").open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return [{**records[i % len(records)], "id": f"live-{i}"} for i in range(n)]


def tree_rss(pid: int) -> int:
    """Resident bytes of the server and every process it started (the coding workers)."""
    root = psutil.Process(pid)
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            pass
    return total


def status(port: int) -> dict[str, object] | None:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/api/status")
        response = conn.getresponse()
        body = response.read()
        return json.loads(body) if response.status == 200 else None
    except OSError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--landings", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "live.duckdb"
        events, _ = build_store(db, args.events)
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        server, port = start_server(db, "--watch", str(inbox))
        try:
            reads: list[float] = []
            read_errors = [0]
            stop = threading.Event()

            def reader() -> None:
                todo = urls(100_000, events, seed=3)
                while not stop.is_set():
                    latencies, errors, _ = run_load(port, todo[:200], 1, 30)
                    reads.extend(latencies)
                    read_errors[0] += errors
                    todo = todo[200:] + todo[:200]

            thread = threading.Thread(target=reader, daemon=True)
            thread.start()
            peak = 0
            lags: list[float] = []
            for n, record in enumerate(articles(args.landings)):
                before = status(port)
                assert before is not None
                part = inbox / f".a{n}.jsonl.part"
                part.write_text(json.dumps(record) + "\n", encoding="utf-8")
                os.replace(part, inbox / f"a{n}.jsonl")
                landed = time.perf_counter()
                while True:
                    now = status(port)
                    if now is not None and now["articles"] > before["articles"]:  # type: ignore[operator]
                        break
                    if time.perf_counter() - landed > 300:
                        raise SystemExit("a landing was not coded within 300 s")
                    time.sleep(0.025)
                lags.append(time.perf_counter() - landed)
                peak = max(peak, tree_rss(server.pid))
                print(f"landing {n + 1}: {lags[-1]:.2f} s to the API "
                      f"({now['events'] - before['events']} events)", flush=True)  # type: ignore[operator]
                time.sleep(1.0)
            stop.set()
            thread.join()
        finally:
            server.terminate()
            server.wait(timeout=60)
    later = lags[1:]
    ms = sorted(x * 1000 for x in reads)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    figures = {
        "first_landing_s": round(lags[0], 2),
        "landing_median_s": round(statistics.median(later), 2),
        "landing_max_s": round(max(later), 2),
        "dashboard_max_s": round(max(later) + DASHBOARD_POLL_S, 2),
        "reads": len(reads), "read_errors": read_errors[0], "read_p50_ms": round(q[49], 1),
        "read_p99_ms": round(q[98], 1), "server_peak_rss_mib": round(peak / 2**20),
        "events": events, "load_avg": os.getloadavg()[0],
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
