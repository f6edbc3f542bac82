"""Relevance: a political event needs a political actor.

Event data is about states, governments, armed forces, police, intergovernmental bodies,
armed groups, parties and movements. A verb that fires between other parties — a striker
who "put Syria ahead", a foundation that "gave away money", two people who "died" — is not
such an event, however well it matches a pattern; nor is the harm a disaster or an
accident does (:func:`natural_cause`), nor a threat that names a danger no one made
(:func:`danger`: "no longer pose a threat"), nor a private person's trip coded as a visit
(:func:`private_trip`). :func:`political` tells the actors that
count; the coder keeps an event only when its source or target is one of them or at least
belongs to a country (:func:`relevant`): CAMEO codes riots of prisoners and the killing of
civilians, whose parties are national but not political.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Token

from ..codes import FORCE_ROOTS  # an event of these needs a doer, not a disaster
from ..records import Actor, Location
from .cues import Cues
from .roles import FRAME_NOUNS
from .syntax import child, negated, passive, perfect, prep_objects, to_infinitive

#: sectors of political actors (docs/actors.md)
POLITICAL_SECTORS = frozenset({"GOV", "MIL", "REB", "OPP", "PTY", "LEG", "JUD", "COP", "SPY",
                               "PRM", "IGO", "UAF", "PRE", "ELI"})
#: kinds that are political with no sector: a state named as itself, an IGO
POLITICAL_KINDS = frozenset({"country", "igo"})
#: named bodies the actor data knows, whose sector it may not (an IGO listed without one)
NAMED_KINDS = frozenset({"igo", "organization", "group"})


def political(actor: Actor | None) -> bool:
    """Whether ``actor`` is a political actor (see the module's docstring)."""
    if actor is None:
        return False
    if actor.sector is not None:
        return actor.sector in POLITICAL_SECTORS
    return actor.kind in POLITICAL_KINDS


#: machines of war, which do force ("tank fire", "a drone strike") and are what other
#: dealings are about ("the submarine deal", "a drone sale"), never a party to them
HARDWARE = frozenset({"warplane", "jet", "bomber", "warship", "destroyer", "frigate",
                      "corvette", "submarine", "carrier", "tank", "drone", "missile",
                      "helicopter", "gunboat", "aircraft", "fighter"})


def compound_doer(word: Token, force: bool) -> bool:
    """Whether a common noun compounded with an event noun may be its doer: a group ("army
    shelling", "police raids"), or a machine of war in an event of force only."""
    return force or word.lemma_.lower() not in HARDWARE


def relevant(source: Actor | None, target: Actor | None) -> bool:
    """An event between these two can be political: one of them is a political actor, or
    belongs to a country (CAMEO codes "Palestinian prisoners rioted" and "three Iraqi
    civilians were killed") or is a body the actor data names. Left out: events among
    parties of no country, no political sector and no name alone ("charities", "two men",
    "a striker")."""
    return any(political(a) or (a is not None and (
        a.country is not None or a.kind in NAMED_KINDS)) for a in (source, target))


#: CAMEO roots of coercion and force: what a disaster or a figure of speech may look like
HARM_ROOTS = ("17", *FORCE_ROOTS)
#: sectors that use force only in metaphor ("Toyota attacked the market")
UNARMED_SECTORS = frozenset({"BUS", "MED", "EDU"})


#: CAMEO codes of official visits: the visitor is a political actor ("British nationals
#: travelled to Syria" is no visit, "the foreign minister travelled to Ankara" is)
OFFICIAL_CODES = frozenset({"042"})


def private_trip(code: str, source: Actor | None) -> bool:
    """Whether a visit is a private person's trip, not a political actor's."""
    return code in OFFICIAL_CODES and not political(source)


def figurative(code: str, source: Actor | None, target: Actor | None) -> bool:
    """Whether force by a business, the media or a school on no named party is a figure of
    speech: "Toyota attacked the market with a new electric car"."""
    return code.startswith(FORCE_ROOTS) and target is None and source is not None and \
        source.sector in UNARMED_SECTORS


#: what blows up or burns by accident at such a site: "a gas explosion at a chemical plant"
ACCIDENTS = frozenset({"explosion", "blast", "leak", "fire", "spill"})
ACCIDENT_SITES = frozenset({"plant", "factory", "mine", "refinery", "warehouse", "pipeline",
                            "workshop", "mill", "boiler", "well"})
ACCIDENT_FUELS = frozenset({"gas", "boiler", "methane", "fuel", "industrial", "dust"})


def no_deed(t: Token, code: str, cues: Cues, event_nouns: Collection[str]) -> bool:
    """Whether the fired trigger ``t`` (coded ``code``) tells no deed at all, whoever its
    parties: harm no one did ("the earthquake killed 300 people"), work made ("a film was
    shot"), a danger named, an event noun that only modifies a noun ("detention centres"),
    a standing relation, presence or war ("militias backed by the coalition", "troops are
    stationed", "Hezbollah, which is fighting alongside the regime"), a purpose ("strikes
    were intended to reassure"), or a name for another event."""
    return natural_cause(t, code, cues.disasters) or made_work(t, code, cues.works) or \
        danger(t) or modifier_only(t) or standing_support(t, code) or \
        standing_presence(t, code) or standing_fight(t) or purpose(t, code) or \
        renames(t, event_nouns) or war_in_name_only(t, code) or sourcing_terms(t)


#: nouns of armed conflict that a modifier may make a figure of speech or a name
WAR_NOUNS = frozenset({"war", "battle", "fight", "conflict", "offensive", "attack"})
#: modifiers that make them one: "a trade war", "Riyadh's cold war with Qatar", "a war of
#: words", "the first world war between …" (a name of an era, not a deed told)
FIGURATIVE_WAR_WORDS = frozenset({
    "cold", "trade", "price", "tariff", "currency", "culture", "tax", "bidding", "turf",
    "legal", "court", "media", "propaganda", "word", "world", "charm", "pr"})


def war_in_name_only(t: Token, code: str) -> bool:
    """Whether a noun of war is a figure of speech or a historical era's name, not force:
    "Riyadh's cold war with Qatar", "a trade war with China", "a war of words with
    Ankara", "since the first world war"."""
    if not code.startswith(FORCE_ROOTS) or t.pos_ != "NOUN" or \
            t.lemma_.lower() not in WAR_NOUNS:
        return False
    words = {m.lemma_.lower() for m in t.children if m.dep_ in ("amod", "compound")}
    words |= {o.lemma_.lower() for o in prep_objects([t], "of")}
    return bool(words & FIGURATIVE_WAR_WORDS)


#: the words of a report's terms with its sources: "spoke on condition of anonymity to
#: discuss", "were not authorised to speak publicly"
ANONYMITY = "anonymity"
AUTHORISING = frozenset({"authorise", "authorize", "authorised", "authorized", "permit",
                         "allow", "clear"})


def sourcing_terms(t: Token) -> bool:
    """Whether the trigger is what a source was not free to do on the record, a report's
    terms with its sources, not a deed: "officials spoke on condition of anonymity to
    discuss relations with Turkey", "they were not authorised to discuss the talks"."""
    if not to_infinitive(t):
        return False
    head = t.head
    if head.lemma_.lower() == ANONYMITY or any(
            c.dep_ == "prep" and any(w.lower_ == ANONYMITY for w in c.subtree)
            for c in head.children):  # "spoke on condition of anonymity to discuss"
        return True
    return head.lemma_.lower() in AUTHORISING and negated(head)


def natural_cause(t: Token, code: str, disasters: frozenset[str]) -> bool:
    """Whether an event of force at trigger ``t`` was caused by a disaster or accident, not
    an actor: "the earthquake killed 300", "a bus crash killed 12", "82 were killed in a
    fire", "floods destroyed homes", "the cyclone battered the coast, forcing millions to
    flee" (a participle's cause is its clause's subject), "a gas explosion at a chemical
    plant killed 12"; nor is fighting a fire ("firefighters battled the blaze") force."""
    if not code.startswith(HARM_ROOTS):
        return False
    causes = [child(t, "nsubj")] + prep_objects([t], "in") + prep_objects([t], "by")
    if causes[0] is None and t.dep_ in ("advcl", "xcomp", "conj") and t.head.pos_ == "VERB":
        causes.append(child(t.head, "nsubj"))  # "the cyclone battered …, forcing"
    done = child(t, "dobj")  # "battled the blaze" (not "traded fire": gunfire)
    if done is not None and done.lemma_.lower() != "fire":
        causes.append(done)
    return _accident(t) or any(c is not None and (_disaster(c, disasters) or _accident(c))
                               for c in causes)


def _disaster(c: Token, disasters: frozenset[str]) -> bool:
    words = {c.lemma_.lower(), c.lower_, c.lower_.removesuffix("s")}  # "Wildfires" (NNPS)
    return bool(words & disasters) or any(
        m.dep_ == "compound" and m.lemma_.lower() in disasters for m in c.children)


def _accident(c: Token) -> bool:
    """"A gas explosion", "an explosion at a chemical plant": an accident, not a bombing."""
    if c.lemma_.lower() not in ACCIDENTS:
        return False
    return any(m.dep_ in ("compound", "amod") and m.lemma_.lower() in ACCIDENT_FUELS
               for m in c.children) or any(
        s.lemma_.lower() in ACCIDENT_SITES for s in prep_objects([c], "at") + prep_objects(
            [c], "in"))


def made_work(t: Token, code: str, works: frozenset[str]) -> bool:
    """Whether an event of force or coercion at trigger ``t`` is done to a made work or a
    prize, another sense of its verb: "the film was shot in Morocco", "they shot a
    documentary", "struck a deal", "captured the title"."""
    if not code.startswith(HARM_ROOTS):
        return False
    done = child(t, "nsubjpass") or child(t, "dobj")
    return done is not None and done.lemma_.lower() in works


def renames(t: Token, event_nouns: Collection[str]) -> bool:
    """Whether an event noun only says what a thing that is no event is: "the US plan was a
    blatant attack on Syrian sovereignty" (a plan called an attack: disapproval, coded from
    the speech; not "the strike was an attack on civilians", where the strike is one; nor
    "the last straw was a phone call between Trump and Erdoğan", an event between parties
    it names)."""
    return t.pos_ == "NOUN" and t.dep_ == "attr" and t.head.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.lemma_.lower() not in event_nouns
        for c in t.head.children) and not prep_objects([t], "between")


