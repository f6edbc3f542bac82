"""Visits a report implies: an official who deals with others in another country went there.

CAMEO codes a trip abroad as a visit (042, the visitor to the host) whether or not the report
says "visited": "Pompeo met Egyptian officials **in Cairo**", "Syrian opposition leaders are
meeting **in Saudi Arabia**", "Putin **hosted** Assad in Sochi" each tell of one. This module
derives that visit from an event the coder found:

* the event is diplomacy or words (CAMEO roots :data:`DEALING_ROOTS`: appeals,
  meetings, diplomatic cooperation) placed by its own clause's place phrase ("in Cairo"), or
  a hosting (043), whose guest is the visitor;
* the visitor is someone who travels — a person, officials, a delegation, a state's people
  named by office ("Egypt's foreign minister"; not a state named as such: "Russia signed a
  deal in Geneva" tells of no trip) — of a known country other than the place's;
* the visit keeps the event's modality ("are due to meet in Sochi": a visit to come) and
  date, and points to the same sentence, with the rule ``visit<`` + the event's rule.
"""

from __future__ import annotations

from ..records import Actor, Event
from .record import derived

#: CAMEO roots of dealings that take the dealer where they happen
DEALING_ROOTS = frozenset({"02", "04", "05"})
VISIT_CODE = "042"
HOST_CODE = "043"
#: how the place coder says a place came from the event's own clause (``location.evidence``)
OWN_PLACE = ("the event's locative phrase", "the clause's locative phrase")
#: actor kinds that travel: people and groups of people, not states or places
TRAVELLERS = frozenset({"person", "agent"})


#: the last words of a state's people named by office ("Egypt's foreign minister", "a
#: Turkish delegation"), who travel though the actor data read them as the state
OFFICE_WORDS = frozenset({"minister", "ministers", "president", "premier", "chancellor",
                          "official", "officials", "envoy", "envoys", "delegation",
                          "diplomat", "diplomats", "secretary", "leader", "leaders",
                          "counterpart", "king", "emir", "negotiator", "negotiators"})


def _traveller(actor: Actor | None) -> bool:
    return actor is not None and actor.country is not None and not actor.text.startswith("[") \
        and (actor.kind in TRAVELLERS or actor.kind == "country" and
             actor.text.split()[-1].lower() in OFFICE_WORDS)


def visits(events: list[Event]) -> list[Event]:
    """The visits ``events`` imply (see the module's docstring), one per visitor and host
    country, none already coded."""
    out: list[Event] = []
    seen = {(e.source.country, e.target.country) for e in events
            if e.cameo == VISIT_CODE and e.source is not None and e.target is not None}
    for e in events:
        place = e.location
        if e.cameo == HOST_CODE and e.source is not None and e.source.country:
            visitor, host_country, host_name = e.target, e.source.country, e.source.text
        elif e.root in DEALING_ROOTS and place is not None and place.country and \
                (place.evidence or "").startswith(OWN_PLACE):
            visitor, host_country, host_name = e.source, place.country, place.name
        else:
            continue
        if not _traveller(visitor) or visitor is None or visitor.country == host_country:
            continue
        if (visitor.country, host_country) in seen:
            continue
        seen.add((visitor.country, host_country))
        host = Actor(text=host_name, name=host_name, country=host_country, sector=None,
                     kind="place", evidence=f"host of a visit implied by {e.cameo} "
                                           f"({e.evidence.trigger!r})")
        out.append(derived(e, VISIT_CODE, "visit", visitor, host,
                           f"a visit to {host_country} implied by {e.cameo} there"))
    return out
