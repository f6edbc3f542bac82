"""Train the learned proposer (src/eventwire/coding/proposer.py) on the Guardian gold's dev half.

Issue 12, item 9. Every step uses the dev half only; the test half is never read here.

1. Code the dev articles with the rules and the bundled veto (no counterpart model: it runs
   after the proposer), and record every sentence
   (``eventwire.coding.proposer.Recorder``): its features and the roots the rules coded in it.
2. Label each parsed sentence with the CAMEO roots of the gold sentence it overlaps most.
   For each root with at least ``MIN_POSITIVES`` positive sentences among those where the rules
   did not code it, a logistic regression is fitted on those sentences (what the proposer sees:
   it only proposes roots the rules did not code).
3. Cross-validate by article: ``--repeats`` seeded partitions of the dev articles into
   ``--folds`` groups. The L2 strength C is the one with the lowest held-out log loss (summed
   over roots); the threshold is the one whose held-out proposals, added to the rules' events,
   give the best mean of dev event F1 and dyad F1 with the corpus scorer (``score``; averaged
   over the partitions). The curve is flat near its top, so of the thresholds within
   ``CV_TOLERANCE`` of the best mean the highest is taken: as good on held-out dev within noise,
   with the fewest proposals (spurious events are what users of event data complain of most).
4. Fit on the whole dev half with that C and write the weights, codes, threshold and the
   cross-validated figures to ``src/eventwire/data/proposer.json`` (sorted JSON; the same
   inputs give the same file).

Needs scikit-learn (``pip install -e '.[train]'``); the coder itself does not.

    python benchmarks/train_proposer.py [GOLD ...] [--csv PATH] [--out PATH] [--check]

``--check`` trains and prints the figures but writes nothing.
"""

from __future__ import annotations

import dataclasses
import math
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from statistics import mean
from typing import Any

from eventwire.coding import EventCoder
from eventwire.coding.proposer import (
    FEATURE_VERSION,
    MODEL_FILE,
    LearnedProposer,
    Pending,
    ProposerModel,
    Recorder,
    RootModel,
)
from eventwire.evaluate_corpus import (
    Coded,
    CorpusText,
    GoldSentence,
    article_folds,
    from_event,
    run_training,
    score,
)
from eventwire.pipeline import Extractor
from eventwire.records import Article

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventwire" / "data" / MODEL_FILE
NAME = f"proposer-lr-{FEATURE_VERSION}"
C_GRID = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(4, 20))
MIN_COUNT = 3  # a feature seen in fewer training sentences is left out
#: how far below the best cross-validated mean F1 a higher threshold may be and still be chosen
CV_TOLERANCE = 0.002
MIN_POSITIVES = 12  # a root with fewer positive training sentences gets no model
PRUNE = 0.05  # weights smaller than this are left out of the file
SEED = 12


@dataclasses.dataclass
class Example:
    """One parsed dev sentence: its article row, what the recorder kept, the gold roots of
    the gold sentence it overlaps most, and the roots the rules coded in it."""

    row: int
    pending: Pending
    gold_roots: frozenset[str]
    ruled: frozenset[str]

    @property
    def features(self) -> list[str]:
        return self.pending.features


@dataclasses.dataclass
class Collected:
    examples: list[Example]
    rules: dict[int, list[Coded]]  # the rules' (and veto's) events by row
    extractor: Extractor


def _gold_roots(start: int, end: int, sentences: Sequence[GoldSentence]) -> frozenset[str]:
    best, roots = 0, frozenset[str]()
    for line in sentences:
        overlap = min(end, line.end) - max(start, line.start)
        if overlap > best:
            best, roots = overlap, frozenset(e.root for e in line.events)
    return roots


def collect(texts: Mapping[int, CorpusText], gold: Mapping[int, Sequence[GoldSentence]],
            extractor: Extractor | None = None) -> Collected:
    """Code ``texts`` with the rules and the veto, and label every sentence against ``gold``."""
    ex = extractor or Extractor(coder=EventCoder(veto=True, proposer=Recorder(),
                                                 counterpart=False))
    recorder = ex.coder.proposer
    if not isinstance(recorder, Recorder):
        raise ValueError("collect needs an extractor whose coder has a proposer.Recorder")
    batch = [Article(id=f"g{row}", text=t.text, published=t.published, outlet=t.outlet)
             for row, t in texts.items() if row in gold]
    examples: list[Example] = []
    rules: dict[int, list[Coded]] = {}
    for article, events in ex.extract_many(batch):
        row = int(article.id[1:])
        rules[row] = [from_event(e) for e in events if not e.headline]
        for p in recorder.seen.get(article.id, []):
            examples.append(Example(row, p, _gold_roots(p.span.start, p.span.end, gold[row]),
                                    frozenset(e.root for e in p.coded)))
    return Collected(examples, rules, ex)


