"""Where an event happened: a place named in the event's clause, resolved offline.

Candidates, nearest first: the object of "in / at / near / outside / inside" attached to
the trigger, to its object or to its target; then the target itself when it is a
place ("airstrikes on Idlib"). A name is looked up in the gazetteer (GeoNames cities
plus bundled sites), preferring places in the countries the article talks about
("Lucca" in a story about Italy and the G7 -> Italy); a country name gives the
country's centroid. The dateline place is the reporting place, never the event
place: tokens inside the dateline are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from ..actors.knowledge import Knowledge, phrase_key
from ..places import Gazetteer
from ..records import Location

LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "into",
                            "over", "off"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _name_span(tok: Token) -> str:
    """The proper-name words around a place token ("Shayrat airbase", "New York")."""
    words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
    return " ".join(w.text for w in words)


def _candidates(trigger: Token, extra: Sequence[Token]) -> Iterable[Token]:
    holders = [trigger, *extra]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS:
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    yield pobj
                    # "in the northern city of Kirkuk", "at targets in Jericho"
                    yield from (w for w in pobj.subtree
                                if w.i != pobj.i and w.ent_type_ in _PLACE_ENTS
                                and w.dep_ in ("pobj", "compound", "appos"))
    yield from extra
    for holder in extra:  # "blew up power lines leading into Kabul"
        yield from (w for w in holder.subtree if w.i != holder.i and w.ent_type_ in _PLACE_ENTS
                    and w.dep_ in ("pobj", "compound", "appos"))


def locate(trigger: Token, extra: Sequence[Token], gazetteer: Gazetteer, kb: Knowledge,
           prefer: Sequence[str], skip: range | None = None) -> Location | None:
    """The event's place, or None. ``extra``: the event's object and target head words."""
    for tok in _candidates(trigger, extra):
        if skip is not None and tok.idx in skip:
            continue
        is_place = tok.ent_type_ in _PLACE_ENTS or tok.pos_ == "PROPN"
        if not is_place:
            continue
        for name in (_name_span(tok), tok.text):
            country = _country(name, kb)
            if country is not None:
                info = kb.countries[country]
                return Location(info.name, country, info.lat, info.lon, "country")
            place = gazetteer.lookup(name, prefer)
            if place is not None:
                return place.location()
        region = _region(_name_span(tok), kb)
        if region is not None:
            return region
    return None


def _country(name: str, kb: Knowledge) -> str | None:
    for entry in kb.lookup(phrase_key(name)):
        if entry.kind == "country" and entry.ref in kb.countries:
            return entry.ref
    return None


def _region(name: str, kb: Knowledge) -> Location | None:
    """A region the gazetteer lacks ("West Darfur State"): the country from the actor data."""
    words = phrase_key(name)
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            for entry in kb.lookup(words[i:i + n]):
                if entry.kind == "region" and entry.ref in kb.countries:
                    return Location(name, entry.ref, None, None, "region")
    return None
