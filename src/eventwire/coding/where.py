"""Where an event happened: the place named in the event's own words, resolved offline.

The article's place mentions are found and ranked once (:func:`eventwire.geocode.doc_places`:
place entities and gazetteer names in place slots, never persons, months, organisations
or a capital acting for its government). An event takes, in this order:

1. a place in its own clause: the trigger's locative phrase ("in / at / near / outside /
   into / over …"), that of a participle leading the clause ("addressing reporters **in
   Ankara**, the minister threatened Greece"), or its object when the verb takes places
   ("rebels overran **Sinjar**", "bombed neighbourhoods **of Hama**", "attacked a
   checkpoint **near Khan Sheikhoun**");
2. the target's location phrase ("shelled Kurdish fighters **in Afrin**"), then the
   source's ("courts **in France** are investigating …"); for statements and other verbal
   events the speaker's whereabouts come before the place their words are about;
3. the target itself, only for material events (attacks, assaults, protests, force
   posture, coercion): "airstrikes on **Idlib**" -- never for statements, threats or
   calls, so a threat against Syria is not placed in Syria;
4. for material events, the sentence's scene: its most precise place, when all the places
   it names lie in one country;
5. the dateline's place, only for local material events (riots, attacks) in a sentence
   that names no place, when the dateline is in the article's main country.

The dateline's words are never an event place by themselves (rule 5 aside). The chosen
reading's score and reasons go into ``location.evidence``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ..actors import ActorResolver
from ..actors.knowledge import Knowledge
from ..codes import FORCE_ROOTS
from ..geocode import Resolved, doc_places
from ..geoparse import (
    COUNTRY_SCORE,
    Rules,
    country_of_word,
    country_place,
    place_of_country,
    rules,
)
from ..places import Gazetteer
from ..records import Location
from .syntax import nearest_subjects, prep_objects

_CLAUSE_DEPS = frozenset({"advcl", "xcomp", "acl", "relcl"})
#: prepositions before a gerund that set the event's own scene ("upon landing at X", "by
#: arming militants in Iraq"), unlike "accused of using gas in Afghanistan"
_SCENE_PREPS = frozenset({"upon", "on", "after", "before", "while", "during", "by", "in",
                          "when"})
#: conjunctions of a clause that happens at the same scene ("declared … as he hosted them
#: in Sochi")
_SAME_SCENE_MARKS = frozenset({"as", "while", "when"})
#: prepositions that tell of another event ("airstrikes … after the atrocity in Douma")
_OTHER_EVENT_PREPS = frozenset({"after", "before", "following", "since", "despite", "unlike",
                                "like", "than"})


#: where a verb of motion goes: "travelled to Syria", "advanced towards Manbij"
_HEADING = frozenset({"to", "towards", "toward"})


#: people who are where they live ("a Kafranbel resident"; not refugees, who are elsewhere)
_DWELLERS = frozenset({"resident", "inhabitant", "villager", "townsman", "townspeople"})

#: "on the sidelines of the summit in Brussels": where talks happen beside a meeting
_SIDELINES = frozenset({"sideline", "sidelines", "margin", "margins", "fringe", "fringes"})


def _phrase(head: Token) -> Iterator[Token]:
    """The words of a phrase without its appositions and relative clauses ("from Syria, a
    move that infuriated policymakers in Washington" is not about Washington)."""
    yield head
    for c in head.children:
        if c.dep_ not in ("appos", "relcl", "punct"):
            yield from _phrase(c)


def _locative(prep: Token, pobj: Token, r: Rules) -> bool:
    """Whether ``prep pobj`` can say where: not "around a million", and "on" or "over" only
    before a name or a place ("on the outskirts of Daraa", "on the sidelines of the summit
    in Brussels", "over the city", not "on the reconstruction of Syria", nor "imposed
    sanctions over the crackdown on protesters in Minsk")."""
    if pobj.like_num:
        return False
    return prep.lower_ not in ("on", "over") or pobj.pos_ != "NOUN" or \
        pobj.lemma_.lower() in r.place_nouns | r.feature_nouns | r.land_nouns | _SIDELINES | \
        r.setting_nouns


def _preps(holder: Token, preps: frozenset[str], topic: bool = False) -> Iterator[Token]:
    """The places of ``holder``'s phrases with these prepositions; ``topic``: the holder
    is the verb of a noun of talk, whose "on / over / about" is a topic too."""
    r = rules()
    if topic or holder.lemma_.lower() in r.topic_nouns:  # "a discussion on the future of Syria"
        preps = preps - {"on", "over", "about"}
    aimed = holder.lemma_.lower() in r.attack_nouns  # "a strike on a car near Mogadishu"
    for prep in holder.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and (_locative(prep, pobj, r) or
                                            aimed and prep.lower_ == "on" and _is_noun(pobj)):
                    yield from _phrase(pobj)
        elif prep.dep_ == "conj" and prep.pos_ == "ADP" and prep.lower_ in preps:
            yield from (w for w in prep.subtree)  # "in Idlib and around Hama"


def _object_places(obj: Token, takes_places: bool, depth: int = 0) -> Iterator[Token]:
    r = rules()
    if takes_places:
        yield obj
    for prep in obj.children:  # "neighbourhoods of Hama", "a checkpoint near X"
        if prep.dep_ == "prep" and (prep.lower_ in r.event_preps and all(
                _locative(prep, g, r) for g in prep.children if g.dep_ == "pobj") or (
                prep.lower_ == "of" and obj.lemma_.lower() in r.place_nouns)):
            yield from (w for w in prep.subtree if w.i != prep.i)
    for mod in obj.children:  # "the Sinjar district"
        if mod.dep_ in ("compound", "nmod") and obj.lemma_.lower() in r.place_nouns:
            yield mod
        elif mod.dep_ == "acl" and mod.tag_ in ("VBG", "VBN") and depth < 2 and \
                mod.lemma_.lower() in r.place_object_verbs and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for c in mod.children):
            for inner in (g for g in mod.children if g.dep_ == "dobj"):  # "fired a barrage
                yield from _object_places(inner, True, depth + 1)  # targeting Latakia"
    if depth < 2:
        for c in obj.children:  # "arming thousands of militants in Iraq", "the build-up and
            if c.dep_ == "conj":  # training of an army in Syria": the object's own noun
                yield from _object_places(c, takes_places, depth + 1)
            elif c.dep_ == "prep" and c.lower_ == "of":  # "seized much of the country"
                portion = takes_places and obj.lemma_.lower() in r.portion_words
                for inner in (g for g in c.children if g.dep_ == "pobj" and _is_noun(g)):
                    yield from _object_places(inner, portion, depth + 1)


