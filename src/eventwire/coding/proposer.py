"""A learned event proposer (issue 12, item 9): events the rules did not find.

The rules code a sentence only when one of its words has a pattern whose constraints hold on
the parse; in real reporting many events are told in words or constructions no pattern lists.
The proposer reads each sentence as a whole: one logistic regression per CAMEO root over
features that generalise across articles (the lemmas of its verbs and nouns, verb-object,
verb-subject and verb-preposition arcs, noun compounds, negation, named-entity types,
quotation, the sentence's shape and position, and the roots the rules already coded in it).
For each root the model scores at or above its threshold and the rules did not code in that
sentence, it proposes one event:

- **trigger**: the verb or noun whose own features add most to that root's score (the
  sentence's main verb when no word does);
- **code**: the root's most frequent code in the training gold (``190`` for 19);
- **sides**: found with the coder's own machinery (``_roles`` and ``_actors``: the subject of
  the trigger's clause as source, its object or another slot as target), else the subject of
  the main clause and another actor the sentence names; never one actor on both sides, and at
  least one political actor (:mod:`.relevance`);
- **modality, claim, date, place**: as for a rule's event (:mod:`.modality`,
  :mod:`.attribution`, :mod:`.when`, :mod:`.where`).

Each proposed event says in its evidence ``rule="proposer#<root>"``, the model's name
(``Evidence.model``) and its score (``Evidence.score``). The proposer never changes what the
rules coded: it runs after them (and after the veto), and the article state it touches while
resolving actors (the last person named, the people remembered) is put back afterwards.

Trained on the dev half of the Guardian gold corpus only, by ``benchmarks/train_proposer.py``,
which chooses the regularisation and the threshold by cross-validation grouped by article; the
weights ship as ``data/proposer.json`` (plain JSON, read on first use).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Container, Iterable, Mapping, Sequence
from typing import Any, Protocol

from spacy.tokens import Span, Token

from ..errors import DataError
from ..records import Event, Location
from ..records import Span as CharSpan
from ..resources import read_json
from . import attribution, backing, modality, relevance, where
from .context import ArticleContext, Found, another
from .cues import Cues
from .patterns import Pattern, PatternSet
from .syntax import sentence_ents
from .veto import Bundled, bucket, logistic

MODEL_FILE = "proposer.json"
#: Bump when :func:`features` or :func:`token_features` change: other models are refused.
FEATURE_VERSION = 1
#: Target slots of a proposed event, in order (as a pattern names them).
VERB_SLOTS = ("dobj", "dative", "against", "on", "with", "to", "at", "into", "from")
NOUN_SLOTS = ("against", "on", "with", "to", "between", "of")
_ENTITY_TYPES = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})
_CONTENT_POS = frozenset({"VERB", "NOUN"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "should", "must", "can"})


def _word(t: Token) -> str:
    """A word as a feature: its entity type for a name, else its lower-case lemma."""
    if t.ent_type_ in _ENTITY_TYPES or t.pos_ == "PROPN":
        return t.ent_type_ or "PROPN"
    return t.lemma_.lower()


def content(t: Token) -> bool:
    """A word that may carry an event: a verb or common noun, not a stop word."""
    return t.pos_ in _CONTENT_POS and not t.is_stop and t.lemma_.isalpha() and len(t) > 1


Lexicon = Mapping[str, tuple[str, ...]]


def lexicon(patterns: PatternSet) -> dict[str, tuple[str, ...]]:
    """The CAMEO roots each pattern word may code, by ``"VERB:lemma"`` / ``"NOUN:lemma"``:
    a word of the rules' vocabulary that did not fire (its constraints failed, or no actor
    was found) is still a clue."""
    out: dict[str, set[str]] = {}
    for pos, group in (("VERB", patterns.verbs), ("NOUN", patterns.nouns)):
        for lemma, found in group.items():
            out.setdefault(f"{pos}:{lemma}", set()).update(p.code[:2] for p in found)
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


def token_features(t: Token, lex: Lexicon | None = None) -> list[str]:
    """The features a content word contributes (and by which it may be chosen as trigger)."""
    lemma = t.lemma_.lower()
    out = [f"w={lemma}"]
    if lex:
        out += [f"lex={root}" for root in lex.get(f"{t.pos_}:{lemma}", ())]
    for c in t.children:
        dep = c.dep_
        if t.pos_ == "VERB":
            if dep in ("dobj", "nsubjpass"):
                out.append(f"vo={lemma}|{_word(c)}")
            elif dep == "nsubj":
                out.append(f"vs={lemma}|{_word(c)}")
            elif dep in ("prep", "agent") or dep == "prt":
                out.append(f"vp={lemma}|{c.lower_}")
            elif dep == "neg":
                out.append(f"neg={lemma}")
        elif dep == "compound" and c.pos_ in ("NOUN", "PROPN", "ADJ"):
            out.append(f"cn={_word(c)}|{lemma}")
        elif dep == "amod" and c.pos_ == "ADJ":
            out.append(f"an={c.lemma_.lower()}|{lemma}")
    return out


def features(sent: Span, coded_roots: Iterable[str], index: int,
             lex: Lexicon | None = None) -> list[str]:
    """The features of one sentence, sorted (binary: present or not). ``coded_roots`` are the
    CAMEO roots the rules coded in it, ``index`` its position in the article, ``lex`` the
    rules' vocabulary (:func:`lexicon`)."""
    out: set[str] = set()
    for t in sent:
        if content(t):
            out.update(token_features(t, lex))
        if t.dep_ == "neg":
            out.add("neg")
        if t.lower_ in _MODALS and t.dep_ == "aux":
            out.add(f"aux={t.lower_}")
        if t.dep_ in ("auxpass", "nsubjpass"):
            out.add("passive")
        if t.like_num:
            out.add("number")
    ents = [e for e in sentence_ents(sent) if e.label_ in _ENTITY_TYPES]
    out.update(f"ent={e.label_}" for e in ents)
    out.add(f"ents={bucket(len(ents), (0, 1, 2, 4))}")
    root = sent.root
    out.add(f"root={root.lemma_.lower() if root.pos_ in ('VERB', 'AUX') else root.pos_}")
    for c in root.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            out.add(f"subj={_word(c)}")
    if any(t.text in attribution.QUOTES for t in sent):
        out.add("quote")
    out.add(f"len={bucket(len(sent), (10, 20, 30, 45))}")
    out.add(f"index={bucket(index, (0, 2, 5, 10, 20))}")
    roots = sorted(set(coded_roots))
    out.update(f"ruled={r}" for r in roots)
    out.add(f"ruled_n={bucket(len(roots), (0, 1, 2))}")
    return sorted(out)


