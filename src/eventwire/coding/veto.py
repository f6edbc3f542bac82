"""A learned veto on coded events (issue 12, item 9).

The rules fire on many words that are not events in the sense the gold corpus codes ("the
war", "Operation Peace Spring", a fight that is a long-running condition). The veto is a
logistic regression over features of each coded event that generalise across articles: the
trigger's lemma, part of speech and dependencies, the CAMEO root and code, the rule, which sides
were found and how, modality, notes, quotation and the sentence's shape. It gives each event a
probability of being an event the gold would code too; below the model's threshold the event
is dropped (or, in ``mark`` mode, kept with a note). Every event the veto looks at carries the
model's name and score in its evidence (``Evidence.model``, ``Evidence.score``).

The model is trained on the dev half of the Guardian gold corpus only, by
``benchmarks/train_veto.py``, which also picks the threshold by cross-validation on that half
(grouped by article); the weights ship as ``data/veto.json`` (plain JSON, read on first use).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Generic, Literal, TypeVar

from spacy.tokens import Span, Token

from ..errors import DataError
from ..records import Event
from ..records import Span as CharSpan
from ..resources import read_json
from .attribution import QUOTES

MODEL_FILE = "veto.json"
#: Bump when :func:`features` changes: a model trained on other features is refused.
FEATURE_VERSION = 1
Mode = Literal["drop", "mark"]
SpanOf = Callable[[int, int], CharSpan]

_PRONOUNS = frozenset("i we you he she it they us them him her its their our his this that "
                      "who which".split())
#: Dependencies on the way from the trigger to the root that say what kind of clause it is in.
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "conj", "pobj",
                          "dobj", "nsubj", "nsubjpass", "attr", "appos", "compound", "amod"})
#: Evidence notes by kind (the note's details, such as place names, are left out).
_NOTE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern)) for kind, pattern in (
        ("announced", r"^announced action "),
        ("refused", r"^refused action "),
        ("target_place_country", r"^target country from the event's place"),
        ("target_place", r"^target from the event's place"),
        ("source_place_country", r"^source country from the protest's place"),
        ("implicit_target", r"^implicit target"),
        ("demand_said", r"' says '.*' must"),
        ("demand_wanted", r"' wants \d+ done"),
        ("headline", r"^headline"),
    ))
_CODED_AS = re.compile(r"is coded (\d+)")


def versioned(version: str) -> str:
    """The version a coder with the bundled veto stamps on its events ("0.5.0+veto")."""
    return f"{version}+veto"


def logistic(bias: float, weights: Mapping[str, float], feats: Iterable[str]) -> float:
    """A logistic regression's probability: the bias plus the weights of the features
    present (a missing one weighs nothing), squashed to 0..1."""
    z = bias + sum(map(weights.get, feats, itertools.repeat(0.0)))
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def bucket(value: float, edges: Sequence[float]) -> str:
    """The first edge ``value`` does not exceed (``>last`` past them all): a count or a
    distance as a binary feature of the learned models (veto, proposer, counterpart)."""
    return next((f"<={e}" for e in edges if value <= e), f">{edges[-1]}")


def _side(prefix: str, actor: Any) -> list[str]:
    if actor is None:
        return [f"{prefix}=none"]
    out = [f"{prefix}_kind={actor.kind}", f"{prefix}_sector={actor.sector or '-'}",
           f"{prefix}_country={'yes' if actor.country else 'no'}"]
    if actor.text.lower() in _PRONOUNS:
        out.append(f"{prefix}_pronoun")
    evidence = (actor.evidence or "").lower()
    if evidence.startswith("implied"):
        out.append(f"{prefix}_implied")
    if actor.members:
        out.append(f"{prefix}_group")
    return out


def _in_quote(sent: Span, trigger: Token) -> bool:
    """Whether the trigger stands after an odd number of quotation marks in its sentence."""
    return sum(w.text in QUOTES for w in sent.doc[sent.start:trigger.i]) % 2 == 1


def features(event: Event, trigger: Token | None, sent: Span | None,
             neighbours: Sequence[Event] = ()) -> list[str]:
    """The features of one coded event, sorted (binary: a feature is present or not).

    ``trigger`` is the word that coded it and ``sent`` its sentence (None when unknown: then
    only the event's own fields count); ``neighbours`` are the other events coded in the
    same sentence."""
    root = event.root
    rule = event.evidence.rule
    out = {
        f"root={root}", f"code={event.cameo}", f"quad={event.quad_class}",
        f"rule={rule}", f"rule_file={rule.split('#')[0]}", f"modality={event.modality}",
        f"speaker={'yes' if event.speaker else 'no'}",
        f"quote={'yes' if event.quote else 'no'}",
        f"date={(event.date_source or 'none').split(':')[0]}",
        f"place={(event.location.precision or 'yes') if event.location else 'none'}",
        f"headline={event.headline}", f"background={event.background}",
        f"sentence_index={bucket(event.sentence_index, (0, 2, 5, 10, 20))}",
    }
    out.update(_side("src", event.source))
    out.update(_side("tgt", event.target))
    src_kind = event.source.kind if event.source else "none"
    tgt_kind = event.target.kind if event.target else "none"
    out.update({f"root_src={root}:{src_kind}", f"root_tgt={root}:{tgt_kind}"})
    if event.source and event.target and event.source.country and \
            event.source.country == event.target.country:
        out.add("domestic")
    for note in event.evidence.notes:
        if note.startswith("modality cue: "):
            out.add(f"cue={note[len('modality cue: '):].lower()}")
            continue
        for kind, pattern in _NOTE_KINDS:
            if pattern.search(note):
                if kind in ("announced", "refused"):
                    coded = _CODED_AS.search(note)
                    own = coded is not None and coded.group(1) == event.cameo
                    kind = f"{kind}_{'statement' if own else 'action'}"
                out.add(f"note={kind}")
                break
    others = [e for e in neighbours if e.event_id != event.event_id]
    out.add(f"sentence_events={bucket(len(others), (0, 1, 3))}")
    if any(e.evidence.trigger_span == event.evidence.trigger_span for e in others):
        out.add("shares_trigger")
    if any(e.root != root for e in others):
        out.add("other_roots")
    if trigger is not None and sent is not None:
        out.update(_token_features(trigger, sent, root))
    return sorted(out)


def _token_features(t: Token, sent: Span, root: str) -> set[str]:
    head = t.head
    out = {
        f"lemma={t.lemma_.lower()}", f"pos={t.pos_}", f"tag={t.tag_}", f"dep={t.dep_}",
        f"root_pos={root}:{t.pos_}", f"head_pos={head.pos_ if head.i != t.i else 'ROOT'}",
        f"sent_len={bucket(len(sent), (10, 20, 30, 45))}",
        f"position={bucket(int(3 * (t.i - sent.start) / max(len(sent), 1)), (0, 1))}",
        f"in_quote={_in_quote(sent, t)}",
        f"sent_quote={any(w.text in QUOTES for w in sent)}",
        f"ents={bucket(sum(w.ent_iob_ == 'B' for w in sent), (0, 1, 3, 5))}",
    }
    if head.i != t.i and head.pos_ == "VERB":
        out.add(f"head_lemma={head.lemma_.lower()}")
    if t.dep_ == "pobj":
        out.add(f"prep={head.lower_}")
    if t.ent_type_:
        out.add(f"in_entity={t.ent_type_}")
    if t.is_title and t.i != sent.start:
        out.add("capitalised")
    for c in t.children:
        out.add(f"child={c.dep_}")
        if c.dep_ == "det":
            out.add(f"det={c.lower_}")
        elif c.dep_ in ("aux", "auxpass", "neg"):
            out.add(f"aux={c.lower_}")
    tok = t
    for _ in range(8):  # the clauses above the trigger, up to the sentence's root
        if tok.head.i == tok.i:
            break
        if tok.dep_ in _CLAUSE_DEPS:
            out.add(f"above={tok.dep_}")
        tok = tok.head
    return out


def triggers(sent: Span, span_of: SpanOf, words: Iterable[str] | None = None
             ) -> dict[int, Token]:
    """The words of a sentence (only those spelt as one of ``words``, when given) by the
    start offset their events carry (``span_of`` maps offsets of the parsed text to the
    article's, as the coder does for ``trigger_span``)."""
    wanted = None if words is None else set(words)
    return {span_of(t.idx, t.idx + len(t)).start: t for t in sent
            if wanted is None or t.text in wanted}


# --- the model ------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class VetoModel:
    """Weights of a logistic regression over :func:`features`, and the threshold below which
    an event is vetoed."""

    name: str
    threshold: float
    bias: float
    weights: Mapping[str, float]
    feature_version: int = FEATURE_VERSION

    def score(self, feats: Iterable[str]) -> float:
        """The probability that an event with these features is one the gold codes."""
        return logistic(self.bias, self.weights, feats)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = MODEL_FILE, *,
                  version: int = FEATURE_VERSION, what: str = "veto model",
                  trainer: str = "benchmarks/train_veto.py") -> VetoModel:
        """The model in ``data`` (read from ``where``); refused unless it was trained on
        features ``version`` (another learned model of the same form, such as the
        counterpart model of :mod:`.counterpart`, names its own ``what`` and ``trainer``)."""
        try:
            model = cls(str(data["name"]), float(data["threshold"]), float(data["bias"]),
                        {str(k): float(v) for k, v in data["weights"].items()},
                        int(data.get("feature_version", 0)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataError(f"data file {where}: not a {what} ({exc!r})") from None
        if model.feature_version != version:
            raise DataError(f"data file {where}: trained on features version "
                            f"{model.feature_version}, the coder has {version}; "
                            f"retrain with {trainer}")
        return model

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "threshold": self.threshold, "bias": self.bias,
                "feature_version": self.feature_version,
                "weights": dict(sorted(self.weights.items()))}


@functools.cache
def load_model(relpath: str = MODEL_FILE) -> VetoModel:
    """The bundled model (read once per process)."""
    data = read_json(relpath)
    if not isinstance(data, dict):
        raise DataError(f"data file {relpath}: not a veto model (not an object)")
    return VetoModel.from_dict(data, relpath)


M = TypeVar("M")


class Bundled(Generic[M]):
    """A learned part that uses the model it is given, else the bundled one (read on first
    use by :meth:`bundled`); ``threshold``, when given, overrides the model's. The veto, the
    proposer (:mod:`.proposer`) and the counterpart model (:mod:`.counterpart`) are such
    parts."""

    def __init__(self, model: M | None = None, threshold: float | None = None) -> None:
        self._model = model
        self._threshold = threshold

    def bundled(self) -> M:
        raise NotImplementedError

    @property
    def model(self) -> M:
        if self._model is None:
            self._model = self.bundled()
        return self._model


class Reviewer:
    """What the coder calls with each sentence's events: the veto, or a feature recorder."""

    def review(self, events: list[Event], sent: Span, span_of: SpanOf) -> list[Event]:
        return events

    def features_of(self, events: list[Event], sent: Span, span_of: SpanOf
                    ) -> list[list[str]]:
        """The features of each event of one sentence, in order."""
        words = triggers(sent, span_of, (ev.evidence.trigger for ev in events))
        return [features(ev, words.get(ev.evidence.trigger_span.start), sent, events)
                for ev in events]


class Veto(Reviewer, Bundled[VetoModel]):
    """Scores each event with the model; drops those below its threshold (``mode="drop"``)
    or keeps them with a note (``mode="mark"``). Kept events carry the model and score."""

    def __init__(self, model: VetoModel | None = None, mode: Mode = "drop",
                 threshold: float | None = None) -> None:
        if mode not in ("drop", "mark"):
            raise ValueError(f"veto mode must be drop or mark, not {mode!r}")
        super().__init__(model, threshold)
        self.mode = mode

    def bundled(self) -> VetoModel:
        return load_model()

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def threshold(self) -> float:
        return self.model.threshold if self._threshold is None else self._threshold

    def review(self, events: list[Event], sent: Span, span_of: SpanOf) -> list[Event]:
        model, threshold = self.model, self.threshold
        kept: list[Event] = []
        for ev, feats in zip(events, self.features_of(events, sent, span_of), strict=True):
            p = round(model.score(feats), 4)
            if p < threshold and self.mode == "drop":
                continue
            notes = ev.evidence.notes
            if p < threshold:
                notes = (*notes, f"veto: score {p:.4f} below {model.name}'s threshold "
                                 f"{threshold:.4f}")
            kept.append(dataclasses.replace(ev, evidence=dataclasses.replace(
                ev.evidence, model=model.name, score=p, notes=notes)))
        return kept


class Recorder(Reviewer):
    """Keeps every event and records its features by (article id, event id): what
    ``benchmarks/train_veto.py`` learns from."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], list[str]] = {}

    def review(self, events: list[Event], sent: Span, span_of: SpanOf) -> list[Event]:
        for ev, feats in zip(events, self.features_of(events, sent, span_of), strict=True):
            self.seen[(ev.doc_id, ev.event_id)] = feats
        return events
