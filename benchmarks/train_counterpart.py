"""Train the counterpart model (src/eventwire/coding/counterpart.py) on the gold's dev half.

Issue 12, items 1 and 9. Every step uses the dev half only; the test half is never read here.

1. Code the dev articles with the default coder (rules, veto, proposer) and record, for every
   event side with no country whose other side has one, the features of each candidate
   country (``eventwire.coding.counterpart.Recorder``).
2. Label each candidate with the scorer's own pairing (``assign``, ``match``): right when the
   event is paired with a gold event whose side in that role has this country. The model is
   fitted on the sides of paired events only: it answers "which country, if the event is
   real" (whether it is real is the veto's question).
3. Cross-validate by article: ``--repeats`` seeded partitions of the dev articles into
   ``--folds`` groups. The L2 strength C is the one with the lowest held-out log loss; for
   each threshold the held-out best candidate fills the side when it scores at least that, and
   the dev half is scored with the corpus scorer. The threshold is the lowest from which, in
   every band of scores ``counterpart.BAND_WIDTH`` wide at or above it, the held-out inferred
   sides on events the gold codes too are right at least ``counterpart.BAND_PRECISION`` of
   the time (counts averaged over the partitions): a side is filled where such a guess is
   right at least as often as wrong. The band's share falls steeply as the threshold falls,
   so a retraining moves the choice little; the share over all the sides above a threshold
   is flat, and a floor on it jumped a whole step between retrainings.
4. Fit on the whole dev half with that C and write the weights, the threshold and the
   cross-validated figures to ``src/eventwire/data/counterpart.json`` (sorted JSON; the same
   inputs give the same file).

Needs scikit-learn (``pip install -e '.[train]'``); the coder itself does not.

    python benchmarks/train_counterpart.py [GOLD ...] [--csv PATH] [--out PATH] [--check]

``--check`` trains and prints the figures but writes nothing.
"""

from __future__ import annotations

import dataclasses
import math
import sys
import types
from collections.abc import Mapping, Sequence
from pathlib import Path
from statistics import mean
from typing import Any

from train_veto import fit as fit_lr

from eventwire.coding import EventCoder
from eventwire.coding.counterpart import (
    BAND_PRECISION,
    BAND_WIDTH,
    FEATURE_VERSION,
    MODEL_FILE,
    Recorder,
)
from eventwire.coding.veto import VetoModel
from eventwire.evaluate_corpus import (
    Coded,
    CorpusText,
    GoldSentence,
    article_folds,
    assign,
    from_event,
    match,
    run_training,
    score,
)
from eventwire.gold_corpus import Side
from eventwire.pipeline import Extractor
from eventwire.records import Article

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventwire" / "data" / MODEL_FILE
NAME = f"counterpart-lr-{FEATURE_VERSION}"
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 17))
SEED = 12


@dataclasses.dataclass(frozen=True)
class OpenSide:
    """One open side of a coded dev event: where it is, its candidates' features, the gold's
    country for it (None when the gold has none or does not code the event)."""

    row: int
    index: int  # the event's place among the article's coded events
    role: str
    candidates: Mapping[str, tuple[str, ...]]
    gold: str | None
    paired: bool  # the event is paired with a gold event at the event level


@dataclasses.dataclass(frozen=True)
class Collected:
    sides: list[OpenSide]
    coded: dict[int, list[Coded]]  # each dev article's coded events, in order


def _country(side: Side | None) -> str | None:
    return side.country if side is not None else None


