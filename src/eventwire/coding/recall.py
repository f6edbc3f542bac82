"""Events named again: "the seizure", "the attack" and whose they were.

A report tells an event once with its doer ("Iran's Revolutionary Guards seized a British
tanker") and then names it again by a definite noun with no doer of its own ("Britain said
**the seizure** was unacceptable", "France condemned **the attack**"). A careful coder
codes the reaction against the doer of the event named. The coder remembers, for each kind
of event (its three-digit code, and its root), the last doer the article named
(:func:`remember`), and a definite event noun with no actor in its own phrase stands for
that doer (:func:`doer_of`) where a target is looked for. The actor says so in its
``evidence``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from spacy.tokens import Token

from ..records import Actor, Event
from .nested import own_actor

#: determiners that point back to an event already told
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: modalities of events that happened, whose doer a later mention may point back to
TOLD = frozenset({"asserted", "alleged"})


def remember(events: Iterable[Event], deeds: dict[str, Actor]) -> None:
    """Note in ``deeds`` the named doer of each kind of event told, by its three-digit code
    and by its root (the last one wins)."""
    for ev in events:
        if ev.modality in TOLD and ev.source is not None and ev.source.country is not None \
                and not ev.source.text.startswith("["):  # an implied doer is no named one
            deeds[ev.cameo[:3]] = deeds[ev.root] = ev.source


def doer_of(noun: Token, code: str, deeds: dict[str, Actor]) -> Actor | None:
    """The doer of the earlier event a definite event noun coded ``code`` names again ("the
    seizure": the last seizure's, else the last such event's of its root), or None when the
    noun names its own actor, is not definite, or the article named no doer before."""
    if noun.pos_ != "NOUN" or own_actor(noun) is not None or not any(
            c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
        return None
    doer = deeds.get(code[:3]) or deeds.get(code[:2])
    if doer is None:
        return None
    return dataclasses.replace(doer, text=noun.text, evidence=(
        f"{doer.evidence}; {noun.text!r} names again an event of {doer.text!r}"))