def _verb_preps(verb: Token, r: Rules, topic: bool = False,
                moved: bool = True) -> Iterator[Token]:
    """The locative phrases of a verb, with "to" or "towards" for a verb of motion
    ("travelled to Syria", "threatened to extend its operation towards Manbij"; with
    ``moved`` false, its subject is what moves others, and only "to" counts: "fighting has
    driven people towards the border" is not at the border) and the phrase of a gerund
    after "upon / after" ("upon landing at X"); ``topic``: the verb tells of a noun of talk
    ("talks … stalled over Idlib")."""
    lemma = verb.lemma_.lower()
    heading = _HEADING if moved else frozenset({"to"})
    preps = r.event_preps | (heading if lemma in r.motion_verbs else frozenset()) | (
        {"from"} if lemma in r.leave_verbs else frozenset())
    yield from _preps(verb, preps, topic)
    if lemma in r.leave_verbs:  # "pull US troops out of Syria"
        for out in (c for c in verb.children if c.lower_ == "out"):
            yield from _preps(out, frozenset({"of"}))
    for when in (g for c in verb.children if c.dep_ == "prep" for g in c.children
                 if g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME")):
        yield from _preps(when, r.event_preps)  # "bombed since Monday morning in Ghouta": the
        # parser hangs the place on the time
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _SCENE_PREPS:  # not "accused of using …"
            for pcomp in prep.children:
                if pcomp.dep_ == "pcomp" and pcomp.tag_ == "VBG":
                    yield from _preps(pcomp, r.event_preps)


def _own_clause(trigger: Token, code: str | None) -> Iterator[tuple[str, Token]]:
    r = rules()
    # a conjoined verb shares its partner's phrases: "killed or wounded fighters in Iraq"
    verbs = [trigger, *(c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if trigger.dep_ == "conj" and trigger.head.pos_ == "VERB":
        verbs.append(trigger.head)
    for verb in verbs:
        yield from (("the event's locative phrase", t) for t in _verb_preps(verb, r))
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubj", "nsubjpass"):
        # "carried out airstrikes on Raqqa", "in central Iraq, attacks … have spiked"; a
        # noun of talk's verb's "over / on / about" is its topic ("talks stalled over Idlib")
        yield from (("the event's locative phrase", t) for t in _verb_preps(
            trigger.head, r, trigger.lemma_.lower() in r.topic_nouns, trigger.dep_ != "nsubj"))
    clauses = list(trigger.children)
    if _is_noun(trigger) and trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and \
            trigger.head.head.pos_ == "NOUN":  # "a wave of bombardment targeting Damascus":
        clauses += [c for c in trigger.head.head.children if c.dep_ == "acl"]  # the wave's
    if _is_noun(trigger) and trigger.dep_ == "compound" and _is_noun(trigger.head):
        # "the dialogue congress in Sochi", "the peace congress scheduled at the resort of
        # Sochi": the event noun names the kind of the noun whose place is told
        yield from (("the event's locative phrase", t) for t in _noun_places(trigger.head, r))
        reduced = trigger.head.head  # the parser's reading of "congress scheduled at X" as
        if trigger.head.dep_ in ("nsubj", "nsubjpass") and reduced.tag_ == "VBN" and not any(
                c.dep_ in ("aux", "auxpass") for c in reduced.children):  # a clause of its own
            yield from (("the event's locative phrase", t) for t in _preps(reduced, r.event_preps))
    for c in clauses:
        if c.dep_ in _CLAUSE_DEPS and c.tag_ in ("VBG", "VBN") or \
                c.dep_ == "relcl" and _is_noun(trigger) and not _aim_of_noun(c, trigger):
            # "attacks launched from Idlib", "the attack, which took place in Jisr al-Shughour"
            yield from (("the clause's locative phrase", t) for t in _preps(c, r.event_preps))
            if _is_noun(trigger) and c.dep_ == "acl" and \
                    c.lemma_.lower() in r.place_object_verbs:
                for obj in (g for g in c.children if g.dep_ == "dobj"):  # "a bombardment
                    yield from (("the clause's object", t)  # targeting Damascus"
                                for t in _object_places(obj, True, 1))
        elif c.tag_ == "VB" and (c.dep_ in ("xcomp", "advcl") or _aim_of_noun(c, trigger)):
            # the purpose: "sent forces to oust militants from an enclave in Syria",
            # "promised to set up a committee at a meeting in Sochi", "an operation to oust
            # the extremists from Baghuz"
            yield from (("the purpose's locative phrase", t) for t in _verb_preps(c, r))
            for obj in (g for g in c.children if g.dep_ == "dobj"):
                yield from (("the purpose's object", t)
                            for t in _object_places(obj, c.lemma_.lower() in r.place_object_verbs))
                if c.lemma_.lower() in r.leave_verbs:  # "to oust the extremists from Baghuz"
                    yield from (("the purpose's object", t)
                                for t in _preps(obj, frozenset({"from"})))
        elif c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and  # "when" is read
                                       m.lower_ in _SAME_SCENE_MARKS  # as either
                                       for m in c.children) and _own_doers(c, trigger):
            yield from (("the same scene's locative phrase", t)
                        for t in _preps(c, r.event_preps))
            for obj in (g for g in c.children if g.dep_ == "dobj"):  # "declared … as he
                for one in (obj, *obj.conjuncts):  # hosted Rouhani and Erdoğan in Sochi"
                    yield from (("the same scene's locative phrase", t)
                                for t in _preps(one, r.event_preps))
        elif c.dep_ in ("advcl", "ccomp") and c.i < trigger.i and _leads(c, trigger):
            # "in a speech delivered in Cairo, pitched as …, Pompeo called for": a clause
            # leading the sentence, without a subject of its own, sets the scene
            yield from (("the leading clause's locative phrase", t)
                        for t in _preps(c, r.event_preps))
        elif c.dep_ == "agent":  # "killed by an airstrike near Afrin"
            for pobj in (g for g in c.children if g.dep_ == "pobj"):
                yield from (("the agent's locative phrase", t) for t in _noun_places(pobj, r))
    takes = trigger.lemma_.lower() in r.place_object_verbs
    # "struck what the military described as depots near Damascus airport"
    yield from (("the event's object", t) for t in _free_relative_object(trigger))
    for verb in verbs:
        leaves = verb.lemma_.lower() in r.leave_verbs
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                yield from (("the event's object", t) for t in _object_places(c, takes))
                if leaves:  # "expel every last Iranian boot from Syria"
                    yield from (("the event's object", t)
                                for t in _preps(c, frozenset({"from"})))
                    for post in (g for g in c.children if g.dep_ == "acl" and g.tag_ == "VBN"):
                        yield from (("where the object is", t)  # "withdraw the troops
                                    for t in _preps(post, r.event_preps))  # stationed in Syria"
    if _is_noun(trigger):  # "the withdrawal of 2,000 soldiers from Syria": a noun's object
        for pobj in prep_objects([trigger], "of"):
            yield from (("the event's object", t) for t in _object_places(pobj, False))
            if trigger.lemma_.lower() in r.leave_verbs:
                yield from (("the event's object", t) for t in _preps(pobj, frozenset({"from"})))
    if _is_noun(trigger) and trigger.dep_ == "dobj" and \
            trigger.head.lemma_.lower() in r.undergo_verbs:
        # "both Damascus and Riyadh experienced missile attacks": the place that underwent it
        for subject in (c for c in trigger.head.children if c.dep_ == "nsubj"):
            yield from (("the place that underwent it", t) for t in subject.subtree)
    if _is_noun(trigger):  # "talks between the regime and opposition in Vienna": the
        for party in prep_objects([trigger], "between"):  # parser hangs the place on a party
            for one in (party, *(c for c in party.children if c.dep_ == "conj")):
                yield from (("the parties' locative phrase", t)
                            for t in _preps(one, frozenset({"in", "at"})))
    if _is_noun(trigger) and trigger.dep_ == "attr" and trigger.head.lemma_ == "be":
        # "Sochi will be the sixth meeting between Putin and Erdoğan": the place it is
        for subject in (c for c in trigger.head.children if c.dep_ == "nsubj"):
            yield ("the place the event is said to be", subject)
    for verb in verbs:  # "at Sochi, where Putin plays host to …": the place the clause is of
        if verb.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ == "where"
                                        for c in verb.children):
            yield ("the place a where-clause is of", verb.head)
    yield from (("the trip's destination", t) for t in _trip_of(trigger, r))
    holder = trigger.head if trigger.dep_ == "xcomp" else None
    if trigger.dep_ in ("relcl", "acl") and trigger.head.dep_ == "dobj" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        holder = trigger.head.head  # "in Geneva, the fund issued a statement to express …"
    if holder is not None and holder.dep_ == "acomp":
        holder = holder.head  # "in Beirut, Hezbollah has been unwilling to accede to …"
    if holder is not None:
        yield from (("the governing verb's locative phrase", t)
                    for t in _preps(holder, r.event_preps))
    if trigger.dep_ == "advcl" and trigger.head.pos_ == "VERB" and not any(
            c.dep_ == "mark" and c.lower_ not in _SAME_SCENE_MARKS for c in trigger.children):
        # "arrested in the town of Didim … when police raided the resort": the same scene
        # (not "struck targets in Gaza after rockets were fired from the enclave")
        yield from (("the main clause's locative phrase", t)
                    for t in _preps(trigger.head, r.event_preps))


def _trip_of(trigger: Token, r: Rules) -> Iterator[Token]:
    """Where a trip goes that the event is the purpose of: "travelled to Ankara to meet
    Erdoğan", "sent officials to Moscow to obtain Russia's agreement"."""
    verb = trigger.head if _is_noun(trigger) and trigger.dep_ == "dobj" else trigger
    if verb.dep_ in ("xcomp", "advcl") and verb.tag_ == "VB" and \
            verb.head.lemma_.lower() in r.motion_verbs and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        for prep in verb.head.children:  # "sent a delegation to Moscow": a dative to the
            if prep.dep_ in ("prep", "dative") and prep.lower_ in ("to", "into"):  # parser
                yield from (w for g in prep.children if g.dep_ == "pobj" for w in _phrase(g))


def _aim_of_noun(clause: Token, trigger: Token) -> bool:
    """Whether ``clause`` is the "to" infinitive a noun event is for ("an offensive to
    retake Afrin", "a military operation to oust the extremists from Baghuz"), which the
    parser also reads as a relative clause."""
    return _is_noun(trigger) and clause.dep_ in ("acl", "relcl") and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and \
        not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _free_relative_object(trigger: Token) -> Iterator[Token]:
    """The nouns a "what" object clause says the object is, and the clause's own place
    ("struck what the military described as weapons depots near Damascus airport", "bombed
    what activists said was a hospital in Idlib", "raided what police called a bomb factory
    in the outskirts of Peshawar", where the parser hangs the place on "called")."""
    r = rules()
    takes = trigger.lemma_.lower() in r.place_object_verbs
    for clause in (c for c in trigger.children if c.dep_ == "ccomp" and
                   c.left_edge.i == trigger.i + 1 and c.left_edge.lower_ == "what"):
        yield from _preps(clause, r.event_preps)
        for tok in clause.subtree:
            if tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.i == clause.i \
                    or tok.dep_ == "oprd" and tok.head.i == clause.i \
                    or tok.dep_ == "attr" and tok.head.lemma_ == "be":
                yield from _object_places(tok, takes)


def _leads(clause: Token, trigger: Token) -> bool:
    """Whether a clause before the trigger is a subjectless modifier leading the sentence
    (the parser often takes "pitched as …" or "speaking in X" for a complement)."""
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    return clause.tag_ in ("VBD", "VBN", "VBG") and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children) and \
        all(clause.right_edge.i < s.i for s in subjects) and \
        not any(t.text in "\"“”" for t in clause.subtree)


