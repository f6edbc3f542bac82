"""Which pattern a word fires, and which fired words only embed another's event.

:class:`PatternMatcher` is the part of the event coder that tries each word's patterns
against the parse, most constrained first (docs/events.md, "How a sentence is coded",
steps 1-2): particle, object, complement, modifier and predicate constraints; and it says
which fired trigger governs another ("demanded the **release**": the release is the
demand's content, not an event of its own).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..codes import FORCE_ROOTS
from .case import MONTHS
from .cues import Cues
from .nested import own_actor
from .patterns import NAMING_VERBS, Pattern, PatternSet
from .roles import (
    CONSULT_ROOT,
    CUSTODY_NOUNS,
    HARM_VERBS,
    HOLDING_NOUNS,
    frame_head,
    gerund_noun,
)
from .stance import warning_clause
from .syntax import (
    cause_prep,
    child,
    conjuncts,
    head_words,
    hyphen_pair,
    object_words,
    owner_words,
    passive,
    passive_subject,
    predicate_words,
    prep_objects,
    raised_subject,
    reduced_passive,
    side_clause,
    to_infinitive,
    told_as_done,
    trailing_participle,
    zero_relative,
)

#: Dependencies through which a word is embedded in (the complement of) another.
EMBED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "advcl", "acl",
                        "attr", "oprd", "relcl"})
PROTEST_ROOT = "14"
#: prepositions of a verb's setting, not of its complement: "during talks", "amid clashes"
#: anywhere; "in" only before the verb ("in a phone call to the Kremlin, Merkel urged …",
#: not "engaged in talks")
SCENE_PREPS = frozenset({"during", "amid", "amidst"})
FRONTED_SCENE_PREPS = frozenset({"in", "at"})
#: modals of what may happen, not of what someone will do
POSSIBLE_MODALS = frozenset({"could", "might", "may"})


def _adjunct(tok: Token) -> bool:
    """Whether ``tok`` is a preposition setting its verb's scene (see SCENE_PREPS), a clause
    beside its verb that tells an event of its own (:func:`.syntax.side_clause`), or the means of
    doing it ("by firing")."""
    if tok.dep_ == "prep" and tok.lower_ == "by" and any(c.dep_ == "pcomp"
                                                         for c in tok.children):
        return True  # "violated the ceasefire **by firing** mortar shells": the means, told too
    if tok.dep_ == "advcl":
        return side_clause(tok) or trailing_participle(tok) and tok.nbor(-1).text == ","
    return tok.dep_ == "prep" and (cause_prep(tok) or tok.head.pos_ in ("VERB", "AUX") and (
        tok.lower_ in SCENE_PREPS or tok.lower_ in FRONTED_SCENE_PREPS and tok.i < tok.head.i))


#: verbs through which a complement is reached: "offered to **help** mediate", "agreed to
#: **try** to resolve"
CATENATIVE = frozenset({"help", "try", "seek", "attempt"})


#: prepositions by which an event noun of force names what it struck ("an attack **on**
#: Douma", "a chemical attack **in** Damascus", "an airstrike on a market **in** Idlib")
STRUCK_PREPS = frozenset({"on", "in", "at", "against"})


def _struck_by_told_force(noun: Token, fired: dict[int, Pattern]) -> bool:
    """Whether ``noun``, which a relative clause of harm hangs on ("… **which** killed
    dozens"), is the place or thing an event noun of force the sentence codes struck, up to
    two phrases away ("a gas attack on **Douma** which killed dozens", "an airstrike on a
    market in **Idlib** that killed 20"): the killing is then that attack's result, not the
    place's deed."""
    for _ in range(2):
        if noun.dep_ != "pobj" or noun.head.lower_ not in STRUCK_PREPS:
            return False
        head = noun.head.head
        if head.i in fired and fired[head.i].code.startswith(FORCE_ROOTS):
            return True
        noun = head
    return False


def _leads_on(c: Token) -> bool:
    """A catenative verb with a verb of its own: "help **mediate**" is a mediation."""
    return c.lemma_.lower() in CATENATIVE and any(g.dep_ in ("xcomp", "ccomp")
                                                  for g in c.children)


def _complements(t: Token) -> list[Token]:
    """The dependents of ``t`` that may be its complement, also past a catenative verb."""
    out = list(t.children)
    for c in t.children:
        if c.lemma_.lower() in CATENATIVE and c.dep_ in ("xcomp", "ccomp"):
            out += [g for g in c.children if g.dep_ in ("xcomp", "ccomp")]
    return out


def _of_time(prep: Token) -> bool:
    """A preposition whose object is a date or time ("on Wednesday", "for two hours"): a
    phrase of when, never a verb's particle. A month's name alone is no date ("called on May
    to act": the prime minister)."""
    return prep.dep_ == "prep" and any(
        g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") and not (
            g.lower_ in MONTHS and not any(c.like_num for c in g.children))
        for g in prep.children)


def _target_named(p: Pattern, t: Token) -> bool:
    """Whether one of the pattern's target slots is there: on the trigger, on the verb a noun
    trigger is the subject of ("fighting broke out between X and Y"), or on a verb
    trigger's object ("stepped up its support for the rebels")."""
    holders = [t]
    if p.pos == "noun" and "between" in p.target and hyphen_pair(t) is not None:
        return True  # "a US-Russia agreement", "a Turkish-YPG conflict"
    if p.pos == "noun" and t.dep_ in ("nsubj", "nsubjpass"):
        holders.append(t.head)
    obj = child(t, "dobj") if p.pos == "verb" else None
    if obj is not None:
        holders.append(obj)
    if p.pos == "verb" and "dobj" in p.target and passive(t) and child(t, "nsubjpass") \
            and prep_objects([t], "by"):
        return True  # "the town was reclaimed by the army": the object is the subject (with
        # the doer named: "this is called a war" is no phone call)
    return any(c.dep_ == "prep" and c.lower_ in p.target or c.dep_ in p.target
               for h in holders for c in h.children)


def _carries(tok: Token | None, particle: str,
             deps: tuple[str, ...] = ("prt", "prep", "advmod")) -> bool:
    """Whether ``tok`` has ``particle`` as a child of one of ``deps``, not a phrase of time
    ("called Erdoğan on Wednesday" is no "call on")."""
    return tok is not None and any(c.lower_ == particle and c.dep_ in deps and not _of_time(c)
                                   for c in tok.children)


def particle_object(t: Token, particle: str) -> Token | None:
    """The object of ``t``'s phrase of ``particle`` that is no phrase of time: "intervened
    in Yemen's war" in "In 2015, Saudi Arabia intervened in Yemen's war"."""
    return next((o for o in prep_objects([t], particle) if not _of_time(o.head)), None)


#: the ``complement`` word that any "to" infinitive fits: "told the US **to get out**"
ANY_INFINITIVE = "(to)"


def _complement_fits(p: Pattern, c: Token) -> bool:
    """Whether the clause ``c`` is a complement ``p`` lists: one of its verbs ("refused **to
    resign**", not through a verb that only leads on to another), or any "to" infinitive
    when it lists ``(to)``."""
    if ANY_INFINITIVE in p.complement and c.dep_ == "xcomp" and to_infinitive(c):
        return True
    return c.lemma_.lower() in p.complement and not _leads_on(c) and (
        c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and to_infinitive(c)))


