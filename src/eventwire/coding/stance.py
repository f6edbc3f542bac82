"""Stance that turns an event into a possibility: "did not rule out a joint operation".

A negated rejection is no rejection at all: "Turkey **did not rule out** a joint operation
with Iraq" says that the operation is possible. CAMEO codes the operation itself, as a
possibility (modality ``hypothetical``), with both its sides; the rejection pattern that
fired on "rule out" gives way to it. :func:`leaves_open` tells such a governor; the coder
codes the event in its complement as hypothetical and drops the governor's own event.
(Conditional offers — "if Ankara halts its offensive, Brussels is ready to resume talks" —
keep the condition's subject as the other side: :meth:`RoleFinder._condition_subjects`.)
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from .patterns import Pattern
from .syntax import named_nouns, negated

#: rejections that, negated, leave their object open: (lemma, particle)
OPENING_REJECTIONS = frozenset({("rule", "out"), ("exclude", None), ("preclude", None)})

def leaves_open(governor: Token, p: Pattern) -> bool:
    """Whether the fired trigger ``governor`` (coded as ``p``) is a negated rejection whose
    object is therefore a possibility."""
    return (p.code.startswith("12") and (p.lemma, p.particle) in OPENING_REJECTIONS
            and negated(governor))


#: what a warning no one is given, about a state of things, is: a pessimistic comment
CONCERN_CODE = "012"


def warning_clause(verb: Token) -> Token | None:
    """The clause of a warning given to no one ("the WHO warned that thousands face a
    freezing winter"): CAMEO's pessimistic comment (012), not a threat, unless the clause
    tells of the speaker's own side acting (the coder checks that). None for a warning
    given to someone ("warned Turkey that …", "warned against …") or about something
    ("warned of …", which the patterns code)."""
    if verb.lemma_.lower() != "warn" or any(
            c.dep_ in ("dobj", "dative") or c.dep_ == "prep" and c.lower_ in (
                "against", "of", "about") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "ccomp"), None)


#: what a warning of war with a named adversary is: a threat of military force (CAMEO 138)
WAR_THREAT_CODE = "138"
#: nouns of armed conflict: "warned of a war with Iran", "of a military clash with the US"
WAR_NOUNS = frozenset({"war", "clash", "confrontation", "conflict", "showdown", "hostility"})
#: the prepositions that name the adversary of such a war
WAR_SIDES = ("with", "against")


def war_warned(verb: Token, p: Pattern) -> Pattern | None:
    """``p`` recoded as a threat of force when a warning "of" is of a war with someone
    ("Netanyahu warned of an impending war with Iran", "warned of the dangers of a military
    clash with the United States"): the speaker threatens that side, it does not merely
    comment. None when the war has no other side named ("warned of war" stays 012), or
    another pair fights it ("warned of a war between Israel and Iran")."""
    if p.code != CONCERN_CODE or p.particle != "of" or p.pos != "verb":
        return None
    war = next((n for n in named_nouns(verb, "of")  # the nouns whose slots the roles read
                if n.lemma_.lower() in WAR_NOUNS and any(
                    c.dep_ == "prep" and c.lower_ in WAR_SIDES for c in n.children)), None)
    if war is None:
        return None
    return dataclasses.replace(p, code=WAR_THREAT_CODE, target=WAR_SIDES,
                               object=frozenset({war.lemma_.lower()}),
                               id=f"{p.id}>war")
