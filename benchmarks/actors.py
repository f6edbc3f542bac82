"""Actor resolution accuracy on NGEC's actor cases (../shared/eval/ngec_actor_cases.jsonl).

Prints the figures on all cases, and on the cases left after removing those whose entity an
eventwire engineer named explicitly in a data-compilation brief after having read the case file
(listed in SEEN_IN_BRIEFS; see benchmarks/RESULTS.md). The second figure is the honest one.

    python benchmarks/actors.py [PATH]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from eventwire.evaluate import evaluate_actors, read_cases

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ngec_actor_cases.jsonl"

#: Entities named in the data briefs by someone who had seen the cases (lowercase substrings).
SEEN_IN_BRIEFS = (
    "codeco", "ahlu sunnah", "oath keepers", "dea", "dfid", "northern fleet", "baltic fleet",
    "quds force", "sandf", "national guard", "riigikogu", "knesset", "shin bet", "pri",
    "institutional revolutionary", "the pan", "the prd", "zetas", "bjp", "congress party",
    "mongolian people", "kano state", "fsb", "gru", "pakistani army", "palestinian authority",
    "fdlr", "syrian democratic forces", "red crescent", "collective security treaty",
    "harvard", "massachusetts institute", "oxford", "islamic consultative", "madras",
    "people's liberation army", "abkhazia", "south ossetia", "transnistria", "nagorno",
    "somaliland", "northern cyprus", "republika srpska", "taliban", "boko haram", "hezbollah",
)


def main(path: Path) -> None:
    cases = read_cases(path)
    seen = re.compile(r"\b(" + "|".join(re.escape(s) for s in SEEN_IN_BRIEFS) + r")\b")
    clean = [c for c in cases if not seen.search(str(c["text"]).lower())]
    for label, subset in (("all cases", cases), ("unseen in briefs", clean)):
        report = evaluate_actors(subset).to_dict()
        print(f"{label}: n={len(subset)} country={report['country']['accuracy']:.3f} "
              f"({report['country']['right']}/{report['country']['total']}) "
              f"sector={report['sector']['accuracy']:.3f} "
              f"({report['sector']['right']}/{report['sector']['total']}) "
              f"expect_none={report['expect_none']['accuracy']:.3f}")
        print("  by kind:", json.dumps(report["by_kind"]))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
