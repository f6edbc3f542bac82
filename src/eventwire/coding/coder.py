"""The event coder: a parsed sentence in, zero or more :class:`~eventwire.records.Event` out.

For each word whose lemma has a pattern (``data/patterns``) the coder checks the
pattern's constraints on the parse, finds the source (subject, passive agent,
controller of an infinitive, possessor of a nominal event, subject of a light verb)
and the target (the slot the pattern names), resolves both to actors, and attaches
modality, attribution, date and place. docs/events.md walks through the rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from .. import codes
from ..actors import ActorResolver, ArticleMemory
from ..places import Gazetteer
from ..records import Actor, Article, Event, Evidence, Location, Modality
from ..records import Span as CharSpan
from . import (
    agentless,
    attribution,
    coref,
    mentions,
    modality,
    nested,
    relevance,
    stance,
    when,
    where,
)
from . import patterns as pattern_data
from .cues import Cues
from .cues import load as load_cues
from .patterns import NAMING_VERBS, Pattern, PatternSet
from .reframe import Reframing
from .reframe import load as load_reframing
from .roles import HARM_VERBS, RoleFinder, frame_head, gerund_noun
from .syntax import (
    child,
    conjuncts,
    has_future_aux,
    lemma_of,
    named_modifiers,
    np_tokens,
    object_words,
    other_clause,
    passive,
    predicate_words,
    prep_objects,
    to_infinitive,
    to_original,
)

CODER_VERSION = "0.3.0"

#: Dependencies through which a word is embedded in (the complement of) another.
EMBED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "advcl", "acl",
                        "attr", "oprd", "relcl"})
PRONOUN_PERSON = frozenset({"he", "she", "him", "her"})
#: Verbs of wanting or telling: "X wants Y to act", "X told Y to act" are X's demand on Y.
DESIRE_VERBS = frozenset({"want", "wish", "expect", "tell"})
#: Participles and adjectives that tie a group to a place or body ("based in", "loyal to").
AFFILIATION_VERBS = frozenset({"base", "based", "affiliate", "affiliated", "link", "linked",
                               "loyal", "allied", "ally"})
#: Possessive pronouns that, in reported speech, make an agent the speaker's ("their forces").
OWNER_PRONOUNS = frozenset({"their", "its", "our"})
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})
PROTEST_ROOT = "14"
STATEMENT_CODE = "010"
#: A state's or government's "protest" is an official complaint (CAMEO 114), not a demonstration.
STATE_PROTEST_CODE = "114"
MAX_SENTENCE_TOKENS = 300
MATERIAL_CONFLICT = 4  # QuadClass
CONTEXT_CHARS = 12_000  # how much of an article says which countries it is about
_DATE_LABELS = frozenset({"DATE", "TIME"})


def _date_ents(sent: Span) -> Iterator[Span]:
    """The DATE and TIME entities inside ``sent``, found in the sentence's own tokens
    (``sent.ents`` walks every entity of the document: quadratic in a long article)."""
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        token = doc[i]
        if token.ent_iob_ != "B":
            i += 1
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= sent.end and token.ent_type_ in _DATE_LABELS:
            yield Span(doc, i, end, label=token.ent_type_)
        i = end


def _when_clause_of(clause: Token, date: Token) -> bool:
    """"In 2003, when Turkey refused …": the clause is a "when" clause (or a relative
    clause) of the date, or a "when" clause beside it on the same verb."""
    if clause.dep_ == "relcl" and clause.head.i == date.i:
        return True
    if clause.dep_ != "advcl" or not any(c.lower_ == "when" for c in clause.children):
        return False
    tok = date
    while tok.dep_ in ("pobj", "prep", "npadvmod", "compound") and tok.head.i != tok.i:
        tok = tok.head
    return tok.i == clause.head.i or tok.head.i == clause.i


@dataclasses.dataclass
class ArticleContext:
    """What the coder knows about the article being coded."""

    article: Article
    published: dt.date
    published_known: bool
    memory: ArticleMemory
    countries: list[str]
    context: str | None
    skip: range | None = None
    last_person: Actor | None = None


@dataclasses.dataclass(frozen=True)
class _Found:
    actor: Actor
    token: Token


class EventCoder(RoleFinder):
    """Code events in parsed documents. Patterns, resolver, cues and gazetteer are injectable."""

    def __init__(self, patterns: PatternSet | None = None, resolver: ActorResolver | None = None,
                 cues: Cues | None = None, gazetteer: Gazetteer | None = None,
                 version: str = CODER_VERSION) -> None:
        self._patterns = patterns
        self._cues = cues
        self._reframing: Reframing | None = None
        self.resolver = resolver or ActorResolver(gazetteer=gazetteer)
        self.version = version

    @property
    def patterns(self) -> PatternSet:
        """The event patterns (the bundled ones are loaded on first use)."""
        if self._patterns is None:
            self._patterns = pattern_data.load()
        return self._patterns

    @property
    def reframing(self) -> Reframing:
        if self._reframing is None:
            self._reframing = load_reframing()
        return self._reframing

    @property
    def cues(self) -> Cues:
        if self._cues is None:
            self._cues = load_cues()
        return self._cues

    # -- article level ------------------------------------------------------------------
    def context_for(self, article: Article, published: dt.date | None = None) -> ArticleContext:
        pub = published or article.published
        body = article.body
        if article.dateline is not None:  # the filing place is not what the story is about
            offset = article.kept[0].start if article.kept else 0
            body = body[max(0, article.dateline.span.end - offset):]
        # the countries the article names most often first ("the regime" in a story about
        # Syria that opens with Russia is Syria's)
        counts = Counter(self.resolver.country_mentions(body[:CONTEXT_CHARS]))
        countries = [c for c, _ in counts.most_common()]
        skip = None
        if article.dateline is not None:
            skip = range(0, article.dateline.span.end - (article.kept[0].start if article.kept
                                                          else 0))
        ctx_name = None
        if countries and countries[0] in self.resolver.kb.countries:
            ctx_name = self.resolver.kb.countries[countries[0]].name
        return ArticleContext(article, pub or dt.date.today(), pub is not None, ArticleMemory(),
                              countries, ctx_name, skip)

    def code_doc(self, doc: Doc, ctx: ArticleContext, headline: bool = False) -> list[Event]:
        events: list[Event] = []
        ids: set[str] = set()
        for index, sent in enumerate(doc.sents):
            if len(sent) > MAX_SENTENCE_TOKENS:
                continue
            for ev in self.code_sentence(sent, -1 if headline else index, ctx, headline):
                if ev.event_id not in ids:  # one event, one id: a second reading is dropped
                    ids.add(ev.event_id)
                    events.append(ev)
        return events

    # -- sentence level -----------------------------------------------------------------
    def _fits(self, p: Pattern, t: Token) -> bool:
        if p.particle and not any(c.lower_ == p.particle and c.dep_ in ("prt", "prep", "advmod")
                                  for c in t.children):
            return False
        if p.object:
            obj = child(t, "nsubjpass") if passive(t) else child(t, "dobj")
            if obj is None and p.pos == "verb":
                obj = next(iter(prep_objects([t], p.particle or "")), None) if p.particle \
                    else None
            if obj is None or not (object_words(obj) & p.object):
                return False
            heads = [*conjuncts(obj), *prep_objects([obj], "of")]
            if not {h.lemma_.lower() for h in heads} & p.object and any(
                    h.pos_ == "NOUN" and (q := self._match(h)) is not None
                    and q.code[:2] != p.code[:2] for h in heads):
                return False  # "opened a round of **border talks**": talks, not a border
        if p.complement and not any(c.lemma_.lower() in p.complement and (
                c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and to_infinitive(c)))
                for c in t.children):
            return False
        if p.modifier and not any(c.dep_ in ("compound", "amod", "nmod") and
                                  c.lemma_.lower() in p.modifier for c in t.children):
            return False
        if p.complement_noun:
            nouns = [child(t, "dobj")] + [o for w in ("for", "on", "to", "of")
                                          for o in prep_objects([t], w)]
            if not any(n is not None and n.lemma_.lower() in p.complement_noun for n in nouns):
                return False
        if p.predicate or p.lemma in NAMING_VERBS:
            said = predicate_words(t)
            if bool(p.predicate) != bool(said) or (p.predicate and not said & p.predicate):
                return False  # "called the raid a grave error" is no phone call
        return True

    def _match(self, t: Token) -> Pattern | None:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB":
            candidates = self.patterns.verbs.get(lemma, ())
        elif t.pos_ == "NOUN":
            candidates = self.patterns.nouns.get(lemma, ())
        else:
            return None
        first: Pattern | None = None
        for p in candidates:
            if first is not None and p.specificity < first.specificity:
                break
            if not self._fits(p, t):
                continue
            if not p.object or self._object_head_fits(p, t) or self._object_event_is(p, t):
                return p  # "withdrew weapons inspectors": inspectors, not weapons
            first = first or p
        return first

    def _object_event_is(self, p: Pattern, t: Token) -> bool:
        """The object is itself an event noun coded as ``p`` ("went on **hunger strike**")."""
        obj = child(t, "dobj") or (next(iter(prep_objects([t], p.particle)), None)
                                   if p.particle else None)
        if obj is None or obj.pos_ != "NOUN" or obj.lemma_.lower() not in self.patterns.nouns:
            return False
        q = next((q for q in self.patterns.nouns[obj.lemma_.lower()] if self._fits(q, obj)), None)
        return q is not None and q.code == p.code

    @staticmethod
    def _object_head_fits(p: Pattern, t: Token) -> bool:
        obj = child(t, "nsubjpass") if passive(t) else child(t, "dobj")
        if obj is None and p.particle:
            obj = next(iter(prep_objects([t], p.particle)), None)
        return obj is not None and any(c.lemma_.lower() in p.object for c in conjuncts(obj))

    def _governing_trigger(self, t: Token, fired: dict[int, Pattern]) -> Token | None:
        """The fired trigger whose complement ``t`` sits in (None below a speech verb)."""
        if t.dep_ in ("advcl", "xcomp") and to_infinitive(t):
            # "staged a hunger strike to demand ...": the demand is the protest's purpose
            obj = child(t.head, "dobj")
            if obj is not None and obj.i in fired and fired[obj.i].code.startswith(PROTEST_ROOT):
                return obj
        tok = frame_head(t)
        while tok.dep_ in EMBED_DEPS and tok.head.i != tok.i:
            head = tok.head
            if head.lemma_.lower() in self.cues.speech_verbs:
                return None
            if head.i in fired:
                # a statement (root 01) reports its content like a speech verb does
                return None if fired[head.i].code.startswith("01") else head
            tok = head
        return None

    @staticmethod
    def _result_of_nominal(t: Token, fired: dict[int, Pattern]) -> bool:
        """"A roadside **bombing killed** two soldiers": the killing is the bombing's result,
        coded once, as the bombing (the nominal event takes the verb's object as its target)."""
        if t.pos_ != "VERB" or t.lemma_.lower() not in HARM_VERBS or passive(t):
            return False
        subj = child(t, "nsubj")
        return subj is not None and subj.i in fired and (subj.pos_ == "NOUN"
                                                         or gerund_noun(subj))

    def code_sentence(self, sent: Span, index: int, ctx: ArticleContext,
                      headline: bool = False) -> list[Event]:
        fired: dict[int, Pattern] = {}
        for t in sent:
            if ctx.skip is not None and t.idx in ctx.skip and not headline:
                continue
            p = self._match(t)
            if p is not None:
                fired[t.i] = p
        events: list[Event] = []
        seen: set[tuple[str, str, str]] = set()
        governors = {i: self._governing_trigger(sent.doc[i], fired) for i in fired}
        # "did not rule out a joint operation": the operation, as a possibility, instead
        opened = {g.i for g in governors.values()
                  if g is not None and stance.leaves_open(g, fired[g.i])}
        for i, p in fired.items():
            t = sent.doc[i]
            if i in opened or self._result_of_nominal(t, fired):
                continue
            governor = governors[i]
            alleged_by = possible_by = None
            if governor is not None:
                alleging = governor.lemma_.lower() in self.cues.alleged_governors
                if alleging and t.pos_ == "VERB":
                    alleged_by = governor
                elif governor.i in opened:
                    possible_by = governor
                elif nested.codes_nested(t, governor, fired[governor.i]):
                    alleged_by = governor if alleging else None  # "condemned Israel's raid"
                else:
                    continue
            for ev in self._events_for(t, p, sent, index, ctx, headline, alleged_by,
                                       possible_by):
                key = (ev.cameo, ev.source.to_dict().__repr__() if ev.source else "",
                       ev.target.to_dict().__repr__() if ev.target else "")
                if key not in seen:
                    seen.add(key)
                    events.append(ev)
        events.extend(self._statements(sent, index, ctx, headline, fired))
        return events

    # -- actors ------------------------------------------------------------------------
    def _actors(self, head: Token | None, ctx: ArticleContext,
                expand: bool = True) -> list[_Found]:
        if head is None:
            return []
        out: list[_Found] = []
        for tok in (conjuncts(head) if expand else [head]):
            actor = self._actor(tok, ctx)
            if actor is not None:
                out.append(_Found(actor, tok))
                if expand:
                    out += self._conjoined_modifiers(tok, actor, ctx)
        return out

    def _conjoined_modifiers(self, tok: Token, actor: Actor, ctx: ArticleContext) -> list[_Found]:
        """"French and Egyptian warships": one actor per conjoined nationality."""
        out: list[_Found] = []
        for adj in tok.children:
            if adj.dep_ not in ("amod", "compound") or not adj.text[:1].isupper():
                continue
            for other in adj.children:
                if other.dep_ != "conj" or not other.text[:1].isupper():
                    continue
                text = f"{other.text} {tok.text}"
                found = self.resolver.resolve(text, date=ctx.published, memory=ctx.memory)
                if found is None or found.country is None or found.country == actor.country:
                    continue
                span = self._span(ctx, other.idx, tok.idx + len(tok))
                out.append(_Found(dataclasses.replace(found, text=text, span=span), other))
        return out

    def _actor(self, tok: Token, ctx: ArticleContext) -> Actor | None:
        if ctx.skip is not None and tok.idx in ctx.skip:
            return None  # the dateline names the reporting place, not an actor
        if tok.pos_ == "PRON":
            speaker = self._speaker_of(tok)
            if speaker is not None:
                return self._actor(speaker, ctx)
            if tok.lower_ in PRONOUN_PERSON:
                return ctx.last_person
            # "its" / "their" name an owner (_owner_country), not a party of the event
            return self._antecedent(tok, ctx) if tok.dep_ != "poss" else None
        words = np_tokens(tok)
        text = "".join(w.text_with_ws for w in words).strip()
        owner = self._owner_country(tok, ctx)  # "its army": the owner's, not the context's
        actor = self.resolver.resolve(text, date=ctx.published,
                                      background=ctx.context if owner is None else None,
                                      memory=ctx.memory, prefer=ctx.countries)
        if actor is not None and mentions.coincidental(tok, actor):
            actor = None  # "Christians" are no President Christian
        if actor is None:
            appos = child(tok, "appos")
            if appos is not None:
                return self._actor(appos, ctx)
            home = self._affiliation(tok, ctx)
            if home is not None:
                # "a newspaper based in Beirut", "workers affiliated with the Serbian union"
                actor = Actor(text=text, name=None, country=home.country, sector=None,
                              kind="agent", evidence=f"country of {home.text!r}")
            else:  # "three persons", "dozens": people of no named group
                actor = agentless.people(tok, text)
                if actor is None:
                    return None
        elif actor.country is None and actor.kind in ("agent", "organization"):
            home = self._affiliation(tok, ctx)
            if home is not None:
                actor = dataclasses.replace(actor, country=home.country,
                                            evidence=f"{actor.evidence}; country of {home.text!r}")
        if actor.country is None and actor.kind == "agent" and owner is not None:
            # "Serb leaders said **their forces** had withdrawn"; "Turkey … **its army**"
            actor = dataclasses.replace(
                actor, country=owner, evidence=f"{actor.evidence}; country of its owner")
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        actor = dataclasses.replace(actor, span=self._span(ctx, start, end))
        if actor.kind == "person":
            ctx.last_person = actor
        return actor

    def _antecedent(self, pron: Token, ctx: ArticleContext) -> Actor | None:
        """The actor "it" / "they" / a quoted "we" stands for (:mod:`.coref`), with the
        pronoun's span."""
        speakers = pron.lower_ in coref.FIRST_PLURAL  # a quoted "we": whoever speaks
        heads = coref.quote_speakers(pron, self.cues.speech_verbs) if speakers \
            else coref.candidates(pron)
        for head in heads:
            actor = self._actor(head, ctx)
            if actor is not None and (speakers or actor.kind not in coref.NOT_KINDS) and \
                    actor.country is not None:
                return dataclasses.replace(
                    actor, text=pron.text, span=self._span(ctx, pron.idx, pron.idx + len(pron)),
                    evidence=f"{actor.evidence}; {pron.text!r} stands for {actor.text!r}")
        return None

    def _wanter(self, t: Token, ctx: ArticleContext) -> _Found | None:
        """Who wants another actor to act: the subject of "wants **Turkey** to withdraw"."""
        head = t.head
        if t.dep_ not in ("xcomp", "ccomp") or head.lemma_.lower() not in DESIRE_VERBS or (
                t.dep_ == "ccomp" and head.lemma_.lower() in self.cues.speech_verbs):
            return None  # "officials told AFP (that) the army lifted ...": a report
        doer = child(head, "dobj") if t.dep_ == "xcomp" else child(t, "nsubj")
        if doer is None or doer.pos_ == "PRON":
            return None
        found = self._actors(self._source_head(head), ctx, expand=False)
        return found[0] if found else None

    def _affiliation(self, tok: Token, ctx: ArticleContext) -> Actor | None:
        """The place or body an unresolved group is tied to: "a group **based in** X",
        "workers **affiliated with** X", "militants **loyal to** X" (an actor with a country)."""
        for c in tok.children:
            if not ((c.dep_ == "acl" and c.lemma_.lower() in AFFILIATION_VERBS) or (
                    c.dep_ == "amod" and c.i > tok.i and c.lemma_.lower() in AFFILIATION_VERBS)):
                continue
            for word in ("in", "with", "to"):
                for obj in prep_objects([c], word):
                    found = self._actor(obj, ctx)
                    if found is not None and found.country is not None:
                        return found
        return None

    def _owner_country(self, tok: Token, ctx: ArticleContext) -> str | None:
        """For "their / its / our forces" in reported speech, the speaker's country;
        elsewhere the country of the actor "its" / "their" stands for."""
        poss = child(tok, "poss")
        if poss is None or poss.lower_ not in OWNER_PRONOUNS or \
                tok.lemma_.lower() in coref.RELATIONAL_NOUNS:
            return None
        speaker = self._speaker_of_clause(tok)
        if speaker is None or speaker.i == tok.i:
            owner = self._antecedent(poss, ctx)  # "Turkey ... Its army attacked"
            return owner.country if owner is not None else None
        found = self._actor(speaker, ctx)
        return found.country if found is not None else None

    def _span(self, ctx: ArticleContext, start: int, end: int) -> CharSpan:
        return to_original(ctx.article, start, end)

    # -- events -------------------------------------------------------------------------
    def _events_for(self, t: Token, p: Pattern, sent: Span, index: int, ctx: ArticleContext,
                    headline: bool, alleged_by: Token | None,
                    possible_by: Token | None = None) -> Iterator[Event]:
        if relevance.natural_cause(t, p.code, self.cues.disasters):
            return  # "the earthquake killed 300 people": no one did it
        source_head, candidates, gov = self._roles(t, p)
        if source_head is None and t.pos_ == "NOUN":
            # "army shelling", "police raids": a political actor named by a common noun
            source_head = next((c for c in t.children if c.dep_ == "compound"
                                and c.pos_ == "NOUN"
                                and relevance.political(self._actor(c, ctx))), None)
        if source_head is not None and source_head.pos_ == "NOUN" and \
                source_head.lemma_.lower() in self.patterns.nouns:
            # "Recent US Predator attacks have killed ...": the attack's own actor
            source_head = child(source_head, "poss") or next(
                iter(named_modifiers(source_head)),
                next(iter(prep_objects([source_head], "by")), None))
        between = source_head is not None and source_head.head.lower_ == "between"
        sources = self._actors(source_head, ctx, expand=not between)
        if p.pos == "verb" and p.lemma == "protest" and p.code.startswith(PROTEST_ROOT) and \
                sources and source_head is not None and (
                    source_head.ent_type_ == "GPE" or sources[0].actor.sector == "GOV"):
            # "Vietnam protested against the oil rig": a state complains, it does not march
            p = dataclasses.replace(p, code=STATE_PROTEST_CODE, id=f"{p.id}>state")
        target_head: Token | None = None
        targets: list[_Found] = []
        for cand in candidates:
            if cand.i == t.i or source_head is not None and cand.i == source_head.i:
                continue  # an event is never its own target, nor its source's
            found = [f for f in self._actors(cand, ctx)
                     if not any(f.actor.same_as(s.actor) for s in sources)]
            if found:
                target_head, targets = cand, found
                break
        if not targets and between and sources and source_head is not None:
            # "fighting between Armenian and Azerbaijani forces"
            targets = self._conjoined_modifiers(source_head, sources[0].actor, ctx)
        extra = [x for x in (target_head, child(t, "dobj")) if x is not None]
        place = where.locate_in(t, extra, self.resolver, ctx, p.code)
        notes: list[str] = []
        if sources and place is not None and place.country and \
                codes.lookup(p.code).root == PROTEST_ROOT:
            # "Taxi drivers staged a strike in Athens": protesters named by role are locals
            sources = [_Found(dataclasses.replace(f.actor, country=place.country), f.token)
                       if f.actor.country is None and f.actor.kind == "agent" else f
                       for f in sources]
        if not sources and source_head is not None and place is not None and place.country \
                and codes.lookup(p.code).root == PROTEST_ROOT and source_head.pos_ != "PRON":
            # "Opposition supporters rioted in Dhaka": protesters of the place's country
            notes.append(f"source country from the protest's place ({place.name})")
            words = np_tokens(source_head)
            sources = [_Found(Actor(
                text="".join(w.text_with_ws for w in words).strip(), name=None,
                country=place.country, sector=None, kind="agent",
                evidence=f"protesters in {place.name}",
                span=self._span(ctx, words[0].idx, words[-1].idx + len(words[-1]))),
                source_head)]
        if not targets and sources and codes.lookup(p.code).root == PROTEST_ROOT and \
                sources[0].actor.country and not (place is not None and place.country):
            # CAMEO codes a protest with no named target against the protesters' government
            home = sources[0].actor.country
            notes.append(f"implicit target: the government of {home} (protest)")
            targets = [_Found(Actor(text=home, name=home, country=home, sector="GOV",
                                    kind="country", evidence="implicit protest target"), t)]
        if place is not None and place.country and any(
                f.actor.country is None and f.actor.kind == "agent" for f in targets):
            # "distributed food to refugees in Chad": people named only by their role are
            # the place's
            notes.append(f"target country from the event's place ({place.name})")
            targets = [_Found(dataclasses.replace(f.actor, country=place.country), f.token)
                       if f.actor.country is None and f.actor.kind == "agent" else f
                       for f in targets]
        if not targets and place is not None and place.country and sources and (
                codes.lookup(p.code).quad_class == MATERIAL_CONFLICT
                or codes.lookup(p.code).root == PROTEST_ROOT
                or all(f.actor.country != place.country for f in sources)) and not (
                len(sources) > 1 and codes.lookup(p.code).root in SYMMETRIC_ROOTS):
            # force used in a place is used on it, a protest held there is against it, an
            # embassy opened in Tehran concerns Iran; a Russian meeting in Sochi is no
            # event against Russia
            notes.append(f"target from the event's place ({place.name})")
            targets = [_Found(Actor(text=place.name, name=place.name, country=place.country,
                                    sector=None, kind="place", evidence="event place"), t)]
        if not sources and (passive(t) or t.pos_ == "NOUN"):
            # "dozens were detained after the march": the police, though no one says so
            home = place.country if place is not None and place.country else next(
                (f.actor.country for f in targets if f.actor.country), None) or next(
                iter(ctx.countries), None)
            implied = agentless.implied_source(p.code, home, t)
            if implied is not None:
                sources = [_Found(implied, t)]
        if not sources and not targets:
            return
        pairs: list[tuple[_Found | None, _Found | None]]
        code = codes.lookup(p.code)
        if not targets and len(sources) > 1 and code.root in SYMMETRIC_ROOTS:
            pairs = [(sources[0], s) for s in sources[1:]] + [(s, sources[0]) for s in sources[1:]]
        else:
            pairs = [(s, g) for s in (sources or [None]) for g in (targets or [None])]
        mod, cue = modality.modality(t, self.cues)
        if alleged_by is not None and mod == "asserted":
            mod, cue = "alleged", alleged_by.text
        if possible_by is not None:
            mod, cue = "hypothetical", f"not {possible_by.text} out"
        claim = attribution.find_claim(t, sent, self.cues)
        if claim is not None and claim.alleging and mod == "asserted":
            mod, cue = "alleged", claim.verb.text if claim.verb is not None else None
        speaker = self._actor(claim.speaker, ctx) if claim and claim.speaker is not None else None
        conditional = any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children)
                          for c in t.children)
        announced = self.reframing.announced(p.code, mod, cue, conditional)
        refused = self.reframing.refused(
            p.code, mod, lemma_of(cue, t),
            # "said it would not resume talks": a refusal reported in speech
            future=any(has_future_aux(g, self.cues) or (claim is not None and any(
                c.dep_ == "aux" and c.lower_ == "would" for c in g.children))
                for g in (t, *modality.governors(t, self.cues))))
        wanter = self._wanter(t, ctx)
        if wanter is not None and sources and all(s.actor != wanter.actor for s in sources) \
                and (wanted := self.reframing.demanded(p.code)) is not None:
            # "Iraq wants Turkey to pull its troops out": Iraq's demand on Turkey
            notes.append(f"{wanter.actor.text!r} wants {p.code} done: coded as demand {wanted}")
            p = dataclasses.replace(p, code=wanted)
            targets, sources = sources, [wanter]
            mod, cue = "asserted", None
            pairs = [(s, g) for s in sources for g in targets]
            announced = refused = None
        announcement: Pattern | None = None
        if refused is not None:
            notes.append(f"refused action {p.code}; the refusal is coded {refused}")
            announcement = dataclasses.replace(p, code=refused)
        elif announced is not None:
            # two events: the announcement (asserted, CAMEO's intent/threat code) and the
            # announced action itself with its own modality, for analysts who filter on it
            notes.append(f"announced action {p.code}; the announcement is coded {announced}")
            announcement = dataclasses.replace(p, code=announced)
        elif (speaker is not None and claim is not None and claim.speaker is not None
              and mod == "hypothetical" and ((cue or "").lower() in self.reframing.demand_cues
                                             or modality.mandated(t, self.cues))
              and (demand := self.reframing.demanded(p.code)) is not None
              and all(s.actor != speaker for s in sources)):
            notes.append(f"{speaker.text!r} says {p.code} must happen: coded as demand {demand}")
            p = dataclasses.replace(p, code=demand)
            targets, sources = sources, [_Found(speaker, claim.speaker)]
            mod, cue = "asserted", None
            pairs = [(s, g) for s in sources for g in (targets or [None])]
        date, precision, date_source = self._date(t, gov, sent, ctx, mod)
        for src, tgt in pairs:
            if src is None and tgt is None or (
                    src is not None and tgt is not None and src.actor.same_as(tgt.actor)):
                continue  # one actor on both sides is no event
            if not relevance.relevant(src.actor if src else None, tgt.actor if tgt else None):
                continue  # no political actor on either side
            if announcement is not None:
                yield self._event(t, announcement, sent, index, ctx, headline, src, tgt,
                                  "asserted", None, speaker, claim.quote if claim else None,
                                  ctx.published if ctx.published_known else None,
                                  "day" if ctx.published_known else None,
                                  "publication" if ctx.published_known else None, place,
                                  notes=notes)
            yield self._event(t, p, sent, index, ctx, headline, src, tgt, mod, cue, speaker,
                              claim.quote if claim else None, date, precision, date_source, place,
                              notes=notes)

    def _date(self, t: Token, gov: Token | None, sent: Span, ctx: ArticleContext,
              mod: Modality) -> tuple[dt.date | None, str | None, str | None]:
        clause = gov if gov is not None else t
        while clause.pos_ != "VERB" and clause.head.i != clause.i:
            clause = clause.head
        best = None
        for ent in _date_ents(sent):
            root = ent.root
            if other_clause(root, clause) or when.is_duration(ent.text):
                continue  # "has occupied the region for five years": no date
            if root.i == clause.i or clause in root.ancestors or (
                    t.pos_ == "NOUN" and t in root.ancestors) or _when_clause_of(clause, root):
                if best is None or abs(ent.start - t.i) < abs(best.start - t.i):
                    best = ent
        if best is not None:
            found = when.resolve_date(best.text, ctx.published, future=(mod == "future"))
            if found is not None:
                return found[0], found[1], f"text: {best.text}"
        if ctx.published_known:
            return ctx.published, "day", "publication"
        return None, None, None

    def _event(self, t: Token, p: Pattern, sent: Span, index: int, ctx: ArticleContext,
               headline: bool, src: _Found | None, tgt: _Found | None, mod: Modality,
               cue: str | None, speaker: Actor | None, quote: str | None,
               date: dt.date | None, precision: str | None, date_source: str | None,
               place: Location | None, rule: str | None = None,
               notes: Sequence[str] = ()) -> Event:
        code = codes.lookup(p.code)
        doc_id = ctx.article.id
        key = f"{doc_id}|{index}|{t.idx}|{p.code}|{src.token.i if src else ''}|" \
              f"{tgt.token.i if tgt else ''}"
        event_id = hashlib.sha1(key.encode()).hexdigest()[:16]
        notes = [*notes, f"modality cue: {cue}"] if cue else list(notes)
        if headline:
            notes.append("headline: offsets are into the title")
        sent_span = self._span(ctx, sent.start_char, sent.end_char) if not headline else \
            CharSpan(sent.start_char, sent.end_char)
        evidence = Evidence(
            trigger=t.text, rule=rule or f"{p.file}#{p.id}" if p.file else (rule or p.id),
            trigger_span=self._span(ctx, t.idx, t.idx + len(t)),
            source_span=src.actor.span if src else None,
            target_span=tgt.actor.span if tgt else None,
            notes=tuple(notes),
        )
        return Event(
            event_id=event_id, doc_id=doc_id, sentence_index=index, sentence=sent.text.strip(),
            span=sent_span, source=src.actor if src else None, target=tgt.actor if tgt else None,
            cameo=code.code, root=code.root, plover=code.plover, quad_class=code.quad_class,
            goldstein=code.goldstein, modality=mod, speaker=speaker, quote=quote,
            outlet=ctx.article.outlet, date=date,
            date_precision=precision,  # type: ignore[arg-type]
            date_source=date_source, location=None if place is None else place,
            evidence=evidence, headline=headline, coder_version=self.version,
            background=when.is_background(date, date_source, ctx.published, ctx.published_known),
        )

    def explain(self, sent: Span, ctx: ArticleContext) -> list[str]:
        """Why each pattern candidate in a sentence fired or not, with the parse."""
        lines = [" ".join(f"{t.text}/{t.pos_}/{t.dep_}<{t.head.i - sent.start}"
                          for t in sent)]
        fired = {t.i: p for t in sent if (p := self._match(t)) is not None}
        for t in sent:
            group = self.patterns.verbs if t.pos_ == "VERB" else (
                self.patterns.nouns if t.pos_ == "NOUN" else {})
            candidates = group.get(t.lemma_.lower(), ())
            if not candidates:
                continue
            if t.i not in fired:
                lines.append(f"{t.text!r}: {len(candidates)} pattern(s), none fits the parse "
                             f"({', '.join(p.id for p in candidates[:4])})")
                continue
            gov = self._governing_trigger(t, fired)
            why = f"inside the complement of {gov.text!r}" if gov is not None else "fires"
            lines.append(f"{t.text!r}: pattern {fired[t.i].id} {why}")
        for ev in self.code_sentence(sent, 0, ctx):
            lines.append(f"=> {ev.cameo} {_label(ev.source)} -> {_label(ev.target)} "
                         f"[{ev.modality}] rule {ev.evidence.rule}")
        return lines

    def _statements(self, sent: Span, index: int, ctx: ArticleContext, headline: bool,
                    fired: dict[int, Pattern]) -> list[Event]:
        """Code a speech act (CAMEO 010) when its complement holds no other event and it is
        addressed to, or about, another actor (docs/annotation.md, "Statements")."""
        out: list[Event] = []
        statement = Pattern(id="speech", code=STATEMENT_CODE, pos="verb", lemma="say",
                            target=("dative", "to"), file="cues.yaml")
        for t in sent:
            if t.pos_ != "VERB" or t.lemma_.lower() not in self.cues.speech_verbs:
                continue
            comp = child(t, "ccomp")
            demanded = comp is not None and comp.i not in fired and any(
                c.dep_ == "aux" and c.lower_ in self.reframing.demand_cues
                for c in comp.children)
            if not demanded and any(i in fired for i in (w.i for w in t.subtree)):
                continue
            sources = self._actors(self._source_head(t), ctx)
            if not sources:
                continue
            if demanded and comp is not None:
                subjects = self._actors(child(comp, "nsubj"), ctx)
                if subjects:
                    mod, cue = modality.modality(t, self.cues)
                    date, precision, date_source = self._date(t, None, sent, ctx, mod)
                    p = dataclasses.replace(statement, id=f"speech-demand:{t.lemma_.lower()}",
                                            code="100")
                    out.extend(self._event(t, p, sent, index, ctx, headline, sources[0], subj,
                                           mod, cue, None, None, date, precision, date_source,
                                           None, notes=(f"{sources[0].actor.text!r} says "
                                                        f"{subj.actor.text!r} must act",))
                               for subj in subjects)
                    continue
            targets = next((found for cand in self._slots(statement, [t], t, False)
                            if (found := self._actors(cand, ctx))), [])
            if not targets and comp is not None:
                # "Berlin said the vote in Kiev was a step forward": about Ukraine
                targets = next((found for cand in (child(comp, "nsubj", "nsubjpass"),
                                                   child(comp, "dobj"), *prep_objects([comp], "on"),
                                                   *prep_objects([comp], "against"))
                                if (found := [f for f in self._actors(cand, ctx)
                                              if not f.actor.same_as(sources[0].actor)])), [])
            if not targets:
                continue  # a statement is an event when it is about another actor
            mod, cue = modality.modality(t, self.cues)
            date, precision, date_source = self._date(t, None, sent, ctx, mod)
            p = dataclasses.replace(statement, id=f"speech:{t.lemma_.lower()}")
            place = where.locate_in(t, [], self.resolver, ctx, p.code)  # "speaking in X, said"
            out.append(self._event(t, p, sent, index, ctx, headline, sources[0],
                                   targets[0] if targets else None, mod, cue, None, None,
                                   date, precision, date_source, place))
        return out


def _label(actor: Actor | None) -> str:
    return f"{actor.country}/{actor.sector} {actor.text!r}" if actor else "-"