def modifier_only(t: Token) -> bool:
    """Whether an event noun only modifies another noun: "weapons inspectors", "detention
    centres", "a chemical weapons expert", "the dialogue congress" name things, not events
    (in "a bombing raid" the raid is the event). A frame noun's event stays one: "a
    mediation effort" (:data:`.roles.FRAME_NOUNS`). So does a participle used as an
    adjective: "the besieged enclave", "the Israeli-occupied Golan Heights" tell a state."""
    if t.dep_ == "amod" and t.tag_ == "VBN":
        return True
    return t.pos_ == "NOUN" and t.dep_ == "compound" and t.head.pos_ == "NOUN" and \
        t.head.lemma_.lower() not in FRAME_NOUNS


AID_ROOT = "07"


def standing_support(t: Token, code: str) -> bool:
    """Whether support is told as what an actor is, not as something done: a participle
    describing the actor ("Kurdish militias **backed by** the US-led coalition", "government
    troops **backed by** Shia militias") tells a standing relation, as "has long backed"
    does (docs/annotation.md)."""
    return code.startswith(AID_ROOT) and t.dep_ == "acl" and t.tag_ in ("VBN", "VBG")


#: the CAMEO root of force posture (deployments, mobilisation)
POSTURE_ROOT = "15"


def standing_presence(t: Token, code: str) -> bool:
    """Whether a deployment is told as where forces are, not as something done: a present
    passive with no doer and no tense of change ("2,000 US troops **are stationed** east of
    the river", "Russian jets **are based** at Hmeimim") tells a standing presence, as "backed
    by" tells a standing relation; "were deployed", "have been sent", "will be stationed"
    are deployments."""
    return code.startswith(POSTURE_ROOT) and t.tag_ == "VBN" and not any(
        c.dep_ == "agent" for c in t.children) and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in t.children) and not any(
        c.dep_ == "aux" for c in t.children)


