"""``eventwire query …`` and ``eventwire sql``: ask an event store questions.

A thin layer over :mod:`eventwire.store.queries`. Register on the main app with
``app.add_typer(query_app, name="query")`` and ``app.add_typer(sql_app)`` (``sql`` at
the top level); ``python -m eventwire.cli_query dyad RUS USA`` runs the queries alone.

The store is opened read-only. Output: a table, or ``--format csv`` / ``--format json``
(one JSON object per line) on stdout. Exit status: 0 on success, 1 when the store
cannot be opened or the query fails, 2 on bad usage.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import networkx as nx
import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from .errors import StoreError
from .store import Store
from .store import queries as q
from .store.filters import EventFilter

query_app = typer.Typer(add_completion=False, no_args_is_help=True,
                        help="Ask an event store questions (counts, actors, outlets, network).")
sql_app = typer.Typer(add_completion=False, no_args_is_help=True,
                      help="Run one read-only SQL statement on an event store.")

# stored text (actors, outlets) is never read as markup or emoji codes
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False,
              width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)

DbOpt = Annotated[Path, typer.Option("--db", help="The store (a DuckDB file).")]
StartOpt = Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")]
EndOpt = Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")]
NOpt = Annotated[int, typer.Option("-n", "--n", min=1, help="How many rows.")]
FormatOpt = Annotated[str, typer.Option("--format", help="table, csv or json (one per line).")]
CopiesOpt = Annotated[bool, typer.Option("--include-copies",
                                         help="Count the events of copied articles too.")]
NamedOpt = Annotated[bool, typer.Option(
    "--named-sides", help="Only events whose sides the text names (none whose country the "
                          "counterpart model inferred from the article).")]
DB = Path("events.duckdb")
T = TypeVar("T")


def _only(named_sides: bool) -> EventFilter | None:
    """The filter of ``--named-sides``, when given."""
    return EventFilter(named_sides=True) if named_sides else None


def _ask(db: Path, fmt: str, call: Callable[[Store], pd.DataFrame]) -> None:
    """Open the store read-only, run ``call`` and print its frame."""
    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter("use table, csv or json", param_hint="--format")
    _print(_with_store(db, call), fmt)


def _with_store(db: Path, call: Callable[[Store], T]) -> T:
    """``call`` on the store opened read-only; its errors → one line (exit 1) or usage (2)."""
    try:
        with Store.open(db, read_only=True) as store:
            return call(store)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    except StoreError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(1) from None


def _print(frame: pd.DataFrame, fmt: str) -> None:
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        for record in json.loads(frame.to_json(orient="records", date_format="iso")):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        table = Table()
        for column in frame.columns:
            table.add_column(str(column), overflow="fold")
        for row in frame.itertuples(index=False):
            table.add_row(*("" if _missing(v) else _cell(v) for v in row))
        out.print(table)
        out.print(f"{len(frame)} row(s)", markup=False)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _cell(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, float) else str(value)


@query_app.command("dyad")
def dyad(a: Annotated[str, typer.Argument(help="An actor: COUNTRY or COUNTRY/SECTOR.")],
         b: Annotated[str, typer.Argument(help="The other actor.")],
         by: Annotated[str, typer.Option(help="day, week, month, quarter or year.")] = "month",
         directed: Annotated[bool, typer.Option(help="A row per direction.")] = False,
         start: StartOpt = None, end: EndOpt = None, db: DbOpt = DB,
         format: FormatOpt = "table", include_copies: CopiesOpt = False,
         named_sides: NamedOpt = False) -> None:
    """Events between two actors per period: counts by QuadClass and mean Goldstein."""
    _ask(db, format, lambda s: q.dyad(s, a, b, by, start, end, directed=directed,
                                      include_copies=include_copies,
                                      filters=_only(named_sides)))


@query_app.command("actors")
def actors(n: NOpt = 20, start: StartOpt = None, end: EndOpt = None, db: DbOpt = DB,
           format: FormatOpt = "table", include_copies: CopiesOpt = False,
           named_sides: NamedOpt = False) -> None:
    """The actors (country/sector) in most events."""
    _ask(db, format, lambda s: q.top_actors(s, n, start, end, include_copies=include_copies,
                                            filters=_only(named_sides)))


@query_app.command("dyads")
def dyads(n: NOpt = 20, start: StartOpt = None, end: EndOpt = None, db: DbOpt = DB,
          format: FormatOpt = "table", include_copies: CopiesOpt = False,
          named_sides: NamedOpt = False) -> None:
    """The source → target pairs with most events."""
    _ask(db, format, lambda s: q.top_dyads(s, n, start, end, include_copies=include_copies,
                                           filters=_only(named_sides)))


@query_app.command("types")
def types(level: Annotated[str, typer.Option(help="root, cameo or plover.")] = "root",
          start: StartOpt = None, end: EndOpt = None, db: DbOpt = DB,
          format: FormatOpt = "table", include_copies: CopiesOpt = False,
          named_sides: NamedOpt = False) -> None:
    """Events per type (CAMEO root or code, or PLOVER type)."""
    _ask(db, format, lambda s: q.by_type(s, level, start, end, include_copies=include_copies,
                                         filters=_only(named_sides)))


@query_app.command("claims")
def claims(speaker_country: Annotated[str | None, typer.Option(
               help="Only speakers of this country.")] = None,
           modality: Annotated[str | None, typer.Option(
               help="asserted, negated, hypothetical, future or alleged.")] = None,
           n: NOpt = 50, start: StartOpt = None, end: EndOpt = None, db: DbOpt = DB,
           format: FormatOpt = "table", include_copies: CopiesOpt = False,
           named_sides: NamedOpt = False) -> None:
    """Who claims what: events with a speaker, by speaker and modality."""
    _ask(db, format, lambda s: q.claims(s, speaker_country, modality, start, end, n=n,
                                        include_copies=include_copies,
                                        filters=_only(named_sides)))


@query_app.command("outlets")
def outlets(min_outlets: Annotated[int, typer.Option(
                min=1, help="Clusters reported by at least this many outlets.")] = 2,
            cluster: Annotated[str | None, typer.Option(help="One cluster id.")] = None,
            start: StartOpt = None, end: EndOpt = None, db: DbOpt = DB,
            format: FormatOpt = "table", include_copies: CopiesOpt = False,
            named_sides: NamedOpt = False) -> None:
    """How each outlet reported the same events: modality, QuadClass, Goldstein."""
    _ask(db, format, lambda s: q.outlets(s, min_outlets, start, end, cluster_id=cluster,
                                         include_copies=include_copies,
                                         filters=_only(named_sides)))


@query_app.command("network")
def network(out_file: Annotated[Path | None, typer.Option(
                "--out", help="Write GraphML here instead of printing the edges.")] = None,
            min_count: Annotated[int, typer.Option(min=1, help="Fewest events per edge.")] = 1,
            start: StartOpt = None, end: EndOpt = None, db: DbOpt = DB,
            format: FormatOpt = "table", include_copies: CopiesOpt = False,
            named_sides: NamedOpt = False) -> None:
    """The actor network: source → target edges weighted by events (GraphML with --out)."""
    def build(store: Store) -> nx.DiGraph:
        return q.network(store, start, end, min_count=min_count, include_copies=include_copies,
                         filters=_only(named_sides))

    if out_file is None:
        _ask(db, format, lambda store: _edges(build(store)))
        return
    graph = _with_store(db, build)
    try:
        nx.write_graphml(graph, out_file)
    except OSError as exc:
        err.print(f"error: {out_file}: {exc.strerror}", markup=False)
        raise typer.Exit(1) from None
    err.print(f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges "
              f"written to {out_file}", markup=False)


def _edges(graph: nx.DiGraph) -> pd.DataFrame:
    rows = [{"source": u, "target": v, **data} for u, v, data in graph.edges(data=True)]
    columns = ["source", "target", "weight", "q1", "q2", "q3", "q4", "goldstein"]
    return pd.DataFrame(rows, columns=columns).sort_values(
        ["weight", "source", "target"], ascending=[False, True, True], ignore_index=True)


@sql_app.command("sql")
def sql(query: Annotated[str, typer.Argument(help="One SELECT, WITH, DESCRIBE or SHOW.")],
        db: DbOpt = DB, format: FormatOpt = "table") -> None:
    """Run one read-only SQL statement on the store (tables: docs/store.md)."""
    _ask(db, format, lambda s: q.sql(s, query))


if __name__ == "__main__":  # pragma: no cover - python -m eventwire.cli_query
    query_app()