def top_codes(gold: Iterable[Sequence[GoldSentence]]) -> dict[str, str]:
    """Each root's most frequent code in ``gold`` (the smaller of equals)."""
    counts = Counter(e.code for sentences in gold for line in sentences for e in line.events)
    out: dict[str, str] = {}
    for code, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0])):
        out.setdefault(code[:2], code)
    return out


# --- fitting (scikit-learn) --------------------------------------------------------------------

def fit(examples: Sequence[Example], codes: Mapping[str, str], c: float, name: str = NAME,
        threshold: float = 0.5) -> ProposerModel:
    """One L2 logistic regression per root with enough positives, as a :class:`ProposerModel`."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    roots: dict[str, RootModel] = {}
    for root in sorted(codes):
        subset = [e for e in examples if root not in e.ruled]
        y = np.array([root in e.gold_roots for e in subset], dtype=int)
        if int(y.sum()) < MIN_POSITIVES:
            continue
        counts = Counter(f for e in subset for f in e.features)
        vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
        index = {f: i for i, f in enumerate(vocab)}
        rows, cols = [], []
        for r, e in enumerate(subset):
            for f in e.features:
                if f in index:
                    rows.append(r)
                    cols.append(index[f])
        x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(subset), len(vocab)))
        clf = LogisticRegression(C=c, solver="lbfgs", max_iter=10_000, tol=1e-8)
        clf.fit(x, y)
        weights = {f: round(float(w), 4) for f, w in zip(vocab, clf.coef_[0], strict=True)
                   if abs(float(w)) >= PRUNE}
        roots[root] = RootModel(codes[root], round(float(clf.intercept_[0]), 4), weights)
    return ProposerModel(name, threshold, roots)


def partitions(rows: Iterable[int], folds: int, repeats: int, seed: int = SEED
               ) -> list[list[list[int]]]:
    """:func:`eventwire.evaluate_corpus.article_folds` with this script's seed."""
    return article_folds(rows, folds, repeats, seed)


def fold_models(examples: Sequence[Example], gold: Mapping[int, Sequence[GoldSentence]],
                parts: Sequence[Sequence[int]], c: float) -> list[tuple[set[int], ProposerModel]]:
    """For each fold, its rows and the model fitted without them (codes from the rest too)."""
    out = []
    for fold in parts:
        inside = set(fold)
        codes = top_codes(s for r, s in gold.items() if r not in inside)
        out.append((inside, fit([e for e in examples if e.row not in inside], codes, c)))
    return out


def log_loss(examples: Sequence[Example], models: Sequence[tuple[set[int], ProposerModel]]
             ) -> float:
    """Held-out log loss, summed over the roots a model has, averaged over sentences."""
    eps = 1e-9
    total = 0.0
    for inside, model in models:
        for e in examples:
            if e.row not in inside:
                continue
            for root, m in model.roots.items():
                if root in e.ruled:
                    continue
                p = m.score(e.features)
                total -= math.log(max(p, eps)) if root in e.gold_roots else math.log(
                    max(1 - p, eps))
    return total / max(len(examples), 1)


def proposals(examples: Sequence[Example], models: Sequence[tuple[set[int], ProposerModel]],
              extractor: Extractor, floor: float) -> dict[int, list[tuple[float, Coded]]]:
    """Each held-out sentence's proposals scored at or above ``floor``, by row."""
    out: dict[int, list[tuple[float, Coded]]] = {}
    for inside, model in models:
        proposer = LearnedProposer(model, threshold=floor)
        for e in examples:
            if e.row in inside:
                for ev in e.pending.propose(proposer, extractor.coder):
                    out.setdefault(e.row, []).append((ev.evidence.score or 0.0,
                                                      from_event(ev)))
    return out