#: verbs of ongoing war whose relative clause on an actor can tell what the actor is
STANDING_FIGHT = frozenset({"fight", "battle"})


def standing_fight(t: Token) -> bool:
    """Whether fighting is told as what an actor is, not as something done: a present
    relative clause ("Hezbollah, which **is fighting** alongside the regime", "the Kurdish
    militias, which **are fighting** Turkey") or a perfect one whose war is told by its length
    ("the PKK, which **has fought** a decades-long insurgency against the Turkish state") -- a
    long-running relation (docs/annotation.md), as "backed by" is. A participle describing an
    actor ("rebels **fighting** the regime", "Kurdish forces **fighting** Isis") is a fight:
    the gold codes people described as fighting (190), and the dev half agrees (coder 0.5.46:
    +17 events, +10 dyads)."""
    if t.lemma_.lower() not in STANDING_FIGHT:
        return False
    if t.dep_ != "relcl":
        return False
    if t.tag_ == "VBN" and perfect(t):
        return any(c.dep_ == "dobj" and _lasting(c) for c in t.children)
    return t.tag_ in ("VBZ", "VBP") or t.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in ("is", "are", "'s", "'re") for c in t.children)


def _lasting(noun: Token) -> bool:
    """A war told by its length: "a decades-long insurgency", "a four decade war"."""
    return any(w.ent_type_ == "DATE" for w in noun.subtree if w.i < noun.i)