def collect(texts: Mapping[int, CorpusText], gold: Mapping[int, Sequence[GoldSentence]]
            ) -> Collected:
    """Code ``texts`` with the default coder and a recorder in place of the counterpart
    model; label every open side against ``gold`` (by row)."""
    recorder = Recorder()
    ex = Extractor(coder=EventCoder(counterpart=recorder))
    batch = [Article(id=f"g{row}", text=t.text, published=t.published, outlet=t.outlet)
             for row, t in texts.items() if row in gold]
    sides: list[OpenSide] = []
    coded_by_row: dict[int, list[Coded]] = {}
    for article, events in ex.extract_many(batch):
        row = int(article.id[1:])
        kept = [e for e in events if not e.headline]
        coded = [from_event(e) for e in kept]
        coded_by_row[row] = coded
        paired: dict[int, Coded] = {}
        for line, pred in zip(gold[row], assign(gold[row], coded), strict=True):
            for i, j in match(line.events, pred):
                paired[id(pred[j])] = line.events[i]
        for k, ev in enumerate(kept):
            for role in ("target", "source"):
                cands = recorder.seen.get((ev.doc_id, ev.event_id, role))
                if cands is None:
                    continue
                g = paired.get(id(coded[k]))
                sides.append(OpenSide(row, k, role, {c: tuple(f) for c, f in cands.items()},
                                      _country(getattr(g, role)) if g is not None else None,
                                      g is not None))
    return Collected(sides, coded_by_row)


def _rows(sides: Sequence[OpenSide]) -> list[types.SimpleNamespace]:
    """One training row per candidate (``event_match`` is the label ``train_veto.fit``
    reads: the candidate is the gold's country)."""
    return [types.SimpleNamespace(features=f, event_match=c == s.gold)
            for s in sides for c, f in sorted(s.candidates.items())]


def held_out(sides: Sequence[OpenSide], parts: Sequence[Sequence[int]], c: float
             ) -> list[dict[str, float]]:
    """Each side's candidate scores from the model fitted without its article's fold."""
    out: list[dict[str, float]] = [{} for _ in sides]
    for fold in parts:
        inside = set(fold)
        model = fit_lr(_rows([s for s in sides if s.row not in inside and s.paired]), c,
                       NAME)
        for i, s in enumerate(sides):
            if s.row in inside:
                out[i] = {cand: model.score(f) for cand, f in s.candidates.items()}
    return out


def _best(scores: Mapping[str, float]) -> tuple[str | None, float]:
    if not scores:
        return None, 0.0
    best = max(sorted(scores), key=lambda c: scores[c])
    return best, scores[best]


def log_loss(sides: Sequence[OpenSide], scores: Sequence[Mapping[str, float]]) -> float:
    eps = 1e-9
    return -mean(math.log(max(p, eps)) if c == s.gold else math.log(max(1 - p, eps))
                 for s, sc in zip(sides, scores, strict=True) if s.paired
                 for c, p in sc.items())


def figures(data: Collected, scores: Sequence[Mapping[str, float]], threshold: float,
            gold: Mapping[int, Sequence[GoldSentence]], published: Mapping[int, Any]
            ) -> dict[str, float]:
    """Dev scores with the sides filled at ``threshold``, and how often the fills on events
    the gold codes are right."""
    filled: dict[tuple[int, int], dict[str, str]] = {}
    right = paired = 0
    for s, sc in zip(data.sides, scores, strict=True):
        best, p = _best(sc)
        if best is None or p < threshold:
            continue
        filled.setdefault((s.row, s.index), {})[s.role] = best
        if s.paired:
            paired += 1
            right += best == s.gold
    predicted = {}
    for row, coded in data.coded.items():
        out = []
        for k, c in enumerate(coded):
            for role, country in filled.get((row, k), {}).items():
                old = getattr(c, role)
                c = dataclasses.replace(c, **{role: Side(country, old.sector if old else None)})
            out.append(c)
        predicted[row] = out
    s = score(gold, predicted, published)
    return {"dyad_p": s.dyad.precision, "dyad_r": s.dyad.recall, "dyad_f1": s.dyad.f1,
            "full_f1": s.full.f1, "source_missing": s.source_missing.rate,
            "filled": sum(len(v) for v in filled.values()), "filled_paired": paired,
            "right": right, "precision": right / paired if paired else 1.0}


def band(curve: Mapping[float, Mapping[str, float]], t: float) -> float:
    """The share right of the held-out inferred sides on paired events scored from ``t`` to
    ``t + BAND_WIDTH`` (to the top of the grid for the last bands); 1.0 when there are none."""
    above = next((u for u in THRESHOLDS if u >= t + BAND_WIDTH - 1e-9), None)
    right = curve[t]["right"] - (curve[above]["right"] if above is not None else 0.0)
    paired = curve[t]["filled_paired"] - (curve[above]["filled_paired"] if above is not None
                                          else 0.0)
    return right / paired if paired else 1.0


