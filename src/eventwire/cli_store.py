"""``eventwire ingest`` and ``eventwire recode``: the event store from the command line.

A thin layer over :class:`eventwire.store.Store`. Register the commands on the main app
at the top level with ``app.add_typer(store_app)`` (or one by one with
``app.command("ingest")(ingest)``). ``python -m eventwire.cli_store ingest ...`` runs
them without the main app.

Output: read errors and coder failures one line each on stderr as they happen; a
progress bar on stderr when it is a terminal (articles/s, events/s, and an ETA from a
quick count of the input), else one plain line per committed batch (at most one every
two seconds); the summary on stdout at the end (``--json`` for one JSON object).
Exit status: 0 on success, 1 when the store cannot be opened or written or nothing
could be read, 2 on bad usage, 130 when interrupted (the committed batches stay).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from .cli_log import warnings_to_stderr
from .errors import InputError, StoreError
from .store import IngestProgress, IngestSummary, Store, estimate_articles, read_items
from .store.watch import WatchPass

store_app = typer.Typer(add_completion=False, no_args_is_help=True,
                        help="Build and update an event store (a DuckDB file).")

# input text is never read as markup or emoji codes; messages never wrap
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)

PathsArg = Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")]
DbOpt = Annotated[Path, typer.Option("--db", help="The store (a DuckDB file; created if new).")]
BatchOpt = Annotated[int, typer.Option(min=1, help="Articles per batch (one transaction each).")]
WorkersOpt = Annotated[int, typer.Option(min=1, help="Coding processes (1: in this process).")]
FmtOpt = Annotated[str | None, typer.Option("--input-format",
                                            help="text|jsonl|csv|html|warc")]
PubOpt = Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD (text input).")]
OutletOpt = Annotated[str | None, typer.Option(help="Outlet name (text input).")]
IdOpt = Annotated[str | None, typer.Option("--id", help="Article id (single text file).")]
CsvMapOpt = Annotated[str | None, typer.Option(
    "--csv-map", help="CSV columns for Article fields, e.g. id=index,published=date,outlet=source")]
ProgressOpt = Annotated[bool | None, typer.Option(
    "--progress/--no-progress", help="Progress bar (default: when stderr is a terminal).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the summary as one JSON object.")]
ClusterOpt = Annotated[str | None, typer.Option(
    "--cluster", help="Code on a Dask cluster: local[:N] or a scheduler, tcp://host:8786.")]
OutOpt = Annotated[Path | None, typer.Option(
    "--out", help="With --cluster: write events as Parquet files to this new directory "
                  "instead of --db.")]


@store_app.command("ingest")
def ingest(paths: PathsArg, db: DbOpt = Path("events.duckdb"), batch_size: BatchOpt = 64,
           workers: WorkersOpt = 1, input_format: FmtOpt = None, published: PubOpt = None,
           outlet: OutletOpt = None, id: IdOpt = None, csv_map: CsvMapOpt = None,
           progress: ProgressOpt = None, json_summary: JsonOpt = False,
           cluster: ClusterOpt = None, out_dir: OutOpt = None,
           dedup: Annotated[bool, typer.Option(
               "--dedup/--no-dedup", help="Afterwards, flag copied articles and group the "
               "events into clusters (docs/store.md).")] = True) -> None:
    """Code articles and store them with their events; unchanged articles are skipped."""
    from .scale import ingest_on_cluster, parse_address

    try:
        items = read_items(paths, fmt=input_format, published=_date(published), outlet=outlet,
                           id=id, csv_mapping=_csv_map(csv_map))
        if cluster is not None:
            parse_address(cluster)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    if cluster is not None and workers != 1:
        raise typer.BadParameter("--workers and --cluster are alternatives; give one")
    if out_dir is not None and cluster is None:
        raise typer.BadParameter("--out needs --cluster (e.g. --cluster local:2)")
    if cluster is None:
        summary = _run(db, "ingest", lambda store: estimate_articles(paths, input_format),
                       progress, lambda store, show, errors: store.ingest(
                           items, batch_size=batch_size, workers=workers, progress=show,
                           on_error=errors))
    else:
        warnings_to_stderr()
        for handler in logging.getLogger().handlers:  # Dask logs its comings and goings
            handler.setLevel(logging.WARNING)         # at INFO: not shown
        summary = _run(out_dir or db, "ingest",
                       lambda store: estimate_articles(paths, input_format), progress,
                       lambda store, show, errors: ingest_on_cluster(
                           store or out_dir, items, address=cluster, batch_size=batch_size,
                           progress=show, on_error=errors), store=out_dir is None)
    _report(summary, json_summary, "ingest")
    if summary.articles_read == 0:
        err.print("error: nothing could be read")
        raise typer.Exit(1)
    if dedup and out_dir is None:
        _dedup(db)


def _dedup(db: Path) -> None:
    """Run copy detection and event clustering over the whole store; one line on stderr."""
    from .store.clusters import cluster as cluster_events

    try:
        with Store.open(db) as store:
            done = cluster_events(store)
    except StoreError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None
    err.print(f"dedup: {done.copies} copied article(s), {done.clusters} event cluster(s) "
              f"({done.multi_article_clusters} reported by several articles)", markup=False)


@store_app.command("recode")
def recode(db: DbOpt = Path("events.duckdb"), batch_size: BatchOpt = 64,
           workers: WorkersOpt = 1,
           stale: Annotated[bool, typer.Option(
               help="Only articles coded by another coder version.")] = False,
           progress: ProgressOpt = None, json_summary: JsonOpt = False) -> None:
    """Code the stored articles again with the current coder, replacing their events."""
    from .coding import CODER_VERSION
    from .coding.veto import versioned

    if not db.exists():
        err.print(f"error: {db}: no such store; create it with `eventwire ingest --db {db}`",
                  markup=False)
        raise typer.Exit(1)
    summary = _run(db, "recode", lambda store: store.counts()["articles"], progress,
                   lambda store, show, errors: store.recode(
                       batch_size=batch_size, workers=workers, progress=show, on_error=errors,
                       unless_version=versioned(CODER_VERSION) if stale else None))
    _report(summary, json_summary, "recode")


@store_app.command("watch")
def watch(inbox: Annotated[Path, typer.Argument(help="The folder to watch (or one file).")],
          db: DbOpt = Path("events.duckdb"), batch_size: BatchOpt = 16,
          workers: WorkersOpt = 1, input_format: FmtOpt = None, csv_map: CsvMapOpt = None,
          interval: Annotated[float, typer.Option(min=0.05, help="Seconds between scans.")]
          = 1.0,
          settle: Annotated[float, typer.Option(min=0, help="Seconds a file's size and time "
                                                "must stay the same before it is read.")] = 1.0,
          once: Annotated[bool, typer.Option(
              "--once", help="Code what is in INBOX now, then stop.")] = False,
          dedup: Annotated[bool, typer.Option(
              "--dedup/--no-dedup", help="Flag copies and cluster events after each pass.")]
          = True) -> None:
    """Code new and changed files as they land in INBOX into the store, until Ctrl-C."""
    from .store import CodingPool
    from .store.watch import Inbox, Watcher

    if not inbox.exists():
        raise typer.BadParameter(f"{inbox}: no such folder", param_hint="INBOX")
    try:
        options = {"fmt": input_format, "csv_mapping": _csv_map(csv_map)}
        read_items([], **options)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    warnings_to_stderr()
    pool = CodingPool(workers) if workers > 1 else None
    try:
        with Store.open(db) as store, pool or contextlib.nullcontext():
            watcher = Watcher(store, Inbox(inbox, settle=0 if once else settle), pool=pool,
                              read_options=options, dedup=dedup, batch_size=batch_size,
                              on_error=_Errors(), on_pass=_show_pass)
            if once:
                watcher.step()
                return
            err.print(f"watch: coding the files that land in {inbox} into {db}, every "
                      f"{interval:g} s (Ctrl-C to stop)", markup=False)
            watcher.run(threading.Event(), interval)  # until Ctrl-C
    except StoreError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err.print("watch: stopped; a file not finished is read again on the next start",
                  markup=False)


def _show_pass(done: WatchPass) -> None:
    s = done.summary
    clusters = "" if done.clusters is None else f", {done.clusters} cluster(s)"
    err.print(f"watch: {len(done.files)} file(s): {s.articles_new} new, {s.articles_changed} "
              f"changed, {s.articles_unchanged} unchanged article(s), {s.events_stored} "
              f"event(s), {s.read_errors + s.coder_failed} error(s){clusters}", markup=False)


# -- running, showing, reporting --------------------------------------------------------------


def _run(db: Path, what: str, total: Callable[[Store], int | None], progress: bool | None,
         call: Callable[[Store, _Display, _Errors], IngestSummary], store: bool = True
         ) -> IngestSummary:
    """Open the store, show progress and errors, and run ``call``; errors → one line, exit 1.

    With ``store=False`` nothing is opened (``call`` and ``total`` get None).
    """
    warnings_to_stderr()
    errors = _Errors()
    show = _Display(what, err.is_terminal if progress is None else progress)
    try:
        with Store.open(db) if store else contextlib.nullcontext() as opened:
            show.total = total(opened)  # type: ignore[arg-type]
            with show:
                return call(opened, show, errors)  # type: ignore[arg-type]
    except StoreError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        err.print(f"interrupted: {show.batches} batch(es) were stored; run the same command "
                  "again to go on", markup=False)
        raise typer.Exit(130) from None


class _Errors:
    """Prints each read error and coder failure as one line."""

    def __call__(self, error: InputError) -> None:
        if err.is_terminal:
            err.print(f"error: {error}", markup=False)
        else:  # a pipe or a file: plain lines, fast (rich takes 50 µs a line)
            sys.stderr.write(f"error: {error}\n")


class _Display:
    """A rich progress bar, or plain lines when stderr is not a terminal."""

    def __init__(self, what: str, bar: bool) -> None:
        self.what = what
        self.total: int | None = None  # about how many articles; set before entering
        self.batches = 0
        self._last: float | None = None  # when the last plain line was printed
        self._pending: str | None = None  # a plain line not printed yet
        self._bar: Progress | None = None
        if bar:
            self._bar = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rates]}"), TimeElapsedColumn(), TextColumn("ETA"),
                TimeRemainingColumn(), console=err)
            self._task = self._bar.add_task(what, total=None, rates="")

    def __enter__(self) -> _Display:
        if self._bar is not None:
            self._bar.update(self._task, total=self.total)
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self._pending is not None:
            err.print(self._pending, markup=False)

    def __call__(self, p: IngestProgress) -> None:
        self.batches = p.batches
        seconds = max(p.seconds, 1e-9)
        rates = f"{p.articles / seconds:.1f} articles/s  {p.events / seconds:.1f} events/s"
        if self._bar is not None:
            total = self.total if self.total is None else max(self.total, p.articles)
            self._bar.update(self._task, completed=p.articles, total=total, rates=rates)
            return
        of = f"/{self.total}" if self.total else ""
        self._pending = (f"{self.what}: {p.articles}{of} articles, {p.events} events, "
                         f"{p.errors} errors, {p.batches} batch(es) committed ({rates})")
        now = time.monotonic()
        if self._last is None or now - self._last >= 2.0:
            err.print(self._pending, markup=False)
            self._last, self._pending = now, None


def _report(summary: IngestSummary, as_json: bool, what: str) -> None:
    if as_json:
        sys.stdout.write(json.dumps(summary.to_dict()) + "\n")
        return
    if what == "ingest":
        lines = [("articles read", summary.articles_read),
                 ("  new", summary.articles_new),
                 ("  changed (events replaced)", summary.articles_changed),
                 ("  unchanged or duplicate (skipped)", summary.articles_unchanged)]
    else:
        lines = [("articles re-coded", summary.articles_changed)]
    lines += [
        ("  stored without events (not English or empty)", summary.articles_not_coded),
        ("skipped", sum(summary.skipped.values())),
        *((f"  {reason}", n) for reason, n in summary.skipped.items()),
        ("events stored", summary.events_stored),
        ("events removed (replaced)", summary.events_removed),
        ("batches committed", summary.batches),
    ]
    if summary.duplicate_event_ids:
        lines.append(("duplicate event ids dropped", summary.duplicate_event_ids))
    for label, n in lines:
        out.print(f"{label:<48}{n:>9}", markup=False)
    out.print(f"{'seconds':<48}{summary.seconds:>9.1f}", markup=False)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)",
                                 param_hint="--published") from None


def _csv_map(value: str | None) -> dict[str, str] | None:
    """``id=index,published=date`` → ``{"id": "index", "published": "date"}``."""
    if value is None:
        return None
    mapping: dict[str, str] = {}
    for pair in value.split(","):
        field, sep, column = (part.strip() for part in pair.partition("="))
        if not sep or not field or not column:
            raise typer.BadParameter(f"{pair.strip()!r} is not FIELD=COLUMN",
                                     param_hint="--csv-map")
        mapping[field] = column
    return mapping


if __name__ == "__main__":  # pragma: no cover - python -m eventwire.cli_store
    store_app()
