"""Generated bad inputs through the real CLI: ``extract``, ``clean`` and ``ingest --db``.

Every input class of issue 11, mixed with good records: each good record carries a unique
id and the sentence "Russia attacked Turkey ..." (which the coder codes, CAMEO 190), with
a number that makes its text unique. Inputs are written in directories of ``--per-dir``
files (one CLI start per directory and command: the model loads once per start); a few
special inputs run alone (``/dev/zero``, a named pipe, a 6 MB one-line text, a 5-million-line
text, a 900 KB text, a huge title without text, 270 KB of emoji and zero-width characters).

Counted, over every invocation:

* **crashes**: a Python traceback in stderr, or death by a signal;
* **hangs**: no exit within ``--timeout`` seconds (the process group is killed);
* **peak memory**: the largest resident set of one invocation (its process tree, sampled
  every 0.1 s);
* **good records**: expected vs found (``extract``: a ``doc_id`` in the JSON events;
  ``clean``: its ``== id`` line; ``ingest``: events with that ``doc_id`` in the store);
* **bad stderr lines**: lines that are not one ``error:``/``warning:`` line naming a file of
  the input (the progress and ``dedup:`` lines of ``ingest`` are allowed).

    .venv/bin/python benchmarks/fuzz.py [--inputs 5000] [--per-dir 100] [--seed 11]

The last line printed is ``crashes=... hangs=... peak_mb=... good=found/expected ...``.
"""

from __future__ import annotations

import argparse
import base64
import codecs
import collections
import gzip
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import psutil

EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))
GOOD = "Russia attacked Turkey on Monday, officials in Ankara said in report {n}."
OK_LINE = re.compile(r"^(error|warning): \S.*$")
ALLOWED = re.compile(r"^(ingest: \d+|dedup: |error: nothing could be read)")
EMOJI = ["\U0001F600", "\u200d", "\u200b", "\U0001F44D\U0001F3FD", "\u2764\ufe0f", "%", "!",
         "\U0001F1FA\U0001F1F8", "\u2026", "\u00a9"]
MARKUP = ["[/red]", "[[/]]", "[bold]", "[/]", ":smile:", "[link=x]"]


