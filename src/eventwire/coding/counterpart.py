"""A learned counterpart (issue 12, items 1 and 9): the country of an event's other side when
its sentence leaves it unnamed.

Real reports often name one side of an event and leave the other to the article: "The Kremlin
has vehemently denied involvement" (denied to whom? the article is about Britain's charge),
"Russia also opposed the plan" (the US plan of two sentences before), "Turkey's military
offensive" (into Syria). When the rules and the learned proposer have coded an article, each
event with one side's country named and the other's missing gets a look from this model:

- **candidates**: every country the article names (:meth:`ActorResolver.country_mentions`,
  people of a clear country included) and the country of every side of its coded events
  (international bodies too); never the named side's own country when that side is the state
  as a whole or its government named by the state's name ("Belarus may suspend its
  participation": no Belarusian other side), while a part of a state may have its own country
  on the other side (government troops and the country's rebels);
- **features** of each candidate (:func:`features`), all about the article's shape, none
  about a particular country: whether it is the named side's own country (domestic dyads:
  the regime and the rebels are both Syria's), how near its nearest mention is, how often the
  sentence, the sentences before and after and the whole article name it, its rank among the
  article's countries and among the other candidates, whether it was the named side's
  counterpart in an earlier event, on the same side of an earlier event of the same root (the
  doer of the airstrikes before), a side of the events just before or of the same sentence,
  the event's place, and the event's role, root, QuadClass, modality and the named side's
  sector;
- a logistic regression scores each candidate; the best one fills the side when its score is
  at or above the model's threshold.

A filled side is marked as inferred: its text is the country's name in brackets
(``"[Syria]"``, as the coder writes an implied doer such as ``"[police]"``), its evidence and a
note on the event name the model and the score. Only the country is inferred; the sector stays
unknown. The rules' own sides are never changed.

Trained on the dev half of the Guardian gold corpus only, by ``benchmarks/train_counterpart.py``:
grouped cross-validation by article chooses the regularisation and the threshold (the lowest
from which the held-out inferred sides of every score band above it, on events the gold also
codes, are right at least ``BAND_PRECISION`` of the time); the weights ship as
``data/counterpart.json`` (plain JSON, read on first use).
"""

from __future__ import annotations

import dataclasses
import functools
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from .. import codes
from ..actors import knowledge as kn
from ..errors import DataError
from ..records import INFERRED_SIDE, Actor, Event
from ..resources import read_json
from .context import MATERIAL_CONFLICT, ONE_WAY_CODES, OUTSIDER_WORDS
from .veto import Bundled, VetoModel, bucket

MODEL_FILE = "counterpart.json"
#: Bump when :func:`features` changes: a model trained on other features is refused.
FEATURE_VERSION = 1
TRAINER = "benchmarks/train_counterpart.py"
#: The share of inferred sides (held out, on events the gold codes too) that must be right in
#: every band of scores ``BAND_WIDTH`` wide at and above the threshold the training script
#: picks: a side is filled only where such guesses are right at least as often as wrong. (A
#: floor on the share right over all the sides above the threshold moved the threshold by a
#: whole step whenever a retraining nudged that flat curve across it.)
BAND_PRECISION = 0.5
BAND_WIDTH = 0.10
_SENTENCES_NEAR = 3  # "the sentences before" the event's
#: names of the international bodies' codes, for an inferred side that is one
IGO_NAMES = {"UNO": "United Nations", "EUR": "European Union", "IGO": "international body"}


def mentions(doc: Doc, resolver: Any) -> list[list[str]]:
    """The countries each sentence of ``doc`` names, in order, repeats kept (its people of a
    clear country included: "Putin" names Russia)."""
    return [resolver.country_mentions(sent.text, people=True) for sent in doc.sents]


def open_roles(event: Event) -> list[str]:
    """The sides of ``event`` the model may fill: those with no country whose other side has
    one (an inference is anchored to a named party), unless their words say they come from
    elsewhere ("foreign ministers gathered in Brussels", "international donors": of several
    states, or of none the article makes likely)."""
    out = []
    for role, other in (("target", "source"), ("source", "target")):
        mine, named = getattr(event, role), getattr(event, other)
        if (mine is None or mine.country is None) and named is not None and named.country \
                and not (mine is not None and _from_elsewhere(mine.text)):
            out.append(role)
    return out