def _is_noun(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN")


def _noun_places(noun: Token, r: Rules) -> Iterator[Token]:
    """A noun's locative phrases, and those of a participle that describes it ("American
    forces repelling an assault on a base in the province of Deir ez-Zor")."""
    yield from _preps(noun, r.event_preps)
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN"):
            yield from _verb_preps(c, r)
            for obj in (g for g in c.children if g.dep_ == "dobj"):
                yield from _object_places(obj, False)


def _target_phrase(extra: Sequence[Token]) -> Iterator[tuple[str, Token]]:
    r = rules()
    for holder in extra:
        yield from (("the target's location phrase", t) for t in _preps(holder, r.event_preps))
        for pobj in prep_objects([holder], "of"):  # "a convoy of forces entering the Afrin
            yield from (("the target's location phrase", t)  # region"
                        for t in _noun_places(pobj, r))


def _source_phrase(trigger: Token) -> Iterator[tuple[str, Token]]:
    """"Courts in France are investigating …", "the envoy, speaking at a thinktank in
    Washington, said …", "attacks on Idlib province have displaced …", "people inside Syria
    need assistance": where the doer is (for a noun event, the subject of its verb)."""
    r = rules()
    verb = trigger.head if _is_noun(trigger) and trigger.dep_ == "dobj" else trigger
    subjects = [verb.head if c.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" else c
                for c in verb.children if c.dep_ == "nsubj"]  # "a resident, who asked …"
    subjects += [g for s in subjects if s.ent_type_ == "CARDINAL" or  # "thousands of
                 s.lemma_.lower() in r.portion_words for g in prep_objects([s], "of")]  # families"
    for subject in subjects:
        preps = frozenset({"in", "at", "across", "inside", "throughout", "within"}) | (
            {"on"} if subject.lemma_.lower() in r.attack_nouns else frozenset())
        yield from (("the source's location phrase", t) for t in _preps(subject, preps))
        for prep in (c for c in subject.children if c.dep_ == "prep"):
            for trip in (g for g in prep.children if g.dep_ == "pobj" and
                         g.lemma_.lower() in r.motion_verbs):  # "Erdogan, on a visit to Qatar,"
                yield from (("the source's whereabouts", t)
                            for t in _preps(trip, frozenset({"to"})))
        if subject.lemma_.lower() in _DWELLERS:  # "said a Kafranbel resident": where the
            for home in (c for c in subject.children if c.dep_ == "compound"):  # speaker lives
                yield ("the source's home", home)
        for c in subject.children:
            if c.dep_ in ("acl", "advcl") and c.tag_ in ("VBG", "VBN"):  # "forces, deployed
                yield from (("the source's location phrase", t)  # in Benghazi, detained …"
                            for t in _preps(c, r.event_preps))


_PRECISE = {"site": 0, "city": 1, "admin1": 2, "country": 3}


def _pick(tokens: Iterator[tuple[str, Token]], places: dict[int, Resolved],
          skip: range) -> tuple[str, Resolved] | None:
    """Of the places these words name, the most precise (the first among equals):
    "attacked a checkpoint near Khan Sheikhoun, in Idlib province" -> Khan Sheikhoun."""
    found: list[tuple[int, int, str, Resolved]] = []
    for n, (why, tok) in enumerate(tokens):
        resolved = places.get(tok.i) or _the_country(tok, places)
        if resolved is None or resolved.best is None or tok.idx in skip:
            continue
        found.append((_PRECISE.get(resolved.best.place.precision, 1), n, why, resolved))
    if not found:
        return None
    _, _, why, resolved = min(found, key=lambda f: (f[0], f[1]))
    return why, resolved


def _the_country(tok: Token, places: dict[int, Resolved]) -> Resolved | None:
    """"The country" ("seized much of the war-torn country"): the country last named as a
    place in this sentence or the one before."""
    if tok.lemma_.lower() != "country" or tok.tag_ != "NN" or \
            not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) or \
            any(c.dep_ == "prep" for c in tok.children):
        return None
    sent = tok.sent
    start = tok.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    named = [places[i] for i in range(start, tok.i) if i in places and
             places[i].best is not None and places[i].best.place.precision == "country"]
    return named[-1] if named else None


