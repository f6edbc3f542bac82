"""Geoparse a whole text: every place mention with its ranked readings.

:func:`doc_places` works on a parsed spaCy ``Doc`` (the coder calls it once per article,
through :mod:`eventwire.coding.where`, and caches the result on the doc); :func:`geocode`
is the public API behind ``eventwire geocode``. Two passes: the first ranks each mention
with the article's countries as context; the second adds the countries and first-level
divisions of the places the first pass resolved with a clear margin, so "Salisbury" in
an article about Wiltshire towns agrees with its neighbours.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .actors import ActorResolver
from .actors.knowledge import Knowledge
from .geoparse import ALTERNATE_PENALTY, Context, Scored, context_for, rank
from .placenames import Mention, echoes, is_quarter, is_settlement, mentions
from .places import Gazetteer, Place
from .records import PlaceCandidate, Span

#: a first-pass reading counts as settled when it leads the next by this much
CLEAR_MARGIN = 1.0
_CACHE_KEY = "eventwire.places"


@dataclasses.dataclass(frozen=True)
class Resolved:
    mention: Mention
    ranked: tuple[Scored, ...]

    @property
    def best(self) -> Scored | None:
        return self.ranked[0] if self.ranked else None


def _settled(ranked: Sequence[Scored]) -> bool:
    if not ranked or ranked[0].place.feature == "country":
        return False
    rivals = [s for s in ranked[1:] if s.place.country != ranked[0].place.country]
    return not rivals or ranked[0].score - rivals[0].score >= CLEAR_MARGIN


def _in_town(m: Mention, settled: dict[Mention, Scored],
             countries: Sequence[str]) -> tuple[Scored, ...]:
    """An unknown "X district" in the town (of the article's countries) named last before it."""
    towns = [(o, s) for o, s in settled.items()
             if o.start < m.start and s.place.precision in ("city", "site")
             and s.place.country in countries and not is_quarter(o.slot)]
    if not towns:
        return ()
    _, town = max(towns, key=lambda t: t[0].start)
    place = dataclasses.replace(town.place, name=f"{m.text}, {town.place.name}",
                                geonameid=None, feature="city")
    return (Scored(place, town.score - 1, (f"a part of {town.place.name}, the town the "
                                           f"article named last (at the town's point)",)),)


def _sound_alike(m: Mention, gazetteer: Gazetteer, countries: Sequence[str]
                 ) -> tuple[Scored, ...]:
    """A name the gazetteer lacks, in a sentence that names its country ("Tal Rifaat in
    northern Syria") or in a slot that says it is a town ("the town of X": then of the
    article's main country): the towns of that country whose names sound the same, another
    transliteration of one name ("Tall Rif'at")."""
    country = m.hints.country or (next(iter(countries), None) if is_settlement(m.slot)
                                  else None)
    found = [p for p in gazetteer.sounding(m.text) if p.country == country]
    return tuple(sorted((Scored(p, math.log10(p.population + 10) - ALTERNATE_PENALTY,
                                (f"population {p.population:,}",
                                 f"another spelling of {p.name}, a town of {country}"))
                         for p in found), key=lambda s: -s.score))


#: how many of the countries an article names first a town's slot may place it in
HOME_COUNTRIES = 3


def _spelled_at_home(m: Mention, ranked: Sequence[Scored], gazetteer: Gazetteer,
                     countries: Sequence[str]) -> Sequence[Scored]:
    """"Fled the village of Susa" in a Syrian story: a town the slot places at home (the
    country the sentence names, else one of the first three the article names), spelled
    there with the Arabic article or a final "h" ("As Susah"), before a namesake abroad
    (Sousse)."""
    homes = [m.hints.country] if m.hints.country else list(countries[:HOME_COUNTRIES])
    if ranked[0].place.country in homes:
        return ranked
    towns = next((t for home in homes if (t := gazetteer.transliterated(m.text, home))), [])
    if not towns:
        return ranked
    town = max(towns, key=lambda p: p.population)
    home = town.country
    return (Scored(town, ranked[0].score + 1, (
        f"population {town.population:,}", f"another spelling of {town.name}, a town "
        f"of {home}, which the slot ({m.slot}) places at home")), *ranked)


def _unknown_town(m: Mention, countries: Sequence[str]) -> tuple[Scored, ...]:
    """"The town of Shifounieh", which the gazetteer lacks: a town of the country the
    sentence names ("the Syrian town of X") or else of the article's main country, with no
    point."""
    country = m.hints.country or next(iter(countries), None)
    if country is None:
        return ()
    why = f"sentence names {country}" if m.hints.country else f"article's main country {country}"
    place = Place(m.text, country, math.nan, math.nan, 0, "city", source="unknown town")
    return (Scored(place, 0.0, (f"a town the gazetteer lacks ({m.slot}); {why}; no point",)),)


def doc_places(doc: Doc, gazetteer: Gazetteer, kb: Knowledge,
               countries: Sequence[str] = ()) -> dict[int, Resolved]:
    """Every place mention of ``doc``, keyed by each of its token indices (cached)."""
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    found = [m for sent in doc.sents for m in mentions(sent, gazetteer, kb)]
    found += echoes(doc, found, gazetteer, kb)
    first = {m: rank(m.text, gazetteer, kb, m.hints, Context(tuple(countries)))
             for m in found}
    settled = {m: r[0] for m, r in first.items() if _settled(r)}
    out: dict[int, Resolved] = {}
    for m in found:
        # the other mentions' settled places: a name never agrees with itself
        others = [s for o, s in settled.items() if o.text != m.text]
        ranked = tuple(rank(m.text, gazetteer, kb, m.hints, context_for(countries, others))
                       ) if others else tuple(first[m])
        if is_quarter(m.slot) and (not ranked or ranked[0].place.country not in countries):
            # "the Bousraya neighbourhood": not a namesake town abroad but part of the town
            ranked = _in_town(m, settled, countries) or ranked
        if ranked and is_settlement(m.slot):
            ranked = _spelled_at_home(m, ranked, gazetteer, countries)
        if not ranked:
            ranked = _sound_alike(m, gazetteer, countries)
        if not ranked and is_settlement(m.slot):
            ranked = _unknown_town(m, countries)
        if not ranked:
            continue
        resolved = Resolved(m, ranked)
        for i in range(m.start, m.end):
            out[i] = resolved
    doc.user_data[_CACHE_KEY] = out
    return out


#: the most words a text asked about on its own may have to be taken as one place name
BARE_NAME_WORDS = 5


def _bare_name(doc: Doc, length: int) -> Mention | None:
    """A text that is just a name ("Vancouver", "Deir al-Zour"), not a sentence: looked
    up as a place name even where no slot or entity says it is one."""
    tokens = [t for t in doc if t.idx < length and not t.is_space]
    words = [t for t in tokens if not t.is_punct]
    if not words or len(words) > BARE_NAME_WORDS or \
            any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return None
    start, end = words[0].i, words[-1].i + 1  # "(Melos)." is Melos
    return Mention(start, end, doc[start:end].text, "name asked for")


def geocode(text: str, *, context: str | None = None, date: dt.date | None = None,
            nlp: Language | None = None, resolver: ActorResolver | None = None,
            top: int = 5) -> list[PlaceCandidate]:
    """The place mentions of ``text`` with up to ``top`` ranked readings each.

    ``context`` is more text about the same story (its countries and places become the
    ranking context); ``date`` dates the people it names (a minister's country counts as
    context). Readings of one mention share its span; ``rank`` 1 is the chosen one.
    """
    from .actors import default_resolver  # noqa: PLC0415
    from .nlp import load_nlp  # noqa: PLC0415 - loading the model is the caller's choice

    nlp = nlp or load_nlp()
    resolver = resolver or default_resolver()
    full = f"{text}\n\n{context}" if context else text
    doc = nlp(full)
    countries = list(resolver.countries_in(full))
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            actor = resolver.resolve(ent.text, date=date)
            if actor is not None and actor.country and actor.country not in countries:
                countries.append(actor.country)
    places = doc_places(doc, resolver.gazetteer, resolver.kb, countries)
    if not any(doc[i].idx < len(text) for i in places) and \
            (bare := _bare_name(doc, len(text))) is not None:
        ranked = tuple(rank(bare.text, resolver.gazetteer, resolver.kb,
                            context=Context(tuple(countries))))
        if ranked:
            places = {bare.start: Resolved(bare, ranked), **places}
    out: list[PlaceCandidate] = []
    for resolved in dict.fromkeys(places.values()):
        m = resolved.mention
        start, end = doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])
        if start >= len(text):
            continue  # a place of the context only
        for n, scored in enumerate(resolved.ranked[:top], 1):
            out.append(PlaceCandidate(m.text, Span(start, end), n,
                                      scored.place.location(scored.evidence), scored.score,
                                      m.slot, scored.reasons))
    return out