class PatternMatcher:
    """Pattern matching; mixed into :class:`~eventwire.coding.coder.EventCoder`."""

    cues: Cues
    patterns: PatternSet

    def _fits(self, p: Pattern, t: Token) -> bool:
        if p.particle and not _carries(t, p.particle) and not (
                p.object and not passive(t) and _carries(child(t, "dobj"), p.particle, ("prep",))):
            return False  # the parser may hang the particle's phrase on the object ("ousted
            # [the extremists from eastern Syria]"): enough when the object list pins the sense
        if p.particle and not p.object and "dobj" not in p.target and child(t, "dobj") and \
                not any(c.dep_ == "prt" and c.lower_ == p.particle for c in t.children) and \
                prep_objects([t], p.particle):
            return False  # "gave birth in a camp" is no "gave in": an object, and a phrase
        if p.object:
            obj = passive_subject(t) if passive(t) else child(t, "dobj")
            obj = obj or raised_subject(t)  # "four men are believed to be held"
            if obj is None and (reduced_passive(t) or zero_relative(t)):
                obj = t.head  # "a conference boycotted by the opposition", "Kurds it backed"
            if obj is None and p.pos == "verb":
                obj = particle_object(t, p.particle) if p.particle else None
            if obj is None or not (object_words(obj) & p.object):
                return False
            heads = [*conjuncts(obj), *prep_objects([obj], "of")]
            if not {h.lemma_.lower() for h in heads} & p.object and any(
                    h.pos_ == "NOUN" and (q := self._match(h)) is not None
                    and q.code[:2] != p.code[:2] for h in heads):
                return False  # "opened a round of **border talks**": talks, not a border
        if p.subject and p.pos == "noun":
            # "Riyadh's war in Yemen": a state's war on someone ("the Syrian war" is a place's)
            owner = own_actor(t)
            if owner is None or not (owner_words(owner) & p.subject) or not any(
                    c.dep_ == "prep" and c.lower_ in p.target for c in t.children):
                return False
        elif p.subject:  # "US troops withdrew from Syria": a military withdrawal
            doer = child(t, "nsubj") or (child(t.head, "nsubj") if t.dep_ == "conj" else None)
            if doer is None or not (object_words(doer) & p.subject):
                return False
        if t.lemma_.lower() in HOLDING_NOUNS and not (
                t.dep_ == "pobj" and t.head.lower_ in ("in", "under", "into", "from")):
            return False  # "in Kurdish custody", not "a chain of custody" for samples
        if p.needs_target and not _target_named(p, t):
            return False  # "the war between Israel and Hezbollah", not "the Syrian war";
            # "called Erdogan", not "the UN calls for a ceasefire" taken for a verb
        if p.complement and not any(_complement_fits(p, c) for c in _complements(t)):
            return False
        if p.modifier and not any(c.dep_ in ("compound", "amod", "nmod") and
                                  c.lemma_.lower() in p.modifier for c in t.children):
            return False
        if p.complement_noun:
            nouns = [child(t, "dobj")] + [o for w in ("for", "on", "to", "of", "into", "with")
                                          for o in prep_objects([t], w)]
            nouns += [o for o in prep_objects([t], "in") if o.lemma_.lower() in CUSTODY_NOUNS]
            # "held in a Kurdish prison"; another "in" is a place or a time
            nouns += [g for prep in t.children if prep.dep_ == "prep" and prep.lower_ == "for"
                      for g in prep.children if g.dep_ == "pcomp"]  # "held for questioning"
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
        obj = child(t, "dobj") or (particle_object(t, p.particle) if p.particle else None)
        if obj is None or obj.pos_ != "NOUN" or obj.lemma_.lower() not in self.patterns.nouns:
            return False
        q = next((q for q in self.patterns.nouns[obj.lemma_.lower()] if self._fits(q, obj)), None)
        return q is not None and q.code == p.code

    @staticmethod
    def _object_head_fits(p: Pattern, t: Token) -> bool:
        obj = (passive_subject(t) if passive(t) else child(t, "dobj")) or raised_subject(t)
        if obj is None and reduced_passive(t):
            obj = t.head
        if obj is None and p.particle:
            obj = particle_object(t, p.particle)
        return obj is not None and any(head_words(c) & p.object for c in conjuncts(obj))

    def _governing_trigger(self, t: Token, fired: dict[int, Pattern]) -> Token | None:
        """The fired trigger whose complement ``t`` sits in (None below a speech verb)."""
        if t.dep_ in ("advcl", "xcomp") and to_infinitive(t):
            # "staged a hunger strike to demand ...": the demand is the protest's purpose
            obj = child(t.head, "dobj")
            if obj is not None and obj.i in fired and fired[obj.i].code.startswith(PROTEST_ROOT):
                return obj
        tok = frame_head(t)
        while tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.head.pos_ == "VERB":
            tok = tok.head  # "demanded that they repatriate and prosecute": as the first verb
        own = fired.get(t.i)
        while tok.dep_ in EMBED_DEPS and tok.head.i != tok.i:
            if _adjunct(tok):
                return None  # "in a phone call to the Kremlin, Merkel urged Putin": a scene
            if tok.dep_ == "prep" and tok.lower_ == "in" and own is not None and \
                    own.code.startswith(CONSULT_ROOT) and tok.head.i in fired and \
                    not fired[tok.head.i].code.startswith(CONSULT_ROOT):
                return None  # "agreed in a phone call to …": a meeting is where the verb's
                # deed is done, an event of its own ("discussed Syria in a call": one)
            if told_as_done(tok):
                return None  # "urged the militias that ousted Isis to help": what they did
            head = tok.head
            if head.lemma_.lower() in self.cues.speech_verbs or head.pos_ == "NOUN" and \
                    head.lemma_.lower() in self.cues.record_nouns:
                return None  # "said Russia would attack"; "accounts of a phone call"
            if head.i in fired:
                # a statement (root 01) reports its content like a speech verb does, and so
                # does a warning of what may happen ("warned that Russia could launch an
                # offensive": the offensive, as a possibility; not "warned that its troops
                # would enter Afrin", a threat)
                clause = warning_clause(head)
                return None if fired[head.i].code.startswith("01") or \
                    clause is not None and clause.i == tok.i and any(
                        c.dep_ == "aux" and c.lower_ in POSSIBLE_MODALS
                        for c in clause.children) else head
            tok = head
        return None

    @staticmethod
    def _result_of_nominal(t: Token, fired: dict[int, Pattern]) -> bool:
        """"A roadside **bombing killed** two soldiers": the killing is the bombing's result,
        coded once, as the bombing (the nominal event takes the verb's object as its target)."""
        if t.pos_ != "VERB" or t.lemma_.lower() not in HARM_VERBS or passive(t):
            return False
        subj = child(t, "nsubj")
        if subj is not None and subj.lower_ in ("that", "which") and t.dep_ == "relcl":
            return _struck_by_told_force(t.head, fired)
        return subj is not None and subj.i in fired and (subj.pos_ == "NOUN"
                                                         or gerund_noun(subj))