def _own_doers(clause: Token, trigger: Token) -> bool:
    """Whether a clause of the same time ("as", "while", "when") is the trigger's doer's
    own ("declared … as he hosted them in Sochi"), not others' ("sent in aircraft to
    attack Idlib, as foreign ministers gathered in Brussels")."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # "Turkey sent troops to storm …": the sender's
    doer = next(iter(nearest_subjects(trigger, frozenset({"xcomp", "advcl", "conj"}))), None)
    return subject is None or subject.pos_ == "PRON" or doer is None or \
        subject.lemma_.lower() == doer.lemma_.lower()


def _aside(tok: Token, trigger: Token) -> bool:
    """A word in a part of the sentence that tells of something else: a participle or
    relative clause describing a noun ("a precedent set last year in Myanmar"), a
    comparison ("as the US did in Iraq"), a reported clause, another event ("after the
    atrocity in Douma") or another coordinated clause -- unless the trigger is in it too."""
    while tok.head.i != tok.i:
        clause = tok.dep_ in ("relcl", "parataxis", "ccomp") or (
            tok.dep_ == "prep" and tok.lower_ in _OTHER_EVENT_PREPS) or (
            tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBG") and not _aims(tok)) or (
            tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("as", "like", "than")
                                        for c in tok.children)) or (
            tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX"))
        if clause and not (tok.left_edge.i <= trigger.i <= tok.right_edge.i):
            return True
        tok = tok.head
    return False


def _aims(clause: Token) -> bool:
    """Whether a participle tells where an attack goes ("a wave of bombardment targeting
    Damascus", "airstrikes hitting Idlib"): the attack's scene, not an aside."""
    r = rules()
    noun = clause.head
    nouns = [noun, *(o for of in noun.children if of.dep_ == "prep" and of.lower_ == "of"
                     for o in of.children if o.dep_ == "pobj")]
    return clause.lemma_.lower() in r.place_object_verbs and \
        any(n.lemma_.lower() in r.attack_nouns for n in nouns)


def _seat_of(end: int, doc: Doc) -> bool:
    """A place that only says where someone is based or was born ("the Britain-based
    Syrian Observatory", "a London-born fighter"): no scene of the sentence's events."""
    return end + 1 < len(doc) and doc[end].text == "-" and \
        doc[end + 1].lower_ in ("based", "born", "headquartered")


def _owns_people(tok: Token) -> bool:
    """"Idlib's inhabitants": people from a place, who may be anywhere."""
    return tok.dep_ == "poss" and tok.head.lemma_.lower() in rules().people_nouns


def _sentence_scene(trigger: Token, places: dict[int, Resolved],
                    skip: range) -> tuple[str, Resolved] | None:
    """The scene a sentence sets, when all its places lie in one country ("the campaign
    to reclaim Raqqa, with reports of airstrikes killing hundreds"; "arrested while on
    holiday in the town of Didim … when police raided the resort"): its most precise place.
    Not a place told of aside, nor one whose people are meant ("Idlib's inhabitants")."""
    sent = trigger.sent
    start = _heading(sent)
    found = list(dict.fromkeys(places[i] for i in range(start, sent.end)
                               if i in places and places[i].best is not None
                               and not _seat_of(places[i].mention.end, trigger.doc)))
    if not found or len({r.best.place.country for r in found if r.best}) != 1:
        return None
    doc = trigger.doc
    return _pick((("the sentence's scene", doc[r.mention.start]) for r in found
                  if not _owns_people(doc[r.mention.start:r.mention.end].root)
                  and not _aside(doc[r.mention.start:r.mention.end].root, trigger)),
                 places, skip)


def _heading(sent: Span) -> int:
    """Where a sentence's scene starts: at a heading of place names before it ("Kabul: A
    suicide bomber killed 12 people", which the parser splits off as its own sentence)."""
    doc = sent.doc
    if sent.start < 2 or doc[sent.start - 1].text not in (":", "-", "–", "—"):
        return sent.start
    before = doc[sent.start - 1].sent
    words = [t for t in before if not t.is_punct]
    if words and all(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "LOC", "FAC") for t in words):
        return before.start
    return sent.start


