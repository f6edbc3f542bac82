"""Attacks a report implies: a missile brought down was fired at whoever brought it down.

"Syrian air defences **downed** two **Israeli missiles**", "Saudi forces **intercepted** a
**Houthi** missile", "Ukraine's air force **shot down** 30 **Russian drones**": each tells of
two events, the interception (coded by the patterns of CAMEO 190) and the attack it stopped,
which no word of the sentence names. This module derives the attack from the interception:

* the event is a use of force (root 19) whose trigger is a verb of bringing down or
  intercepting (:data:`DOWNING`), and whose target is a projectile (:data:`PROJECTILES`:
  missiles, rockets, drones, shells; not aircraft, which may be shot down on no attack of
  theirs, nor a drone that only watches, :data:`WATCHING`) whose maker's country the
  target phrase names ("**Israeli** missiles", "a **Houthi** missile");
* the attack is the aerial weapons' use (CAMEO :data:`ATTACK_CODE`) by the projectile's
  side against the interceptor, with the interception's modality, date and place, and the
  rule ``launch<`` + the interception's rule.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..records import Actor, Event
from .record import derived
from .veto import SpanOf, triggers

#: what a side fires that another brings down
PROJECTILES = frozenset({"missile", "missiles", "rocket", "rockets", "drone", "drones",
                         "shell", "shells", "projectile", "projectiles", "uav", "uavs"})
#: drones that watch rather than strike: bringing one down stops no attack
WATCHING = frozenset({"surveillance", "reconnaissance", "spy", "observation"})
#: verbs (by lemma) of bringing down or stopping a projectile in flight
DOWNING = frozenset({"down", "shoot", "intercept"})
FORCE_ROOT = "19"
ATTACK_CODE = "195"


def _projectile_side(target: Actor | None) -> bool:
    if target is None or target.country is None or target.kind == "place":
        return False
    words = target.text.lower().split()
    return bool(words) and words[-1] in PROJECTILES and not WATCHING & set(words)


def launches(events: list[Event], sent: Span, span_of: SpanOf) -> list[Event]:
    """The attacks that ``events`` (coded in ``sent``; ``span_of`` maps its offsets to the
    article's) imply by their interceptions (see the module's docstring), one per projectile
    side and interceptor, none already coded."""
    words = triggers(sent, span_of, (e.evidence.trigger for e in events))
    out: list[Event] = []
    seen = {(e.source.country, e.target.country) for e in events
            if e.root == FORCE_ROOT and e.source is not None and e.target is not None}
    for e in events:
        trigger = words.get(e.evidence.trigger_span.start)
        if e.root != FORCE_ROOT or not _projectile_side(e.target) or e.source is None or \
                e.target is None or trigger is None or trigger.lemma_.lower() not in DOWNING:
            continue
        owner, interceptor = e.target, e.source
        if owner.country == interceptor.country or \
                (owner.country, interceptor.country) in seen:
            continue
        seen.add((owner.country, interceptor.country))
        out.append(derived(e, ATTACK_CODE, "launch", owner, interceptor,
                           f"{owner.text!r} brought down by {interceptor.text!r}: fired at "
                           f"them"))
    return out