@dataclass
class Case:
    """One generated input: its files (name → bytes) and the ids of its good records."""

    kind: str
    files: dict[str, bytes]
    good: list[str] = field(default_factory=list)


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.n = 0

    def good(self, case: Case, prefix: str = "g") -> tuple[str, str]:
        self.n += 1
        ident = f"{prefix}{self.n}"
        case.good.append(ident)
        return ident, GOOD.format(n=self.n)

    def junk_text(self, size: int) -> str:
        kind = self.r.choice(["emoji", "b64", "js", "table", "words", "markup"])
        if kind == "emoji":
            return "".join(self.r.choice(EMOJI) for _ in range(size))
        if kind == "b64":
            return base64.b64encode(self.r.randbytes(size)).decode()[:size]
        if kind == "js":
            return ("var a=function(b){return b*2};" * (size // 30 + 1))[:size]
        if kind == "table":
            return ("|---" * (size // 4 + 1))[:size]
        if kind == "markup":  # short: words that are not English make a text "not English"
            return " ".join(self.r.choice(MARKUP) for _ in range(min(size, 200) // 6 + 1))
        return ("The talks in the capital went on for hours. " * (size // 45 + 1))[:size]

    def bad_bytes(self) -> bytes:
        return self.r.choice([
            b"\xff\xfe\x00\x00garbage", b"caf\xe9 latin-1 text", b"\x80\x81\x82",
            codecs.BOM_UTF16_LE + "Russia attacked Turkey.".encode("utf-16-le"),
            b"\x00\x01\x02binary", self.r.randbytes(64), b"", b"   \n\n  ",
            b"\xed\xa0\x80 encoded surrogate"])

    # -- one generator per input class --------------------------------------------------
    def text(self) -> Case:
        case = Case("text", {})
        if self.r.random() < 0.6:
            ident, sentence = self.good(case)
            junk = self.junk_text(self.r.choice([10, 200, 2000, 20000]))
            body = self.r.choice([f"{sentence}\n{junk}\n", f"{junk}\n\n{sentence}\n",
                                  f"{sentence}\r\n{junk}", f"\ufeff{sentence}\r{junk}\r"])
            case.files[f"{ident}.txt"] = body.encode()
        else:
            case.files[f"b{self.r.randrange(10**9)}.txt"] = self.bad_bytes()
        return case

    def jsonl(self) -> Case:
        case = Case("jsonl", {})
        lines: list[bytes] = []
        for _ in range(self.r.randint(1, 8)):
            if self.r.random() < 0.5:
                ident, sentence = self.good(case)
                record: dict[str, object] = {"id": ident, "text": sentence}
                extra = self.r.choice(["none", "bad-date", "0001", "9999", "surrogate", "markup",
                                       "title-list", "nul", "big-title", "emoji"])
                if extra == "bad-date":
                    record["published"] = "9999-99-99"
                elif extra == "0001":
                    record["published"] = "0001-01-02"
                    record["text"] = f"{sentence} Talks were held last week."
                elif extra == "9999":
                    record["published"] = "9999-12-30"
                    record["text"] = f"{sentence} Talks will follow next week."
                elif extra == "surrogate":
                    record["title"] = "lone \udc80 surrogate"
                    record["text"] = f"{sentence} \ud800"
                elif extra == "markup":
                    record["outlet"] = self.r.choice(MARKUP)
                    record["title"] = self.r.choice(MARKUP) + " headline"
                elif extra == "title-list":
                    record["title"] = ["a", {"b": 1}]
                elif extra == "nul":
                    record["text"] = f"{sentence}\u0000 trailing"
                elif extra == "big-title":
                    record["title"] = "T" * self.r.choice([5000, 200_000])
                elif extra == "emoji":
                    record["text"] = f"{sentence} {self.junk_text(3000)}"
                lines.append(json.dumps(record).encode())
            else:
                depth = self.r.choice([50, 5000, 200_000])
                lines.append(self.r.choice([
                    ("[" * depth + "]" * depth).encode(), b'{"id": 1, "text": ["list"]}',
                    b'{"text": ', b"[1, 2]", b'"a string"', b'{"id": "x"}', b"\xff\xfe{",
                    b'{"id": "n", "text": 5}', b'{"text": "  "}', b"null",
                    ('{"a":' * depth + "1" + "}" * depth).encode(), b"{" + b"\x00" * 9 + b"}"]))
        self.r.shuffle(lines)
        sep = self.r.choice([b"\n", b"\r\n", b"\n\n"])
        case.files[f"j{self.r.randrange(10**9)}.jsonl"] = sep.join(lines) + sep
        return case

    def csv(self) -> Case:
        case = Case("csv", {})
        header = self.r.choice([["id", "text", "outlet"], ["id", "text", "[/red]"],
                                ["", "id", "text"]])
        rows: list[list[str]] = []
        for _ in range(self.r.randint(1, 8)):
            if self.r.random() < 0.5:
                ident, sentence = self.good(case)
                cells = {"id": ident, "text": sentence, "outlet": self.r.choice(MARKUP + ["W"]),
                         "[/red]": "[[/]]", "": "0"}
                row = [cells[c] for c in header]
                if self.r.random() < 0.3:
                    row.append("extra cell")  # ragged but readable
                rows.append(row)
            else:
                rows.append(self.r.choice([["only-one"], [], ["a", "b\x00c", "d"],
                                           ["x", "", ""], ["1", "2", "3", "4", "5"]]))
        out = io.StringIO()
        import csv as csv_module

        writer = csv_module.writer(out, lineterminator=self.r.choice(["\n", "\r\n", "\r"]))
        writer.writerow(header)
        writer.writerows(rows)
        data = out.getvalue().encode()
        if self.r.random() < 0.2:  # an unterminated quote at the very end
            data += b'"never closed,\n'
        case.files[f"c{self.r.randrange(10**9)}.csv"] = data
        return case

    def html(self) -> Case:
        case = Case("html", {})
        if self.r.random() < 0.6:
            ident, sentence = self.good(case)
            filler = " ".join(["The talks went on for several hours in the capital."] * 4)
            title = self.r.choice(["Attack report", "[/red] title [[/]]", "x" * 3000])
            page = (f"<html><head><title>{title}</title></head><body><article><p>{sentence}</p>"
                    f"<p>{filler}</p><p>{self.junk_text(500)}</p></article></body></html>")
            case.files[f"{ident}.html"] = page.encode()
        else:
            case.files[f"h{self.r.randrange(10**9)}.html"] = self.r.choice([
                b"<html><body><div>" * 2000, b"<p>short</p>", self.bad_bytes(),
                b"<html><body>" + b"<div>" * 100_000 + b"</body>", b"<!DOCTYPE html>"])
        return case

    def gz(self) -> Case:
        inner = self.jsonl() if self.r.random() < 0.7 else self.text()
        [(name, data)] = inner.files.items()
        case = Case("gz", {}, list(inner.good))
        packed = gzip.compress(data)
        damage = self.r.choice(["none", "crc", "cut", "fake"])
        if damage == "crc":
            packed = packed[:-8] + bytes(4) + packed[-4:]
        elif damage == "cut" and name.endswith(".jsonl"):
            # the good records first, then a long record of noise in which the file breaks off
            noise = json.dumps({"id": "noise", "n": base64.b64encode(
                self.r.randbytes(60_000)).decode()}).encode()
            packed = gzip.compress(data + noise + b"\n")
            packed = packed[: len(packed) - 20_000]
        elif damage == "cut":
            packed, case.good = packed[: len(packed) // 2], []
        elif damage == "fake":
            packed, case.good = data, []
        case.files[name + ".gz"] = packed
        return case

    def warc(self) -> Case:
        case = Case("warc", {})
        records = []
        for _ in range(self.r.randint(1, 4)):
            ident, sentence = self.good(case, "http://example.org/w")
            body = (f"<html><head><title>Report</title></head><body><article><p>{sentence}</p>"
                    "<p>" + " ".join(["Officials said the talks went on for hours."] * 4)
                    + "</p></article></body></html>").encode()
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {ident}\r\n"
                    f"WARC-Record-ID: <urn:uuid:{self.n:08d}>\r\n"
                    "WARC-Date: 2019-01-01T00:00:00Z\r\n"
                    "Content-Type: application/http; msgtype=response\r\n"
                    f"Content-Length: {len(http)}\r\n\r\n").encode()
            records.append(head + http + b"\r\n\r\n")
        data = b"".join(records)
        damage = self.r.choice(["none", "garbage", "cut", "gz-cut", "gz"])
        name = f"a{self.r.randrange(10**9)}.warc"
        if damage == "garbage":
            data, case.good = self.r.randbytes(500), []
        elif damage == "cut":
            data = data + records[-1][: len(records[-1]) // 2]
        elif damage == "gz":
            data, name = b"".join(gzip.compress(r) for r in records), name + ".gz"
        elif damage == "gz-cut":
            members = [gzip.compress(r) for r in records]
            data, name = b"".join(members) + members[-1][:40], name + ".gz"
        case.files[name] = data
        return case

    def any(self) -> Case:
        return self.r.choice([self.text, self.jsonl, self.csv, self.html, self.gz, self.warc,
                              self.jsonl, self.csv, self.text])()


@dataclass
class Run:
    command: str
    seconds: float
    rc: int | None
    peak: int
    stderr: str
    stdout: str


def run(args: list[str], timeout: float, stdin: int | None = None) -> Run:
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, stdout=out, stderr=err, stdin=stdin or subprocess.DEVNULL,
                                start_new_session=True)
        peak = 0
        rc = None
        ps = psutil.Process(proc.pid)
        while time.monotonic() - start < timeout:
            rc = proc.poll()
            if rc is not None:
                break
            try:
                rss = ps.memory_info().rss + sum(c.memory_info().rss
                                                 for c in ps.children(recursive=True))
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.1)
        if rc is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        out.seek(0)
        err.seek(0)
        return Run(" ".join(args[1:3]), time.monotonic() - start, rc, peak,
                   err.read().decode("utf-8", "replace"), out.read().decode("utf-8", "replace"))


@dataclass
class Tally:
    inputs: int = 0
    invocations: int = 0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    peak: int = 0
    expected: collections.Counter[str] = field(default_factory=collections.Counter)
    found: collections.Counter[str] = field(default_factory=collections.Counter)
    missing: list[str] = field(default_factory=list)
    bad_lines: list[str] = field(default_factory=list)
    lines: int = 0
    slowest: tuple[float, str] = (0.0, "")
    kind_of: dict[str, str] = field(default_factory=dict)  # good id → its input class

    def add(self, result: Run, where: str, label: str) -> None:
        self.invocations += 1
        self.peak = max(self.peak, result.peak)
        self.slowest = max(self.slowest, (result.seconds, f"{label} {where}"))
        if result.rc is None:
            self.hangs.append(f"{label} {where}")
            print(f"  hang: {self.hangs[-1]}", flush=True)
        elif result.rc < 0 or "Traceback" in result.stderr:
            self.crashes.append(f"{label} {where} rc={result.rc}: "
                                f"{result.stderr.strip().splitlines()[-1:]}")
            print(f"  crash: {self.crashes[-1]}", flush=True)
        for line in result.stderr.splitlines():
            self.lines += 1
            if ALLOWED.match(line):
                continue
            if not OK_LINE.match(line) or where not in line:
                self.bad_lines.append(f"{label}: {line[:300]}")
                print(f"  bad stderr line: {self.bad_lines[-1]}", flush=True)


def found_ids(command: str, result: Run, db: Path | None) -> set[str]:
    if command == "extract":
        ids = set()
        for line in result.stdout.splitlines():
            try:
                ids.add(json.loads(line)["doc_id"])
            except (ValueError, KeyError, TypeError):
                pass
        return ids
    if command == "clean":
        return {line[3:].rsplit(" (", 1)[0] for line in result.stdout.splitlines()
                if line.startswith("== ")}
    if db is None or not db.exists():
        return set()
    with duckdb.connect(str(db), read_only=True) as con:
        return {row[0] for row in con.execute("SELECT DISTINCT doc_id FROM events").fetchall()}


def check(tally: Tally, where: Path, good: list[str], timeout: float, label: str,
          extra: list[str] | None = None) -> None:
    for command in ("extract", "clean", "ingest"):
        db = where.parent / f"{where.name}.duckdb" if command == "ingest" else None
        args = [EVENTWIRE, command, *(extra or [str(where)])]
        if db is not None:
            args += ["--db", str(db)]
        result = run(args, timeout)
        tally.add(result, str(where), f"{label}/{command}")
        if result.rc is None:
            continue
        # clean shows every article read; extract and ingest: those with events
        ids = found_ids(command, result, db)
        tally.expected[command] += len(good)
        hit = [g for g in good if g in ids]
        tally.found[command] += len(hit)
        missing = [f"{command} {where}: {g} ({tally.kind_of.get(g, 'special')})"
                   for g in good if g not in ids]
        tally.missing += missing
        for item in missing[:5]:
            print(f"  missing: {item}", flush=True)
        if db is not None and db.exists():
            db.unlink()


def specials(root: Path) -> list[tuple[str, list[str]]]:
    """Inputs that run alone: (label, paths)."""
    out: list[tuple[str, list[str]]] = [("dev-zero", ["/dev/zero"])]
    fifo_dir = root / "special-fifo-dir"
    fifo_dir.mkdir()
    (fifo_dir / "ok.txt").write_text(GOOD.format(n="fifo-dir") + "\n")
    os.mkfifo(fifo_dir / "pipe.jsonl")
    os.mkfifo(root / "special-pipe.txt")
    out += [("fifo-named", [str(root / "special-pipe.txt")]), ("fifo-in-dir", [str(fifo_dir)])]
    big = {
        "one-line-6mb.txt": ("Russia attacked Turkey " * 270_000).encode(),
        "five-million-lines.txt": b"Russia attacked Turkey.\n" + b"x\n" * 5_000_000,
        "text-900kb.txt": ("Officials met in Ankara and talked at length. " * 20_000).encode(),
        "emoji-270kb.txt": ("\U0001F600\u200d\u200b" * 30_000).encode(),
        "huge-title.jsonl": json.dumps({"id": "t", "title": "T" * 6_000_000,
                                        "text": "x"}).encode() + b"\n",
        "long-line.jsonl": b'{"id": "l", "text": "' + b"a" * 9_000_000 + b'"}\n'
                           + json.dumps({"id": "after-long", "text": GOOD.format(n="long")})
                           .encode() + b"\n",
    }
    for name, data in big.items():
        (root / name).write_bytes(data)
        out.append((name, [str(root / name)]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=5000)
    parser.add_argument("--per-dir", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--keep", type=Path, help="write the inputs here and keep them")
    parser.add_argument("--no-specials", action="store_true", help="only the generated inputs")
    args = parser.parse_args()
    gen = Gen(args.seed)
    root = Path(tempfile.mkdtemp(prefix="ew-fuzz-")) if args.keep is None else args.keep
    root.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    kinds: collections.Counter[str] = collections.Counter()
    started = time.monotonic()
    try:
        for label, paths in [] if args.no_specials else specials(root):
            tally.inputs += 1
            kinds["special"] += 1
            good = ["after-long"] if label == "long-line.jsonl" else []
            if label == "fifo-in-dir":
                good = ["ok"]
            check(tally, Path(paths[0]), good, args.timeout, label, paths)
            print(f"special {label}: done ({time.monotonic() - started:.0f} s)", flush=True)
        batches = (args.inputs + args.per_dir - 1) // args.per_dir
        for batch in range(batches):
            # markup in the paths: "…/[red]batch-000/[/red]g1.txt" names a closing tag
            folder = root / f"[red]batch-{batch:03d}"
            folder.mkdir()
            (folder / "sub").mkdir()
            (folder / "[").mkdir()
            marked = Case("markup-path", {})
            ident, sentence = gen.good(marked, "red]g")
            (folder / "[" / f"{ident}.txt").write_text(sentence + "\n")
            good: list[str] = list(marked.good)
            for i in range(min(args.per_dir, args.inputs - tally.inputs)):
                case = gen.any()
                kinds[case.kind] += 1
                tally.inputs += 1
                target = folder / "sub" if i % 5 == 0 else folder
                for name, data in case.files.items():
                    (target / name).write_bytes(data)
                good += case.good
                tally.kind_of.update((g, f"{case.kind} {name}") for g in case.good)
            os.mkfifo(folder / "a-pipe.txt")
            check(tally, folder, good, args.timeout, f"batch {batch}")
            if args.keep is None:
                shutil.rmtree(folder)
            print(f"batch {batch + 1}/{batches}: inputs={tally.inputs} "
                  f"crashes={len(tally.crashes)} hangs={len(tally.hangs)} "
                  f"found={dict(tally.found)}/{dict(tally.expected)} "
                  f"bad_lines={len(tally.bad_lines)} peak_mb={tally.peak / 2**20:.0f} "
                  f"({time.monotonic() - started:.0f} s)", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"inputs by class: {dict(kinds)}")
    print(f"slowest invocation: {tally.slowest[0]:.1f} s ({tally.slowest[1]})")
    for title, items in (("crashes", tally.crashes), ("hangs", tally.hangs),
                         ("missing good records", tally.missing),
                         ("bad stderr lines", tally.bad_lines)):
        for item in items[:15]:
            print(f"{title}: {item}")
    good = " ".join(f"{c}={tally.found[c]}/{tally.expected[c]}" for c in tally.expected)
    print(f"inputs={tally.inputs} invocations={tally.invocations} crashes={len(tally.crashes)} "
          f"hangs={len(tally.hangs)} peak_mb={tally.peak / 2**20:.0f} good: {good} "
          f"stderr_lines={tally.lines} bad_stderr_lines={len(tally.bad_lines)} "
          f"seconds={time.monotonic() - started:.0f}")


if __name__ == "__main__":
    main()