def _country_in_phrase(extra: Sequence[Token], kb: Knowledge, skip: range,
                       force: bool = False) -> Location | None:
    """A material event's country named in its object or target phrase ("mobilized
    reservists for a war against Iraq"): the country, at country precision; for force
    (``force``), also a country whose people are its target ("if it attacked **Syria's**
    Kurds": where they live)."""
    people = rules().people_nouns
    for holder in extra:
        for tok in holder.subtree:
            owns = force and tok.dep_ == "poss" and tok.head.i == holder.i and (
                holder.ent_type_ == "NORP" or holder.lemma_.lower() in people)
            if tok.ent_type_ != "GPE" or tok.idx in skip or not owns and (
                    tok.dep_ != "pobj" or tok.head.lower_ in ("between", "with", "by")):
                continue  # not "the US military", not "clashes between Iran and Israel"
            place = country_place(tok.text, kb)
            if place is not None:
                return place.location(f"a country named in the event's object or target "
                                      f"phrase: {tok.text!r} (material event)")
    return None


def _adjective_country(own: Sequence[tuple[str, Token]], kb: Knowledge,
                       skip: range) -> Location | None:
    """A country named by a nationality adjective on a place in the event's own locative
    phrase ("arrested on a **Turkish** beach", "held in **Syrian** custody"): the event
    happens in that country, at country precision. Not an object ("bombed a Turkish
    base": a base may be abroad)."""
    r = rules()
    settings = (r.place_nouns | r.feature_nouns | r.setting_nouns) - r.owned_nouns
    for why, tok in own:
        if not why.endswith("locative phrase") or tok.dep_ != "amod" or tok.idx in skip or \
                tok.head.lemma_.lower() not in settings or tok.head.dep_ != "pobj":
            continue
        country = country_of_word(tok.text, kb)
        place = place_of_country(country, kb) if country else None
        if place is not None:
            return place.location(f"{ADJECTIVE_REASON} in {why}: {tok.text!r} "
                                  f"({tok.text} {tok.head.text}); score {COUNTRY_SCORE:.2f}: "
                                  f"the country of a nationality")
    return None


