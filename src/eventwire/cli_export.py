"""``eventwire export``: the stored events as GDELT, ICEWS, PLOVER, CSV, Parquet or GraphML.

A thin layer over :func:`eventwire.store.exports.export`. Register the command on the
main app at the top level with ``app.add_typer(export_app)``. On its own, the app
has this one command, so ``python -m eventwire.cli_export OUT --format ...`` runs it
(without the word ``export``).

Output: the file OUT, and one line on stdout saying how many rows were written. Errors
are one line on stderr. Exit status: 0 on success, 1 when the store cannot be read or
OUT cannot be written, 2 on bad usage (an unknown format or a bad ``--where`` filter).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from .errors import StoreError
from .store import Store
from .store.exports import FORMATS, export, parse_where

export_app = typer.Typer(add_completion=False, no_args_is_help=True,
                         help="Export the events of a store.")

out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)

OutArg = Annotated[Path, typer.Argument(metavar="OUT", help="The file to write.")]
DbOpt = Annotated[Path, typer.Option("--db", help="The store (a DuckDB file).")]
FormatOpt = Annotated[str, typer.Option("--format", help="|".join(FORMATS))]
WhereOpt = Annotated[list[str] | None, typer.Option(
    "--where", help="A filter FIELD OP VALUE, e.g. root=19, source_country=RUS, "
                    "date>=2017-01-01 (repeat: all must hold). See docs/exports.md.")]
HeaderOpt = Annotated[bool | None, typer.Option(
    "--header/--no-header",
    help="Header line of gdelt, icews and csv (default: none for gdelt, else one).")]


@export_app.command("export")
def export_command(out_path: OutArg, db: DbOpt = Path("events.duckdb"),
                   format: FormatOpt = "csv", where: WhereOpt = None,
                   header: HeaderOpt = None) -> None:
    """Write the stored events (those matching every --where) to OUT in one format."""
    fmt = format.lower()
    if fmt not in FORMATS:
        _fail(f"--format: unknown format {format!r}; use one of {', '.join(FORMATS)}", 2)
    try:
        parse_where(where)
    except ValueError as exc:
        _fail(f"--where: {exc}", 2)
    try:
        with Store.open(db, read_only=True) as store:
            rows = export(store, fmt, out_path, where, header=header)
    except (StoreError, OSError, ValueError) as exc:
        _fail(str(exc), 1)
    what = "edges" if fmt == "graphml" else "events"
    out.print(f"{rows} {what} written to {out_path} ({fmt})", markup=False)


def _fail(message: str, code: int) -> NoReturn:
    err.print(f"error: {message}", markup=False)
    raise typer.Exit(code)


if __name__ == "__main__":  # pragma: no cover - python -m eventwire.cli_export
    export_app()
