"""One abusive client against ``eventwire serve``: the worst text it can post to
``/api/extract``, in a loop, while other clients read. Does the server keep its latency?

What is measured, in one run (all on 127.0.0.1):

1. **The store and server**: ``examples/`` repeated to ``--events`` events (as in
   ``load.py``); ``eventwire serve`` with its defaults (one process, 64 MiB cache, a 10 s
   budget per text).
2. **The worst input**: each candidate below (about 990 KB, under the 1 MB body cap) is
   posted once; the one whose answer takes longest is the attack. Candidates: emoji with
   zero-width joiners and no space; zero-width spaces between letters; one base64 blob;
   dense political sentences; one sentence of 150,000 words without a full stop;
   a minified script; a markdown table of numbers.
3. **Baseline**: ``--readers`` clients read (``/api/events`` and ``/api/timeseries``, the
   URL mix of ``load.py``) for ``--seconds`` seconds with no attack.
4. **Under attack**: the same reads for the same time while one more client posts the
   worst input without pause (each answer: 200 coded, or 503 over budget / busy).

Printed: each candidate's answer time and status; reads' p50 / p99 / max and errors,
baseline and under attack; the attack's answers by status. Target: p99 of the reads
under attack < 500 ms.

    .venv/bin/python benchmarks/abuse.py [--events 20000] [--seconds 60] [--readers 4]
        [--cache-mb 64]
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import random
import statistics
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from load import build_store, run_load, start_server, urls

SIZE = 990_000
MAX_BODY = 999_000  # the server's body cap is 1,000,000 bytes


def candidates() -> dict[str, str]:
    rng = random.Random(5)
    sentence = ("Russian jets attacked rebel positions near Idlib on Monday, and Turkey "
                "condemned the strikes, the Syrian Observatory for Human Rights said. ")
    words = ["army", "rebels", "Turkey", "attacked", "Russia", "talks", "and", "said", "Idlib"]
    return {
        "emoji+ZWJ run": ("\U0001F468\u200d\U0001F469\u200d\U0001F467" * SIZE)[:SIZE // 4],
        "zero-width between letters": ("a\u200b" * SIZE)[:SIZE // 3],
        "base64 blob": base64.b64encode(rng.randbytes(SIZE * 3 // 4)).decode()[:SIZE],
        "dense political sentences": (sentence * (SIZE // len(sentence) + 1))[:SIZE],
        "one sentence without a stop": " ".join(rng.choice(words) for _ in range(SIZE // 7)),
        "minified script": ("var a=function(b){return b&&b.c?b.c(1):0};" * SIZE)[:SIZE],
        "table of numbers": ("| 1 | 2.5 | 3,000 | -4 |\n" * SIZE)[:SIZE],
    }


def post(port: int, text: str, timeout: float = 120) -> tuple[int, float]:
    body = json.dumps({"text": text}, ensure_ascii=False).encode("utf-8")
    start = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn.request("POST", "/api/extract", body=body,
                     headers={"content-type": "application/json"})
        response = conn.getresponse()
        response.read()
        code = response.status
    except (OSError, http.client.HTTPException):
        code = 0
    return code, time.perf_counter() - start


def reads(port: int, events: int, readers: int, seconds: float, seed: int
          ) -> tuple[list[float], int]:
    return run_load(port, urls(1_000_000, events, seed=seed), readers, seconds)[:2]


def summary(latencies: list[float]) -> str:
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return f"{len(ms)} reads, p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms, max {ms[-1]:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--cache-mb", type=int, default=64,
                        help="the server's response cache (0: every read is a query)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "abuse.duckdb"
        events, _ = build_store(db, args.events)
        server, port = start_server(db, "--cache-mb", str(args.cache_mb))
        try:
            deadline = time.monotonic() + 300  # the server loads the coder's model first
            while post(port, "Turkey condemned the strikes.")[0] != 200:
                if time.monotonic() > deadline:
                    raise SystemExit("the coder did not answer within 300 s")
                time.sleep(1)
            timed = {}
            for name, text in candidates().items():
                while len(json.dumps({"text": text}, ensure_ascii=False).encode()) > MAX_BODY:
                    text = text[:len(text) * 49 // 50]  # JSON escapes: fit under the cap
                code, seconds = post(port, text)
                timed[name] = (seconds, text)
                print(f"candidate {name!r} ({len(text.encode()):,} bytes): {code} in "
                      f"{seconds:.2f} s", flush=True)
            worst = max(timed, key=lambda k: timed[k][0])
            print(f"worst: {worst!r}", flush=True)
            baseline, base_errors = reads(port, events, args.readers, args.seconds, seed=1)
            print(f"baseline: {summary(baseline)}, {base_errors} errors", flush=True)
            stop = threading.Event()
            answers: Counter[int] = Counter()
            durations: list[float] = []

            def attack() -> None:
                while not stop.is_set():
                    code, seconds = post(port, timed[worst][1])
                    answers[code] += 1
                    durations.append(seconds)

            attacker = threading.Thread(target=attack, daemon=True)
            attacker.start()
            time.sleep(1.0)
            attacked, attack_errors = reads(port, events, args.readers, args.seconds, seed=2)
            stop.set()
            attacker.join()
            print(f"under attack: {summary(attacked)}, {attack_errors} errors", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=60)
    q = statistics.quantiles(sorted(x * 1000 for x in attacked), n=100, method="inclusive")
    print(json.dumps({
        "worst_input": worst, "attack_answers": dict(answers),
        "attack_answer_max_s": round(max(durations), 2),
        "baseline_p99_ms": round(statistics.quantiles(
            sorted(x * 1000 for x in baseline), n=100, method="inclusive")[98], 1),
        "attack_p99_ms": round(q[98], 1), "read_errors": base_errors + attack_errors,
        "load_avg": os.getloadavg()[0]}))
    print(f"target (p99 of reads under attack < 500 ms): {'met' if q[98] < 500 else 'NOT met'}")


if __name__ == "__main__":
    main()