#: why an event is placed by a nationality on a place (the start of ``Location.evidence``)
ADJECTIVE_REASON = "a place named by its nationality"


def from_adjective(place: Location) -> bool:
    """Whether ``place`` is only the country a nationality names ("on a Turkish beach"):
    where the event happened, no side of it."""
    return (place.evidence or "").startswith(ADJECTIVE_REASON)


#: why an event is placed at the dateline (the start of its ``Location.evidence``)
DATELINE_REASON = "the dateline (a local event)"


def from_dateline(place: Location) -> bool:
    """Whether ``place`` is the dateline's, read for a local event no sentence places: where
    the report was filed, never a side of the event."""
    return (place.evidence or "").startswith(DATELINE_REASON)


def locate(trigger: Token, extra: Sequence[Token], gazetteer: Gazetteer, kb: Knowledge,
           prefer: Sequence[str], skip: range = range(0),
           code: str | None = None) -> Location | None:
    """The event's place, or None. ``extra``: the event's target and object head words;
    ``code``: the event's CAMEO code (the target is a place only for material events)."""
    places = doc_places(trigger.doc, gazetteer, kb, prefer)
    r = rules()
    root = (code or "")[:2]
    # a statement, appeal or threat happens where its speaker is, not where its target is
    target_phrase = _target_phrase(extra) if root not in r.verbal_roots else iter(())
    if root in r.verbal_roots:  # "a spokesman in Istanbul had no comment on …": the speaker's
        own = list(_own_clause(trigger, code))  # whereabouts before what the words are about
        picked = _pick((o for o in own if o[0] != "the event's object"), places, skip) or \
            _pick(_source_phrase(trigger), places, skip) or (
                None if root in r.speech_roots else
                _pick((o for o in own if o[0] == "the event's object"), places, skip))
    else:
        own = list(_own_clause(trigger, code))
        picked = _pick(iter(own), places, skip)
        if picked is None and (named := _adjective_country(own, kb, skip)) is not None:
            return named
        picked = picked or _pick(target_phrase, places, skip) or \
            _pick(_source_phrase(trigger), places, skip)
    if picked is None and (code or "").startswith(tuple(r.material_roots)):
        picked = _pick((("the target itself", t) for t in extra), places, skip)
        if picked is None:
            country = _country_in_phrase(extra, kb, skip, (code or "").startswith(FORCE_ROOTS))
            if country is not None:
                return country
        # the scene is more precise when there is one; else the target itself stands
        picked = _sentence_scene(trigger, places, skip) or picked
    if picked is None and root in r.dateline_roots and skip:
        sent = trigger.sent
        named = any(i in places for i in range(sent.start, sent.end)
                    if sent.doc[i].idx not in skip)
        dateline = [places[t.i] for t in trigger.doc if t.idx in skip and t.i in places]
        if not named and dateline and dateline[0].best is not None and \
                dateline[0].best.place.country in prefer[:1]:
            picked = (DATELINE_REASON, dateline[0])
    if picked is None:
        return None
    why, found = picked
    assert found.best is not None
    return found.best.place.location(
        f"{why}: {found.mention.text!r} ({found.mention.slot}); {found.best.evidence}")


