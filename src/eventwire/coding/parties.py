"""The parties of an event: the actors that the words of a sentence name.

:class:`PartyFinder` turns the source and target words :class:`RoleFinder` finds into
actors (docs/events.md, step 5): the noun phrase resolved with the article's date and
countries, conjoined nationalities ("French and Egyptian warships"), groups tied to a
place ("a newspaper based in Beirut"), people named by number or kind (:mod:`.agentless`),
owners ("its army"), pronouns (:mod:`.coref`) and the one who wants another to act.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from ..actors import ActorResolver
from ..actors.knowledge import phrase_key
from ..geocode import doc_places
from ..nlp import entity_of
from ..records import Actor, Location
from ..records import Span as CharSpan
from . import agentless, coref, holders, mentions
from .context import SCENE_SECTORS, ArticleContext, Found, of_country
from .roles import RoleFinder
from .syntax import (
    child,
    conjuncts,
    hyphen_pair_of,
    np_tokens,
    prep_objects,
    sentence_ents,
    to_original,
    words_text,
)

PRONOUN_PERSON = frozenset({"he", "she", "him", "her", "his"})
#: entity labels of nations and states named before a noun ("US", "British")
NATION_LABELS = frozenset({"NORP", "GPE"})
#: the dependencies of a pronoun that is an object ("urged **him**", "spoke to **her**")
OBJECT_DEPS = frozenset({"dobj", "dative", "pobj", "iobj"})
#: names of days and months, which the parser tags as dates: never an actor, even when the
#: actor data know a person so named ("on Friday", "in March")
CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"})
#: the sector of a state's news media, which report on their own state's institutions
STATE_MEDIA = "MED"
#: participles by which a place is named for who holds it ("rebel-held", "Isis-controlled")
HOLDING = frozenset({"hold", "held", "control", "controlled", "run", "occupied", "occupy",
                     "besieged", "besiege"})
#: what an armed side or a state holds, named for it: "rebel positions", "regime bases"
HOLDINGS = frozenset({"position", "base", "stronghold", "outpost", "checkpoint", "hideout",
                      "bastion", "territory", "enclave", "headquarters", "barracks", "post"})
#: words before "parties" that make them the sides of a conflict, not political parties
SIDES_WORDS = frozenset({"warring", "fighting", "belligerent", "conflicting", "rival", "both"})


def conflict_sides(tok: Token) -> bool:
    """"All parties to the conflict", "the warring parties": the sides of a war or a deal,
    named by no sector (not political parties)."""
    doc = tok.doc
    followed = tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "to" and \
        doc[tok.i + 2].tag_ in ("DT", "NN", "NNS", "PRP$")  # however the "to" is hung
    return tok.lemma_.lower() == "party" and tok.tag_ == "NNS" and (
        followed or
        any(c.lower_ in SIDES_WORDS for c in tok.children if c.dep_ in ("amod", "det")))


#: Verbs of wanting or telling: "X wants Y to act", "X told Y to act" are X's demand on Y.
DESIRE_VERBS = frozenset({"want", "wish", "expect", "tell"})
#: Participles and adjectives that tie a group to a place or body ("based in", "loyal to").
AFFILIATION_VERBS = frozenset({"base", "based", "affiliate", "affiliated", "link", "linked",
                               "loyal", "allied", "ally"})
#: Possessive pronouns that, in reported speech, make an agent the speaker's ("their forces").
OWNER_PRONOUNS = frozenset({"their", "its", "our"})


class PartyFinder(RoleFinder):
    """Actors of the words of a sentence; mixed into the event coder."""

    resolver: ActorResolver

    def _actors(self, head: Token | None, ctx: ArticleContext,
                expand: bool = True) -> list[Found]:
        if head is None:
            return []
        out: list[Found] = []
        for tok in (conjuncts(head) if expand else [head]):
            group = self._group(tok, ctx) or (self._several(tok, ctx) if expand else [])
            if group:  # "the three countries": the three states just named; "they": the
                out += group  # two leaders just named
                continue
            actor = self._actor(tok, ctx)
            if actor is None and expand:  # "the leaders of the three countries",
                out += self._of_group(tok, ctx) or self._examples(tok, ctx)  # "countries
                # like Jordan and Turkey"
            if actor is not None:
                members = (self._members(tok, ctx) if actor.country is None else
                           self._listed(tok, ctx) if tok.pos_ == "NOUN" else []) if expand else []
                out += members or [Found(actor, tok)]
                if expand:
                    out += self._conjoined_modifiers(tok, actor, ctx)
        return out

    def _group(self, tok: Token, ctx: ArticleContext) -> list[Found]:
        """The states a counted description stands for: the last ``n`` named before it
        (:func:`coref.group_size`), not those of the clause's subject, or none when fewer
        were named."""
        n = coref.group_size(tok)
        if n is None or tok.idx in ctx.skip:
            return []
        people = tok.lemma_.lower() in coref.PERSON_GROUP_NOUNS
        # who acts on "both sides" is not one of them ("the US urged both sides")
        doer = child(tok.head, "nsubj") if tok.dep_ in ("dobj", "dative") else None
        acting = set(self.resolver.country_mentions(
            words_text(np_tokens(doer)), people=people)) if doer is not None else set()
        named = [c for c in dict.fromkeys(reversed(self.resolver.country_mentions(
            coref.window(tok), people=people))) if c not in acting]
        if len(named) < n:
            return []
        words = np_tokens(tok)
        span = self._span(ctx, words[0].idx, words[-1].idx + len(words[-1]))
        text = words_text(words)
        kb = self.resolver.kb
        return [Found(Actor(text=text, name=kb.countries[c].name if c in kb.countries else None,
                            country=c, sector="GOV", kind="country", id=c, span=span,
                            evidence=f"{text!r} stands for the {n} states named just before "
                                     f"it: {', '.join(reversed(named[:n]))}"), tok)
                for c in reversed(named[:n])]

    def _members(self, tok: Token, ctx: ArticleContext) -> list[Found]:
        """The named members of a group of no country: "world leaders **including King
        Salman, Netanyahu and Trump**", "allies such as Israel"."""
        return self._examples(tok, ctx) or self._listed(tok, ctx) or self._of_group(tok, ctx)

    def _examples(self, tok: Token, ctx: ArticleContext) -> list[Found]:
        """The actors a noun names by example, each with a country: "allies such as
        Israel", "countries like Jordan, Lebanon and Turkey" (a common noun that is no actor
        of itself)."""
        listed = [g for prep in tok.children if prep.dep_ == "prep" and (
            prep.lower_ in ("including", "like") or prep.lower_ == "as" and prep.i > 0
            and prep.nbor(-1).lower_ == "such") for g in prep.children if g.dep_ == "pobj"]
        return [Found(a, m) for g in listed for m in conjuncts(g)
                if (a := self._actor(m, ctx)) is not None and a.country is not None]

    def _of_group(self, tok: Token, ctx: ArticleContext) -> list[Found]:
        """People of a counted group of states: "foreign ministers **from the three
        countries**", "the leaders of the two countries" (each state's, in the role's
        sector)."""
        for g in prep_objects([tok], "from") + prep_objects([tok], "of"):
            members = self._group(g, ctx)
            if not members:
                continue
            words = np_tokens(tok)
            role = self.resolver.resolve(words_text([w for w in words if w.i <= tok.i]),
                                         date=ctx.published)
            if role is None or role.country is not None:
                return []
            text = words_text(words)
            span = self._span(ctx, words[0].idx, words[-1].idx + len(words[-1]))
            return [Found(dataclasses.replace(
                m.actor, text=text, span=span, sector=role.sector or m.actor.sector,
                evidence=f"{role.evidence}; {m.actor.evidence}"), tok) for m in members]
        return []

    def _listed(self, tok: Token, ctx: ArticleContext) -> list[Found]:
        """The actors a description lists in apposition: "the three powers – **Russia, Iran
        and Turkey** –", "the two leaders, **Putin and Erdoğan**" (a list, not one name)."""
        appos = child(tok, "appos")
        listed = conjuncts(appos) if appos is not None else []
        if len(listed) < 2:
            return []
        found = [Found(a, m) for m in listed if (a := self._actor(m, ctx)) is not None]
        return found if len(found) == len(listed) else []

    def _conjoined_modifiers(self, tok: Token, actor: Actor, ctx: ArticleContext) -> list[Found]:
        """"French and Egyptian warships", "the foreign ministers of Iran and Iraq", "imports
        from Canada and Mexico": one actor per conjoined nationality, owner or origin."""
        named: list[tuple[Token, str, int]] = []  # (word, phrase, where the phrase starts)
        mods = [a for a in tok.children if a.dep_ in ("amod", "compound", "nmod")
                and a.text[:1].isupper()]
        for adj in mods:
            # "US, British and French forces": each nationality, the first resolved with tok
            others = [o for o in adj.children if o.dep_ == "conj" and o.text[:1].isupper()]
            named += [(o, f"{o.text} {tok.text}", o.idx)
                      for o in others + ([adj] if len(mods) > 1 else [])]
        named += [(o, f"{tok.text} {prep} {o.text}", o.idx) for prep in ("of", "from")
                  for owner in prep_objects([tok], prep)
                  for o in owner.conjuncts if o.i > owner.i and o.text[:1].isupper()]
        if tok.dep_ in ("amod", "compound", "nmod") and tok.ent_type_ in NATION_LABELS:
            # "US, British and French airstrikes", read from "US": the nations beside it
            noun = tok.head
            named += [(o, f"{o.text} {noun.text}", o.idx)
                      for m in noun.children if m.i != tok.i and m.dep_ in (
                          "amod", "compound", "nmod") and m.ent_type_ in NATION_LABELS
                      for o in (m, *(c for c in m.children if c.dep_ == "conj"
                                     and c.ent_type_ in NATION_LABELS))]
        out: list[Found] = []
        for other, text, start in named:
            found = self.resolver.resolve(text, date=ctx.published, memory=ctx.memory)
            if found is None or found.country is None or found.country == actor.country:
                continue
            end = max(tok.idx + len(tok), other.idx + len(other))
            out.append(Found(dataclasses.replace(found, text=text,
                                                 span=self._span(ctx, start, end)), other))
        return out

    def _actor(self, tok: Token, ctx: ArticleContext) -> Actor | None:
        if tok.idx in ctx.skip:
            return None  # the dateline names the reporting place, not an actor
        if tok.ent_type_ in ("DATE", "TIME") and tok.lower_ in CALENDAR_WORDS:
            return None  # "sanctions on Iran's oil sector on Friday": a day, no one's name
        if tok.pos_ == "PRON":
            speaker = self._speaker_of(tok)
            if speaker is not None:
                return self._actor(speaker, ctx)
            if tok.lower_ in PRONOUN_PERSON:
                return self._person_for(tok, ctx)
            # "its" / "their" name an owner (_owner), not a party of the event
            return self._antecedent(tok, ctx) if tok.dep_ != "poss" else None
        if conflict_sides(tok):
            return Actor(text=words_text(np_tokens(tok)), name=None, country=None, sector=None,
                         kind="agent", evidence="the sides of a conflict (not a party's "
                         "sector)", span=self._span(ctx, tok.left_edge.idx, tok.idx + len(tok)))
        words = np_tokens(tok)
        pair = hyphen_pair_of(tok)
        if pair is not None and pair[1] == tok:
            words = [tok]  # "US-Russia agreement": Russia, the other side of the pair
        poss = child(tok, "poss")
        if poss is not None and tok.lemma_.lower() in coref.RELATIONAL_NOUNS:
            appos = child(tok, "appos")
            named = self._actor(appos, ctx) if appos is not None else None
            if named is not None and named.country is not None:
                return named  # "Assad's backer, Russia": Russia, not Assad
            if any(a.dep_ == "amod" and a.ent_type_ == "NORP" for a in tok.children):
                # "the US military's Kurdish partners": Kurds, whose partner the US is
                owned = {w.i for w in poss.subtree}
                words = [w for w in words if w.i not in owned]
        text = words_text(words)
        owner_actor = self._owner(tok, ctx)  # "its army": the owner's, not the context's
        owner = owner_actor.country if owner_actor is not None else None
        actor = self.resolver.resolve(text, date=ctx.published,
                                      background=self._background(tok, ctx)
                                      if owner is None else None,
                                      memory=ctx.memory, prefer=ctx.countries)
        if actor is not None and mentions.coincidental(tok, actor):
            actor = None  # "Christians" are no President Christian
        if actor is None and (stranded := self._stranded(tok)):
            # "Saudi-led coalition airstrikes", "led" parsed onto "airstrikes": the words
            # before the compound that the parser hung on its head are the compound's
            words = sorted([*stranded, *words], key=lambda w: w.i)
            text = words_text(words)
            actor = self.resolver.resolve(text, date=ctx.published, memory=ctx.memory,
                                          prefer=ctx.countries)
        if actor is not None and actor.kind in ("person", "agent") and tok.pos_ == "NOUN" and \
                (named := self._apposed_person(tok, ctx)) is not None and named.id != actor.id:
            actor = named  # "the foreign minister, Jean-Yves Le Drian": the man named, not
            # the foreign minister named earlier in the article
        if actor is None and (coref.body_noun(tok) or coref.state_noun(tok)):
            actor = self._antecedent(tok, ctx)  # "the bloc", "the small nation": just named
        if actor is None and coref.named_again(tok):
            actor = self._named_before(tok, ctx)  # "the coalition": the US-led one named
        elif actor is not None and actor.country is None and (again := next(
                (c for c in tok.children if coref.named_again(c)), None)) is not None and \
                (before := self._named_before(again, ctx)) is not None:
            actor = dataclasses.replace(  # "coalition jets": the US-led coalition's
                actor, country=before.country,
                evidence=f"{actor.evidence}; {before.evidence}")
        elif actor is not None and actor.country is None and owner is None and \
                coref.member_noun(tok):  # "the extremists": the armed group just named
            actor = self._antecedent(tok, ctx) or actor
        if actor is None and tok.lemma_.lower() in coref.PURPOSE_NOUNS:
            actor = owner_actor  # "their aim is to dislodge the militias": theirs
        if actor is None:
            actor = self._holder(tok, ctx)  # "rebel-held positions": the rebels'
        if actor is None:
            appos = child(tok, "appos")
            described = self._actor(appos, ctx) if appos is not None else None
            if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN":
                name = entity_of(tok).text  # "Hoda Muthana", not "Hoda Muthana, 24"
                described = described or ctx.memory.described_as(name)
                if described is None and ctx.described is not None and \
                        tok.dep_ in coref.SUBJECTS:  # "A British woman … has been killed. Anna
                    described, ctx.described = ctx.described, None  # Campbell, from Lewes"
                ctx.memory.remember_other(name, described)  # "Hariri" will be this man
                if described is not None:  # the person, described so: "he" may be them
                    described = dataclasses.replace(described, name=name, kind="agent",
                                                    id=None, members=())
            if appos is not None or described is not None:
                return described
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
            if owner_actor is not None and owner_actor.kind == "group" and \
                    owner_actor.sector and self._role_word(tok):
                # "the YPG … its spokesman": a group's spokesman speaks for the group
                actor = dataclasses.replace(actor, sector=owner_actor.sector,
                                            evidence=f"{actor.evidence} and its sector")
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        actor = dataclasses.replace(actor, span=self._span(ctx, start, end))
        if actor.kind == "person":
            ctx.last_person = actor
        elif actor.kind == "country":
            _remember_described(tok, actor, ctx)
        if actor.country is not None and introduced_person(tok):
            ctx.last_person = ctx.described = actor  # "An American woman … says she …"
        return actor

    def _person_for(self, pron: Token, ctx: ArticleContext) -> Actor | None:
        """Whom "he" / "she" stands for: the last person named; but "him" / "her" as an
        object is never who does its clause's deed ("Trump called Erdoğan, urging **him**
        to …", "expected Trump to tell **him** to back off"): then the last other person
        the sentence names before it."""
        person = ctx.last_person
        if person is None or person.span is None or pron.dep_ not in OBJECT_DEPS:
            return person
        doer = coref.clause_doer(pron)
        if doer is None or not person.span.start <= self._span(
                ctx, doer.idx, doer.idx + len(doer)).start < person.span.end:
            return person
        doers = {w.i for w in doer.subtree}
        for ent in reversed(sentence_ents(pron.sent)):
            if ent.label_ == "PERSON" and ent.end <= pron.i and ent.root.i not in doers:
                other = self._actor(ent.root, ctx)
                if other is not None and other.kind == "person":
                    return other
        return person

    def _note_person(self, sent: Span, ctx: ArticleContext) -> None:
        """Note the person "he" / "she" will next stand for (:func:`.coref.salient_people`),
        whether the sentence was coded or not; none when it is someone the actor data do
        not know and the article did not describe ("Hoda Muthana, 24", after "An American
        woman …", is that American)."""
        for tok in coref.salient_people(sent):
            actor = self._actor(tok, ctx)
            if actor is not None and (actor.kind == "person" or actor.country is not None and
                                      tok.ent_type_ == "PERSON" and actor.kind == "agent"):
                ctx.last_person = actor  # a known person, or one the article described
                return
            if tok.ent_type_ == "PERSON":
                ctx.last_person = None  # someone the actor data do not know
                return

    @staticmethod
    def _stranded(tok: Token) -> list[Token]:
        """The modifiers of a compound's head that stand before the compound ("**Saudi-led**
        coalition airstrikes", "**US-led**" hung on "airstrikes"), with their words; none
        when ``tok`` is no compound."""
        if tok.dep_ != "compound":
            return []
        return [w for c in tok.head.children if c.dep_ in ("amod", "npadvmod") and c.i < tok.i
                for w in c.subtree]

    def _holder(self, tok: Token, ctx: ArticleContext) -> Actor | None:
        """Who holds a place named by who holds it: "**rebel**-held positions", "**Kurdish**-
        controlled towns" (the holder's fighters), or an armed side's or state's holding
        named by its holder ("**rebel** positions", "**militant** hideouts", "**regime**
        bases": the side's, not civilians' or refugees'), or None."""
        word = holders.hyphen_holder(tok, HOLDING)
        sectors = None
        if word is None and tok.lemma_.lower() in HOLDINGS:
            word = next((c for c in tok.children if c.dep_ in ("amod", "compound")
                         and c.i < tok.i), None)
            sectors = SCENE_SECTORS
        if word is None:
            return None
        for text in (word.text, f"{word.text} fighters"):
            # no country from the story: a holder of no named country is the place's
            actor = self.resolver.resolve(text, date=ctx.published, memory=ctx.memory,
                                          prefer=ctx.countries)
            if actor is not None and actor.sector is not None and (
                    sectors is None or actor.sector in sectors):
                return dataclasses.replace(actor, text=words_text(np_tokens(tok)), evidence=(
                    f"{actor.evidence}; held by {word.text!r}"))
        return None

    def _apposed_person(self, tok: Token, ctx: ArticleContext) -> Actor | None:
        """The person a role names in apposition ("the foreign minister, **Jean-Yves Le
        Drian**"), when the actor data know them, else None."""
        appos = child(tok, "appos")
        if appos is None or appos.ent_type_ != "PERSON":
            return None
        named = self.resolver.resolve(words_text(np_tokens(appos)), date=ctx.published,
                                      memory=ctx.memory, prefer=ctx.countries)
        return named if named is not None and named.kind == "person" and named.country \
            else None

    def held_places(self, doc: Doc, ctx: ArticleContext) -> list[tuple[int, str, Actor]]:
        """The places the article says an armed side holds (:mod:`.holders`), as (the
        place word's index, the place's name, the holder), in order; worked out once per
        article."""
        if ctx.held is None:
            ctx.held = []
            places = doc_places(doc, self.resolver.gazetteer, self.resolver.kb, ctx.countries)
            for i, found in sorted(places.items()):
                if found.best is None or i != doc[found.mention.start:found.mention.end].root.i:
                    continue
                word = holders.holder_word(doc[i])
                side = self._side_named(word, ctx) if word is not None else None
                if side is not None:  # "rebel-held", "a Kurdish stronghold": the rebels
                    # and the Kurds of the place's country
                    home = side.country if side.country and \
                        side.name not in self.resolver.kb.peoples else found.best.place.country
                    ctx.held.append((i, found.best.place.name, dataclasses.replace(
                        side, country=home,
                        evidence=f"{side.evidence}; holds {found.mention.text!r}")))
        return ctx.held

    def held_targets(self, code: str, trigger: Token, sources: list[Found],
                     targets: list[Found], ctx: ArticleContext) -> list[Found]:
        """``targets``, with a place that an armed side holds (:meth:`held_places`) given
        as that side when the event is fighting ("the battle to liberate Raqqa" after
        "Isis-held Raqqa": against Isis; "a town they had liberated **from Islamic State**"),
        unless the side is the doer's own."""
        if not code.startswith(holders.FIGHT_ROOT) or \
                any(f.actor.kind != "place" for f in targets):
            return targets  # fighting only: an assault's or a massacre's are its victims
        taken_from = next((a for o in prep_objects([trigger], "from")
                           if (a := self._actor(o, ctx)) is not None
                           and a.sector in holders.ARMED_SECTORS and a.kind != "place"), None)
        if taken_from is not None and not any(s.actor.same_as(taken_from) for s in sources):
            return [Found(taken_from, targets[0].token if targets else trigger)]
        if not targets:
            return targets
        held = self.held_places(trigger.doc, ctx)
        sent = trigger.sent
        out = []
        for f in targets:
            found = holders.holder_of(f.actor.name or f.actor.text, sent.end, held)
            if found is None or any(s.actor.country == found[1].country and
                                    s.actor.sector == found[1].sector for s in sources):
                out.append(f)
                continue
            at, side = found
            if at < sent.start:  # told in an earlier sentence: implied, as recall marks it
                side = dataclasses.replace(side, text=f"[{side.text}]", span=None)
            out.append(Found(side, f.token))
        return out

    def _side_named(self, word: Token, ctx: ArticleContext) -> Actor | None:
        """The armed side a holder's word names: "Isis" of "Isis-held", "rebel" of
        "rebel-held" (as "rebel fighters"), "Islamic State" of "occupied by Islamic State",
        "the group" of "the group's de facto capital" (the group named before)."""
        if word.dep_ in ("pobj", "poss"):
            found = self._actor(word, ctx)
            candidates = [found] if found is not None else []
        else:
            candidates = [self.resolver.resolve(text, date=ctx.published, memory=ctx.memory,
                                                prefer=ctx.countries)
                          for text in (word.text, f"{word.text} fighters")]
        return next((a for a in candidates if a is not None
                     and a.sector in holders.ARMED_SECTORS), None)

    def _background(self, tok: Token, ctx: ArticleContext) -> str | None:
        """The country a bare institution ("the army", "government forces") is taken to be
        of: the state whose media report it ("Syrian state media said government forces
        entered Manbij"), else the country the story names most."""
        speaker = self._speaker_of_clause(tok)
        if speaker is not None and speaker.i != tok.i:
            said_by = self._actor(speaker, ctx)
            if said_by is not None and said_by.sector == STATE_MEDIA and \
                    said_by.country in self.resolver.kb.countries:
                return self.resolver.kb.countries[said_by.country].name
        return ctx.context

    def _protest_parties(self, sources: list[Found], targets: list[Found],
                         source_head: Token | None, place: Location | None, t: Token,
                         ctx: ArticleContext, notes: list[str]
                         ) -> tuple[list[Found], list[Found]]:
        """The sides of a protest (CAMEO 14): protesters named by role are the place's
        people, and with no named target the protest is against their government. Adds its
        reasons to ``notes``."""
        country = place.country if place is not None else None
        if sources and country:
            # "Taxi drivers staged a strike in Athens": protesters named by role are locals
            sources = of_country(sources, country)
        if not sources and source_head is not None and country and place is not None and \
                source_head.pos_ != "PRON":
            # "Opposition supporters rioted in Dhaka": protesters of the place's country
            notes.append(f"source country from the protest's place ({place.name})")
            words = np_tokens(source_head)
            sources = [Found(Actor(
                text=words_text(words), name=None, country=country, sector=None, kind="agent",
                evidence=f"protesters in {place.name}",
                span=self._span(ctx, words[0].idx, words[-1].idx + len(words[-1]))),
                source_head)]
        if not targets and sources and sources[0].actor.country and not country:
            # CAMEO codes a protest with no named target against the protesters' government
            home = sources[0].actor.country
            notes.append(f"implicit target: the government of {home} (protest)")
            targets = [Found(Actor(text=home, name=home, country=home, sector="GOV",
                                    kind="country", evidence="implicit protest target"), t)]
        return sources, targets

    def _several(self, pron: Token, ctx: ArticleContext) -> list[Found]:
        """The parties a plural pronoun stands for when its antecedent is several named
        ones ("Putin and Erdoğan met … they also spoke by phone"): each of them, with the
        pronoun's words and span, found at the name's word; else none."""
        if pron.pos_ != "PRON" or not coref.subject_they(pron):
            return []
        head = self._antecedent_word(pron, ctx)
        if head is None or len(conjuncts(head)) < 2:
            return []
        with ctx.looking_back():
            named = [(c, a) for c in conjuncts(head) if (a := self._actor(c, ctx)) is not None]
        span = self._span(ctx, pron.idx, pron.idx + len(pron))
        return [Found(dataclasses.replace(a, text=pron.text, span=span, evidence=(
            f"{a.evidence}; {pron.text!r} stands for {words_text(np_tokens(head))!r}")), c)
            for c, a in named] if len(named) > 1 else []

    def _antecedent(self, pron: Token, ctx: ArticleContext) -> Actor | None:
        """The actor "it" / "they" / a quoted "we" / "the bloc" / "the nation" stands for
        (:mod:`.coref`), with the pronoun's span."""
        found = self._antecedent_found(pron, ctx)
        return found[1] if found is not None else None

    def _antecedent_word(self, pron: Token, ctx: ArticleContext) -> Token | None:
        found = self._antecedent_found(pron, ctx)
        return found[0] if found is not None else None

    def _antecedent_found(self, pron: Token, ctx: ArticleContext
                          ) -> tuple[Token, Actor] | None:
        """(the word, the actor) that ``pron`` stands for, with the pronoun's span."""
        with ctx.looking_back() as chained:
            if chained:
                return None
            speakers = pron.lower_ in coref.FIRST_PLURAL  # a quoted "we": whoever speaks
            heads = coref.quote_speakers(pron, self.cues.speech_verbs) if speakers \
                else coref.candidates(pron)
            body, state = coref.body_noun(pron), coref.state_noun(pron)
            members = coref.member_noun(pron)
            for head in heads:
                actor = self._actor(head, ctx)
                if actor is not None and (speakers or actor.kind not in coref.NOT_KINDS or
                                          actor.kind == "person" and coref.subject_they(
                                              pron) and len(conjuncts(head)) > 1) \
                        and actor.country is not None and (
                            not body or actor.kind in coref.BODY_KINDS) and (
                            not state or actor.kind == "country") and (
                            not members or actor.kind == "group" and actor.sector == "REB"):
                    words = [pron] if pron.pos_ == "PRON" else np_tokens(pron)
                    return head, dataclasses.replace(
                        actor, text=words_text(words),
                        span=self._span(ctx, words[0].idx, pron.idx + len(pron)),
                        evidence=f"{actor.evidence}; {words_text(words)!r} stands for "
                                 f"{actor.text!r}")
            return None

    def _named_before(self, tok: Token, ctx: ArticleContext) -> Actor | None:
        """The actor a bare grouping noun names again (:func:`coref.named_again`): the
        latest earlier use of the noun in the article that says whose it is ("the US-led
        coalition"), with ``tok``'s words and span."""
        with ctx.looking_back() as chained:
            found = None if chained else next(
                (a for t in coref.earlier_same_noun(tok)
                 if (a := self._actor(t, ctx)) is not None and a.country), None)
        if found is None:
            return None
        words = np_tokens(tok) if tok.dep_ != "compound" else [tok]
        return dataclasses.replace(
            found, text=words_text(words),
            span=self._span(ctx, words[0].idx, tok.idx + len(tok)),
            evidence=f"{found.evidence}; {words_text(words)!r} names again {found.text!r}")

    def _wanter(self, t: Token, ctx: ArticleContext) -> Found | None:
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

    def _owner(self, tok: Token, ctx: ArticleContext) -> Actor | None:
        """For "their / its / our forces" in reported speech, the speaker; elsewhere the
        actor "its" / "their" stands for."""
        poss = child(tok, "poss")
        if poss is None or poss.lower_ not in OWNER_PRONOUNS or \
                tok.lemma_.lower() in coref.RELATIONAL_NOUNS:
            return None
        speaker = self._speaker_of_clause(tok)
        if speaker is None or speaker.i == tok.i:
            return self._antecedent(poss, ctx)  # "Turkey ... Its army attacked"
        return self._actor(speaker, ctx)

    def _role_word(self, tok: Token) -> bool:
        """Whether the word is a generic role ("spokesman", "official", "leader") whose
        sector the actor data guess as government's."""
        return any(e.kind == "weak" for e in self.resolver.kb.lookup(phrase_key(tok.lemma_)))

    def _span(self, ctx: ArticleContext, start: int, end: int) -> CharSpan:
        return to_original(ctx.article, start, end)


