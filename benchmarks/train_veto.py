"""Train the learned veto (src/eventwire/coding/veto.py) on the dev half of the Guardian gold.

Issue 12, item 9. Every step uses the dev half only; the test half is never read here.

1. Code the dev articles with the rules alone (no veto, no proposer, no counterpart model)
   and record each event's features (``eventwire.coding.veto.features``).
2. Label each event with the scorer's own functions (``assign``, ``match``, ``levels`` of
   ``eventwire.evaluate_corpus``): positive when it is paired with a gold event at the event
   level (same sentence, same CAMEO root), negative otherwise.
3. Cross-validate by article: ``--repeats`` partitions of the dev articles into ``--folds``
   groups (a seeded shuffle). The L2 strength C is the one with the lowest held-out log loss;
   the threshold is the one whose held-out predictions give the best mean of event F1 and
   dyad F1 when the dev half is scored with the vetoed events left out (averaged over the
   partitions), taken as the middle of the plateau: each threshold is judged by the mean of
   that figure over its neighbours within ``WINDOW`` (the curve is flat within a few
   thousandths over a wide band, and the bare maximum jumped across it from one retraining
   to the next); ties go to the lower threshold.
4. Fit on the whole dev half with that C and write the weights, the threshold and the
   cross-validated figures to ``src/eventwire/data/veto.json`` (sorted JSON; the same inputs
   give the same file).

Needs scikit-learn (``pip install -e '.[train]'``); the coder itself does not.

    python benchmarks/train_veto.py [GOLD ...] [--csv PATH] [--out PATH] [--check]

``--check`` trains and prints the figures but writes nothing.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from statistics import mean
from typing import Any

from eventwire.coding import EventCoder
from eventwire.coding.veto import FEATURE_VERSION, MODEL_FILE, Recorder, VetoModel
from eventwire.evaluate_corpus import (
    Coded,
    CorpusText,
    GoldSentence,
    article_folds,
    assign,
    checks,
    from_event,
    levels,
    match,
    run_training,
    score,
)
from eventwire.pipeline import Extractor
from eventwire.records import Article

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventwire" / "data" / MODEL_FILE
NAME = f"veto-lr-{FEATURE_VERSION}"
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.01 * i, 2) for i in range(0, 71))
MIN_COUNT = 2  # a feature seen in fewer training events is left out
SEED = 12
WINDOW = 0.05  # a threshold is judged by the curve's mean within this distance of it


@dataclasses.dataclass(frozen=True)
class Example:
    """One coded dev event: where it is, its features, the scorer's verdict, and the event."""

    row: int
    event_id: str
    features: tuple[str, ...]
    event_match: bool
    dyad_match: bool
    coded: Coded


def collect(texts: Mapping[int, CorpusText], gold: Mapping[int, Sequence[GoldSentence]],
            extractor: Extractor | None = None) -> list[Example]:
    """Code ``texts`` with the rules alone and label every event against ``gold`` (by row),
    as the corpus scorer pairs them. Rows in the order given, events in coding order."""
    ex = extractor or Extractor(coder=EventCoder(veto=Recorder(), proposer=False,
                                                 counterpart=False))
    recorder = ex.coder.veto
    if not isinstance(recorder, Recorder):
        raise ValueError("collect needs an extractor whose coder has a veto.Recorder")
    batch = [Article(id=f"g{row}", text=t.text, published=t.published, outlet=t.outlet)
             for row, t in texts.items() if row in gold]
    out: list[Example] = []
    for article, events in ex.extract_many(batch):
        row = int(article.id[1:])
        kept = [e for e in events if not e.headline]
        coded = [from_event(e) for e in kept]
        by_id = {id(c): e for c, e in zip(coded, kept, strict=True)}
        verdict: dict[int, tuple[bool, bool]] = {}
        for line, pred in zip(gold[row], assign(gold[row], coded), strict=True):
            for i, j in match(line.events, pred):
                event_level, dyad_level, _ = levels(checks(line.events[i], pred[j]))
                verdict[id(pred[j])] = (event_level, dyad_level)
        for c in coded:
            ev = by_id[id(c)]
            feats = recorder.seen.get((ev.doc_id, ev.event_id))
            if feats is None:
                raise RuntimeError(f"no features recorded for {ev.doc_id} {ev.event_id}")
            event_level, dyad_level = verdict.get(id(c), (False, False))
            out.append(Example(row, ev.event_id, tuple(feats), event_level, dyad_level, c))
    return out


# --- fitting (scikit-learn) --------------------------------------------------------------------

def fit(examples: Sequence[Example], c: float, name: str = NAME,
        threshold: float = 0.5) -> VetoModel:
    """An L2 logistic regression on ``examples`` (event-level labels) as a :class:`VetoModel`."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for ex in examples:
        for f in ex.features:
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, ex in enumerate(examples):
        for f in ex.features:
            if f in index:
                rows.append(r)
                cols.append(index[f])
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(vocab)))
    y = np.array([ex.event_match for ex in examples], dtype=int)
    if len(set(y.tolist())) < 2:
        raise ValueError("training needs both matched and unmatched events")
    clf = LogisticRegression(C=c, solver="lbfgs", max_iter=10_000, tol=1e-8)
    clf.fit(x, y)
    weights = {f: round(float(w), 6) for f, w in zip(vocab, clf.coef_[0], strict=True)
               if round(float(w), 6) != 0.0}
    return VetoModel(name, threshold, round(float(clf.intercept_[0]), 6), weights)


def partitions(rows: Iterable[int], folds: int, repeats: int, seed: int = SEED
               ) -> list[list[list[int]]]:
    """:func:`eventwire.evaluate_corpus.article_folds` with this script's seed."""
    return article_folds(rows, folds, repeats, seed)


