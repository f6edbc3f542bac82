"""CPU time of ``eventwire extract`` on the worst inputs of at most 1 MB we could construct.

Each input is written to a temporary file and coded by a fresh ``eventwire extract`` (its
output discarded); the CPU time (user + system) of that process is measured with
``resource.getrusage(RUSAGE_CHILDREN)``. The first row is a one-sentence text: its time is
the start-up (Python, the model, the coder's data), which every other row includes; the
column ``minus start-up`` subtracts it. Target (issue 11): at most 5 s of CPU for any
input of one article of at most 1 MB. Files of many articles cost that per article
(linear), shown in the last rows.

    .venv/bin/python benchmarks/bounded.py
"""

from __future__ import annotations

import base64
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))
MB = 1_000_000
PROSE = "Russia and Turkey held talks on Syria in Ankara on Monday, the foreign ministry said. "


def fill(unit: str, size: int = MB) -> str:
    """``unit`` repeated to at most ``size`` bytes of UTF-8."""
    return unit * (size // len(unit.encode()))


def nested_html() -> bytes:
    return b"<html><body>" + b"<div>" * 150_000 + b"</body></html>"


INPUTS: dict[str, Callable[[], tuple[str, bytes]]] = {
    "one sentence (start-up)": lambda: ("a.txt", b"Russia attacked Turkey on Monday."),
    "prose, event-dense, 1 MB": lambda: ("a.txt", fill(PROSE).encode()),
    "% % % …, 1 MB": lambda: ("a.txt", fill("% ").encode()),
    "runs of 100 %, 1 MB": lambda: ("a.txt", fill("%" * 100 + " ").encode()),
    ". . . …, 1 MB": lambda: ("a.txt", fill(". ").encode()),
    "emoji + ZWJ, no space, 1 MB": lambda: ("a.txt", fill("\U0001F600\u200d").encode()),
    "emoji runs of 100 + space, 1 MB": lambda: ("a.txt", fill("\U0001F600" * 100 + " ")
                                               .encode()),
    "base64, one line, 1 MB": lambda: ("a.txt", base64.b64encode(os.urandom(740_000))),
    "x\\n lines, 1 MB": lambda: ("a.txt", b"x\n" * (MB // 2)),
    "words without punctuation, 1 MB": lambda: ("a.txt", fill("talks went on ").encode()),
    "JSONL: nested brackets line, 1 MB": lambda: ("a.jsonl", b"[" * (MB // 2) + b"]" * (MB // 2)
                                                 + b"\n"),
    "JSONL: title 1 MB, text tiny": lambda: ("a.jsonl", json.dumps(
        {"id": "t", "title": "T " * (MB // 2), "text": "Russia attacked Turkey."}).encode()),
    "JSONL: 330,000 lines of {}": lambda: ("a.jsonl", b"{}\n" * (MB // 3)),
    "CSV: one record, 1 MB": lambda: ("a.csv", b"id,text\n1,\"" + fill(PROSE).encode()
                                     + b"\"\n"),
    "HTML: 150,000 nested divs": lambda: ("a.html", nested_html()),
    "HTML: prose page, 1 MB": lambda: ("a.html", b"<html><body><article><p>"
                                      + fill(PROSE).encode() + b"</p></article></body></html>"),
    "gzip bomb: 1 MB of gzip, 1 GB of blank lines": lambda: (
        "a.jsonl.gz", gzip.compress(b"\n" * 1_000_000_000, compresslevel=9)),
    "JSONL: 10 articles of 100 KB prose (many articles)": lambda: ("a.jsonl", b"".join(
        json.dumps({"id": f"p{i}", "text": fill(PROSE, 100_000)}).encode() + b"\n"
        for i in range(10))),
}


def cpu_of(args: list[str]) -> tuple[float, str]:
    """CPU seconds of one run, and its exit status with its last stderr line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return cpu, f"{done.returncode} {last[0][:100]}" if done.returncode else "0"


def main() -> None:
    base = None
    print("| input | bytes | CPU s | minus start-up | exit (and why) |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for label, make in INPUTS.items():
            name, data = make()
            path = Path(folder) / name
            path.write_bytes(data)
            cpu, rc = cpu_of([EVENTWIRE, "extract", str(path)])
            base = cpu if base is None else base
            print(f"| {label} | {len(data):,} | {cpu:.2f} | {cpu - base:.2f} | {rc} |",
                  flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
