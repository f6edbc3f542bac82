"""``eventwire evaluate corpus`` and ``corpus-agreement``: the Guardian gold corpus scorer.

A thin layer over :mod:`eventwire.evaluate_corpus`. Register on the evaluate group with
``evaluate_app.add_typer(corpus_app)``. Prints tables (dev and test side by side) or, with
``--json``, one JSON object.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .cli_log import warnings_to_stderr
from .errors import EventwireError
from .evaluate_corpus import (
    DEFAULT_CSV,
    DEFAULT_SPLIT,
    HALVES,
    AgreementReport,
    CorpusReport,
    CorpusScores,
    GoldSentence,
    Tally,
    agreement,
    evaluate_corpus,
    read_gold,
    read_split,
)

corpus_app = typer.Typer(add_completion=False, no_args_is_help=True)
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False,
              width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)

GoldArg = Annotated[list[str], typer.Argument(
    help="Gold files or glob patterns, e.g. eval/corpus_gold/*.jsonl.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON object, for scripts.")]


def _prf(t: Tally) -> str:
    return f"{t.precision:.3f} {t.recall:.3f} {t.f1:.3f}"


def _rate(right: int, total: int) -> str:
    return f"{right / total:.3f} ({right}/{total})" if total else "-"


def _tables(report: CorpusReport, halves: tuple[str, ...] = HALVES) -> list[Table]:
    columns = [(v, h) for v in report.scores for h in halves]
    heads = [f"{h}{'' if v == 'as written' else ' ' + v}" for v, h in columns]
    cells: list[CorpusScores] = [report.scores[v][h] for v, h in columns]
    main = Table("P R F1", *heads, title=f"coder {report.coder_version}")
    main.add_row("articles / sentences", *[f"{s.articles} / {s.sentences}" for s in cells])
    main.add_row("gold / predicted", *[f"{s.event.gold} / {s.event.predicted}" for s in cells])
    for level in ("event", "dyad", "full"):
        main.add_row(level, *[_prf(getattr(s, level)) for s in cells])
    main.add_row("source missing", *[_rate(s.source_missing.right, s.source_missing.total)
                                     for s in cells])
    main.add_row("place right", *[_rate(s.place.right, s.place.total) for s in cells])
    main.add_row("date right", *[_rate(s.date.right, s.date.total) for s in cells])
    quads = Table("QuadClass (event)", *heads)
    for q in sorted({q for s in cells for q in s.by_quad}):
        quads.add_row(str(q), *[_prf(s.by_quad.get(q, Tally())) + f" n={s.by_quad[q].gold}"
                                if q in s.by_quad else "-" for s in cells])
    roots = Table("root (event)", *heads)
    for r in sorted({r for s in cells for r in s.by_root}):
        roots.add_row(r, *[_prf(s.by_root[r]) + f" n={s.by_root[r].gold}"
                           if r in s.by_root else "-" for s in cells])
    return [main, quads, roots]


@corpus_app.command("corpus")
def corpus(
    gold: GoldArg,
    csv: Annotated[Path, typer.Option(help=(
        "The Guardian CSV (article texts); the default may also be set with "
        "EVENTWIRE_GUARDIAN_CSV."))] = DEFAULT_CSV,
    split_file: Annotated[Path, typer.Option(help="The dev/test split.")] = DEFAULT_SPLIT,
    lower: Annotated[bool, typer.Option(
        help="Also score a lower-cased copy of the texts (offsets unchanged).")] = False,
    misses: Annotated[bool, typer.Option(
        help="Group the errors of one half by cause, with examples.")] = False,
    split: Annotated[str, typer.Option(
        help="The half whose errors --misses lists: dev (default) or test. The test half is "
             "for measuring only: never tune on its errors.")] = "dev",
    examples: Annotated[int, typer.Option(help="Examples per cause with --misses.")] = 3,
    veto: Annotated[bool, typer.Option(
        help="Code with the learned veto (--no-veto: the rules alone). The veto is trained on "
             "the dev half: its dev figures are fitted ones.")] = True,
    proposer: Annotated[bool, typer.Option(
        help="Code with the learned proposer (--no-proposer: without). It is trained on the "
             "dev half: its dev figures are fitted ones.")] = True,
    counterpart: Annotated[bool, typer.Option(
        help="Infer the country of a side the sentence leaves unnamed with the learned "
             "counterpart model (--no-counterpart: without). It is trained on the dev half: "
             "its dev figures are fitted ones.")] = True,
    dev_only: Annotated[bool, typer.Option(
        "--dev-only", help="Code and print the dev half alone, for rule work: the test half's "
                           "articles are not coded and no figure of it is printed.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Precision, recall and F1 of the coder on the Guardian gold, dev and test side by side.

    Levels: event (same CAMEO root), dyad (and source and target country), full (and the
    3-digit code, both sectors, the modality); per root and QuadClass; the share of matched
    events missing a source the gold gives; place and date accuracy. See docs/annotation.md.
    """
    if split not in HALVES:
        raise typer.BadParameter("use dev or test", param_hint="--split")
    if dev_only and split != "dev":
        raise typer.BadParameter("--dev-only lists the dev half's errors only",
                                 param_hint="--split")
    halves = ("dev",) if dev_only else HALVES
    from .coding.coder import COUNTERPART_DEFAULT, PROPOSER_DEFAULT
    from .pipeline import Extractor

    warnings_to_stderr(logging.ERROR)  # the coder's per-article warnings are not the point here
    try:
        lines: list[str] | list[GoldSentence] = gold
        if dev_only:  # the test half's lines are dropped before anything is coded
            dev_rows = set(read_split(split_file)["dev"])
            lines = [x for x in read_gold(gold) if x.row in dev_rows]
        report = evaluate_corpus(lines, csv_path=csv, split_path=split_file, lower=lower,
                                 extractor=None if veto and proposer == PROPOSER_DEFAULT
                                 and counterpart == COUNTERPART_DEFAULT
                                 else Extractor(veto=veto, proposer=proposer,
                                                counterpart=counterpart))
    except (OSError, EventwireError) as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from None
    grouped = report.scores["as written"][split].misses(max(examples, 0)) if misses else None
    if json_:
        data = report.to_dict()
        if dev_only:
            data["scores"] = {v: {"dev": h["dev"]} for v, h in data["scores"].items()}
        if grouped is not None:
            data["misses"] = {"half": split, "causes": grouped}
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    for table in _tables(report, halves):
        out.print(table)
    if report.unannotated:
        out.print(f"not yet annotated (no event in any line), left out: {report.unannotated}")
    if report.outside_split:
        out.print(f"rows in neither half, left out: {report.outside_split}")
    if grouped is not None:
        out.print(f"errors by cause, {split} half (an event can have several):")
        for cause, entry in grouped.items():
            out.print(f"  {cause}: {entry['count']}")
            for ex in entry["examples"]:  # type: ignore[attr-defined]
                out.print(f"    {ex['sentence']:>8}  gold {ex['gold'] or '-'}  |  "
                          f"predicted {ex['predicted'] or '-'}")


