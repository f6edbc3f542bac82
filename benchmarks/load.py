"""A bounded load test of ``eventwire serve`` on 127.0.0.1: requests/s, latency, errors, memory.

What is measured, in one run:

1. **The store**: ``examples/`` is coded and clustered (the real coder), then its articles,
   events and clusters are repeated with new ids and dates spread over four years until
   there are ``--events`` events (default 100,000): real sentences, actors and records.
2. **The server**: ``eventwire serve --db … --workers N`` in its own process on a free
   port of 127.0.0.1 (never another host).
3. **The load**: ``--requests`` requests (default 6,000), stopped early at
   ``--time-limit`` seconds (default 120), from ``--concurrency`` client threads (default
   8) with keep-alive connections: half ``/api/events`` (a page of 50 at a random offset,
   with one of a fixed set of filters), half ``/api/timeseries`` (by day, week or month,
   with one of the same filters). The URL list is drawn with a fixed seed; 100 warm-up
   requests are not counted.

Printed: requests/s, p50/p90/p99/max latency (ms), errors (non-200 or failed), the
server's peak resident memory (its processes summed, sampled every 0.2 s), and the
verdict against the targets (>= 200 req/s, p99 < 200 ms, 0 errors).

    .venv/bin/python benchmarks/load.py [--events 100000] [--requests 6000]
        [--concurrency 8] [--workers 1] [--time-limit 120] [--cache-mb 64]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from eventwire.ingest import read_articles
from eventwire.store import Store
from eventwire.store.clusters import cluster

ROOT = Path(__file__).resolve().parents[1]
FILTERS = ["", "actor=RUS", "actor=USA%2FGOV", "modality=future", "root=19", "outlet=Reuters",
           "dyad=RUS%2CUSA", "quad_class=4", "text=strike", "start=2018-01-01&end=2018-12-31",
           "speaker=RUS", "plover=CONSULT"]


def build_store(db: Path, events: int) -> tuple[int, int]:
    """Code examples/ into a template, then repeat it into ``db``; (events, articles)."""
    template = db.with_name("template.duckdb")
    with Store.open(template) as store:
        store.ingest(read_articles(ROOT / "examples" / "articles.jsonl"))
        cluster(store)
        per_copy = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    copies = max(1, -(-events // per_copy))
    with Store.open(db) as store:
        con = store.con
        con.execute(f"ATTACH '{template}' AS t (READ_ONLY)")
        shift = "(c * 7 % 1460)::INT"
        con.execute(f"""INSERT INTO articles SELECT x.* REPLACE (
            doc_id || '~' || c AS doc_id, content_hash || '~' || c AS content_hash,
            published + {shift} AS published) FROM t.articles x, range(?) r(c)""", [copies])
        con.execute(f"""INSERT INTO events SELECT x.* REPLACE (
            event_id || '~' || c AS event_id, doc_id || '~' || c AS doc_id,
            date + {shift} AS date, cluster_id || '~' || c AS cluster_id)
            FROM t.events x, range(?) r(c)""", [copies])
        con.execute(f"""INSERT INTO clusters SELECT x.* REPLACE (
            cluster_id || '~' || c AS cluster_id, first_seen + {shift} AS first_seen,
            last_seen + {shift} AS last_seen) FROM t.clusters x, range(?) r(c)""", [copies])
        con.execute("INSERT OR IGNORE INTO actors SELECT * FROM t.actors")
        con.execute("DETACH t")
        con.execute("CHECKPOINT")
        return (con.execute("SELECT count(*) FROM events").fetchone()[0],
                con.execute("SELECT count(*) FROM articles").fetchone()[0])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, *options: str, wait_s: float = 120
                 ) -> tuple[subprocess.Popen[bytes], int]:
    """``eventwire serve --db DB OPTIONS`` in its own process on a free port of 127.0.0.1,
    returned once it answers; its stderr goes to a temporary file, shown if it fails."""
    port = free_port()
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", str(port), *options],
        stdout=subprocess.DEVNULL, stderr=log, env={**os.environ})
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline and server.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/overview")
            if conn.getresponse().status == 200:
                return server, port
        except OSError:
            pass
        time.sleep(0.1)
    server.terminate()
    log.seek(0)
    raise SystemExit("the server did not start: " + log.read().decode(errors="replace"))


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and its children (uvicorn's workers)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def urls(n: int, total_events: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        extra = rng.choice(FILTERS)
        if i % 2 == 0:
            offset = rng.randrange(0, min(total_events, 5000) // 50) * 50
            out.append(f"/api/events?limit=50&offset={offset}" + (f"&{extra}" if extra else ""))
        else:
            by = rng.choice(["day", "week", "month"])
            out.append(f"/api/timeseries?by={by}" + (f"&{extra}" if extra else ""))
    return out


def run_load(port: int, todo: list[str], concurrency: int, time_limit: float
             ) -> tuple[list[float], int, float]:
    """(latencies in seconds, errors, elapsed seconds)."""
    lock = threading.Lock()
    queue = iter(todo)
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + time_limit

    def client() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                url = next(queue, None)
            if url is None:
                break
            start = time.perf_counter()
            try:
                conn.request("GET", url)
                response = conn.getresponse()
                body = response.read()
                ok = response.status == 200 and body[:1] in (b"{", b"[")
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                errors += 0 if ok else 1
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=6000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=120.0)
    parser.add_argument("--cache-mb", type=int, default=64,
                        help="the server's response cache (0: none)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        started = time.perf_counter()
        events, articles = build_store(db, args.events)
        print(f"store: {events:,} events, {articles:,} articles "
              f"({time.perf_counter() - started:.1f} s to build)")
        server, port = start_server(db, "--workers", str(args.workers),
                                    "--cache-mb", str(args.cache_mb))
        try:
            peak = [tree_rss(server.pid)]
            sampling = threading.Event()

            def sample() -> None:
                while not sampling.wait(0.2):
                    peak[0] = max(peak[0], tree_rss(server.pid))

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            run_load(port, urls(100, events, seed=1), args.concurrency, 60)
            load_before = os.getloadavg()[0]
            latencies, errors, seconds = run_load(
                port, urls(args.requests, events), args.concurrency, args.time_limit)
            sampling.set()
            sampler.join()
        finally:
            server.terminate()
            server.wait(timeout=30)
    done = len(latencies)
    ms = sorted(x * 1000 for x in latencies)
    quantile = statistics.quantiles(ms, n=100, method="inclusive")
    rate = done / seconds
    figures = {
        "requests": done, "seconds": round(seconds, 2), "requests_per_s": round(rate, 1),
        "p50_ms": round(quantile[49], 1), "p90_ms": round(quantile[89], 1),
        "p99_ms": round(quantile[98], 1), "max_ms": round(ms[-1], 1), "errors": errors,
        "server_peak_rss_mib": round(peak[0] / 2**20), "workers": args.workers,
        "concurrency": args.concurrency, "cache_mb": args.cache_mb, "events": events,
        "distinct_urls": len(set(urls(args.requests, events))), "load_avg_before": load_before,
    }
    print(json.dumps(figures))
    met = rate >= 200 and quantile[98] < 200 and errors == 0 and done == args.requests
    print(f"requests_per_s={rate:.1f} p99_ms={quantile[98]:.1f} errors={errors} "
          f"target(>=200 req/s, p99<200 ms, 0 errors): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
