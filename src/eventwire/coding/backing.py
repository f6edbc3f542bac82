"""Air attacks a report implies: a side fighting "backed by" another's air power.

"Government forces, **backed by Russian air power**, attacked rebels near Daraa" tells of two
attacks on the rebels: the troops' (coded by the patterns) and Russia's from the air, which
no verb of the sentence names. This module derives the second from the first:

* a phrase of air power (:data:`AIR_WORDS`: "air power", "air support", "air cover",
  "airstrikes", "warplanes", "drones") is the agent of a participle of backing
  (:data:`BACKING`: "backed by", "supported by") hung on the fighters or on their clause
  ("**Backed by** Russian air power, government forces swept …"), or the object of "with"
  ("**With** Russian air support, Syrian troops attacked …");
* the air power is named for its side (a nationality, a name or a possessive: "Russian",
  "US", "the coalition's");
* a use of force (root 19) of the sentence is the backed clause's (its trigger is the
  clause's verb or a verb conjoined with it) and has a target: the backer attacks that
  target from the air (CAMEO :data:`AIR_CODE`), with the fight's modality, date and place,
  and the rule ``air<`` + the fight's rule. None when the backer already has a use of force
  against that target in the sentence ("backed by coalition airstrikes" codes its own).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ..records import Event
from .context import Found
from .record import between, derived
from .veto import SpanOf, triggers

#: nouns of air power; the compound "air" makes power, support and cover so
AIR_WORDS = frozenset({"airstrike", "airpower", "warplane", "jet", "bomber", "drone",
                       "aircraft", "airforce"})
AIR_HEADS = frozenset({"power", "support", "cover", "strike", "force", "raid", "campaign"})
#: participles (by lemma) whose agent backs the fighters
BACKING = frozenset({"back", "support", "aid", "assist", "cover"})
FORCE_ROOT = "19"
AIR_CODE = "195"


#: participles (by lemma) whose agent stands with a side or lets it be: "backed by",
#: "armed by", "led by", "accompanied by", "unopposed by"
ALLIED = BACKING | {"arm", "train", "lead", "accompany", "escort", "join", "unoppose",
                     "unopposed"}


def allies(sent: Span) -> set[int]:
    """The indexes of the words that name who stands with a side ("**backed by Russian air
    power**, government forces …"): never a guessed event's other side."""
    return {w.i for prep in sent if prep.dep_ == "agent" and
            prep.head.lemma_.lower() in ALLIED for w in prep.subtree}


def _air(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in AIR_WORDS or lemma in AIR_HEADS and any(
        c.dep_ == "compound" and c.lower_ == "air" for c in noun.children)


def _backed_clause(noun: Token) -> Token | None:
    """The verb of the clause whose doers ``noun`` (air power) backs, or None."""
    prep = noun.head
    if noun.dep_ != "pobj":
        return None
    if prep.dep_ == "agent" and prep.head.lemma_.lower() in BACKING:
        participle = prep.head
        if participle.dep_ == "acl" and participle.head.dep_ in ("nsubj", "nsubjpass"):
            return participle.head.head  # "forces, backed by …, attacked"
        if participle.dep_ == "advcl":
            return participle.head  # "Backed by …, forces swept"
    if prep.lower_ == "with" and prep.dep_ == "prep" and prep.head.pos_ == "VERB":
        return prep.head  # "With Russian air support, troops attacked"
    return None


def _owner(noun: Token) -> Token | None:
    """The word naming whose air power it is."""
    return next((c for c in noun.children if c.dep_ in ("poss", "amod", "compound")
                 and c.lower_ != "air" and (c.ent_type_ in ("NORP", "GPE", "ORG")
                                            or c.pos_ == "PROPN" or c.dep_ == "poss")
                 ), None) or next((c for c in noun.children if c.dep_ == "compound"
                                   and c.lower_ != "air" and c.pos_ == "NOUN"), None)


def _verb_conjuncts(verb: Token) -> list[Token]:
    """``verb`` and the verbs conjoined with it ("swept through … and attacked")."""
    return [verb, *(c for c in verb.subtree if c.dep_ == "conj" and c.pos_ == "VERB"
                    and c.head.pos_ == "VERB" and verb.is_ancestor(c))]


def air_attacks(events: list[Event], sent: Span, span_of: SpanOf,
                resolve: Callable[[Token], list[Found]]) -> list[Event]:
    """The air attacks that ``events`` (coded in ``sent``; ``span_of`` maps its offsets to
    the article's) imply by the air power backing their doers (see the module's docstring);
    ``resolve`` gives the actors a word names."""
    words = triggers(sent, span_of, (e.evidence.trigger for e in events))
    out: list[Event] = []
    for noun in sent:
        if not _air(noun) or (verb := _backed_clause(noun)) is None or \
                (owner := _owner(noun)) is None:
            continue
        backers = [f.actor for f in resolve(owner) if f.actor.country]
        if not backers:
            continue
        backer = backers[0]
        verbs = {v.i for v in _verb_conjuncts(verb)}
        for e in events:
            trigger = words.get(e.evidence.trigger_span.start)
            if e.root != FORCE_ROOT or e.target is None or trigger is None or \
                    trigger.i not in verbs or e.target.country is None or \
                    e.target.country == backer.country:
                continue
            if any(x.root == FORCE_ROOT
                   for x in between((*events, *out), backer.country, e.target.country)):
                continue
            out.append(derived(e, AIR_CODE, "air", backer, e.target,
                               f"{e.source.text if e.source else 'the doers'!r} backed by "
                               f"{backer.text!r} air power"))
    return out
