"""Cooperation a report tells by the way an act was done: "Russia hit Idlib **in coordination
with Turkey**", "the army launched the offensive **jointly with** Kurdish fighters".

The act is coded by the patterns; the phrase says that its doer and another side did it
together, which no verb of the sentence names. This module derives that cooperation:

* a phrase of coordination hangs on the act's trigger, or on the verb whose object the
  trigger is ("carried out strikes in coordination with …"): "in" + a noun of coordination
  (:data:`COORDINATION_NOUNS`) + "with" X, "jointly" / "together" + "with" X, or, for a
  fight, "alongside" X or "with" X when "against" names the other side ("fought with
  Washington against Isis"; one killed "alongside" a soldier is no partner);
* X names an actor with a country, other than the act's doer and target;
* the doer cooperates with X: militarily (CAMEO 062) when the act is force or its posture
  (roots 15, 17 to 20), else materially (060), with the act's modality, date and place, and
  the rule ``with<`` + the act's rule.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ..records import Event
from .context import Found
from .record import between, derived
from .syntax import FIGHT_WORDS, prep_objects
from .veto import SpanOf, triggers

#: nouns of "in … with X" that make X a partner in the act
COORDINATION_NOUNS = frozenset({"coordination", "co-ordination", "cooperation",
                                "co-operation", "conjunction", "concert", "collaboration",
                                "partnership", "tandem"})
#: adverbs of "… with X" that make X a partner in the act
JOINT_ADVERBS = frozenset({"jointly", "together"})
#: roots of force, coercion and force posture: cooperating in them is military cooperation
MILITARY_ROOTS = ("15", "17", "18", "19", "20")
MILITARY_CODE = "062"
MATERIAL_CODE = "060"


def partners(word: Token) -> list[Token]:
    """The words naming whom ``word``'s act is done with ("in coordination with **Turkey**",
    "jointly with **the Iraqi army**")."""
    out: list[Token] = []
    for c in word.children:
        if c.dep_ == "prep" and c.lower_ == "with" and any(
                a.dep_ == "advmod" and a.lower_ in JOINT_ADVERBS for a in c.children):
            out += [g for g in c.children if g.dep_ == "pobj"]  # "together with X"
        elif c.dep_ == "prep" and word.lemma_.lower() in FIGHT_WORDS and (
                c.lower_ == "alongside" or c.lower_ == "with" and any(
                    o.dep_ == "prep" and o.lower_ == "against" for o in word.children)):
            out += [g for g in c.children if g.dep_ == "pobj"]  # "fought alongside X",
            # "fought with Washington against Isis" (the other side named by "against")
        elif c.dep_ == "prep" and c.lower_ == "in":
            out += [x for g in c.children if g.dep_ == "pobj"
                    and g.lemma_.lower() in COORDINATION_NOUNS for x in prep_objects([g], "with")]
        elif c.dep_ == "advmod" and c.lower_ in JOINT_ADVERBS:
            out += prep_objects([c], "with")  # the parser hangs "with" on the adverb or
            after = c.nbor(1) if c.i + 1 < len(c.doc) else None  # beside it, on the verb
            if after is not None and after.dep_ == "prep" and after.lower_ == "with" and \
                    after.head.i == word.i:
                out += [g for g in after.children if g.dep_ == "pobj"]
    return out


def joint_acts(events: list[Event], sent: Span, span_of: SpanOf,
               resolve: Callable[[Token], list[Found]]) -> list[Event]:
    """The cooperation that ``events`` (coded in ``sent``; ``span_of`` maps its offsets to the
    article's) imply by a phrase of coordination on their triggers (see the module's
    docstring); ``resolve`` gives the actors a word names."""
    words = triggers(sent, span_of, (e.evidence.trigger for e in events))
    out: list[Event] = []
    for e in events:
        trigger = words.get(e.evidence.trigger_span.start)
        if trigger is None or e.source is None or e.source.country is None:
            continue
        holders = [trigger] + ([trigger.head] if trigger.dep_ == "dobj" else [])
        for word in (w for h in holders for w in partners(h)):
            for partner in (f.actor for f in resolve(word)):
                if partner.country is None or partner.country == e.source.country or (
                        e.target is not None and partner.country == e.target.country):
                    continue
                code = MILITARY_CODE if e.root in MILITARY_ROOTS else MATERIAL_CODE
                if any(x.cameo == code
                       for x in between((*events, *out), e.source.country, partner.country)):
                    continue
                out.append(derived(e, code, "with", e.source, partner,
                                   f"{e.source.text!r} acts with {partner.text!r} "
                                   f"({word.head.text} … with)"))
    return out
