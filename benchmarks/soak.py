"""Crash soak: ``kill -9`` at random moments of ``eventwire ingest --workers 2`` and of
``eventwire watch``, each followed by a re-run; the final store must equal an
uninterrupted run's.

What is done, in one run (all on this machine, in a temporary folder):

1. **Input**: the first ``--articles`` Guardian articles (``../shared/corpus``; without
   it, ``examples/``) as JSONL files of ``--per-file`` articles each.
2. **Reference**: ``eventwire ingest FILES --db ref.duckdb --workers 2``, not interrupted.
3. **Ingest soak**: the input is offered file by file, cumulatively (run *i* reads files
   1..i, so every run has new articles to code and store); each run gets ``SIGKILL`` to
   its whole process group (workers too) at a random moment between 0.5 s and the time
   a run took without a kill. A run that ends before its kill does not count; runs go on
   until ``--kills``/2 kills have landed. Then one run to the end over all files.
4. **Watch soak**: ``eventwire watch INBOX --db watch.duckdb`` runs while files are
   copied into INBOX one by one; it is killed at a random moment, started again (the
   re-run), and so on for ``--kills``/2 kills; then ``eventwire watch --once`` finishes.
5. After every kill the store must open, and be consistent (each article's
   ``num_events`` equals its stored events; no event without its article).

Compared with the reference at the end: the articles (id and content hash), the event
ids, the cluster of every event and the copy flags. Printed: kills, stores that opened,
consistent stores, lost and duplicated articles and events, cluster differences.

    .venv/bin/python benchmarks/soak.py [--articles 60] [--per-file 5] [--kills 20] [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]
GUARDIAN = ROOT.parent / "shared" / "corpus" / "guardian_syria_2019.csv"
EVENTWIRE = [sys.executable, "-m", "eventwire"]


def write_input(folder: Path, articles: int, per_file: int) -> list[Path]:
    """The input as JSONL files of ``per_file`` articles each."""
    records: list[dict[str, Any]] = []
    if GUARDIAN.exists():
        csv.field_size_limit(2**31 - 1)
        with GUARDIAN.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                records.append({"id": f"g{row['']}", "text": row["text"], "outlet": row["source"],
                                "published": row["date"][:10]})
                if len(records) == articles:
                    break
    else:
        with (ROOT / "examples" / "articles.jsonl").open(encoding="utf-8") as fh:
            records = [json.loads(line) for line in fh if line.strip()][:articles]
    folder.mkdir(parents=True)
    files = []
    for n in range(0, len(records), per_file):
        path = folder / f"part{n // per_file:03d}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records[n:n + per_file]),
                        encoding="utf-8")
        files.append(path)
    return files


def snapshot(db: Path) -> dict[str, Any]:
    """What must survive: articles, event ids, each event's cluster, copy flags."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": sorted(con.execute("SELECT doc_id, content_hash FROM articles").fetchall()),
            "events": sorted(r[0] for r in con.execute("SELECT event_id FROM events").fetchall()),
            "clusters": dict(con.execute("SELECT event_id, cluster_id FROM events").fetchall()),
            "copies": dict(con.execute("SELECT doc_id, copy_of FROM articles").fetchall()),
        }
    finally:
        con.close()


def check(db: Path) -> tuple[bool, bool, str]:
    """(opens, consistent, why not) of a store just after a kill."""
    if not db.exists():
        return True, True, "not created yet"
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        return False, False, " ".join(str(exc).split())
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "articles" not in tables:
            return True, True, "tables not created yet"
        wrong = con.execute(
            "SELECT count(*) FROM articles a WHERE a.num_events != "
            "(SELECT count(*) FROM events e WHERE e.doc_id = a.doc_id)").fetchone()[0]
        orphans = con.execute(
            "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM articles)"
        ).fetchone()[0]
        return True, wrong == 0 and orphans == 0, f"{wrong} miscounted, {orphans} orphans"
    finally:
        con.close()