def train(data: Collected, gold: Mapping[int, Sequence[GoldSentence]],
          published: Mapping[int, Any], folds: int, repeats: int
          ) -> tuple[Any, dict[str, Any]]:
    """Choose C and the threshold by grouped cross-validation; fit on all the sides."""
    parts = article_folds(gold, folds, repeats, SEED)
    oof_by_c = {c: [held_out(data.sides, p, c) for p in parts] for c in C_GRID}
    losses = {c: mean(log_loss(data.sides, s) for s in oof_by_c[c]) for c in C_GRID}
    best_c = min(C_GRID, key=lambda c: (round(losses[c], 6), c))
    curve = {}
    for thr in (*THRESHOLDS, 1.01):
        runs = [figures(data, s, thr, gold, published) for s in oof_by_c[best_c]]
        curve[thr] = {k: mean(r[k] for r in runs) for k in runs[0]}
    for t in THRESHOLDS:
        curve[t]["band"] = band(curve, t)
    chosen = next((t for t in THRESHOLDS if curve[t]["filled_paired"] and
                   all(curve[u]["band"] >= BAND_PRECISION for u in THRESHOLDS if u >= t)),
                  1.01)
    model = dataclasses.replace(fit_lr(_rows([s for s in data.sides if s.paired]), best_c, NAME),
                                threshold=chosen, feature_version=FEATURE_VERSION)
    report = {
        "dev_articles": len(gold), "open_sides": len(data.sides),
        "open_sides_paired": sum(s.paired for s in data.sides),
        "open_sides_with_gold_country": sum(s.gold is not None for s in data.sides),
        "folds": folds, "repeats": repeats, "seed": SEED, "band_precision": BAND_PRECISION,
        "band_width": BAND_WIDTH,
        "c": best_c, "log_loss_by_c": {str(c): round(v, 4) for c, v in losses.items()},
        "cv_without": {k: round(v, 4) for k, v in curve[1.01].items()},
        "cv_with": {k: round(v, 4) for k, v in curve[chosen].items()},
        "cv_curve": {f"{t:.2f}": {k: round(v, 4) for k, v in curve[t].items()}
                     for t in THRESHOLDS},
    }
    return model, report


def show(model: VetoModel, report: dict[str, Any]) -> None:
    """The cross-validated figures, threshold by threshold ("none": no side inferred)."""
    print(f"dev: {report['dev_articles']} articles, {report['open_sides']} open sides "
          f"({report['open_sides_paired']} on events the gold codes, "
          f"{report['open_sides_with_gold_country']} with a gold country); C={report['c']} "
          f"(held-out log loss {report['log_loss_by_c']})")
    print(f"{'threshold':>10} {'dyad P/R/F1':>20} {'full F1':>8} {'src missing':>11} "
          f"{'filled':>7} {'right/paired':>13} {'precision':>9} {'band':>6}")
    rows = [("none", report["cv_without"]), *report["cv_curve"].items()]
    for thr, f in rows:
        mark = " <- chosen" if thr != "none" and float(thr) == model.threshold else ""
        print(f"{thr:>10} {f['dyad_p']:.3f}/{f['dyad_r']:.3f}/{f['dyad_f1']:.3f}"
              f"{f['full_f1']:>9.3f} {f['source_missing']:>11.3f} {f['filled']:>7.1f} "
              f"{f['right']:>6.1f}/{f['filled_paired']:<6.1f} {f['precision']:>9.3f}"
              f"{f['band'] if 'band' in f else 0.0:>7.3f}{mark}")
    print(f"{len(model.weights)} weights; threshold {model.threshold:.2f} (the lowest from which "
          f"every {BAND_WIDTH:.2f}-wide band of cross-validated inferred sides is right >= "
          f"{BAND_PRECISION} of the time)")


def main() -> int:
    return run_training(__doc__.splitlines()[0], ROOT, OUT, collect, train, show)


if __name__ == "__main__":
    sys.exit(main())
