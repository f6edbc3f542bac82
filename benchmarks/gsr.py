"""Event coding accuracy on the PLOVER gold-standard records (../shared/eval/plover_gsr.json).

Per sentence: *type* = some event has a CAMEO root of the gold type (the GSR's older PLOVER
names mapped to roots as in the evaluation README); *full* = such an event's source country is a
gold source (IGO for intergovernmental actors) and its target country a gold target when one is
given; *other* = events per sentence whose root is neither the gold type nor 01. The coder was
tuned on the even half (0-based positions after the header record); the odd half is the test.

    python benchmarks/gsr.py [PATH]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from eventwire.evaluate import evaluate_gsr

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "plover_gsr.json"


def main(path: Path) -> None:
    started = time.perf_counter()
    report = evaluate_gsr(json.loads(path.read_text(encoding="utf-8")))
    for half, figures in report.halves.items():
        print(f"{half:>4}: sentences={figures['sentences']} type={figures['type']:.3f} "
              f"full={figures['full']:.3f} other_per_sentence={figures['other_per_sentence']:.3f}")
    print("by type:", json.dumps(report.by_type))
    print(f"seconds={time.perf_counter() - started:.1f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
