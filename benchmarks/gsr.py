"""Event coding accuracy on the PLOVER gold-standard records (../shared/eval/plover_gsr.json).

Per sentence: *type* = some event has a CAMEO root of the gold type (the GSR's older PLOVER
names mapped to roots as in the evaluation README); *full* = such an event's source country is a
gold source (IGO for intergovernmental actors) and its target country a gold target when one is
given; *other* = events per sentence whose root is neither the gold type nor 01. The coder was
tuned on the even half (0-based positions after the header record); the odd half is the test.

    python benchmarks/gsr.py [PATH] [--case lower|upper] [--no-truecase] [--no-veto]
                             [--proposer | --no-proposer] [--counterpart | --no-counterpart]

``--case lower`` scores a lower-cased copy of the sentences (``upper``: in capitals), the way
many wire archives and scraped feeds are set; ``--no-truecase`` parses such text as it is,
without the case repair of ``eventwire.coding.case``; ``--no-veto`` codes with the rules alone
(no learned veto, ``eventwire.coding.veto``); ``--proposer`` / ``--no-proposer`` switch the
learned proposer (``eventwire.coding.proposer``) on or off, ``--counterpart`` /
``--no-counterpart`` the learned counterpart model (``eventwire.coding.counterpart``; default:
the coder's).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eventwire.coding.coder import COUNTERPART_DEFAULT, PROPOSER_DEFAULT
from eventwire.evaluate import evaluate_gsr
from eventwire.pipeline import Extractor

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "plover_gsr.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--case", choices=["lower", "upper"])
    parser.add_argument("--no-truecase", action="store_true")
    parser.add_argument("--no-veto", action="store_true")
    parser.add_argument("--proposer", action=argparse.BooleanOptionalAction,
                        default=PROPOSER_DEFAULT)
    parser.add_argument("--counterpart", action=argparse.BooleanOptionalAction,
                        default=COUNTERPART_DEFAULT)
    args = parser.parse_args()
    started = time.perf_counter()
    recase = {"lower": str.lower, "upper": str.upper}.get(args.case or "")
    report = evaluate_gsr(json.loads(args.path.read_text(encoding="utf-8")),
                          Extractor(truecase=not args.no_truecase, veto=not args.no_veto,
                                    proposer=args.proposer, counterpart=args.counterpart),
                          recase=recase)
    print(f"case: {args.case or 'as written'}"
          + (", no case repair" if args.case and args.no_truecase else "")
          + (", rules alone (no veto)" if args.no_veto else "")
          + (", with the proposer" if args.proposer else ", no proposer")
          + ("" if args.counterpart else ", no counterpart model"))
    for half, figures in report.halves.items():
        print(f"{half:>4}: sentences={figures['sentences']} type={figures['type']:.3f} "
              f"full={figures['full']:.3f} other_per_sentence={figures['other_per_sentence']:.3f}")
    print("by type:", json.dumps(report.by_type))
    print(f"seconds={time.perf_counter() - started:.1f}")


if __name__ == "__main__":
    main()