# --- the model ------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class RootModel:
    """One root's logistic regression, its code, and its own threshold (None: the model's)."""

    code: str
    bias: float
    weights: Mapping[str, float]
    threshold: float | None = None

    def score(self, feats: Iterable[str]) -> float:
        return logistic(self.bias, self.weights, feats)


@dataclasses.dataclass(frozen=True)
class ProposerModel:
    """One :class:`RootModel` per CAMEO root the model proposes, and the global threshold."""

    name: str
    threshold: float
    roots: Mapping[str, RootModel]
    feature_version: int = FEATURE_VERSION

    def scores(self, feats: Sequence[str]) -> dict[str, float]:
        return {root: m.score(feats) for root, m in sorted(self.roots.items())}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = MODEL_FILE) -> ProposerModel:
        try:
            roots = {str(r): RootModel(str(m["code"]), float(m["bias"]),
                                       {str(k): float(v) for k, v in m["weights"].items()},
                                       None if m.get("threshold") is None
                                       else float(m["threshold"]))
                     for r, m in data["roots"].items()}
            model = cls(str(data["name"]), float(data["threshold"]), roots,
                        int(data.get("feature_version", 0)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DataError(f"data file {where}: not a proposer model ({exc!r})") from None
        if model.feature_version != FEATURE_VERSION:
            raise DataError(f"data file {where}: trained on features version "
                            f"{model.feature_version}, the coder has {FEATURE_VERSION}; "
                            "retrain with benchmarks/train_proposer.py")
        return model

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "threshold": self.threshold,
                "feature_version": self.feature_version,
                "roots": {r: {"code": m.code, "bias": m.bias, "threshold": m.threshold,
                              "weights": dict(sorted(m.weights.items()))}
                          for r, m in sorted(self.roots.items())}}


@functools.cache
def load_model(relpath: str = MODEL_FILE) -> ProposerModel:
    """The bundled model (read once per process)."""
    data = read_json(relpath)
    if not isinstance(data, dict):
        raise DataError(f"data file {relpath}: not a proposer model (not an object)")
    return ProposerModel.from_dict(data, relpath)


def versioned(version: str) -> str:
    """The version a coder with the bundled proposer stamps on its events."""
    return f"{version}+proposer"


# --- in the coder ---------------------------------------------------------------------------

class Host(Protocol):
    """What the proposer uses of the event coder (:class:`~.coder.EventCoder`)."""

    cues: Cues

    @property
    def patterns(self) -> PatternSet: ...

    @property
    def resolver(self) -> Any: ...

    def _roles(self, t: Token, p: Pattern) -> tuple[Token | None, list[Token], Token | None]: ...

    def _actors(self, head: Token | None, ctx: ArticleContext,
                expand: bool = True) -> list[Found]: ...

    def _source_head(self, t: Token, p: Pattern | None = None) -> Token | None: ...

    def _date(self, t: Token, gov: Token | None, sent: Span, ctx: ArticleContext,
              mod: Any) -> tuple[Any, str | None, str | None]: ...

    def _event(self, t: Token, p: Pattern, sent: Span, index: int, ctx: ArticleContext,
               headline: bool, src: Found | None, tgt: Found | None, mod: Any,
               cue: str | None, speaker: Any, quote: str | None, date: Any,
               precision: str | None, date_source: str | None, place: Location | None,
               rule: str | None = None, notes: Sequence[str] = ()) -> Event: ...

    def _span(self, ctx: ArticleContext, start: int, end: int) -> CharSpan: ...


class Proposer:
    """What the coder calls with each sentence after the rules (and the veto): the events to
    add. This base proposes nothing; :class:`LearnedProposer` is the model."""

    _lexicon: tuple[PatternSet, Lexicon] | None = None

    def lexicon_of(self, patterns: PatternSet) -> Lexicon:
        """:func:`lexicon` of ``patterns``, built once."""
        if self._lexicon is None or self._lexicon[0] is not patterns:
            self._lexicon = (patterns, lexicon(patterns))
        return self._lexicon[1]

    def propose(self, sent: Span, index: int, coded: Sequence[Event], ctx: ArticleContext,
                host: Host) -> list[Event]:
        return []


def trigger_for(sent: Span, root: RootModel, event_nouns: Container[str] = (),
                lex: Lexicon | None = None) -> Token | None:
    """The verb or event noun (one of ``event_nouns``) whose own features add most to
    ``root``'s score (the earliest of equals); the sentence's main verb when none adds
    anything."""
    best = 0.0
    chosen: Token | None = None
    for t in sent:
        if not content(t) or t.pos_ == "NOUN" and t.lemma_.lower() not in event_nouns:
            continue
        gain = sum(root.weights.get(f, 0.0) for f in token_features(t, lex))
        if gain > best:
            best, chosen = gain, t
    if chosen is None and sent.root.pos_ == "VERB":
        chosen = sent.root
    return chosen


#: Sectors of a state: a proposed event's two sides are not both of one state's.
_STATE_SECTORS = frozenset({None, "GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def _other_side(actor: Any, source: Any) -> bool:
    """Whether ``actor`` may be the other side of a guessed event done by ``source``: another
    party (:func:`.context.another`), and not one more arm of the same state ("Trump" and "the
    2,000 US troops"; a government and its rebels may be)."""
    return another(actor, source) and not (
        actor.country is not None and actor.country == source.country
        and actor.sector in _STATE_SECTORS and source.sector in _STATE_SECTORS)


def _same(a: Found, b: Found) -> bool:
    return a.token.i == b.token.i or a.actor.same_as(b.actor) or (
        a.actor.text.lower() == b.actor.text.lower()) or (
        a.actor.name is not None and a.actor.name == b.actor.name
        and a.actor.sector == b.actor.sector)


class LearnedProposer(Proposer, Bundled[ProposerModel]):
    """Proposes an event for each root the model scores at or above its threshold that the
    rules did not code in the sentence (``threshold`` overrides the model's)."""

    def bundled(self) -> ProposerModel:
        return load_model()

    @property
    def name(self) -> str:
        return self.model.name

    def threshold_of(self, root: str) -> float:
        if self._threshold is not None:
            return self._threshold
        own = self.model.roots[root].threshold
        return self.model.threshold if own is None else own

    def propose(self, sent: Span, index: int, coded: Sequence[Event], ctx: ArticleContext,
                host: Host) -> list[Event]:
        model = self.model
        ruled = {e.root for e in coded}
        feats = features(sent, ruled, index, self.lexicon_of(host.patterns))
        wanted = [(root, p) for root, p in model.scores(feats).items()
                  if root not in ruled and p >= self.threshold_of(root)]
        if not wanted:
            return []
        # the proposer must not change what the rules code next: resolving actors may note
        # the last person named, a person described and remember people; all are put back
        last_person, described, people = ctx.last_person, ctx.described, list(
            ctx.memory.people)
        try:
            out = []
            for root, p in wanted:
                ev = self._event(sent, index, root, round(p, 4), ctx, host)
                if ev is not None:
                    out.append(ev)
            return out
        finally:
            ctx.last_person, ctx.described, ctx.memory.people = last_person, described, people

    def _sides(self, t: Token, p: Pattern, sent: Span, ctx: ArticleContext, host: Host
               ) -> tuple[Found | None, Found | None, Token | None]:
        source_head, candidates, gov = host._roles(t, p)
        sources = host._actors(source_head, ctx)
        if not sources and sent.root.i != t.i and sent.root.pos_ in ("VERB", "AUX"):
            # the subject of the main clause ("Turkey said on Monday its jets hit …")
            sources = host._actors(host._source_head(sent.root), ctx)
        src = sources[0] if sources else None
        tgt: Found | None = None
        others = [*candidates, *(e.root for e in sentence_ents(sent)
                                  if e.label_ in _ENTITY_TYPES)]
        backers = backing.allies(sent)
        for cand in others:
            if cand.i == t.i or src is not None and cand.i == src.token.i or cand.i in backers:
                continue  # "backed by Russian air power, government forces …": no foe
            found = [f for f in host._actors(cand, ctx)
                     if src is None or not _same(f, src) and _other_side(f.actor, src.actor)]
            if found:
                tgt = found[0]
                break
        if src is None and tgt is not None and relevance.political(tgt.actor):
            # one political party and no subject: a guess is likelier its doer than its target
            src, tgt = tgt, None
        return src, tgt, gov

    def _event(self, sent: Span, index: int, root: str, score: float, ctx: ArticleContext,
               host: Host) -> Event | None:
        rm = self.model.roots[root]
        t = trigger_for(sent, rm, host.patterns.nouns, self.lexicon_of(host.patterns))
        if t is None or t.idx in ctx.skip:
            return None  # no word to point to; or the dateline
        verb = t.pos_ == "VERB"
        p = Pattern(id=f"proposer#{root}", code=rm.code, pos="verb" if verb else "noun",
                    lemma=t.lemma_.lower(), target=VERB_SLOTS if verb else NOUN_SLOTS)
        src, tgt, gov = self._sides(t, p, sent, ctx, host)
        if src is not None and tgt is not None and _same(src, tgt):
            tgt = None  # one actor is never on both sides
        if not (relevance.political(src.actor if src else None)
                or relevance.political(tgt.actor if tgt else None)):
            return None  # no political actor: no event
        mod, cue = modality.modality(t, host.cues)
        claim = attribution.find_claim(t, sent, host.cues)
        if claim is not None and claim.alleging and mod == "asserted":
            mod, cue = "alleged", claim.verb.text if claim.verb is not None else None
        speaker = None
        if claim is not None and claim.speaker is not None:
            said = host._actors(claim.speaker, ctx, expand=False)
            speaker = said[0].actor if said else None
        date, precision, date_source = host._date(t, gov, sent, ctx, mod)
        extra = [x.token for x in (tgt,) if x is not None]
        place = where.locate_in(t, extra, host.resolver, ctx, rm.code)
        ev = host._event(t, p, sent, index, ctx, False, src, tgt, mod, cue, speaker,
                         claim.quote if claim else None, date, precision, date_source, place,
                         rule=f"proposer#{root}",
                         notes=(f"proposed: root {root} scored {score:.4f} by "
                                f"{self.model.name} (trigger {t.text!r})",))
        return dataclasses.replace(ev, evidence=dataclasses.replace(
            ev.evidence, model=self.model.name, score=score))


@dataclasses.dataclass
class Pending:
    """One sentence as :class:`Recorder` saw it: enough to propose for it later with any
    model (``benchmarks/train_proposer.py``)."""

    sent: Span
    index: int
    coded: list[Event]
    ctx: ArticleContext
    span: CharSpan
    last_person: Any
    described: Any
    people: list[str]
    features: list[str]

    def propose(self, proposer: LearnedProposer, host: Host) -> list[Event]:
        """What ``proposer`` adds to this sentence, in the article state it was coded in."""
        self.ctx.last_person, self.ctx.described = self.last_person, self.described
        self.ctx.memory.people = list(self.people)
        return proposer.propose(self.sent, self.index, self.coded, self.ctx, host)


class Recorder(Proposer):
    """Proposes nothing; keeps every sentence (by article id) with its features and what
    the rules coded in it: what ``benchmarks/train_proposer.py`` learns from."""

    def __init__(self) -> None:
        self.seen: dict[str, list[Pending]] = {}

    def propose(self, sent: Span, index: int, coded: Sequence[Event], ctx: ArticleContext,
                host: Host) -> list[Event]:
        self.seen.setdefault(ctx.article.id, []).append(Pending(
            sent, index, list(coded), ctx, host._span(ctx, sent.start_char, sent.end_char),
            ctx.last_person, ctx.described, list(ctx.memory.people),
            features(sent, {e.root for e in coded}, index, self.lexicon_of(host.patterns))))
        return []
