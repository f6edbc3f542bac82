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
import functools
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from .. import codes
from ..actors import ActorResolver
from ..places import Gazetteer
from ..records import Actor, Article, Event, Location, Modality
from . import (
    agentless,
    backing,
    claims,
    coordination,
    explain,
    interceptions,
    nested,
    recall,
    record,
    reframe,
    relevance,
    stance,
    visits,
    when,
    where,
)
from . import patterns as pattern_data
from .context import (
    MATERIAL_CONFLICT,
    RECIPROCAL_WORDS,
    ArticleContext,
    Found,
    article_context,
    at_home,
    both_ways,
    done_together,
    facing_own,
    guessed_same,
    own_state,
    pairs_of,
    place_is_target,
    placed_sides,
)
from .counterpart import Inferrer
from .cues import Cues
from .cues import load as load_cues
from .framing import Framer
from .learned import COUNTERPART_DEFAULT, PROPOSER_DEFAULT, Learned
from .matching import PROTEST_ROOT, PatternMatcher
from .patterns import Pattern, PatternSet
from .proposer import Proposer
from .reframe import Reframing
from .reframe import load as load_reframing
from .statements import StatementCoder
from .syntax import (
    cause,
    child,
    conjuncts,
    hyphen_pair_of,
    passive,
    reciprocal,
    responsible_party,
    within,
)
from .veto import Reviewer

CODER_VERSION = "0.5.49"

MAX_SENTENCE_TOKENS = 300