def of_conjunct(place: Location | None, first: Token | None, other: Token,
                resolver: ActorResolver, article: _Article) -> Location | None:
    """The event's place for one of several conjoined places it is done to: when ``place``
    was read from the first of them (``first``), the place ``other`` names ("toured
    Washington, Paris and London": each visit in its own city)."""
    if place is None or first is None or other.i == first.i or \
            other.i not in {c.i for c in first.conjuncts}:
        return place
    places = doc_places(other.doc, resolver.gazetteer, resolver.kb, article.countries)
    a, b = places.get(first.i), places.get(other.i)
    if a is None or b is None or a.best is None or b.best is None or \
            (a.best.place.lat, a.best.place.lon) != (place.lat, place.lon) and \
            a.best.place.name != place.name:
        return place
    return b.best.place.location(
        f"the event's object, a conjunct: {b.mention.text!r} ({b.mention.slot}); "
        f"{b.best.evidence}")


def scene_country(trigger: Token, resolver: ActorResolver, article: _Article) -> str | None:
    """The one country all the places the sentence names lie in, or None: where a people
    of several states named in it is at home ("would launch an operation in northern Syria
    if Kurdish fighters did not withdraw"). The dateline does not count."""
    places = doc_places(trigger.doc, resolver.gazetteer, resolver.kb, article.countries)
    sent, skip = trigger.sent, article.skip
    countries = {r.best.place.country for i in range(sent.start, sent.end)
                 if (r := places.get(i)) is not None and r.best is not None
                 and sent.doc[i].idx not in skip}
    return countries.pop() if len(countries) == 1 else None