def start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen([*EVENTWIRE, *args], stdout=out, stderr=out,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def kill(process: subprocess.Popen[bytes]) -> bool:
    """SIGKILL the process and its workers; False when it had ended already."""
    if process.poll() is not None:
        return False
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return True


def soak_ingest(files: list[Path], db: Path, kills: int, full_seconds: float,
                rng: random.Random, log: Path) -> list[tuple[bool, bool, str]]:
    checks: list[tuple[bool, bool, str]] = []
    upto = 1
    while len(checks) < kills:
        run = start(["ingest", *map(str, files[:upto]), "--db", str(db), "--workers", "2",
                     "--no-progress"], log)
        deadline = time.monotonic() + rng.uniform(0.5, full_seconds)
        while time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.02)
        if kill(run):
            checks.append(check(db))
            print(f"  ingest kill {len(checks)} (files 1..{upto}): opens={checks[-1][0]} "
                  f"consistent={checks[-1][1]} ({checks[-1][2]})", flush=True)
        upto = min(upto + 1, len(files))
    subprocess.run([*EVENTWIRE, "ingest", *map(str, files), "--db", str(db), "--workers", "2",
                    "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return checks


def soak_watch(files: list[Path], db: Path, inbox: Path, kills: int, rng: random.Random,
               log: Path) -> list[tuple[bool, bool, str]]:
    inbox.mkdir()
    pending = list(files)
    checks: list[tuple[bool, bool, str]] = []
    while len(checks) < kills:
        run = start(["watch", str(inbox), "--db", str(db), "--interval", "0.2", "--settle",
                     "0.2"], log)
        deadline = time.monotonic() + rng.uniform(0.5, 12.0)
        while time.monotonic() < deadline and run.poll() is None:
            if pending and rng.random() < 0.012:  # files land now and then
                source = pending.pop(0)
                part = inbox / f".{source.name}.part"
                shutil.copy(source, part)
                os.replace(part, inbox / source.name)
            time.sleep(0.05)
        if kill(run):
            checks.append(check(db))
            print(f"  watch kill {len(checks)} ({len(files) - len(pending)} files landed): "
                  f"opens={checks[-1][0]} consistent={checks[-1][1]} ({checks[-1][2]})",
                  flush=True)
    for source in pending:
        shutil.copy(source, inbox / source.name)
    subprocess.run([*EVENTWIRE, "watch", str(inbox), "--db", str(db), "--once"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return checks


def compare(name: str, got: dict[str, Any], want: dict[str, Any],
            checks: list[tuple[bool, bool, str]]) -> bool:
    got_articles, want_articles = Counter(got["articles"]), Counter(want["articles"])
    got_events, want_events = Counter(got["events"]), Counter(want["events"])
    lost_a = sum((want_articles - got_articles).values())
    dup_a = sum((got_articles - want_articles).values())
    lost_e = sum((want_events - got_events).values())
    dup_e = sum((got_events - want_events).values())
    cluster_diff = sum(1 for e, c in want["clusters"].items() if got["clusters"].get(e) != c)
    copy_diff = sum(1 for d, c in want["copies"].items() if got["copies"].get(d) != c)
    opened = sum(1 for ok, _, _ in checks if ok)
    consistent = sum(1 for _, ok, _ in checks if ok)
    same = not (lost_a or dup_a or lost_e or dup_e or cluster_diff or copy_diff)
    print(f"| {name} | {len(checks)} | {opened}/{len(checks)} | {consistent}/{len(checks)} | "
          f"{len(got['articles'])}/{len(want['articles'])} | "
          f"{len(got['events'])}/{len(want['events'])} | {lost_a} / {dup_a} | "
          f"{lost_e} / {dup_e} | {cluster_diff} | {copy_diff} | {'yes' if same else 'NO'} |")
    return same and opened == consistent == len(checks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--per-file", type=int, default=5)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="eventwire-soak-") as tmp:
        work = Path(tmp)
        files = write_input(work / "input", args.articles, args.per_file)
        log = work / "runs.log"
        started = time.monotonic()
        subprocess.run([*EVENTWIRE, "ingest", *map(str, files), "--db", str(work / "ref.duckdb"),
                        "--workers", "2", "--no-progress"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
        full = time.monotonic() - started
        reference = snapshot(work / "ref.duckdb")
        print(f"reference: {len(files)} files, {len(reference['articles'])} articles, "
              f"{len(reference['events'])} events, uninterrupted ingest {full:.1f} s", flush=True)
        ingest_checks = soak_ingest(files, work / "ingest.duckdb", args.kills // 2, full, rng,
                                    log)
        watch_checks = soak_watch(files, work / "watch.duckdb", work / "inbox",
                                  args.kills - args.kills // 2, rng, log)
        print("\n| run | kills | store opened | consistent | articles | events | "
              "articles lost / duplicated | events lost / duplicated | events in another "
              "cluster | copy flags differing | equal to the reference |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        ok = compare("ingest --workers 2", snapshot(work / "ingest.duckdb"), reference,
                     ingest_checks)
        ok &= compare("watch", snapshot(work / "watch.duckdb"), reference, watch_checks)
        tracebacks = log.read_text(encoding="utf-8", errors="replace").count("Traceback")
        print(f"\ntracebacks in the killed runs' output: {tracebacks}; "
              f"{'PASS' if ok and not tracebacks else 'FAIL'}")
        if not ok:
            sys.exit(1)


if __name__ == "__main__":
    main()
