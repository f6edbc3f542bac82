"""Nested nominal events: an event named inside another event's object is coded too.

"Rouhani **condemned** the Israeli air **raid** on the port" reports two events: Iran's
disapproval, and Israel's raid. The coder's general rule codes only the outer event of a
complement ("**demanded** the **release** of", "**called for** **talks**": the inner event
has not happened), so this module says when the inner one is an event of its own:

* the outer event is one that presupposes its object happened: a disapproval (CAMEO 11:
  condemn, criticise, denounce, accuse — an accusation makes the inner event alleged), an
  investigation (09: "investigated airstrikes by the coalition"), or the breach of an
  agreement or norm (128: "violated a US-Russia agreement"); a rejection of an accusation is
  not among them;
* the inner event is a noun whose own actor is named in its phrase: a possessive ("Russia's
  bombing"), a name or nationality modifier ("the Israeli raid", "US sanctions") or a "by"
  phrase ("attacks by the rebels"). Without one, the inner event's actor is unknown and
  nothing more is coded.

The means of a killing names its code: "62 people were **killed in airstrikes**" is the use
of aerial weapons (CAMEO 195) against them, as CAMEO codes a killing by the weapon used, not
a killing by physical assault (1823) beside an airstrike (:func:`means`); so is a harm whose
doer is a weapon ("Russian **jets** killed", "a **car bomb** exploded, killing 20":
:func:`weapon_code`). The force a deployment sends troops to use is an event of its own, the
sender's ("sent forces **to oust** the militants": :func:`mission`).
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from .patterns import Pattern
from .syntax import (
    DEFINITE,
    FIGHT_WORDS,
    child,
    hands_of,
    misread_gerund_doer,
    named_modifiers,
    passive,
    perfect,
    prep_objects,
    stray_agent,
    to_infinitive,
    trailing_participle,
)

#: CAMEO roots whose object event happened: disapproval; investigation ("investigated
#: **airstrikes by the coalition**"); and the defiance of a norm, whose norm was made
#: ("violated **a 2013 US-Russia agreement**")
PRESUPPOSING_ROOTS = ("11", "09", "128")
#: CAMEO codes of backing a deed, which name it as done or under way: aid (07: "the US
#: has supported **the Kurds' fight** against Isis") and praise (051: "praised **Turkey's
#: offensive**")
BACKING_CODES = ("07", "051")
#: CAMEO codes of hosting and mediating, whose object event between two sides happens
#: between them ("hosted **talks between** Israeli and Hamas negotiators", "brokered **a
#: ceasefire between** Israel and Hamas")
HOSTING_CODES = ("043", "045")


#: nouns of a side named by its role that, before an event noun, say whose it is
ROLE_MODIFIERS = frozenset({"coalition", "regime", "government", "army", "military", "police",
                            "rebel", "militia", "jihadist", "militant", "opposition",
                            "insurgent", "junta"})


def own_actor(noun: Token) -> Token | None:
    """The word naming a nominal event's own actor, if its phrase names one: a possessive,
    a name or nationality modifier, a "by" phrase, or the leader of an "X-led" one ("the
    **US**-led bombing of Mosul": the US, as the actor data codes "the US-led coalition")."""
    poss = child(noun, "poss")
    if poss is not None and poss.pos_ != "PRON" and poss.ent_type_ not in ("DATE", "TIME"):
        return poss
    named = named_modifiers(noun)
    if named:
        return named[0]
    role = next((c for c in noun.children if c.dep_ == "compound" and
                 c.lemma_.lower() in ROLE_MODIFIERS), None)
    if role is not None:
        return role  # "coalition airstrikes", "regime shelling", "police raids"
    by = prep_objects([noun], "by")
    return by[0] if by else stray_agent(noun) or leader(noun)


def leader(noun: Token) -> Token | None:
    """The state named as leading what ``noun`` names ("a **US**-led coalition strike"), or
    None."""
    return next((g for c in noun.children if c.dep_ == "amod" and c.lemma_.lower() == "lead"
                 for g in c.children if g.dep_ == "npadvmod" and g.ent_type_ in ("GPE", "NORP")),
                None)


def deed_object(t: Token, governor: Token) -> bool:
    """Whether the nominal event ``t`` is the object of a verb of doing that no pattern codes,
    inside the complement of ``governor`` ("accused the regime of **using** chemical
    weapons"): the deed the governor tells of."""
    verb = t.head
    return t.pos_ == "NOUN" and t.dep_ == "dobj" and verb.pos_ == "VERB" and \
        verb.i != governor.i and verb.dep_ in ("pcomp", "xcomp", "ccomp") and \
        verb.head.i in (governor.i, *(c.i for c in governor.children if c.dep_ == "prep"))


#: nouns of a decision or plan whose infinitive tells what was decided ("the White House's
#: decision **to withdraw** US troops")
DECISION_NOUNS = frozenset({"decision", "plan", "order", "move", "announcement", "pledge",
                            "promise", "intention", "bid", "threat", "vow"})


#: the codes of reacting to a decision, which say it was taken: disapproving of it,
#: investigating it, defying it, and praising or welcoming it (051)
DECISION_TAKERS = (*PRESUPPOSING_ROOTS, "051")


def codes_nested(t: Token, governor: Token, governing: Pattern) -> bool:
    """Whether the nominal event ``t``, inside the complement of the fired trigger
    ``governor``, is coded as an event of its own (see the module's docstring); so is what
    a decision of its own actor's that is disapproved, investigated or welcomed decides
    ("condemned the White House's decision **to withdraw** US troops": the withdrawal,
    announced)."""
    if t.pos_ == "VERB" and t.dep_ == "acl" and to_infinitive(t) and \
            t.head.lemma_.lower() in DECISION_NOUNS:
        return governing.code.startswith(DECISION_TAKERS) and own_actor(t.head) is not None
    return t.pos_ == "NOUN" and (
        governing.code.startswith((*PRESUPPOSING_ROOTS, *BACKING_CODES)) and
        own_actor(t) is not None or
        governing.code in HOSTING_CODES and any(c.dep_ == "prep" and c.lower_ == "between"
                                                for c in t.children))


#: CAMEO roots of sending forces, and of the fighting they are sent to do (not all the
#: roots of force, :data:`eventwire.codes.FORCE_ROOTS`); a journey made to fight is the
#: traveller's fighting ("travelled to Syria **to fight** against Isis": 042 is a visit)
DEPLOYING_ROOTS = ("15", "042")
FIGHT_ROOTS = ("19",)


#: CAMEO codes of a journey, and the roots of the meetings a journey "for" is made for
VISIT_CODES = ("042", "043")
MEETING_ROOTS = ("03", "04", "05")


def mission(t: Token, pattern: Pattern, governor: Token, governing: Pattern) -> bool:
    """Whether ``t`` is the force a deployment sends troops to use: "sent forces **to
    oust** the militants", "deployed troops **to fight** the YPG" — an event of its own,
    by the deployer, beside the deployment; or the meeting a journey is made for: "arrived
    in Ankara **for talks** with Erdoğan", the traveller's."""
    if t.pos_ == "NOUN" and governing.code.startswith(VISIT_CODES) and \
            pattern.code.startswith(MEETING_ROOTS) and t.dep_ == "pobj" and \
            t.head.lower_ == "for" and t.head.head.i == governor.i:
        return True
    return (t.pos_ == "VERB" and governing.code.startswith(DEPLOYING_ROOTS)
            and pattern.code.startswith(FIGHT_ROOTS) and t.head.i == governor.i
            and t.dep_ in ("advcl", "xcomp") and to_infinitive(t))


#: the plain intent a promise is coded as when its complement says nothing more
#: (``03_intent.yaml``: "promised to", "pledged to", "committed to")
PLAIN_INTENT = "030"
#: CAMEO roots of the coercion and force a promise may announce, which make it a threat
PROMISED_FORCE_ROOTS = ("17", "18", "19", "20")


def promised_force(t: Token, pattern: Pattern, governor: Token, governing: Pattern) -> bool:
    """Whether ``t`` is force promised by a plain promise: "Turkey has pledged **to
    attack** the YPG" announces force, a threat (1384) with the force itself `future`, not
    a plain intent to cooperate (030); the promise is coded by the force, not by itself."""
    return (t.pos_ == "VERB" and governing.code == PLAIN_INTENT
            and pattern.code.startswith(PROMISED_FORCE_ROOTS) and t.head.i == governor.i
            and t.dep_ == "xcomp" and to_infinitive(t))


#: CAMEO roots of harm to people, whose means may be named ("killed in airstrikes")
HARM_ROOTS = ("18",)
#: CAMEO roots (and codes) of the means that name the event instead: fighting and weapons
#: (an attack, artillery, aerial weapons, bombings, weapons of mass destruction) and violent
#: repression ("injured when police fired rubber bullets", "killed in the crackdown")
MEANS_ROOTS = ("19", "20", "183", "175")
#: prepositions that name the means of a harm
MEANS_PREPS = ("in", "by", "during", "from", "under")
#: conjunctions of a clause that names the means of a harm ("killed when shells hit")
WHEN_MARKS = ("when", "as", "after")
#: nouns that count or group what their "of" phrase names ("killed in **dozens of**
#: airstrikes", "a **wave of** bombardment"): the means is the word after "of"
MEANS_MEASURES = frozenset({"dozen", "score", "hundred", "thousand", "number", "series",
                            "wave", "barrage", "spate", "round", "volley", "salvo", "string",
                            "hail", "campaign"})


def _measured(words: list[Token]) -> list[Token]:
    """``words`` with what a counting or grouping noun among them counts ("dozens of
    **airstrikes** and **shelling**")."""
    return words + [g for w in words if w.lemma_.lower() in MEANS_MEASURES
                    for o in prep_objects([w], "of") for g in (o, *o.conjuncts)]


def means(t: Token, pattern: Pattern, fired: dict[int, Pattern]) -> Token | None:
    """The fired event word that is the means of the harm at ``t`` ("killed in
    airstrikes", "wounded by shelling", "killed in shelling by government forces" with
    "shelling" parsed as a verb, "airstrikes killed 20", "airstrikes killing hundreds",
    "airstrikes that killed 20", "shelled the city, killing 12", "killed in dozens of
    airstrikes"; a killing of fighters too: "militants were killed in a gunfight"), or
    None."""
    if t.pos_ != "VERB" or not (pattern.code.startswith(HARM_ROOTS) or
                                pattern.lemma in HARM_LEMMAS):
        return None
    # "killing and wounding hundreds"; "15 were killed and dozens wounded in a bombing"
    verbs = [t, t.head] if t.dep_ == "conj" else \
        [t, *(c for c in t.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    ways = [g for v in verbs for prep in v.children if prep.dep_ in ("prep", "agent")
            and prep.lower_ in MEANS_PREPS for g in prep.children
            if g.dep_ in ("pobj", "pcomp")]
    ways += [c for v in verbs for c in v.children if c.dep_ == "nsubj"]  # "airstrikes killed"
    # "reports of airstrikes killing", "airstrikes that have killed scores of civilians"
    ways += [v.head for v in verbs if v.dep_ in ("acl", "relcl")]
    # "shelled the city, killing 12"; "launched a wave of airstrikes, killing 30": the
    # clause a trailing participle hangs on, and that clause's objects
    ways += [w for v in verbs if trailing_participle(v)
             for w in (v.head, *(c for c in v.head.children if c.dep_ == "dobj"),
                       *(o for word in (*MEANS_PREPS, "with")
                         for o in prep_objects([v.head], word)))]
    # "killed and shelling": a force verb joined to the harm (a misread "killed in
    # airstrikes and shelling")
    ways += [v for v in verbs if v is not t]
    # "killed in regime shelling" with "shelling" read as a clause of its own
    ways += [c for v in verbs for c in v.children if misread_gerund_doer(c) is not None]
    # "were killed when airstrikes hit the market": the clause's subject, else its verb
    ways += [w for v in verbs for c in v.children if c.dep_ == "advcl"
             and any(m.dep_ in ("mark", "advmod") and m.lower_ in WHEN_MARKS for m in c.children)
             for w in (*(g for g in c.children if g.dep_ == "nsubj"), c)]
    return next((w for w in _measured(ways)
                 if w.i in fired and fired[w.i].code.startswith(MEANS_ROOTS)), None)


#: weapons and the craft that carry them, by the CAMEO code of their use: a harm done by
#: one of them ("Russian **jets** killed 20 civilians", "army **tanks** wounded five") is
#: that use of force, as CAMEO codes a killing by the weapon, not as an assault (18)
WEAPONS = {**dict.fromkeys(("jet", "warplane", "aircraft", "plane", "bomber", "drone",
                            "helicopter", "gunship", "airstrike", "missile"), "195"),
           **dict.fromkeys(("tank", "artillery", "shell", "mortar", "rocket", "howitzer",
                            "shelling", "barrage"), "194"),
           "bomb": "183", "explosive": "183", "ied": "183"}
#: harm verbs whose patterns may code fighters killed as fighting (190)
HARM_LEMMAS = frozenset({"kill", "wound", "injure"})
#: kinds of bomb by the word before it ("a car bomb": 1832; "barrel bombs", dropped from the
#: air: 195), and the bomber's ("a suicide bomber": 1831)
BOMB_KINDS = {"car": "1832", "truck": "1832", "vehicle": "1832", "roadside": "1833",
              "suicide": "1831", "cluster": "195", "barrel": "195"}


#: the code of a use of force the weapon names more closely ("Russian warplanes **hit** a
#: market": an air attack, 195, not force unspecified)
UNSPECIFIED_FORCE = "190"


def weapon_code(t: Token, pattern: Pattern) -> str | None:
    """The code of the weapon that did the harm at ``t`` ("Russian jets killed", "tank fire
    wounded"), or the use of force at ``t`` that CAMEO leaves unspecified ("drones struck
    Kyiv", "attacked Ukraine **with** 90 drones"): its subject, the subject's compound
    ("tank fire"), or for a use of force the instrument after "with"; or None."""
    force = pattern.code == UNSPECIFIED_FORCE and "with" not in pattern.target
    if t.pos_ != "VERB" or not (pattern.code.startswith(HARM_ROOTS)
                                or pattern.lemma in HARM_LEMMAS or force):
        return None
    verb = t.head if t.dep_ == "conj" or trailing_participle(t) else t
    doers = [c for c in verb.children if c.dep_ == "nsubj"]  # "a car bomb exploded, killing"
    doers += _antecedents(verb, doers)  # "months of shelling that has killed"
    doers += [g for c in t.children if c.dep_ == "agent" for g in c.children
              if g.dep_ == "pobj"]  # "six Britons have been killed by drones"
    if force:  # not "clashed with tanks": there, "with" names the other side
        doers += prep_objects([t], "with")
    for doer in doers:
        for word in (doer, *(c for c in doer.children if c.dep_ == "compound" or
                             c.dep_ == "amod" and c.pos_ != "ADJ")):  # "shelling/amod fire"
            code = WEAPONS.get(word.lemma_.lower())
            if code is None or force and word.tag_ == "NN" and word.lemma_.lower() == "bomber":
                continue  # "the bomber struck": the one who blew himself up, not a plane
            if word.lemma_.lower() in ("bomb", "bomber"):
                kind = next((BOMB_KINDS[c.lemma_.lower()] for c in doer.children
                             if c.dep_ in ("compound", "amod")
                             and c.lemma_.lower() in BOMB_KINDS), None)
                return kind or code
            return code
    return None


def _antecedents(verb: Token, doers: list[Token]) -> list[Token]:
    """What a relative pronoun doer stands for: the noun its clause hangs on and the nouns
    joined to it ("shelling and cross-border fire **that** has killed several civilians",
    "a car bomb **which** killed five"), through a span of time ("months **of** shelling
    that …")."""
    if verb.dep_ != "relcl" or not any(d.lower_ in ("that", "which") for d in doers):
        return []
    noun = verb.head
    if noun.lemma_.lower() in SPAN_UNITS:
        noun = next(iter(prep_objects([noun], "of")), noun)
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    return [noun, *(c for c in noun.subtree if c.dep_ == "conj" and c.head.pos_ == "NOUN")]


def harm(t: Token, pattern: Pattern, fired: dict[int, Pattern], war_told: bool,
         assault: str | None = None) -> tuple[Pattern, Token | None]:
    """A harm's pattern coded by its means (:func:`means`: "killed in airstrikes" → 195, and
    the means' word), its weapon (:func:`weapon_code`), as a casualty of the assault the
    article told last (``assault``, its code: :func:`told_assault`) or of a war the article
    told (:func:`war_casualty`); else the pattern as it is."""
    way = means(t, pattern, fired)
    if way is not None and assault is not None and named_again(way):
        # "a suicide bombing killed four Americans … 16 people were killed in the attack"
        return dataclasses.replace(pattern, code=assault, id=f"{pattern.id}>told:{assault}"), None
    if way is not None:
        return dataclasses.replace(pattern, code=fired[way.i].code,
                                   id=f"{pattern.id}>{fired[way.i].id}"), way
    weapon = weapon_code(t, pattern)
    if weapon is not None:
        return dataclasses.replace(pattern, code=weapon, id=f"{pattern.id}>weapon:{weapon}"), None
    if assault is not None and told_assault(t, pattern):
        return dataclasses.replace(pattern, code=assault, id=f"{pattern.id}>told:{assault}"), None
    war = war_casualty(t, pattern, war_told)
    if war is not None:
        return dataclasses.replace(pattern, code=war, id=f"{pattern.id}>war"), None
    return pattern, None


#: words of a time span ("in three months", "this year", "as the war enters its eighth
#: year"): a toll counts the dead over it
SPAN_UNITS = frozenset({"day", "week", "month", "year", "decade"})
#: a span told by the war itself ("as a result of the war", "since the conflict began")
SPAN_WARS = frozenset({"war", "conflict"})
#: words that count people ("hundreds of people", "thousands")
COUNT_WORDS = frozenset({"dozen", "dozens", "score", "scores", "hundred", "hundreds",
                         "thousand", "thousands", "million", "millions"})


def toll(t: Token, pattern: Pattern, fired: dict[int, Pattern]) -> bool:
    """Whether a killing is a death toll over a span, not an event: a count of the dead in
    the perfect with no doer and no means named ("more than 500,000 people have been killed
    since the war began", "700 people have been killed in three months"). A toll with its
    means is coded by them ("100 civilians have been killed in airstrikes since Sunday":
    the airstrikes); a count with no span is a report of one event ("Twelve civilians have
    been killed in Idlib")."""
    if t.pos_ != "VERB" or pattern.lemma != "kill" or not passive(t) or not perfect(t) or \
            any(c.dep_ == "agent" for c in t.children) or means(t, pattern, fired) is not None:
        return False
    victims = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
    if victims is None or not any(w.like_num or w.lower_ in COUNT_WORDS
                                  for w in victims.subtree if w.i <= victims.i):
        return False
    told = [w for c in t.children if c.dep_ in ("prep", "advcl", "npadvmod")
            for w in c.subtree]
    if any(w.i in fired and fired[w.i].code.startswith(MEANS_ROOTS) for w in told):
        return False  # "killed in eight days of bombing": the bombing
    return any(w.lower_ == "since" or w.lemma_.lower() in SPAN_WARS or
               w.ent_type_ == "DATE" and w.lemma_.lower() in SPAN_UNITS for w in told)


#: determiners of a noun that names again one event already told ("the attack"): the
#: definite ones of the singular
AGAIN_DETERMINERS = DEFINITE - {"these", "those"}


def named_again(noun: Token, determiners: frozenset[str] = AGAIN_DETERMINERS) -> bool:
    """Whether the event noun ``noun`` names again an event told before: definite (one of
    ``determiners``), with no actor in its own phrase ("killed in **the attack**", not "in a
    Russian airstrike")."""
    return noun.pos_ == "NOUN" and own_actor(noun) is None and any(
        c.dep_ == "det" and c.lower_ in determiners for c in noun.children)


def told_assault(t: Token, pattern: Pattern) -> bool:
    """Whether ``t`` is a killing or wounding in the passive with no doer named ("two US
    soldiers … were killed", "three soldiers were injured"), which, after an assault the
    article told (a bombing), is a casualty of that assault rather than of fighting."""
    return t.pos_ == "VERB" and pattern.lemma in HARM_LEMMAS and passive(t) and \
        pattern.code.startswith(HARM_ROOTS + FIGHT_ROOTS) and \
        not any(c.dep_ == "agent" for c in t.children)


#: the code of a casualty of fighting, for a harm with no named doer in a report of war
WAR_CASUALTY_CODE = "190"


def war_casualty(t: Token, pattern: Pattern, war_told: bool) -> str | None:
    """The code of a killing or wounding in the passive with no named doer ("61 people were
    killed on Tuesday", "her husband was killed in Mosul") in an article that has told of
    armed force by a named doer or names an armed group (``war_told``): a casualty of the
    fighting (190), as CAMEO codes deaths in war, not a killing by physical assault (1823);
    else None."""
    if not war_told or t.pos_ != "VERB" or not pattern.code.startswith(HARM_ROOTS) or \
            pattern.lemma not in HARM_LEMMAS or not passive(t) or \
            any(c.dep_ == "agent" for c in t.children) or hands_of(t):
        return None  # "killed at the hands of Houthi rebels" names its doer
    return WAR_CASUALTY_CODE


def means_actor(way: Token) -> Token | None:
    """The doer the means names ("killed in shelling by government forces", "killed in
    airstrikes and shelling by the regime", "killed in Russian airstrikes"); in a fight,
    the other side ("militants killed in a gunfight with security forces"); the subject of
    a clause ("killed when militants attacked a checkpoint")."""
    ways = (way, *way.conjuncts)
    if way.pos_ == "VERB":  # "killed when militants attacked a checkpoint": its subject
        subject = child(way, "nsubj")
        if subject is not None:
            return subject
    return next((a for w in ways if (a := own_actor(w)) is not None),
                next((o for w in ways if w.lemma_.lower() in FIGHT_WORDS
                      for o in prep_objects([w], "with")), None) or
                next((d for w in ways if (d := misread_gerund_doer(w)) is not None), None) or
                # "killed in coalition airstrikes": a common noun naming the doer
                next((c for w in ways for c in w.children
                      if c.dep_ == "compound" and c.pos_ == "NOUN"), None))