def _from_elsewhere(text: str) -> bool:
    return any(t.key in OUTSIDER_WORDS for t in kn.tokens(text))


def _country(actor: Actor | None) -> str | None:
    return actor.country if actor is not None else None


def whole_state(actor: Actor | None) -> bool:
    """Whether ``actor`` is a state as a whole or its government named by the state's name
    ("Belarus", "Washington", "We" for a government)."""
    return actor is not None and actor.kind == "country" and actor.sector in (None, "GOV")


class Said:
    """What an article's sentences name, counted once per article: the countries of each
    sentence (:func:`mentions`), how often the article names each, and the candidates an
    inferred side may be (those it names and those on the sides of its coded events)."""

    def __init__(self, said: Sequence[Sequence[str]], events: Sequence[Event]) -> None:
        self.by_sentence = [Counter(s) for s in said]
        self.total: Counter[str] = Counter()
        self.at: dict[str, list[int]] = {}  # the sentences that name each country, in order
        for i, counts in enumerate(self.by_sentence):
            self.total.update(counts)
            for c in counts:
                self.at.setdefault(c, []).append(i)
        self.mentions = sum(self.total.values())  # all the article's country mentions
        self.lede = {c for counts in self.by_sentence[:2] for c in counts}
        sides = {c for ev in events for c in (_country(ev.source), _country(ev.target)) if c}
        self.candidates = sorted(set(self.total) | sides)

    def count(self, c: str, first: int, last: int) -> int:
        """How often sentences ``first`` to ``last`` (both included) name ``c``."""
        return sum(self.by_sentence[i][c] for i in range(max(0, first),
                                                         min(last, len(self.by_sentence) - 1) + 1))

    def nearest(self, c: str, si: int) -> float:
        """How many sentences from ``si`` ``c`` is named nearest (99 if never); a mention
        after the sentence counts half a sentence farther than one as far before it."""
        at = self.at.get(c)
        if not at:
            return 99
        i = bisect_left(at, si)
        gaps = [si - at[i - 1]] if i > 0 else []
        if i < len(at):
            gaps.append(at[i] - si + (0.5 if at[i] > si else 0))
        return min(gaps)


