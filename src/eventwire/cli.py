"""The ``eventwire`` command: a thin layer over the Python API.

Each command calls the library and turns its errors into one-line messages on
stderr. Exit status: 0 on success, 1 when nothing could be read, 2 on bad usage.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import evaluate as evaluation
from .actors import default_resolver
from .cli_corpus import corpus_app
from .cli_export import export_app
from .cli_log import warnings_to_stderr
from .cli_places import evaluate_places, geocode_app
from .cli_query import query_app, sql_app
from .cli_store import store_app
from .cli_web import serve_app
from .errors import EventwireError, InputError
from .ingest import clean_article, read_articles
from .ingest.limits import sanitise
from .records import Actor, Article, Event

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Source-aware political event data from news.")
evaluate_app = typer.Typer(no_args_is_help=True, help="Measure eventwire on evaluation data.")
app.add_typer(evaluate_app, name="evaluate")
evaluate_app.add_typer(corpus_app)  # corpus, corpus-agreement
app.add_typer(store_app)  # ingest, recode
app.add_typer(export_app)  # export
app.add_typer(query_app, name="query")  # query dyad|actors|dyads|types|claims|outlets|network
app.add_typer(sql_app)  # sql
app.add_typer(serve_app)  # serve
app.add_typer(geocode_app)  # geocode
evaluate_app.command("places")(evaluate_places)  # evaluate places

# a pipe or a file gets wide tables rather than rich's 80-column default. Input text is
# never read as markup or emoji codes (markup=False, emoji=False): styled output is built
# from Text pieces; messages never wrap (soft_wrap=True).
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False,
              width=None if sys.stdout.isatty() else 180)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def _date(value: str | None, what: str = "--published") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=what) from None


class _Errors:
    """Collects per-record input errors, printing each as one line."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: InputError) -> None:
        self.count += 1
        if err.is_terminal:
            err.print(Text.assemble(("error:", "red"), f" {error}"))
        else:  # a pipe or a file: plain lines, fast (rich takes 50 µs a line)
            sys.stderr.write(f"error: {error}\n")


def _read(paths: list[str], fmt: str | None, published: str | None, outlet: str | None,
          ident: str | None, errors: _Errors) -> Any:
    try:
        return read_articles(paths, fmt=fmt, published=_date(published), outlet=outlet, id=ident,
                             on_error=errors)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


PathsArg = Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")]
FmtOpt = Annotated[str | None, typer.Option("--input-format", help="text|jsonl|csv|html")]
PubOpt = Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD (text input).")]
OutletOpt = Annotated[str | None, typer.Option(help="Outlet name (text input).")]
IdOpt = Annotated[str | None, typer.Option("--id", help="Article id (single text file).")]


def _finish(read: int, errors: _Errors) -> None:
    if read == 0:
        err.print(f"error: nothing could be read ({errors.count} error(s))")
        raise typer.Exit(1)


@app.command()
def clean(paths: PathsArg, input_format: FmtOpt = None, published: PubOpt = None,
          outlet: OutletOpt = None, id: IdOpt = None) -> None:
    """Show which lines of each article are kept and which are dropped as web clutter."""
    warnings_to_stderr()
    errors = _Errors()
    n = 0
    for article in _read(paths, input_format, published, outlet, id, errors):
        n += 1
        article = clean_article(article)
        out.print(Text.assemble((f"== {article.id}", "bold"),
                                f" ({article.outlet or 'no outlet'}, "
                                f"{article.published or 'no date'})"))
        if article.dateline:
            d = article.dateline
            out.print(f"   dateline: place={d.place!r} outlet={d.outlet!r} date={d.date_text!r}")
        dropped = {(c.span.start, c.span.end): c for c in article.dropped}
        lines = [(s.start, s.end, True, None) for s in article.kept] + [
            (c.span.start, c.span.end, False, c.reason) for c in dropped.values()]
        for start, end, kept, reason in sorted(lines):
            text = article.text[start:end]
            if kept:
                out.print(Text.assemble("  ", ("keep", "green"), f" {text}"))
            else:
                out.print(Text.assemble("  ", ("drop", "red"), f" {text}  ",
                                        (f"({reason})", "dim")))
    _finish(n, errors)