#: verbs of purpose: in the passive they tell what a thing is for ("the airstrikes were
#: intended to reassure allies"), not what an actor means to do
PURPOSE_VERBS = frozenset({"intend", "design", "mean", "aim"})
INTENT_ROOT = "03"


def purpose(t: Token, code: str) -> bool:
    """Whether an intent is a thing's purpose, no actor's intent: a verb of purpose in the
    passive with no doer named ("airstrikes by US forces were intended to provide
    reassurance", "the talks are designed to help"), unlike "Russia intends to provide aid"."""
    return code.startswith(INTENT_ROOT) and t.lemma_.lower() in PURPOSE_VERBS and \
        passive(t) and not any(c.dep_ == "agent" for c in t.children)


def beside_politics(code: str, source: Actor | None, target: Actor | None) -> bool:
    """Whether an event between these sides is no political event: no political actor on
    either side (:func:`relevant`), a figure of speech (:func:`figurative`), a private trip
    (:func:`private_trip`) or a press briefing (:func:`press_briefing`)."""
    return not relevant(source, target) or figurative(code, source, target) or \
        private_trip(code, source) or press_briefing(code, source, target)


def press_briefing(code: str, source: Actor | None, target: Actor | None) -> bool:
    """A meeting or talk with reporters ("Lavrov met reporters in Moscow", "told
    journalists"): journalistic framing, no consultation (unnamed media people, not a named
    outlet)."""
    return code.startswith(PARTY_ROOTS) and any(
        a is not None and a.sector == "MED" and a.kind == "agent" for a in (source, target))


STATEMENT_ROOT = "01"


def unsaid(code: str, modality: str) -> bool:
    """A statement that was not made: "did not comment", "declined to comment" (whose refusal
    is its own event, 011). Silence is no statement."""
    return code.startswith(STATEMENT_ROOT) and modality == "negated"


#: the plain statement: an event only when it is about or addressed to another actor
PLAIN_STATEMENT = "010"


def said_to_no_one(code: str, targets: Sequence[object]) -> bool:
    """A plain statement about no one ("reiterated its position", "issued a statement"):
    no event (docs/annotation.md: 010 when a political actor comments on another actor)."""
    return code == PLAIN_STATEMENT and not targets


#: CAMEO codes that are events only with a political doer: people "displaced" by war were
#: not expelled
NEEDS_DOER = ("201",)


def needs_doer(code: str) -> bool:
    """Whether an event of ``code`` is an event only when a political actor does it."""
    return code.startswith(NEEDS_DOER)


def nobody_in_a_country(sources: Sequence[object], targets: Sequence[Actor],
                        place: Location | None) -> bool:
    """An event no one is named or implied to do, whose only other side is the whole
    country it happens in ("fighting in Syria slowed progress", "attacks in Britain"): no
    parties, no event. A town or region stands as what was hit ("an aid convoy was attacked
    near Aleppo"); a doer, even implied ("the occupation of Syria": Turkey's), keeps it."""
    return not sources and place is not None and place.precision == "country" and \
        bool(targets) and all(a.kind == "place" for a in targets)


#: CAMEO roots whose events happen between parties: a verb of them whose object is a thing
#: is another sense ("met a mixed response", "met the deadline")
PARTY_ROOTS = ("04",)


def meets_a_thing(t: Token, code: str) -> bool:
    """Whether a consultation verb has a common noun that names no actor as its object:
    "the demand has met a mixed response" is no meeting (the caller found no target)."""
    if not code.startswith(PARTY_ROOTS) or t.pos_ != "VERB":
        return False
    obj = child(t, "dobj")
    return obj is not None and obj.pos_ == "NOUN" and not obj.ent_type_


#: nouns of a threat, which name a danger rather than a threat made unless someone makes it
THREAT_NOUNS = frozenset({"threat"})
#: verbs that make or carry out a threat ("issued a threat", "repeated his threats")
THREAT_MAKERS = frozenset({"make", "issue", "repeat", "renew", "carry", "follow", "deliver",
                           "voice", "escalate", "step", "reiterate", "level", "send"})


def danger(t: Token) -> bool:
    """Whether a threat noun names a danger, not a threat someone made: "opposition groups
    no longer pose a threat to the regime", "what Turkey sees as the Kurdish threat", "the
    IS threat is not over" — no owner ("Turkey's threat"), no "by" doer, no "to" + verb
    ("its threat to invade") and no verb that makes it ("issued a threat")."""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in THREAT_NOUNS:
        return False
    owned = child(t, "poss") is not None or bool(prep_objects([t], "by")) or any(
        c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in t.children)
    made = t.dep_ in ("dobj", "nsubjpass") and t.head.lemma_.lower() in THREAT_MAKERS
    return not (owned or made)