def features(events: Sequence[Event], k: int, role: str, said: Said, ranked: Sequence[str]
             ) -> dict[str, list[str]]:
    """The features of each candidate country for side ``role`` of ``events[k]``.

    ``events`` are the article's coded events in order, ``said`` what its sentences name,
    ``ranked`` the article's countries, most named first."""
    ev = events[k]
    other = ev.source if role == "target" else ev.target
    named = _country(other)
    si = ev.sentence_index
    quad = codes.lookup(ev.cameo).quad_class
    root = ev.root
    total = said.total
    rank = {c: i for i, c in enumerate(ranked)}
    place = ev.location.country if ev.location is not None else None
    # a state named as a whole is never its own counterpart ("Belarus may suspend its
    # participation": the other side is no Belarusian party); a part of it may have one
    # ("Syrian government forces" and Syria's rebels)
    # nor is a co-doer of a deed done for a third party ("Qatar and Egypt mediated": Egypt
    # mediates for others, not for Qatar)
    not_sides = {_country(e.source) for e in events if e is not ev and e.sentence_index == si
                and e.cameo == ev.cameo and e.evidence.trigger == ev.evidence.trigger} \
        if role == "target" and ev.cameo in ONE_WAY_CODES else set()
    # and the place of a meeting or other dealing is no side: the rules decide when it is
    # (``context.place_is_target``: force, protests), not the model ("will negotiate in
    # Vienna": no talks with Austria)
    if role == "target" and place is not None and quad != MATERIAL_CONFLICT:
        not_sides.add(place)
    cands = [c for c in said.candidates if not (c == named and whole_state(other))
             and c not in not_sides]
    nearest = {c: said.nearest(c, si) for c in cands}
    near = {c: said.count(c, si - _SENTENCES_NEAR, si) for c in cands}
    others = [c for c in cands if c != named]
    by_nearness = {c: i for i, c in enumerate(sorted(others, key=lambda c: (nearest[c],
                                                                             -total[c])))}
    by_total = {c: i for i, c in enumerate(sorted(others, key=lambda c: (-total[c],
                                                                          nearest[c])))}
    by_near_count = {c: i for i, c in enumerate(sorted(others, key=lambda c: (-near[c],
                                                                               nearest[c])))}
    pairs_before: Counter[frozenset[str]] = Counter()
    pairs_all: Counter[frozenset[str]] = Counter()
    last_counterpart = None
    for j, x in enumerate(events):
        xs, xt = _country(x.source), _country(x.target)
        if not (xs and xt) or j == k:
            continue
        pairs_all[frozenset((xs, xt))] += 1
        if j < k:
            pairs_before[frozenset((xs, xt))] += 1
            if xs != xt and named in (xs, xt):
                last_counterpart = xt if xs == named else xs
    same_root = {_country(getattr(x, role)) for x in events[:k] if x.root == root}
    recent = {c for x in events[max(0, k - 3):k] for c in (_country(x.source),
                                                           _country(x.target)) if c}
    same_sentence = {c for j, x in enumerate(events) if j != k and x.sentence_index == si
                     for c in (_country(x.source), _country(x.target)) if c}
    sector = other.sector if other else None
    base = [f"role={role}", f"quad={quad}|{role}", f"root={root}|{role}",
            f"modality={ev.modality}", f"named_sector={sector}|{role}"]
    out: dict[str, list[str]] = {}
    for c in cands:
        same = c == named
        in_sentence = said.count(c, si, si)
        f = [*base, f"same={same}|{role}", f"same={same}|quad={quad}",
             f"same={same}|root={root}", f"same={same}|sector={sector}",
             f"in_sentence={bucket(in_sentence, (0, 1, 2))}",
             f"in_sentence={min(in_sentence, 1)}|same={same}",
             f"previous={min(said.count(c, si - 1, si - 1), 2)}",
             f"near={bucket(near[c] - in_sentence, (0, 1, 3))}",
             f"next={min(said.count(c, si + 1, si + 1), 1)}",
             f"before={bucket(said.count(c, 0, si - 1), (0, 1, 3, 8))}",
             f"rank={min(rank.get(c, 9), 4)}", f"rank={min(rank.get(c, 9), 4)}|same={same}",
             f"share={bucket(int(10 * total[c] / max(1, said.mentions)), (0, 1, 2, 4))}",
             f"nearest={bucket(nearest[c], (0, 1, 2, 4, 8))}",
             f"last_counterpart={c == last_counterpart}|{'some' if last_counterpart else 'none'}",
             f"recent_side={c in recent}|same={same}",
             f"sentence_side={c in same_sentence}|same={same}", f"lede={c in said.lede}",
             f"same_root_{role}={c in same_root}",
             f"place={c == place}|quad={quad}|{role}" if place else "place=none"]
        if named is not None:
            pair = frozenset((named, c))
            f += [f"paired_before={min(pairs_before[pair], 2)}",
                  f"paired={min(pairs_all[pair], 2)}",
                  f"paired_before={min(pairs_before[pair], 1)}|quad={quad}"]
        if same:
            f.append("own_country")
        else:
            near_rank, total_rank = by_nearness[c], by_total[c]
            f += [f"nearest_rank={min(near_rank, 2)}", f"total_rank={min(total_rank, 2)}",
                  f"near_count_rank={min(by_near_count[c], 2)}",
                  f"nearest_rank={min(near_rank, 2)}|total_rank={min(total_rank, 2)}",
                  f"nearest_rank={min(near_rank, 1)}|quad={quad}"]
        out[c] = sorted(set(f))
    return out


# --- the model ------------------------------------------------------------------------------

@functools.cache
def load_model(relpath: str = MODEL_FILE) -> VetoModel:
    """The bundled model (read once per process): a logistic regression over :func:`features`
    with the threshold at which a candidate fills the side."""
    data = read_json(relpath)
    if not isinstance(data, dict):
        raise DataError(f"data file {relpath}: not a counterpart model (not an object)")
    return VetoModel.from_dict(data, relpath, version=FEATURE_VERSION,
                               what="counterpart model", trainer=TRAINER)


