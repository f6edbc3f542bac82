"""The doer a claim of responsibility names: "A car bomb killed 15 people in Mogadishu.
**Al-Shabaab claimed responsibility**."

Wire reports of bombings and raids often tell the attack first, with no doer ("a car bomb
killed", "gunmen stormed"), and who claims it after. The claim (CAMEO 015, coded by the
patterns) names the doer the attack lacked. :func:`credit` gives it:

* the claim is asserted, has a source of a known country, and claims responsibility or
  credit (its trigger's sentence says "responsibility" or "credit"), not an admission of a
  mistake;
* the attack is the latest use of force, assault or mass violence (roots 18, 19, 20:
  :data:`..codes.FORCE_ROOTS`) with no source of a known country, told in one of the
  :data:`REACH` sentences before the claim's, and the claim names nothing or names it
  definitely ("claimed responsibility **for the attack**"; not "**for a separate** raid");
* the attack keeps its own modality; its source becomes the claimer, and its evidence says
  so ("doer by claim of responsibility").
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span

from ..codes import FORCE_ROOTS
from ..records import Event
from .syntax import prep_objects
from .veto import SpanOf, triggers

CLAIM_CODE = "015"
#: words of a claim of an attack (not "admitted a mistake")
CLAIM_WORDS = ("responsibility", "credit")
#: how many sentences before the claim the attack may be told
REACH = 2
#: determiners of a claimed thing told before ("claimed **the** attack")
DEFINITE = frozenset({"the", "this", "that", "these", "those", "both"})


def _of_earlier(claim: Event, sent: Span, span_of: SpanOf) -> bool:
    """Whether the claim is of something told before: it names nothing ("claimed
    responsibility") or names it definitely ("for the attack"), not "for a separate raid"."""
    verb = triggers(sent, span_of, [claim.evidence.trigger]).get(
        claim.evidence.trigger_span.start)
    if verb is None:
        return False
    claimed = prep_objects([verb, *(c for c in verb.children if c.dep_ == "dobj")], "for")
    return not claimed or any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in DEFINITE
                              for c in claimed[0].children)


def credit(events: list[Event], found: list[Event], sent: Span, span_of: SpanOf
           ) -> list[Event]:
    """``events`` (the article's, before the sentence just coded) with the doer of the latest
    unclaimed attack taken from a claim of responsibility among ``found`` (that sentence's;
    ``span_of`` maps its offsets to the article's)."""
    claims = [e for e in found if e.cameo == CLAIM_CODE and e.modality == "asserted"
              and e.source is not None and e.source.country is not None
              and any(w in e.sentence.lower() for w in CLAIM_WORDS)
              and _of_earlier(e, sent, span_of)]
    if not claims:
        return events
    claim = claims[0]
    for k in range(len(events) - 1, -1, -1):
        e = events[k]
        if claim.sentence_index - e.sentence_index > REACH:
            break
        if e.root.startswith(FORCE_ROOTS) and (e.source is None or e.source.country is None) \
                and not e.headline:
            doer = dataclasses.replace(claim.source, evidence=(
                f"{claim.source.evidence or ''}; doer by claim of responsibility "
                f"(sentence {claim.sentence_index})").lstrip("; "))
            events = list(events)
            events[k] = dataclasses.replace(e, source=doer, evidence=dataclasses.replace(
                e.evidence, notes=(*e.evidence.notes,
                                   f"doer by {claim.source.text!r}'s claim of responsibility")))
            break
    return events