#: singular nouns for one person besides people nouns (:func:`.agentless.people_noun`)
PERSON_ROLES = frozenset({"soldier", "fighter", "jihadist", "militant", "volunteer",
                          "recruiter", "national", "citizen", "briton", "mother", "father"})


def introduced_person(tok: Token) -> bool:
    """A person a story introduces before naming: one of a kind, with "a" or "an" ("An
    American woman captured by Kurdish forces", "A former British soldier jailed in
    Turkey"), as the subject of the sentence or told of by a relative clause ("the parents
    of a former British soldier **who** was arrested after he fought …")."""
    lemma = tok.lemma_.lower()
    return (tok.dep_ in coref.SUBJECTS or any(c.dep_ == "relcl" for c in tok.children)) and \
        tok.tag_ in ("NN", "NNP") and (
        agentless.people_noun(lemma) or lemma in PERSON_ROLES) and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)


def _remember_described(tok: Token, actor: Actor, ctx: ArticleContext) -> None:
    """Someone the actor data do not know, named with words that tell their nationality ("the
    Australian recruiter Neil Prakash"): "Prakash" later in the article is that actor (not
    when the words name a group: "Islamic State suspect Neil Prakash" says whose side, not
    whose citizen)."""
    if tok.ent_type_ != "PERSON" or tok.pos_ != "PROPN":
        return
    name = entity_of(tok)
    if len(name) >= 2:
        ctx.memory.remember_other(name.text, actor)