def versioned(version: str) -> str:
    """The version a coder with the bundled counterpart model stamps on its events."""
    return f"{version}+counterpart"


class Inferrer:
    """What the coder calls with an article's coded events once all are coded. This base
    infers nothing; :class:`Counterpart` is the model, :class:`Recorder` what the training
    script learns from."""

    def infer(self, events: list[Event], doc: Doc, ranked: Sequence[str], resolver: Any
              ) -> list[Event]:
        return events

    @staticmethod
    def each(events: Sequence[Event], doc: Doc, ranked: Sequence[str], resolver: Any
             ) -> list[tuple[int, str, dict[str, list[str]]]]:
        """(event index, role, features by candidate) for every side the model may fill."""
        todo = [(k, role) for k, ev in enumerate(events) for role in open_roles(ev)]
        if not todo:
            return []
        said = Said(mentions(doc, resolver), events)
        return [(k, role, features(events, k, role, said, ranked)) for k, role in todo]


class Counterpart(Inferrer, Bundled[VetoModel]):
    """Fills each open side with the best candidate scoring at or above the threshold."""

    def bundled(self) -> VetoModel:
        return load_model()

    @property
    def threshold(self) -> float:
        return self.model.threshold if self._threshold is None else self._threshold

    def infer(self, events: list[Event], doc: Doc, ranked: Sequence[str], resolver: Any
              ) -> list[Event]:
        out = list(events)
        model = self.model
        for k, role, by_candidate in self.each(events, doc, ranked, resolver):
            if not by_candidate:
                continue
            scored = {c: round(model.score(f), 4) for c, f in by_candidate.items()}
            best = max(sorted(scored), key=lambda c: scored[c])
            if scored[best] >= self.threshold:
                known = resolver.kb.countries.get(best)
                name = known.name if known is not None else IGO_NAMES.get(best, best)
                out[k] = inferred(out[k], role, best, name,
                                  f"{model.name}, score {scored[best]:.2f}")
        return told_already(out, events)


def _dyad(event: Event) -> tuple[object, ...]:
    return (event.sentence_index, event.cameo,
            *((a.country, a.sector) if a is not None else (None, None)
              for a in (event.source, event.target)))


def told_already(events: list[Event], before: list[Event]) -> list[Event]:
    """``events`` without those whose inferred side made them the same event (sentence, code,
    countries and sectors) as one the text tells with its sides named: "a ceasefire was
    agreed by Iran and Russia" needs no inferred "[Russia]" beside the named Russia."""
    pairs = list(zip(events, before, strict=True))
    named = {_dyad(ev) for ev, was in pairs if ev is was}
    return [ev for ev, was in pairs if ev is was or _dyad(ev) not in named]


def inferred(event: Event, role: str, country: str, name: str, by: str) -> Event:
    """``event`` with side ``role`` given ``country`` (named ``name``), inferred ``by`` a
    model: a side with no country keeps its words and sector, a missing side becomes the
    country in brackets (an international body's code, "UNO", that body, sector IGO)."""
    why = f"{role} country {country} {INFERRED_SIDE} by {by}"
    actor = getattr(event, role)
    if actor is None:
        igo = country in kn.IGO_CODES
        actor = Actor(text=f"[{name}]", name=name, country=country, sector="IGO" if igo else None,
                      kind="igo" if igo else "country", evidence=why)
    else:
        actor = dataclasses.replace(actor, country=country, evidence="; ".join(
            e for e in (actor.evidence, why) if e))
    return dataclasses.replace(event, **{role: actor}, evidence=dataclasses.replace(
        event.evidence, notes=(*event.evidence.notes, why)))


class Recorder(Inferrer):
    """Infers nothing; records the features of every open side by (article id, event id,
    role): what ``benchmarks/train_counterpart.py`` learns from."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str, str], dict[str, list[str]]] = {}

    def infer(self, events: list[Event], doc: Doc, ranked: Sequence[str], resolver: Any
              ) -> list[Event]:
        for k, role, by_candidate in self.each(events, doc, ranked, resolver):
            ev = events[k]
            self.seen[(ev.doc_id, ev.event_id, role)] = by_candidate
        return events