class EventCoder(StatementCoder, Framer, PatternMatcher):
    """Code events in parsed documents. Patterns, resolver, cues and gazetteer are injectable.

    ``veto``, ``proposer``, ``counterpart``: the learned parts (``coding/learned.py``): True
    for the bundled model (the version then reads ``+veto``, ``+proposer``, ``+counterpart``),
    False for none, or any :class:`~.veto.Reviewer`, :class:`~.proposer.Proposer`,
    :class:`~.counterpart.Inferrer`."""

    def __init__(self, patterns: PatternSet | None = None, resolver: ActorResolver | None = None,
                 cues: Cues | None = None, gazetteer: Gazetteer | None = None,
                 version: str = CODER_VERSION, veto: Reviewer | bool = True,
                 proposer: Proposer | bool = PROPOSER_DEFAULT,
                 counterpart: Inferrer | bool = COUNTERPART_DEFAULT) -> None:
        self._patterns = patterns
        self._cues = cues
        self._reframing: Reframing | None = None
        self.resolver = resolver or ActorResolver(gazetteer=gazetteer)
        learned = Learned.chosen(veto, proposer, counterpart)
        self.veto, self.proposer, self.counterpart = (learned.veto, learned.proposer,
                                                      learned.counterpart)
        self.version = learned.version(version)

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
        return article_context(article, self.resolver, published)

    def code_doc(self, doc: Doc, ctx: ArticleContext, headline: bool = False) -> list[Event]:
        events: list[Event] = []
        ids: set[str] = set()
        for index, sent in enumerate(doc.sents):
            if len(sent) > MAX_SENTENCE_TOKENS:
                continue
            found: list[Event] = []
            for ev in self.code_sentence(sent, -1 if headline else index, ctx, headline):
                if ev.event_id not in ids:  # one event, one id: a second reading is dropped
                    ids.add(ev.event_id)
                    found.append(ev)
            if found and self.veto is not None:  # the learned veto scores (and drops) them
                found = self.veto.review(found, sent, functools.partial(self._span, ctx))
            if self.proposer is not None and not headline:  # events the rules missed
                found += self.proposer.propose(sent, index, found, ctx, self)
            # "Al-Shabaab claimed responsibility": the doer of the attack told before
            events = claims.credit(events, found, sent, functools.partial(self._span, ctx))
            agentless.remember_doers(found, ctx.doers)
            recall.remember(found, ctx.deeds)
            events.extend(found)
            if not headline:  # the person "he" / "she" will next stand for, coded or not
                self._note_person(sent, ctx)
        if self.counterpart is not None and not headline:  # sides the sentences left unnamed
            events = self.counterpart.infer(events, doc, ctx.countries, self.resolver)
        return events

    # -- sentence level -----------------------------------------------------------------

    def code_sentence(self, sent: Span, index: int, ctx: ArticleContext,
                      headline: bool = False) -> list[Event]:
        fired: dict[int, Pattern] = {}
        for t in sent:
            if t.idx in ctx.skip and not headline:
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
        # "pledged to attack the YPG": the promise is coded by the force it announces
        promised = {g.i for i, g in governors.items() if g is not None and
                    nested.promised_force(sent.doc[i], fired[i], g, fired[g.i])}
        # what the article told before this sentence: a war (or it names an armed group),
        # and whether its latest violence was an assault (the same for every trigger)
        war_told = ctx.armed or any(c.startswith(nested.FIGHT_ROOTS) for c in ctx.deeds)
        assault = recall.latest_assault(ctx.deeds, index)
        for i, p in fired.items():
            t = sent.doc[i]
            if i in opened or i in promised or self._result_of_nominal(t, fired) or \
                    nested.toll(t, p, fired):
                continue  # "more than 500 people have been killed since …": a death toll
            # "killed in airstrikes": 195; "Russian jets killed"; a casualty of a war told
            p, way = nested.harm(t, p, fired, war_told, assault)
            governor = governors[i]
            alleged_by = possible_by = sender = presupposed_by = None
            if governor is not None:
                alleging = governor.lemma_.lower() in self.cues.alleged_governors
                if alleging and (t.pos_ == "VERB" or nested.deed_object(t, governor)):
                    alleged_by = governor  # "accused X of using chemical weapons"
                elif governor.i in opened:
                    possible_by = governor
                elif nested.codes_nested(t, governor, fired[governor.i]):
                    alleged_by = governor if alleging else None  # "condemned Israel's raid"
                    presupposed_by = governor  # "will investigate": the raid is no less done
                elif nested.mission(t, p, governor, fired[governor.i]):
                    sender = governor  # "sent forces to oust the militants": the ousting too
                elif governor.i in promised:
                    pass  # "pledged to attack": the attack, announced (a threat, and `future`)
                else:
                    continue
            elif cause(t):  # "vowed to retaliate for the strike": the strike was done
                presupposed_by = t.head.head
            for ev in self._events_for(t, p, sent, index, ctx, headline, alleged_by,
                                       possible_by, way, sender, presupposed_by):
                key = (ev.cameo, ev.source.to_dict().__repr__() if ev.source else "",
                       ev.target.to_dict().__repr__() if ev.target else "")
                if key not in seen:
                    seen.add(key)
                    events.append(ev)
        events = record.whole_only(events)
        events.extend(self._statements(sent, index, ctx, headline, fired))
        events.extend(visits.visits(events))  # "met Egyptian officials in Cairo": a trip
        span_of = functools.partial(self._span, ctx)
        events.extend(interceptions.launches(events, sent, span_of))  # "downed … missiles"
        sides = functools.partial(self._actors, ctx=ctx)  # the actors a word names
        events.extend(backing.air_attacks(events, sent, span_of, sides))  # "backed by Russian
        events.extend(coordination.joint_acts(events, sent, span_of, sides))  # air power";
        # "hit Idlib in coordination with Turkey"
        return recall.paid_back(events, sent, span_of)  # "retaliate for the Israeli strike"

    # -- events -------------------------------------------------------------------------
    def _events_for(self, t: Token, p: Pattern, sent: Span, index: int, ctx: ArticleContext,
                    headline: bool, alleged_by: Token | None,
                    possible_by: Token | None = None, way: Token | None = None,
                    sender: Token | None = None, presupposed_by: Token | None = None
                    ) -> Iterator[Event]:
        if relevance.no_deed(t, p.code, self.cues, self.patterns.nouns):
            return  # "the earthquake killed 300 people"; "troops are stationed"
        p = stance.war_warned(t, p) or p  # "warned of a war with Iran": a threat to Iran
        source_head, candidates, gov = self._roles(t, p)
        if source_head is None and way is not None:  # "killed in shelling by the army"
            source_head = nested.means_actor(way)
        if sender is not None:  # "Russia sent jets to bomb ...": Russia bombs
            source_head = child(sender, "nsubj") or source_head
        if source_head is None and t.pos_ == "NOUN":  # "Iran was behind the attack", "the
            source_head = responsible_party(t) or nested.leader(t)  # US-led bombing"
        if source_head is None and t.pos_ == "NOUN":
            # "army shelling", "police raids": a political actor named by a common noun
            force = codes.lookup(p.code).quad_class == MATERIAL_CONFLICT
            source_head = next((c for c in t.children if c.dep_ == "compound"
                                and c.pos_ == "NOUN" and relevance.compound_doer(c, force)
                                and relevance.political(self._actor(c, ctx))), None)
        if source_head is not None and source_head.pos_ == "NOUN" and \
                source_head.lemma_.lower() in self.patterns.nouns:
            # "Recent US Predator attacks have killed ...", "killed by a US-led coalition
            # strike": the attack's own actor
            source_head = child(source_head, "poss") or nested.means_actor(source_head)
        between = source_head is not None and (source_head.head.lower_ == "between" or (
            (pair := hyphen_pair_of(source_head)) is not None  # "a Turkish-YPG conflict"
            and pair[0] == source_head))
        sources = self._actors(source_head, ctx, expand=not between)
        if (forces := agentless.withdrawn_forces(t, p.code, p.object, sources)) is not None \
                and (moved := self._actors(forces, ctx)):
            source_head, sources = forces, moved  # "withdrawing US troops": the US leaves
        if p.needs_source and not sources:
            return  # "Isis has been defeated": an outcome with no doer named
        p = reframe.by_doer(p, t, source_head, sources)  # a state's protest is a complaint
        if p.code[:2] == "13" and (clause := stance.warning_clause(t)) is not None:
            # "warned that millions face a freezing winter": concern, not a threat; but
            # "warned that its troops would advance" stays the speaker's threat
            doer = child(clause, "nsubj", "nsubjpass")
            own = {f.actor.country for f in sources if f.actor.country}
            if doer is None or not own & {f.actor.country for f in self._actors(doer, ctx)}:
                p = dataclasses.replace(p, code=stance.CONCERN_CODE, target=("none",),
                                        id=f"{p.id}>concern")
                candidates = []
        target_head: Token | None = None
        targets: list[Found] = []
        mutual = reciprocal(t)  # "accused each other": each of the subjects, the others
        for cand in candidates:
            if cand.i == t.i or source_head is not None and cand.i == source_head.i or \
                    cand == mutual or within(cand, source_head, t):
                continue  # an event is never its own target, nor its source's, nor a name
                # modifying its source ("Turkish troops have been stationed": not Turkey)
            found = [f for f in self._actors(cand, ctx) or recall.recalled(  # "the seizure"
                cand, self._match(cand) if cand.pos_ == "NOUN" else None, ctx.deeds,
                functools.partial(self._span, ctx))
                     if not any(f.actor.same_as(s.actor) or guessed_same(f.actor, s.actor)
                                or own_state(f.actor, s.actor, p.code) for s in sources)]
            if found:
                target_head, targets = cand, found
                break
        if not targets and between and sources and source_head is not None:
            # "fighting between Armenian and Azerbaijani forces"
            targets = self._conjoined_modifiers(source_head, sources[0].actor, ctx)
        if not targets and ("dobj" in p.target and relevance.meets_a_thing(t, p.code) or
                            p.target == ("that",)):
            return  # "met a mixed response": not a meeting; "said the situation was
            # dangerous" blames no one
        extra = [x for x in (target_head, child(t, "dobj")) if x is not None]
        place = where.locate_in(t, extra, self.resolver, ctx, p.code)
        notes: list[str] = []
        homes = self.resolver.kb.peoples
        if any(f.actor.name in homes for f in (*sources, *targets)) and (
                scene := where.peoples_scene(t, place, self.resolver, ctx,
                                             facing_own(sources, targets, homes))):
            sources, targets = (at_home(x, scene, homes) for x in (sources, targets))
        code = codes.lookup(p.code)
        if code.root == PROTEST_ROOT:
            sources, targets = self._protest_parties(sources, targets, source_head, place, t,
                                                     ctx, notes)
        scene = functools.partial(where.story_scene, t, self.resolver, ctx)
        sources, targets = placed_sides(sources, targets, place, scene, notes, p.code)
        together = len(sources) > 1 and (mutual is not None or done_together(t))
        if not targets and not together and sources and (
                side := recall.implied_target(
                    p.code, sources[0].actor, ctx.deeds, t, index)) is not None:
            # "the SDF pushed into Hajin", told after their fight with Isis: against Isis
            notes.append(f"target implied: the doer's adversary of late ({side.text})")
            targets = [Found(side, t)]
        if not targets and not together and place is not None and place.country and \
                not where.from_dateline(place) and not where.from_adjective(place) and \
                place_is_target(
                    p.code, sources, place.country,
                    several=source_head is not None and len(conjuncts(source_head)) > 1):
            notes.append(f"target from the event's place ({place.name})")
            targets = [Found(Actor(text=place.name, name=place.name, country=place.country,
                                    sector=None, kind="place", evidence="event place"), t)]
        if not targets and not together and (
                left := agentless.left_country(p.code, sources, place, scene)):
            notes.append(f"target implied: the country the forces leave ({left.text})")
            targets = [Found(left, t)]  # "the US withdrawal", in a story set in Syria
        if not targets and not together and (
                struck := agentless.struck_country(p.code, sources, place, scene)):
            notes.append(f"target implied: the country the force falls on ({struck.text})")
            targets = [Found(struck, t)]  # "US jets have attacked", in a story set in Syria
        targets = self.held_targets(p.code, t, sources, targets, ctx)  # "Isis-held Raqqa"
        if not sources and (passive(t) or t.pos_ == "NOUN"):
            # "dozens were detained after the march": the police, though no one says so
            sources, targets = agentless.fill_source(code, t, index, place, targets, ctx)
        if sources and not targets and (asked := recall.answered(
                p.code, sources[0].actor, ctx.deeds, index, t)) is not None:
            # "Qatar denies it": the accusation it answers was Saudi Arabia's
            notes.append(f"the other side is whom it answers ({asked.text})")
            targets = [Found(asked, t)]
        p = reframe.by_target(p, targets, sources)  # "ordered residents to evacuate": 174
        if p.target_sectors and not any(f.actor.sector in p.target_sectors for f in targets):
            return  # "backed the government": not the armed side this pattern is for
        if relevance.said_to_no_one(p.code, targets):
            return  # "reiterated its position": a statement about no one
        if not sources and not targets or p.needs_target and not targets or \
                relevance.nobody_in_a_country(sources, [f.actor for f in targets], place) or \
                relevance.needs_doer(p.code) and not any(
                relevance.political(f.actor) for f in sources):
            return  # no parties; or people "displaced" with no one who expelled them
        pairs = pairs_of(code, sources, targets, together=together, between=between,
                         reciprocal=t.lemma_.lower() in RECIPROCAL_WORDS)
        f = self._frame(t, p, sent, ctx, sources, targets, pairs, alleged_by, possible_by,
                        notes, presupposed_by)
        p, mod, cue, claim, speaker, announcement = (f.pattern, f.modality, f.cue, f.claim,
                                                     f.speaker, f.announcement)
        if relevance.unsaid(p.code, mod):
            return  # "did not comment": no statement
        date, precision, date_source = self._date(t, gov, sent, ctx, mod)
        accused: set[str] = set()
        said_on = when.said_on(ctx.published, ctx.published_known)  # announcements, accusations
        for src, tgt in both_ways(p.code, t.lemma_.lower(), f.pairs, mod):
            if src is None and tgt is None or (
                    src is not None and tgt is not None and src.actor.same_as(tgt.actor)):
                continue  # one actor on both sides is no event
            if relevance.beside_politics(p.code, src.actor if src else None,
                                         tgt.actor if tgt else None):
                continue  # no political actor on either side; "Toyota attacked the market"
            held = self.reframing.held_by(p.code, *(a.actor.sector if a else None
                                                    for a in (src, tgt)))
            if held is not None:  # "Isis captured the journalist": an abduction
                notes.append(f"seized by a non-state group: {p.code} coded as abduction {held}")
            if announcement is not None and (src, tgt) in f.pairs:
                yield self._event(t, announcement, sent, index, ctx, headline, src, tgt,
                                  "asserted", None, speaker, claim.quote if claim else None,
                                  *said_on, place, notes=notes)
            accusation = None if speaker is None or claim is None or not claim.alleging or \
                claim.speaker is None or src is None or mod not in ("asserted", "alleged") \
                else self.reframing.accused(p.code, speaker, src.actor)
            deed_mod, deed_cue = mod, cue
            if accusation is not None and mod == "asserted" and claim is not None:
                deed_mod, deed_cue = "alleged", claim.verb.text if claim.verb else cue
            here = place if tgt is None else where.of_conjunct(place, target_head, tgt.token,
                                                               self.resolver, ctx)
            yield self._event(t, p if held is None else dataclasses.replace(p, code=held),
                              sent, index, ctx, headline, src, tgt, deed_mod, deed_cue, speaker,
                              claim.quote if claim else None, date, precision, date_source, here,
                              notes=notes)
            if accusation is not None and src is not None and src.key not in accused:
                # "Israel says Iran fired rockets": Israel's accusation of Iran, too
                accused.add(src.key)
                yield self._event(t, dataclasses.replace(p, code=accusation), sent, index, ctx,
                                  headline, Found(speaker, claim.speaker), src, "asserted",
                                  None, None, claim.quote if claim else None,
                                  *said_on, None,
                                  notes=[*notes, f"{speaker.text!r} reports {p.code} by its "
                                         f"adversary: coded as accusation {accusation}"])

    def _date(self, t: Token, gov: Token | None, sent: Span, ctx: ArticleContext,
              mod: Modality) -> tuple[dt.date | None, str | None, str | None]:
        return when.event_date(t, gov, sent, ctx.published, ctx.published_known,
                               future=mod == "future")

    def _event(self, t: Token, p: Pattern, sent: Span, index: int, ctx: ArticleContext,
               headline: bool, src: Found | None, tgt: Found | None, mod: Modality,
               cue: str | None, speaker: Actor | None, quote: str | None,
               date: dt.date | None, precision: str | None, date_source: str | None,
               place: Location | None, rule: str | None = None,
               notes: Sequence[str] = ()) -> Event:
        return record.event(t, p, sent, index, ctx, headline, src, tgt, mod, cue, speaker,
                            quote, date, precision, date_source, place, version=self.version,
                            span=functools.partial(self._span, ctx), rule=rule, notes=notes)

    def explain(self, sent: Span, ctx: ArticleContext) -> list[str]:
        """Why each pattern candidate in a sentence fired or not, with the parse
        (:func:`.explain.explain`)."""
        return explain.explain(self, sent, ctx)

