"""Who holds a place (issue 12, item 6: context).

A report often says who holds a town when it names it: "Isis-held Raqqa", "al-Bab, an
Isis-dominated town", "the final area of territory occupied by Islamic State", "Afrin, which
is controlled by the PYD". Fighting on a place an armed side holds is against that side:
the battle for Raqqa is fought against Isis, not against Syria, and an offensive on
rebel-held Idlib is against the rebels. This module finds the words that name a place's
holder; :meth:`.parties.PartyFinder.held_places` resolves them once per article, and the
coder gives an event of fighting (CAMEO 19) done to such a place the holder as its target.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Actor
from .syntax import child, prep_objects

#: the CAMEO root of fighting (190-196), the events whose place may stand for its holder;
#: an assault's (18) or a massacre's (20) other side are its victims ("Islamic State's use
#: of human shields" in Raqqa is not against Islamic State)
FIGHT_ROOT = "19"
#: the sectors of a side that holds ground by arms
ARMED_SECTORS = frozenset({"REB", "MIL", "PRM", "GOV", "UAF"})
#: participles and verbs by which a place is said to be someone's: "rebel-held", "held by",
#: "Isis-dominated", "occupied by", "under the control of" is not read here
HOLD_WORDS = frozenset({"hold", "held", "control", "controlled", "occupy", "occupied",
                        "dominate", "dominated", "run"})


def hyphen_holder(tok: Token, words: frozenset[str] = HOLD_WORDS) -> Token | None:
    """"[Isis]-held": the word before the first participle of ``words`` that modifies
    ``tok`` (also :meth:`.parties.PartyFinder._holder`'s reading, with its own words)."""
    held = next((c for c in tok.children if c.dep_ == "amod" and
                 (c.lower_ in words or c.lemma_.lower() in words)), None)
    return next((c for c in held.children if c.dep_ in ("npadvmod", "advmod", "compound")
                 and c.i < held.i), None) if held is not None else None


def _agent_holder(tok: Token) -> Token | None:
    """"Territory occupied [by Islamic State]", "Afrin, which is controlled [by the PYD]":
    the "by" phrase of a passive holding verb that describes ``tok``."""
    for clause in (c for c in tok.children if c.dep_ in ("acl", "relcl")
                   and c.lemma_.lower() in HOLD_WORDS and c.tag_ == "VBN"):
        agent = child(clause, "agent")
        doer = child(agent, "pobj") if agent is not None else None
        if doer is not None:
            return doer
    return None


#: nouns of a place held by arms, named with its holder: "the rebel stronghold of Idlib",
#: "Isis's last bastion"; "capital" only with a holder's possessive ("the group's de facto
#: capital", not "the Syrian capital")
STRONGHOLDS = frozenset({"stronghold", "bastion", "redoubt", "enclave", "heartland",
                         "holdout", "pocket"})


def _owned_stronghold(noun: Token) -> Token | None:
    """"[The rebel] stronghold", "[Isis's] de facto capital", "the capital of [the group's]
    caliphate": the holder of a stronghold noun."""
    lemma = noun.lemma_.lower()
    if lemma not in STRONGHOLDS and lemma != "capital":
        return None
    owner = child(noun, "poss")
    if owner is None:  # "the capital of [the group's] caliphate"
        owner = next((child(o, "poss") for o in prep_objects([noun], "of")
                      if child(o, "poss") is not None), None)
    if owner is None and lemma in STRONGHOLDS:
        owner = next((c for c in noun.children if c.i < noun.i and (
            c.dep_ == "compound" and c.ent_type_ not in ("GPE", "LOC", "FAC") or
            c.dep_ == "amod" and c.ent_type_ == "NORP")), None)  # not "the last bastion"
    return owner


def holder_word(place: Token) -> Token | None:
    """The word naming who holds the place named at ``place`` (its head word), or None: a
    holding participle on the name or on the place noun it names ("rebel-held Idlib
    province"), on an apposition ("al-Bab, an Isis-dominated town"), a passive holding
    clause with its doer ("territory occupied by Islamic State"), or a stronghold noun
    with its holder ("the rebel stronghold of Idlib", "Raqqa, Isis's de facto capital")."""
    nouns = [place]
    if place.dep_ == "compound":
        nouns.append(place.head)  # "[Idlib] province"
    if place.dep_ == "pobj" and place.head.lower_ == "of" and place.head.head.pos_ == "NOUN":
        nouns.append(place.head.head)  # "the rebel stronghold of [Idlib]"
    nouns += [c for n in list(nouns) for c in n.children if c.dep_ == "appos"]
    for noun in nouns:
        word = hyphen_holder(noun) or _agent_holder(noun) or _owned_stronghold(noun)
        if word is not None:
            return word
    return None


def holder_of(place_name: str, before: int,
              held: list[tuple[int, str, Actor]]) -> tuple[int, Actor] | None:
    """(where, who): the side last said to hold the place named ``place_name`` at a word
    before index ``before`` (the end of the event's sentence), from
    :meth:`PartyFinder.held_places`, and that word's index."""
    return next(((i, side) for i, name, side in reversed(held)
                 if name == place_name and i < before), None)
