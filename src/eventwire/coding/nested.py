"""Nested nominal events: an event named inside another event's object is coded too.

"Rouhani **condemned** the Israeli air **raid** on the port" reports two events: Iran's
disapproval, and Israel's raid. The coder's general rule codes only the outer event of a
complement ("**demanded** the **release** of", "**called for** **talks**": the inner event
has not happened), so this module says when the inner one is an event of its own:

* the outer event is one that presupposes its object happened: a disapproval (CAMEO 11:
  condemn, criticise, denounce, accuse — an accusation makes the inner event alleged), a
  rejection of an accusation is not among them;
* the inner event is a noun whose own actor is named in its phrase: a possessive ("Russia's
  bombing"), a name or nationality modifier ("the Israeli raid", "US sanctions") or a "by"
  phrase ("attacks by the rebels"). Without one, the inner event's actor is unknown and
  nothing more is coded.
"""

from __future__ import annotations

from spacy.tokens import Token

from .patterns import Pattern
from .syntax import child, named_modifiers, prep_objects

#: CAMEO roots whose object event happened: disapproval
PRESUPPOSING_ROOTS = ("11",)


def own_actor(noun: Token) -> Token | None:
    """The word naming a nominal event's own actor, if its phrase names one."""
    poss = child(noun, "poss")
    if poss is not None and poss.pos_ != "PRON" and poss.ent_type_ not in ("DATE", "TIME"):
        return poss
    named = named_modifiers(noun)
    if named:
        return named[0]
    by = prep_objects([noun], "by")
    return by[0] if by else None


def codes_nested(t: Token, governor: Token, governing: Pattern) -> bool:
    """Whether the nominal event ``t``, inside the complement of the fired trigger
    ``governor``, is coded as an event of its own (see the module's docstring)."""
    return (t.pos_ == "NOUN" and governing.code.startswith(PRESUPPOSING_ROOTS)
            and own_actor(t) is not None)