def story_scene(trigger: Token, resolver: ActorResolver, article: _Article) -> str | None:
    """The country of the sentence's places (:func:`scene_country`), else of the article's
    (:func:`article_scene`)."""
    return scene_country(trigger, resolver, article) or article_scene(trigger, resolver, article)


def peoples_scene(trigger: Token, place: Location | None, resolver: ActorResolver,
                  article: _Article, facing: bool) -> str | None:
    """Where a people of several states that an event names is at home: the event's place
    ("Kurdish fighters in Afrin": Syria's), else the one country of the sentence's places,
    else, when the people was given the country of the side it faces (``facing``), the
    article's scene ("Turkish jets bombed Kurdish fighters" in a story set in Syria)."""
    if place is not None and place.country:
        return place.country
    return story_scene(trigger, resolver, article) if facing else \
        scene_country(trigger, resolver, article)


_SCENE_KEY = "eventwire.article_scene"


def article_scene(trigger: Token, resolver: ActorResolver, article: _Article) -> str | None:
    """The country the article's places lie in most often (not its most named country: a
    story of a bombing that killed Americans in Syria is set in Syria), or None; worked out
    once per article (the doc is the article's)."""
    doc = trigger.doc
    if _SCENE_KEY not in doc.user_data:
        places = doc_places(doc, resolver.gazetteer, resolver.kb, article.countries)
        skip = article.skip
        seen = {id(r): r for i, r in places.items() if r.best is not None
                and r.best.place.country and doc[i].idx not in skip}
        counts = Counter(r.best.place.country for r in seen.values())
        doc.user_data[_SCENE_KEY] = counts.most_common(1)[0][0] if counts else None
    scene: str | None = doc.user_data[_SCENE_KEY]
    return scene


class _Article(Protocol):
    countries: list[str]
    skip: range


def locate_in(trigger: Token, extra: Sequence[Token], resolver: ActorResolver,
              article: _Article, code: str | None) -> Location | None:
    """:func:`locate` with the resolver's gazetteer and data and the article's countries
    and dateline (the coder's call)."""
    return locate(trigger, extra, resolver.gazetteer, resolver.kb, article.countries,
                  article.skip, code)
