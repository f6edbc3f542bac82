"""Event coding on the Guardian gold corpus (eval/corpus_gold, issue 12), dev and test side by side.

Codes every annotated gold article with the project's pipeline, as written and in a lower-cased
copy (offsets unchanged), and prints precision / recall / F1 at the event (root), dyad (root +
source and target country) and full (3-digit code, sectors, modality) levels, the share of matched
events that miss a source the gold gives, place and date accuracy, and the agreement of the two
annotation passes. The dev half is for tuning; the test half is only measured (a dev-test gap
over 0.05 means fitting). Same figures as ``eventwire evaluate corpus GOLD --lower``.
``--no-veto`` codes with the rules alone, without the learned veto (``eventwire.coding.veto``,
trained on the dev half: its dev figures are fitted ones; ``benchmarks/train_veto.py`` prints
the cross-validated dev figures). ``--proposer`` / ``--no-proposer`` switch the learned proposer
(``eventwire.coding.proposer``, also trained on the dev half; ``benchmarks/train_proposer.py``
prints its cross-validated dev figures) on or off; ``--counterpart`` / ``--no-counterpart``
the learned counterpart model (``eventwire.coding.counterpart``, the country of a side the
sentence leaves unnamed; ``benchmarks/train_counterpart.py``); the defaults are the coder's.

    python benchmarks/corpus.py [GOLD ...] [--csv PATH] [--no-lower] [--no-veto]
                                [--proposer | --no-proposer]
                                [--counterpart | --no-counterpart] [--json] [--dev-only]

``--dev-only`` codes and prints the dev half alone: for rule work, so that the test half stays
unread until the measurement at the end.

GOLD defaults to ``eval/corpus_gold/*.jsonl``; run from the repository root (the CSV defaults to
``../shared/corpus/guardian_syria_2019.csv``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from eventwire.coding.coder import COUNTERPART_DEFAULT, PROPOSER_DEFAULT
from eventwire.errors import EventwireError
from eventwire.evaluate_corpus import (
    HALVES,
    agreement,
    evaluate_corpus,
    gold_arguments,
    read_gold,
)
from eventwire.gold_corpus import read_split
from eventwire.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    gold_arguments(parser, ROOT)
    parser.add_argument("--no-lower", action="store_true")
    parser.add_argument("--no-veto", action="store_true", help="the rules alone, no veto")
    parser.add_argument("--proposer", action=argparse.BooleanOptionalAction,
                        default=PROPOSER_DEFAULT, help="the learned proposer on or off")
    parser.add_argument("--counterpart", action=argparse.BooleanOptionalAction,
                        default=COUNTERPART_DEFAULT,
                        help="the learned counterpart model on or off")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--dev-only", action="store_true",
                        help="code and print the dev half alone (the test half stays unread)")
    args = parser.parse_args()
    started = time.perf_counter()
    halves = ("dev",) if args.dev_only else HALVES
    try:
        lines = read_gold(args.gold)
        if args.dev_only:
            dev_rows = set(read_split(args.split_file)["dev"])
            lines = [line for line in lines if line.row in dev_rows]
        report = evaluate_corpus(lines, csv_path=args.csv, split_path=args.split_file,
                                 lower=not args.no_lower,
                                 extractor=Extractor(veto=not args.no_veto,
                                                     proposer=args.proposer,
                                                     counterpart=args.counterpart))
    except EventwireError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    agree = agreement(lines)
    if args.json:
        print(json.dumps({**report.to_dict(), "agreement": agree.to_dict()}))
        return 0
    print(f"coder {report.coder_version}{' (no veto)' if args.no_veto else ''}"
          f"{'' if args.proposer else ' (no proposer)'}"
          f"{'' if args.counterpart else ' (no counterpart)'}; "
          f"gold rows left out as not yet annotated: "
          f"{report.unannotated or 'none'}")
    print(f"{'':>22}" + "".join(f"{h + ('' if v == 'as written' else ' ' + v):>24}"
                                for v in report.scores for h in halves))
    cells = [report.scores[v][h] for v in report.scores for h in halves]
    print(f"{'articles/sentences':>22}" + "".join(f"{f'{s.articles}/{s.sentences}':>24}"
                                                  for s in cells))
    print(f"{'gold/predicted':>22}" + "".join(f"{f'{s.event.gold}/{s.event.predicted}':>24}"
                                              for s in cells))
    for level in ("event", "dyad", "full"):
        print(f"{level + ' P/R/F1':>22}" + "".join(
            f"{f'{t.precision:.3f}/{t.recall:.3f}/{t.f1:.3f}':>24}"
            for t in (getattr(s, level) for s in cells)))
    for name in ("source_missing", "place", "date"):
        print(f"{name:>22}" + "".join(
            f"{f'{sc.rate:.3f} ({sc.right}/{sc.total})':>24}"
            for sc in (getattr(s, name) for s in cells)))
    print(f"agreement (pass 1 vs 2): rows {agree.rows}, sentences {agree.sentences}, "
          f"event F1 {agree.event.f1:.3f}, dyad F1 {agree.dyad.f1:.3f}, "
          f"kappa (sentence has an event) {agree.kappa:.3f}")
    print(f"seconds={time.perf_counter() - started:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