def figures(rules: Mapping[int, Sequence[Coded]],
            proposed: Mapping[int, Sequence[tuple[float, Coded]]], threshold: float,
            gold: Mapping[int, Sequence[GoldSentence]],
            published: Mapping[int, Any]) -> dict[str, float]:
    """Dev scores (the corpus scorer's) of the rules' events and the proposals at or above
    ``threshold``."""
    predicted = {row: [*rules.get(row, []), *(c for p, c in proposed.get(row, [])
                                              if p >= threshold)] for row in gold}
    s = score(gold, predicted, published)
    return {"event_p": s.event.precision, "event_r": s.event.recall, "event_f1": s.event.f1,
            "dyad_p": s.dyad.precision, "dyad_r": s.dyad.recall, "dyad_f1": s.dyad.f1,
            "full_f1": s.full.f1, "source_missing": s.source_missing.rate,
            "predicted": s.event.predicted}


def train(data: Collected, gold: Mapping[int, Sequence[GoldSentence]],
          published: Mapping[int, Any], folds: int, repeats: int
          ) -> tuple[ProposerModel, dict[str, Any]]:
    """Choose C and the threshold by grouped cross-validation; fit on all dev sentences."""
    examples = data.examples
    parts = partitions(gold, folds, repeats)
    by_c = {c: [fold_models(examples, gold, p, c) for p in parts] for c in C_GRID}
    losses = {c: mean(log_loss(examples, m) for m in by_c[c]) for c in C_GRID}
    best_c = min(C_GRID, key=lambda c: (round(losses[c], 6), c))
    runs = [proposals(examples, m, data.extractor, THRESHOLDS[0]) for m in by_c[best_c]]
    off = 1.01
    curve = {}
    for thr in (*THRESHOLDS, off):
        scored = [figures(data.rules, r, thr, gold, published) for r in runs]
        curve[thr] = {k: mean(s[k] for s in scored) for k in scored[0]}
    def merit(t: float) -> float:
        return round((curve[t]["event_f1"] + curve[t]["dyad_f1"]) / 2, 6)

    # the curve is flat near its top: of the thresholds within CV_TOLERANCE of the best, the
    # highest (the fewest proposals, the fewest spurious events)
    top = max(merit(t) for t in curve)
    best = max(t for t in curve if merit(t) >= top - CV_TOLERANCE)
    model = dataclasses.replace(fit(examples, top_codes(gold.values()), best_c), threshold=best)
    positives = Counter(r for e in examples for r in e.gold_roots - e.ruled)
    report = {
        "dev_articles": len(gold), "sentences": len(examples),
        "positives_by_root": dict(sorted(positives.items())),
        "folds": folds, "repeats": repeats, "seed": SEED, "min_count": MIN_COUNT,
        "min_positives": MIN_POSITIVES, "c": best_c,
        "log_loss_by_c": {str(c): round(v, 4) for c, v in losses.items()},
        "cv_without_proposer": {k: round(v, 4) for k, v in curve[off].items()},
        "cv_with_proposer": {k: round(v, 4) for k, v in curve[best].items()},
        "cv_curve": {f"{t:.2f}": {k: round(v, 4) for k, v in curve[t].items()}
                     for t in curve},
    }
    return model, report


def show(model: ProposerModel, report: dict[str, Any]) -> None:
    """The cross-validated figures, threshold by threshold ("off": no proposal)."""
    print(f"dev: {report['dev_articles']} articles, {report['sentences']} parsed sentences; "
          f"positives by root (not coded by the rules): {report['positives_by_root']}")
    print(f"C={report['c']} (held-out log loss {report['log_loss_by_c']}); roots modelled: "
          f"{', '.join(sorted(model.roots))}")
    print(f"{'threshold':>10} {'event P/R/F1':>20} {'dyad P/R/F1':>20} {'full F1':>8} "
          f"{'src miss':>8} {'predicted':>9}")
    for thr, f in report["cv_curve"].items():
        mark = " <- chosen" if float(thr) == model.threshold else ""
        label = "off" if float(thr) > 1 else thr
        print(f"{label:>10} {f['event_p']:.3f}/{f['event_r']:.3f}/{f['event_f1']:.3f}"
              f"{'':>3}{f['dyad_p']:.3f}/{f['dyad_r']:.3f}/{f['dyad_f1']:.3f}"
              f"{f['full_f1']:>9.3f}{f['source_missing']:>9.3f} {f['predicted']:>9.1f}{mark}")
    print(f"{sum(len(m.weights) for m in model.roots.values())} weights; threshold "
          f"{model.threshold:.2f} (cross-validated on dev, grouped by article)")


def main() -> int:
    return run_training(__doc__.splitlines()[0], ROOT, OUT, collect, train, show)


if __name__ == "__main__":
    sys.exit(main())