def _agreement_table(report: AgreementReport) -> Table:
    table = Table("pass 1 vs pass 2", "value")
    table.add_row("rows", " ".join(map(str, report.rows)) or "-")
    table.add_row("sentences", str(report.sentences))
    table.add_row("event P R F1", _prf(report.event))
    table.add_row("dyad P R F1", _prf(report.dyad))
    table.add_row("events (pass 1 / pass 2)", f"{report.event.gold} / {report.event.predicted}")
    table.add_row("sentence has an event: kappa", f"{report.kappa:.3f}")
    table.add_row("  both / 1 only / 2 only / neither",
                  f"{report.both} / {report.first_only} / {report.second_only} / "
                  f"{report.neither}")
    return table


@corpus_app.command("corpus-agreement")
def corpus_agreement(gold: GoldArg, json_: JsonOpt = False) -> None:
    """Agreement of the two annotation passes on the rows coded twice.

    Event and dyad F1 of pass 2 against pass 1, and Cohen's kappa on "the sentence has an
    event", over the rows both passes have annotated.
    """
    try:
        report = agreement(read_gold(gold))
    except (OSError, EventwireError) as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(1) from None
    if json_:
        sys.stdout.write(json.dumps(report.to_dict()) + "\n")
    else:
        out.print(_agreement_table(report))