def _actor_json(text: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {"text": text, "name": None, "country": None, "sector": None, "kind": None,
                "id": None, "members": [], "evidence": None}
    data = actor.to_dict()
    data.pop("span", None)
    return data


@app.command()
def resolve(
    text: Annotated[str | None, typer.Argument(help="The mention, e.g. 'Sergey Lavrov'.")] = None,
    date: Annotated[str | None, typer.Option(help="Date of the mention, YYYY-MM-DD.")] = None,
    context: Annotated[str | None, typer.Option(help="Text around the mention.")] = None,
    batch: Annotated[Path | None, typer.Option(help="JSONL of {id,text,date?,context?}.")] = None,
) -> None:
    """Resolve an actor mention to country and sector (one JSON object per mention)."""
    resolver = default_resolver()
    if batch is None:
        if text is None:
            raise typer.BadParameter("give a mention or --batch FILE")
        actor = resolver.resolve(text, date=_date(date, "--date"), context=context)
        out.print_json(json.dumps(_actor_json(text, actor)))
        return
    errors = _Errors()
    n = 0
    try:
        fh = open(batch, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        raise typer.BadParameter(f"{batch}: {exc.strerror}") from None
    with fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                mention = sanitise(str(item["text"]))
                day = _date(item.get("date"), "date") if item.get("date") else None
                context = item.get("context")
                context = sanitise(context) if isinstance(context, str) else None
            except (ValueError, KeyError, TypeError, AttributeError, RecursionError,
                    typer.BadParameter) as exc:
                reason = "nested too deeply" if isinstance(exc, RecursionError) else exc
                errors(InputError(f"{batch}:{line_no}", f"bad record ({reason})"))
                continue
            actor = resolver.resolve(mention, date=day, context=context)
            resolved = _actor_json(mention, actor)
            # the record's own id comes first; the actor's id moves to "actor_id"
            ident = item.get("id")
            ident = sanitise(ident) if isinstance(ident, str) else ident
            record = {"id": ident, "actor_id": resolved.pop("id"), **resolved}
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    _finish(n, errors)


@app.command()
def actors(paths: PathsArg, input_format: FmtOpt = None, published: PubOpt = None,
           outlet: OutletOpt = None, id: IdOpt = None) -> None:
    """List each article's named actors, resolved to country and sector (a table)."""
    from .pipeline import default_extractor

    warnings_to_stderr()
    errors = _Errors()
    n = 0
    table = Table()
    for col in ("doc", "mention", "country", "sector", "kind", "resolved as"):
        table.add_column(col, overflow="fold")
    articles = _read(paths, input_format, published, outlet, id, errors)
    for article, found in default_extractor().actor_mentions(articles):
        n += 1
        for actor in found:
            table.add_row(article.id, actor.text, actor.country or "", actor.sector or "",
                          actor.kind, actor.name or "")
    out.print(table)
    _finish(n, errors)


def _actor_label(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    return f"{actor.country or '?'}/{actor.sector or '?'} {actor.text}"


def _table(events: list[Event]) -> Table:
    table = Table(show_lines=False, expand=False)
    for col in ("doc", "date", "source", "event", "target", "modality", "speaker", "place"):
        table.add_column(col, overflow="fold")
    for ev in events:
        plover = ev.plover.type if ev.plover else ""
        table.add_row(ev.doc_id, str(ev.date or ""), _actor_label(ev.source),
                      f"{ev.cameo} {plover} ({ev.evidence.trigger})", _actor_label(ev.target),
                      ev.modality, ev.speaker.text if ev.speaker else "",
                      ev.location.name if ev.location else "")
    return table


@app.command()
def extract(paths: PathsArg, input_format: FmtOpt = None, published: PubOpt = None,
            outlet: OutletOpt = None, id: IdOpt = None,
            format: Annotated[str, typer.Option(help="json (one per line) or table")] = "json",
            explain: Annotated[bool, typer.Option(help="Show the parse and the rules.")] = False,
            veto: Annotated[bool, typer.Option(
                help="Drop events the learned veto scores below its threshold (--no-veto: "
                     "the rules alone).")] = True,
            proposer: Annotated[bool, typer.Option(
                help="Add the events the learned proposer finds where the rules found none "
                     "of their root (--no-proposer: without).")] = True,
            counterpart: Annotated[bool, typer.Option(
                help="Infer the country of a side the sentence leaves unnamed from the "
                     "article, with the learned counterpart model (--no-counterpart: "
                     "without).")] = True,
            ) -> None:
    """Code the events in articles: one JSON object per event, or a table."""
    from .coding.coder import COUNTERPART_DEFAULT, PROPOSER_DEFAULT
    from .pipeline import Extractor, default_extractor

    if format not in ("json", "table"):
        raise typer.BadParameter("use json or table", param_hint="--format")
    warnings_to_stderr()
    errors = _Errors()
    extractor = default_extractor() if veto and proposer == PROPOSER_DEFAULT and \
        counterpart == COUNTERPART_DEFAULT else \
        Extractor(veto=veto, proposer=proposer, counterpart=counterpart)
    n = 0
    table_rows: list[Event] = []
    articles = _read(paths, input_format, published, outlet, id, errors)
    for article, events in extractor.extract_many(articles):
        n += 1
        if explain:
            _explain(extractor, article)
        if format == "table":
            table_rows.extend(events)
        else:
            for ev in events:
                sys.stdout.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
    if format == "table":
        out.print(_table(table_rows))
        out.print(f"{len(table_rows)} events from {n} article(s)")
    _finish(n, errors)


def _explain(extractor: Any, article: Article) -> None:
    doc = extractor.nlp(article.body)
    ctx = extractor.coder.context_for(article)
    for index, sent in enumerate(doc.sents):
        out.print(Text.assemble((f"sentence {index}:", "bold"), f" {sent.text.strip()}"))
        for line in extractor.coder.explain(sent, ctx):
            out.print(f"    {line}")


@evaluate_app.command("actors")
def evaluate_actors(
    path: Annotated[Path, typer.Argument(help="JSONL of actor cases.")],
    misses: Annotated[bool, typer.Option(help="List the cases that were missed.")] = False,
) -> None:
    """Country and sector accuracy of the actor resolver on NGEC-style cases."""
    try:
        report = evaluation.evaluate_actors(evaluation.read_cases(path))
    except (OSError, EventwireError) as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from None
    out.print_json(json.dumps(report.to_dict()))
    if misses:
        for miss in report.misses:
            sys.stdout.write(json.dumps(miss, ensure_ascii=False, default=str) + "\n")


@evaluate_app.command("gsr")
def evaluate_gsr(
    path: Annotated[Path, typer.Argument(help="PLOVER gold-standard records (JSON list).")],
    misses: Annotated[bool, typer.Option(help="List the sentences that were missed.")] = False,
) -> None:
    """Type and full accuracy of the coder on PLOVER gold-standard sentences, per half."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        report = evaluation.evaluate_gsr(records)
    except (OSError, ValueError, EventwireError) as exc:
        err.print(f"error: {path}: {exc}")
        raise typer.Exit(1) from None
    out.print_json(json.dumps(report.to_dict()))
    if misses:
        for row in report.rows:
            if not (row["type_ok"] and row["full_ok"]):
                sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def main() -> None:  # pragma: no cover - console entry point
    app()