def held_out(examples: Sequence[Example], parts: Sequence[Sequence[int]], c: float
             ) -> list[float]:
    """Each example's score from the model fitted without its article's fold."""
    scores = [0.0] * len(examples)
    for fold in parts:
        inside = set(fold)
        model = fit([e for e in examples if e.row not in inside], c)
        for i, e in enumerate(examples):
            if e.row in inside:
                scores[i] = model.score(e.features)
    return scores


def log_loss(examples: Sequence[Example], scores: Sequence[float]) -> float:
    import math

    eps = 1e-9
    return -mean(math.log(max(p, eps)) if e.event_match else math.log(max(1 - p, eps))
                 for e, p in zip(examples, scores, strict=True))


def figures(examples: Sequence[Example], scores: Sequence[float], threshold: float,
            gold: Mapping[int, Sequence[GoldSentence]],
            published: Mapping[int, Any]) -> dict[str, float]:
    """Dev scores (the corpus scorer's) with the events under ``threshold`` left out."""
    predicted: dict[int, list[Coded]] = {row: [] for row in gold}
    for e, p in zip(examples, scores, strict=True):
        if p >= threshold:
            predicted[e.row].append(e.coded)
    s = score(gold, predicted, published)
    return {"event_p": s.event.precision, "event_r": s.event.recall, "event_f1": s.event.f1,
            "dyad_p": s.dyad.precision, "dyad_r": s.dyad.recall, "dyad_f1": s.dyad.f1,
            "full_f1": s.full.f1, "predicted": s.event.predicted}


def train(examples: Sequence[Example], gold: Mapping[int, Sequence[GoldSentence]],
          published: Mapping[int, Any], folds: int, repeats: int
          ) -> tuple[VetoModel, dict[str, Any]]:
    """Choose C and the threshold by grouped cross-validation; fit on all ``examples``."""
    parts = partitions(gold, folds, repeats)
    losses = {c: mean(log_loss(examples, held_out(examples, p, c)) for p in parts)
              for c in C_GRID}
    best_c = min(C_GRID, key=lambda c: (round(losses[c], 6), c))
    oof = [held_out(examples, p, best_c) for p in parts]
    curve = {}
    for thr in THRESHOLDS:
        runs = [figures(examples, s, thr, gold, published) for s in oof]
        curve[thr] = {k: mean(r[k] for r in runs) for k in runs[0]}
    merit = {t: (curve[t]["event_f1"] + curve[t]["dyad_f1"]) / 2 for t in THRESHOLDS}
    smooth = {t: mean(merit[u] for u in THRESHOLDS if abs(u - t) <= WINDOW + 1e-9)
              for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (round(smooth[t], 6), -t))
    model = dataclasses.replace(fit(examples, best_c), threshold=best)
    report = {
        "dev_articles": len(gold), "events": len(examples),
        "matched_event": sum(e.event_match for e in examples),
        "matched_dyad": sum(e.dyad_match for e in examples),
        "folds": folds, "repeats": repeats, "seed": SEED, "min_count": MIN_COUNT,
        "window": WINDOW,
        "c": best_c, "log_loss_by_c": {str(c): round(v, 4) for c, v in losses.items()},
        "cv_without_veto": {k: round(v, 4) for k, v in curve[0.0].items()},
        "cv_with_veto": {k: round(v, 4) for k, v in curve[best].items()},
        "cv_curve": {f"{t:.2f}": {k: round(v, 4) for k, v in curve[t].items()}
                     for t in THRESHOLDS if round(t * 100) % 5 == 0 or t == best},
    }
    return model, report


def show(model: VetoModel, report: dict[str, Any]) -> None:
    """The cross-validated figures, threshold by threshold."""
    print(f"dev: {report['dev_articles']} articles, {report['events']} coded events, "
          f"{report['matched_event']} matched at the event level; C={report['c']} "
          f"(held-out log loss {report['log_loss_by_c']})")
    print(f"{'threshold':>10} {'event P/R/F1':>20} {'dyad P/R/F1':>20} {'full F1':>8} "
          f"{'predicted':>9}")
    for thr, f in report["cv_curve"].items():
        mark = " <- chosen" if float(thr) == model.threshold else ""
        print(f"{thr:>10} {f['event_p']:.3f}/{f['event_r']:.3f}/{f['event_f1']:.3f}"
              f"{'':>3}{f['dyad_p']:.3f}/{f['dyad_r']:.3f}/{f['dyad_f1']:.3f}"
              f"{f['full_f1']:>9.3f} {f['predicted']:>9.1f}{mark}")
    print(f"{len(model.weights)} weights; threshold {model.threshold:.2f} "
          f"(cross-validated on dev, grouped by article)")


def main() -> int:
    return run_training(__doc__.splitlines()[0], ROOT, OUT, collect, train, show)


if __name__ == "__main__":
    sys.exit(main())
