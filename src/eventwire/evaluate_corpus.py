"""Score the coder on the Guardian gold corpus (issue 12; docs/annotation.md, "Scoring").

The gold (``eval/corpus_gold/*.jsonl``) names CSV rows and character offsets, one line per
sentence; the article text stays in ``../shared``. :func:`evaluate_corpus` codes every
annotated article with the project's pipeline, gives each predicted event to the gold sentence
that holds its trigger, pairs predictions and gold events one to one within a sentence (the
best pair first) and scores the dev and test halves of ``split.json`` side by side:

- *event*: the same CAMEO root;
- *dyad*: and the same source and target country (a gold side without a country, null or
  implied without one, matches a predicted side without one);
- *full*: and the 3-digit code where the gold's is more specific than its root ("0356" needs
  "035"; "190" any 19x), both sectors and the modality.

A row whose every pass-1 line still has no event is taken as not yet annotated and left out.
Pass-2 lines (the second, independent pass) serve only :func:`agreement`.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from .errors import InputError
from .evaluate import Score
from .gold_corpus import (
    DEFAULT_CSV,
    DEFAULT_SPLIT,
    HALVES,
    Coded,
    CorpusText,
    GoldSentence,
    Place,
    Side,
    articles,
    from_event,
    lower_keep_offsets,
    read_gold,
    read_split,
    read_texts,
)
from .place_eval import distance_km
from .records import Article, Event

__all__ = [
    "DEFAULT_CSV", "DEFAULT_SPLIT", "HALVES", "AgreementReport", "Coded", "CorpusReport",
    "CorpusScores", "CorpusText", "GoldSentence", "Miss", "Place", "Side", "Tally", "agreement",
    "article_folds", "articles", "assign", "checks", "dev_half", "evaluate_corpus", "from_event",
    "gold_arguments", "levels", "lower_keep_offsets", "match", "predict", "read_gold",
    "read_split", "read_texts", "score", "training_parser",
]

PLACE_KM = 50.0
EXAMPLES = 5  # examples kept per cause of error


# --- the dev half and cross-validation by article (the learned veto and proposer) -------------

def dev_half(gold: Iterable[str | Path], csv_path: str | Path = DEFAULT_CSV,
             split_path: str | Path = DEFAULT_SPLIT
             ) -> tuple[dict[int, list[GoldSentence]], dict[int, CorpusText]]:
    """The dev half's gold sentences and article texts, by row: what the learned models are
    trained on (the test half's texts are not read)."""
    dev_rows = set(read_split(split_path)["dev"])
    sentences = {row: s for row, s in articles(read_gold(gold)).items() if row in dev_rows}
    return sentences, read_texts(csv_path, sentences)


def article_folds(rows: Iterable[int], folds: int, repeats: int, seed: int
                  ) -> list[list[list[int]]]:
    """``repeats`` partitions of the article ``rows`` into ``folds`` groups (a seeded shuffle
    each): cross-validation grouped by article, so no article is on both sides of a fold."""
    rng = random.Random(seed)
    ordered = sorted(set(rows))
    out = []
    for _ in range(repeats):
        shuffled = ordered[:]
        rng.shuffle(shuffled)
        out.append([sorted(shuffled[k::folds]) for k in range(folds)])
    return out


def gold_arguments(parser: argparse.ArgumentParser, root: Path) -> None:
    """The options every script over the gold takes (``root``: the repository): the gold
    files, the Guardian CSV and the dev/test split."""
    parser.add_argument("gold", nargs="*", default=[str(root / "eval" / "corpus_gold" /
                                                        "*.jsonl")])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--split-file", type=Path, default=root / DEFAULT_SPLIT)


def training_parser(description: str, root: Path, out: Path) -> argparse.ArgumentParser:
    """The command line of a script that trains a learned model on the dev half: the gold
    options, the model file ``out``, the cross-validation folds and repeats, ``--check``."""
    parser = argparse.ArgumentParser(description=description)
    gold_arguments(parser, root)
    parser.add_argument("--out", type=Path, default=out)
    parser.add_argument("--folds", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="train and print; write nothing")
    return parser


def run_training(description: str, root: Path, out: Path,
                 collect: Callable[[Mapping[int, CorpusText],
                                    Mapping[int, Sequence[GoldSentence]]], Any],
                 train: Callable[..., tuple[Any, dict[str, Any]]],
                 show: Callable[[Any, dict[str, Any]], None]) -> int:
    """What every training script does, around its own steps: read its command line
    (:func:`training_parser`) and the dev half, ``collect`` the examples, ``train`` the model
    (examples, gold, publication dates, folds, repeats -> model, report), ``show`` its
    figures, and write the model and its report to ``--out`` unless ``--check`` (sorted JSON:
    the same inputs give the same file)."""
    args = training_parser(description, root, out).parse_args()
    started = time.perf_counter()
    gold, texts = dev_half(args.gold, args.csv, args.split_file)
    published = {row: t.published for row, t in texts.items()}
    model, report = train(collect(texts, gold), gold, published, args.folds, args.repeats)
    show(model, report)
    if not args.check:
        data = {**model.to_dict(), "training": report}
        args.out.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    print(f"seconds={time.perf_counter() - started:.1f}")
    return 0


# --- matching ---------------------------------------------------------------------------------

def _country(side: Side | None) -> str | None:
    return side.country if side else None


def _sector(side: Side | None) -> str | None:
    return side.sector if side else None


def checks(gold: Coded, pred: Coded) -> dict[str, bool]:
    """What agrees between a gold and a predicted event of the same sentence."""
    return {
        "root": gold.root == pred.root,
        "source": _country(gold.source) == _country(pred.source),
        "target": _country(gold.target) == _country(pred.target),
        "code": gold.code[2:3] in ("", "0") or pred.code[:3] == gold.code[:3],
        "source_sector": _sector(gold.source) == _sector(pred.source),
        "target_sector": _sector(gold.target) == _sector(pred.target),
        "modality": gold.modality == pred.modality,
    }


def levels(c: Mapping[str, bool]) -> tuple[bool, bool, bool]:
    """(event, dyad, full) from :func:`checks`."""
    dyad = c["root"] and c["source"] and c["target"]
    return c["root"], dyad, dyad and c["code"] and c["source_sector"] and c[
        "target_sector"] and c["modality"]


def match(gold: Sequence[Coded], pred: Sequence[Coded]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of the same root, best pair first:
    dyad and full agreement, then each country, the code, the sectors, the modality."""
    ranked = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            c = checks(g, p)
            if not c["root"]:
                continue
            _, dyad, full = levels(c)
            quality = (dyad, full, c["source"] + c["target"], c["code"],
                       c["source_sector"] + c["target_sector"], c["modality"])
            ranked.append((quality, -i, -j))
    ranked.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, mi, mj in ranked:
        i, j = -mi, -mj
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def assign(sentences: Sequence[GoldSentence], predicted: Iterable[Coded]) -> list[list[Coded]]:
    """The predicted events of each sentence: the one whose span holds the trigger's offset
    (or, between sentences, the one before it)."""
    starts = [s.start for s in sentences]
    out: list[list[Coded]] = [[] for _ in sentences]
    for p in predicted:
        out[max(bisect_right(starts, p.offset) - 1, 0)].append(p)
    return out


# --- scores -----------------------------------------------------------------------------------

@dataclasses.dataclass
class Tally:
    """Precision, recall and F1 from matched, gold and predicted counts."""

    matched: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "matched": self.matched, "gold": self.gold,
                "predicted": self.predicted}


@dataclasses.dataclass(frozen=True)
class Miss:
    """One error: its cause, the sentence, the gold and the predicted event (short)."""

    cause: str
    row: int
    sent: int
    gold: str | None
    predicted: str | None

    def to_dict(self) -> dict[str, object]:
        return {"sentence": f"{self.row}:{self.sent}", "gold": self.gold,
                "predicted": self.predicted}


def _date_ok(gold: Coded, pred: Coded, published: dt.date | None) -> bool:
    want, precision = (gold.date, gold.precision or "day") if gold.date else (published, "day")
    got = pred.date or published
    if want is None or got is None:
        return want is None and got is None
    if precision == "year":
        return got.year == want.year
    if precision == "month":
        return (got.year, got.month) == (want.year, want.month)
    if precision == "week":
        return got - dt.timedelta(days=got.weekday()) == want - dt.timedelta(
            days=want.weekday())
    return got == want


def _place_ok(gold: Place, pred: Place | None) -> bool:
    if pred is None or pred.country != gold.country:
        return False
    if None in (gold.lat, gold.lon, pred.lat, pred.lon):
        return True
    return distance_km(gold.lat, gold.lon, pred.lat, pred.lon) <= PLACE_KM  # type: ignore[arg-type]


@dataclasses.dataclass
class CorpusScores:
    """The scores of one half (or any set of articles)."""

    articles: int = 0
    sentences: int = 0
    event: Tally = dataclasses.field(default_factory=Tally)
    dyad: Tally = dataclasses.field(default_factory=Tally)
    full: Tally = dataclasses.field(default_factory=Tally)
    by_root: dict[str, Tally] = dataclasses.field(default_factory=lambda: defaultdict(Tally))
    by_quad: dict[int, Tally] = dataclasses.field(default_factory=lambda: defaultdict(Tally))
    #: matched events whose gold source has a country and whose prediction has none
    source_missing: Score = dataclasses.field(default_factory=Score)
    place: Score = dataclasses.field(default_factory=Score)
    date: Score = dataclasses.field(default_factory=Score)
    errors: list[Miss] = dataclasses.field(default_factory=list)

    def add_sentence(self, row: int, sent: int, gold: Sequence[Coded], pred: Sequence[Coded],
                     published: dt.date | None = None) -> None:
        self.sentences += 1
        for tally in (self.event, self.dyad, self.full):
            tally.gold += len(gold)
            tally.predicted += len(pred)
        for g in gold:
            self.by_root[g.root].gold += 1
            self.by_quad[g.quad].gold += 1
        for p in pred:
            self.by_root[p.root].predicted += 1
            self.by_quad[p.quad].predicted += 1
        pairs = match(gold, pred)
        for i, j in pairs:
            self._matched(row, sent, gold[i], pred[j], published)
        lost = [gold[i] for i in range(len(gold)) if i not in {i for i, _ in pairs}]
        extra = [pred[j] for j in range(len(pred)) if j not in {j for _, j in pairs}]
        for g in lost:
            if not pred:
                self._miss("no event in the sentence", row, sent, g, None)
            elif extra:
                self._miss("wrong root", row, sent, g, extra.pop(0))
            else:
                self._miss("missed (other events found in the sentence)", row, sent, g, None)
        for p in extra:
            self._miss("spurious event (no gold in the sentence)" if not gold else
                       "spurious in a sentence with gold", row, sent, None, p)

    def _matched(self, row: int, sent: int, g: Coded, p: Coded,
                 published: dt.date | None) -> None:
        c = checks(g, p)
        _, dyad, full = levels(c)
        for tally in (self.event, self.by_root[g.root], self.by_quad[g.quad]):
            tally.matched += 1
        self.dyad.matched += dyad
        self.full.matched += full
        if _country(g.source):
            self.source_missing.add(not _country(p.source))
        if g.place is not None:
            self.place.add(_place_ok(g.place, p.place))
        self.date.add(_date_ok(g, p, published))
        for role in ("source", "target"):
            if not c[role]:
                gc, pc = _country(getattr(g, role)), _country(getattr(p, role))
                cause = (f"missing {role}" if pc is None else f"{role} where gold has none"
                         if gc is None else f"wrong {role} country")
                self._miss(cause, row, sent, g, p)
        if dyad and not full:
            for key, cause in (("code", "wrong code (3 digits)"),
                               ("source_sector", "wrong source sector"),
                               ("target_sector", "wrong target sector"),
                               ("modality", "wrong modality")):
                if not c[key]:
                    self._miss(cause, row, sent, g, p)

    def _miss(self, cause: str, row: int, sent: int, g: Coded | None, p: Coded | None) -> None:
        self.errors.append(Miss(cause, row, sent, g.label() if g else None,
                                p.label() if p else None))

    def misses(self, examples: int = EXAMPLES) -> dict[str, dict[str, object]]:
        """Errors by cause, most frequent first: count and the first ``examples``."""
        counts = Counter(m.cause for m in self.errors)
        return {cause: {"count": n, "examples": [m.to_dict() for m in self.errors
                                                 if m.cause == cause][:examples]}
                for cause, n in counts.most_common()}

    def to_dict(self) -> dict[str, object]:
        def acc(s: Score) -> dict[str, float | int]:
            return {"rate": round(s.rate, 4), "count": s.right, "total": s.total}

        return {
            "articles": self.articles, "sentences": self.sentences,
            "event": self.event.to_dict(), "dyad": self.dyad.to_dict(),
            "full": self.full.to_dict(),
            "source_missing": acc(self.source_missing), "place": acc(self.place),
            "date": acc(self.date),
            "by_root": {k: v.to_dict() for k, v in sorted(self.by_root.items())},
            "by_quad": {str(k): v.to_dict() for k, v in sorted(self.by_quad.items())},
        }


def score(gold: Mapping[int, Sequence[GoldSentence]], predicted: Mapping[int, Iterable[Coded]],
          published: Mapping[int, dt.date | None] | None = None) -> CorpusScores:
    """Score predictions (by row) against gold articles (by row; each its sentences)."""
    scores = CorpusScores()
    for row, sentences in gold.items():
        scores.articles += 1
        day = (published or {}).get(row)
        for line, pred in zip(sentences, assign(sentences, predicted.get(row, ())),
                              strict=True):
            scores.add_sentence(row, line.sent, line.events, pred, day)
    return scores


# --- the whole run ----------------------------------------------------------------------------

class Coder(Protocol):
    """What :func:`evaluate_corpus` needs of an extractor (:class:`eventwire.Extractor`)."""

    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        ...


def predict(texts: Mapping[int, CorpusText], extractor: Coder,
            recase: Callable[[str], str] | None = None) -> dict[int, list[Coded]]:
    """Code each article (``recase``d first, offsets unchanged); headline events are left out."""
    batch = [Article(id=f"g{row}", text=recase(t.text) if recase else t.text,
                     published=t.published, outlet=t.outlet) for row, t in texts.items()]
    out: dict[int, list[Coded]] = {}
    for article, events in extractor.extract_many(batch):
        out[int(article.id[1:])] = [from_event(e) for e in events if not e.headline]
    return out


@dataclasses.dataclass
class CorpusReport:
    """Scores by variant ("as written", "lower") and half ("dev", "test")."""

    coder_version: str
    scores: dict[str, dict[str, CorpusScores]]
    unannotated: list[int]
    outside_split: list[int]

    def to_dict(self) -> dict[str, object]:
        return {"coder_version": self.coder_version,
                "scores": {v: {h: s.to_dict() for h, s in halves.items()}
                           for v, halves in self.scores.items()},
                "unannotated_rows": self.unannotated, "rows_outside_split": self.outside_split}


def evaluate_corpus(gold: Iterable[str | Path] | Sequence[GoldSentence], *,
                    csv_path: str | Path = DEFAULT_CSV, split_path: str | Path = DEFAULT_SPLIT,
                    extractor: Coder | None = None, lower: bool = False) -> CorpusReport:
    """Score the coder on gold files (paths or globs; or lines from :func:`read_gold`), dev and
    test side by side; ``lower=True`` also scores a lower-cased copy of the texts."""
    from .coding import CODER_VERSION
    from .pipeline import Extractor

    given = list(gold)
    lines = [x for x in given if isinstance(x, GoldSentence)] or read_gold(
        [x for x in given if not isinstance(x, GoldSentence)])
    split = read_split(split_path)
    done = articles(lines)
    half_of = {row: half for half in HALVES for row in split[half]}
    texts = read_texts(csv_path, done)
    absent = sorted(set(done) - set(texts))
    if absent:
        raise InputError(str(csv_path), f"has no row {absent[0]} (named by the gold)")
    ex = extractor or Extractor()
    published = {row: t.published for row, t in texts.items()}
    variants: dict[str, Callable[[str], str] | None] = {"as written": None}
    if lower:
        variants["lower"] = lower_keep_offsets
    scores: dict[str, dict[str, CorpusScores]] = {}
    for variant, recase in variants.items():
        predicted = predict(texts, ex, recase)
        scores[variant] = {half: score({r: s for r, s in done.items() if half_of.get(r) == half},
                                       predicted, published) for half in HALVES}
    unannotated = sorted({x.row for x in lines if x.pass_ == 1} - set(done))
    version = getattr(getattr(ex, "coder", None), "version", None) or CODER_VERSION
    return CorpusReport(version, scores, unannotated,
                        sorted(r for r in done if r not in half_of))


# --- agreement between the two passes ---------------------------------------------------------

@dataclasses.dataclass
class AgreementReport:
    """Pass 1 against pass 2 on the rows annotated in both: event and dyad F1 (pass 1 taken as
    gold; F1 is symmetric) and Cohen's kappa on "the sentence has any event"."""

    rows: list[int]
    sentences: int
    event: Tally
    dyad: Tally
    both: int = 0
    first_only: int = 0
    second_only: int = 0
    neither: int = 0

    @property
    def kappa(self) -> float:
        n = self.sentences
        if not n:
            return 0.0
        observed = (self.both + self.neither) / n
        p1, p2 = (self.both + self.first_only) / n, (self.both + self.second_only) / n
        chance = p1 * p2 + (1 - p1) * (1 - p2)
        return 1.0 if chance == 1 else (observed - chance) / (1 - chance)

    def to_dict(self) -> dict[str, object]:
        return {"rows": self.rows, "sentences": self.sentences,
                "event": self.event.to_dict(), "dyad": self.dyad.to_dict(),
                "sentence_has_event": {"kappa": round(self.kappa, 4), "both": self.both,
                                       "first_only": self.first_only,
                                       "second_only": self.second_only,
                                       "neither": self.neither}}


def agreement(gold: Iterable[GoldSentence]) -> AgreementReport:
    """Agreement between pass 1 and pass 2 on the rows both passes have annotated."""
    lines = list(gold)
    first, second = articles(lines, 1), articles(lines, 2)
    rows = sorted(set(first) & set(second))
    report = AgreementReport(rows, 0, Tally(), Tally())
    for row in rows:
        other = {s.sent: s for s in second[row]}
        for line in first[row]:
            if line.sent not in other:
                continue
            a, b = line.events, other[line.sent].events
            report.sentences += 1
            for tally in (report.event, report.dyad):
                tally.gold += len(a)
                tally.predicted += len(b)
            for i, j in match(a, b):
                _, dyad, _ = levels(checks(a[i], b[j]))
                report.event.matched += 1
                report.dyad.matched += dyad
            if a and b:
                report.both += 1
            elif a:
                report.first_only += 1
            elif b:
                report.second_only += 1
            else:
                report.neither += 1
    return report
