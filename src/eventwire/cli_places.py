"""``eventwire geocode``: the place names of a text with their ranked readings; and
``eventwire evaluate places``: the scores on the place gold.

A thin layer over :func:`eventwire.geocode` and :mod:`eventwire.place_eval`. Register with
``app.add_typer(geocode_app)`` and ``evaluate_app.command("places")(evaluate_places)``.
``geocode`` prints a table (or JSON lines with ``--format json``): one row per reading, the
chosen one first for each name, with its score and reasons.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .errors import EventwireError

geocode_app = typer.Typer(add_completion=False, no_args_is_help=True)
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False)


@geocode_app.command("geocode")
def geocode(
    text: Annotated[str, typer.Argument(help="The text, e.g. 'Rebels overran Sinjar.'")],
    context: Annotated[str | None, typer.Option(
        help="More text about the same story: its countries and places break ties.")] = None,
    date: Annotated[str | None, typer.Option(
        help="Date of the text, YYYY-MM-DD (dates the people it names).")] = None,
    top: Annotated[int, typer.Option(help="Readings shown per place name.")] = 3,
    format: Annotated[str, typer.Option(help="table or json (one reading per line)")] = "table",
) -> None:
    """Find the place names of a text and rank each one's readings (scores and reasons)."""
    from .geocode import geocode as run  # noqa: PLC0415 - loads the model

    day = None
    if date is not None:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise typer.BadParameter(f"{date!r} is not a date (YYYY-MM-DD)",
                                     param_hint="--date") from None
    if format not in ("table", "json"):
        raise typer.BadParameter("use table or json", param_hint="--format")
    try:
        found = run(text, context=context, date=day, top=max(top, 1))
    except EventwireError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from None
    if format == "json":
        for c in found:
            out.print(json.dumps(c.to_dict(), ensure_ascii=False), markup=False)
        return
    table = Table("name", "#", "place", "country", "precision", "lat, lon", "GeoNames",
                  "score", "why", show_lines=False)
    for c in found:
        loc = c.location
        where = "" if loc.lat is None or loc.lon is None else f"{loc.lat:.3f}, {loc.lon:.3f}"
        table.add_row(c.text if c.rank == 1 else "", str(c.rank), loc.name, loc.country or "",
                      loc.precision or "", where, str(loc.geonames_id or ""), f"{c.score:.2f}",
                      f"{c.slot}; " + "; ".join(c.reasons))
    if not found:
        err.print("no place names found")
    out.print(table)


def evaluate_places(
    gold: Annotated[Path, typer.Argument(
        help="The place gold (benchmarks/data/places_gold.jsonl).")],
    corpus: Annotated[Path, typer.Option(
        help="The Guardian sample CSV the gold points into.")] = Path(
        "../shared/corpus/guardian_syria_2019.csv"),
    events: Annotated[Path | None, typer.Option(
        help="The event places gold (benchmarks/data/places_events.jsonl).")] = None,
    traps: Annotated[Path | None, typer.Option(
        help="Trap sentences (benchmarks/data/places_traps.jsonl).")] = None,
    misses: Annotated[str | None, typer.Option(help="List the errors of dev or test.")] = None,
) -> None:
    """Score places on the place gold (and trap sentences): dev and test side by side."""
    from . import place_eval  # noqa: PLC0415 - loads the model
    from .pipeline import Extractor  # noqa: PLC0415

    if misses not in (None, "dev", "test"):
        raise typer.BadParameter("use dev or test", param_hint="--misses")
    try:
        texts = place_eval.read_corpus(corpus)
        extractor = Extractor()
        parts = [("Place gold", place_eval.score_gold(
            place_eval.read_jsonl(gold), texts, extractor,
            place_eval.read_jsonl(events) if events else ()))]
        if traps is not None:
            parts.append(("Trap sentences", place_eval.score_traps(
                place_eval.read_jsonl(traps), extractor)))
    except EventwireError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from None
    for title, reports in parts:
        out.print("\n".join(place_eval.report_lines(title, reports)), markup=False)
        if misses and misses in reports:
            for miss in reports[misses].misses:
                out.print(json.dumps(miss, ensure_ascii=False), markup=False)
