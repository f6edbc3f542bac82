"""Ranking a place name's readings like a geoparser, with a score and the reasons.

A name's candidates come from the gazetteer (:mod:`eventwire.places`) and, for country
names, from the actor data. Each gets a score on a log-population scale:

* ``log10(population + 10)`` -- a world city outweighs its small namesakes;
* +1 for a national capital, +2 for a bundled site (curated, with a source),
  -0.25 for a match on an alternate spelling only (-3 when a town of 10,000 or more, or a
  bundled site, bears the name as its own: "Salisbury" is no longer Harare), -1.5 for a
  GeoNames first-level division (a US state) so that a town of its name and comparable size
  wins ("Washington"); an ISO 3166-2 division of one of the article's countries beats small
  namesake towns abroad ("Lincolnshire" in a British story is no village in Illinois);
* the sentence's own qualifiers, which are explicit and therefore strong: +4 for the
  country named beside it ("the northern Syrian town of X", "X, Iraq"), -4 for another
  country; +3 for the first-level division named beside it ("X, in Y province");
* the article's context, which only breaks ties between comparable candidates (all of it
  together is worth at most 0.9, less than a factor of ten in population): +0.8 for the
  article's main country, +0.5 for its other countries, +0.5 for a division where another of
  its places lies.

Country names (and the actor data's regions) read as the country, at country precision.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Collection, Sequence

from . import resources
from .actors.knowledge import Knowledge, phrase_key
from .errors import DataError
from .places import ISO_DIVISION, Gazetteer, Place

CAPITAL_BONUS = 1.0
BUNDLED_BONUS = 2.0
DIVISION_PENALTY = 1.5
#: a region the actor data know beats namesake towns abroad smaller than this
REGION_TOWN_POPULATION = 100000
ALTERNATE_PENALTY = 0.25
#: an alternate name's penalty when a town of at least ``NAMESAKE_POPULATION`` bears that
#: name as its own ("Salisbury": the English city, not Harare, once Salisbury)
NAMESAKE_PENALTY = 3.0
NAMESAKE_POPULATION = 10000
QUALIFIER_COUNTRY = 4.0
QUALIFIER_ADMIN1 = 3.0
CONTEXT_MAIN = 0.8
CONTEXT_OTHER = 0.5
CONTEXT_ADMIN1 = 0.5
CONTEXT_MAX = 0.9
COUNTRY_SCORE = 12.0
#: how many of the article's countries count as its context
CONTEXT_COUNTRIES = 6


@dataclasses.dataclass(frozen=True)
class Rules:
    """The word lists of ``data/geoparse.yaml``."""

    locative_preps: frozenset[str]
    event_preps: frozenset[str]
    place_nouns: frozenset[str]
    land_nouns: frozenset[str]
    people_nouns: frozenset[str]
    place_event_nouns: frozenset[str]
    direction_nouns: frozenset[str]
    region_words: frozenset[str]
    centre_words: frozenset[str]
    feature_nouns: frozenset[str]
    admin_nouns: frozenset[str]
    setting_nouns: frozenset[str]
    quarter_nouns: frozenset[str]
    place_object_verbs: frozenset[str]
    route_nouns: frozenset[str]
    portion_words: frozenset[str]
    topic_verbs: frozenset[str]
    topic_nouns: frozenset[str]
    motion_verbs: frozenset[str]
    leave_verbs: frozenset[str]
    attack_nouns: frozenset[str]
    actor_deps: frozenset[str]
    human_verbs: frozenset[str]
    place_subject_verbs: frozenset[str]
    undergo_verbs: frozenset[str]
    relation_words: frozenset[str]
    reaction_words: frozenset[str]
    aim_words: frozenset[str]
    view_verbs: frozenset[str]
    owned_nouns: frozenset[str]
    party_of_nouns: frozenset[str]
    actor_preps: frozenset[str]
    boundary_nouns: frozenset[str]
    agent_nouns: frozenset[str]
    kin_nouns: frozenset[str]
    body_nouns: frozenset[str]
    material_roots: frozenset[str]
    verbal_roots: frozenset[str]
    speech_roots: frozenset[str]
    dateline_roots: frozenset[str]
    months: frozenset[str]
    not_places: frozenset[str]
    never_labels: frozenset[str]
    place_labels: frozenset[str]


@functools.cache
def rules() -> Rules:
    data = resources.read_yaml("geoparse.yaml") or {}
    try:
        return Rules(**{f.name: frozenset(str(w) for w in data[f.name])
                        for f in dataclasses.fields(Rules)})
    except (KeyError, TypeError) as exc:
        raise DataError(f"geoparse.yaml: missing or malformed list {exc}; see "
                        f"docs/places.md") from exc


@dataclasses.dataclass(frozen=True)
class Hints:
    """What the words around a name say about it."""

    country: str | None = None  # "the Syrian town of X", "X, Syria", "X in northern Syria"
    admin1: str | None = None  # "X, in Idlib province" (a GeoNames admin1 code)
    admin: bool = False  # "Idlib province", "the province of Idlib": the division itself
    why: str | None = None


@dataclasses.dataclass(frozen=True)
class Context:
    """What the article says about where it is: its countries (most named first) and the
    divisions of the places it names."""

    countries: tuple[str, ...] = ()
    admin1s: frozenset[str] = frozenset()


@dataclasses.dataclass(frozen=True)
class Scored:
    place: Place
    score: float
    reasons: tuple[str, ...]

    @property
    def evidence(self) -> str:
        return f"score {self.score:.2f}: " + "; ".join(self.reasons)


def country_place(name: str, kb: Knowledge) -> Place | None:
    """The country a name (or its nationality adjective) names, at its centroid."""
    for entry in kb.lookup(phrase_key(name)):
        if entry.kind == "country" and (place := place_of_country(entry.ref, kb)) is not None:
            return place
    return None


def place_of_country(code: str, kb: Knowledge) -> Place | None:
    """The country ``code`` at its centroid, or None when the actor data give it none."""
    info = kb.countries.get(code)
    if info is None or info.lat is None or info.lon is None:
        return None
    return Place(info.name, code, info.lat, info.lon, 0, "country")


def country_of_word(word: str, kb: Knowledge) -> str | None:
    """The country of a country name or nationality adjective ("Syrian" -> SYR)."""
    for entry in kb.lookup(phrase_key(word)):
        if entry.kind in ("country", "adjective", "demonym") and entry.ref in kb.countries:
            return entry.ref
    return None


def region_place(name: str, kb: Knowledge) -> Place | None:
    """A region the gazetteer lacks ("West Darfur State"): its country, no coordinates."""
    for entry in kb.lookup(phrase_key(name)):
        if entry.kind == "region" and entry.ref in kb.countries:
            return Place(name, entry.ref, math.nan, math.nan, 0, "region")
    return None


def _score(place: Place, hints: Hints, ctx: Context, namesake: bool = False) -> Scored:
    score = math.log10(place.population + 10)
    reasons = [f"population {place.population:,}"]
    if place.feature == "capital":
        score += CAPITAL_BONUS
        reasons.append("national capital")
    if place.source in ("GeoNames division", ISO_DIVISION):
        score -= DIVISION_PENALTY  # "policymakers in Washington": the city, not the state
        reasons.append("a first-level division, below a town of its name")
    elif place.source not in (None, "GeoNames") or place.feature not in ("city", "capital"):
        score += BUNDLED_BONUS
        reasons.append(f"bundled {place.feature}")
    if place.alternate and namesake:
        # "Salisbury": a town of that very name outranks a city once called so (Harare)
        score -= NAMESAKE_PENALTY
        reasons.append("another name of a place, while a town has it as its own")
    elif place.alternate:
        score -= ALTERNATE_PENALTY
        reasons.append("alternate spelling")
    if hints.country is not None:
        if place.country == hints.country:
            score += QUALIFIER_COUNTRY
            reasons.append(f"sentence names {hints.country}")
        else:
            score -= QUALIFIER_COUNTRY
            reasons.append(f"sentence names {hints.country}, not {place.country}")
    if hints.admin1 is not None and place.admin1 == hints.admin1:
        score += QUALIFIER_ADMIN1
        reasons.append(f"sentence names its division {hints.admin1}")
    context = 0.0
    if place.country in ctx.countries[:1]:
        context += CONTEXT_MAIN
        reasons.append(f"article's main country {place.country}")
    elif place.country in ctx.countries[:CONTEXT_COUNTRIES]:
        context += CONTEXT_OTHER
        reasons.append(f"article names {place.country}")
    if place.admin1 and place.admin1 in ctx.admin1s:
        context += CONTEXT_ADMIN1
        reasons.append(f"another place of the article is in {place.admin1}")
    # all the context together stays below a factor of ten in population
    score += min(context, CONTEXT_MAX)
    return Scored(place, round(score, 3), tuple(reasons))


def seat_place(name: str, gazetteer: Gazetteer, kb: Knowledge) -> Place | None:
    """A seat of power ("the White House", "the Kremlin"): in its country's capital."""
    for entry in kb.lookup(phrase_key(name)):
        info = kb.countries.get(entry.ref) if entry.kind == "seat" else None
        if info is None:
            continue
        town = gazetteer.town(info.capital, entry.ref) if info.capital else None
        if town is not None:
            return dataclasses.replace(town, name=name, feature="site", geonameid=None)
        if info.lat is not None and info.lon is not None:
            return Place(info.name, entry.ref, info.lat, info.lon, 0, "country")
    return None


def rank(name: str, gazetteer: Gazetteer, kb: Knowledge, hints: Hints = Hints(),
         context: Context = Context()) -> list[Scored]:
    """Every reading of ``name``, best first."""
    country = country_place(name, kb)
    if country is not None:
        return [Scored(country, COUNTRY_SCORE, ("country name",))]
    seat = seat_place(name, gazetteer, kb)
    if seat is not None:  # never Casablanca ("the white house") for the White House
        return [Scored(seat, COUNTRY_SCORE, (f"seat of power in {seat.country}'s capital",))]
    found = gazetteer.candidates(name)
    region = region_place(name, kb)
    if not found:
        return [Scored(region, 1.0, ("region in the actor data",))] if region else []
    namesake = any(not p.alternate and (p.population >= NAMESAKE_POPULATION and
                                        p.source in (None, "GeoNames") or p.bundled)
                   for p in found)  # a town, or a bundled site, of that very name
    scored = sorted((_score(p, hints, context, namesake) for p in found),
                    key=lambda s: (-s.score, s.place.geonameid or 0))
    if hints.admin:
        scored = [_as_admin1(s, name, gazetteer) for s in scored]
    named = context.countries[:CONTEXT_COUNTRIES]
    division = next((s for s in scored if s.place.source == ISO_DIVISION
                     and s.place.country in named), None)
    if division is not None and division is not scored[0] and \
            scored[0].place.country != division.place.country and \
            scored[0].place.population < REGION_TOWN_POPULATION:
        # "Lincolnshire" in a British story: the county, not a village in Illinois
        return _ahead(division, scored, "a division of the article's country, not a small "
                                        "namesake abroad")
    site = next((s for s in scored if s.place.bundled and s.place.country in named), None)
    if site is not None and site is not scored[0] and scored[0].place.country not in named and \
            scored[0].place.population < REGION_TOWN_POPULATION:
        # "the towns of Fua and Kefraya" in a Syrian story: the bundled Syrian town, not a
        # small French one with "Fua" among its other names
        return _ahead(site, scored, "a bundled place of the article's countries, not a small "
                                    "namesake abroad")
    if region is not None and not any(p.country == region.country for p in found) and \
            max(p.population for p in found) < REGION_TOWN_POPULATION:
        # "Chechnya": the Russian republic, not a Ukrainian village of that name
        return [Scored(region, scored[0].score + 1, ("region in the actor data, not a small "
                                                     "namesake abroad",)), *scored]
    return scored


def _ahead(home: Scored, scored: list[Scored], why: str) -> list[Scored]:
    """``scored`` with ``home`` (a reading of the article's own countries) put first, one
    point above the best of the others, for ``why``."""
    lead = Scored(home.place, scored[0].score + 1, (*home.reasons, why))
    return [lead, *(s for s in scored if s is not home)]


def _as_admin1(scored: Scored, name: str, gazetteer: Gazetteer) -> Scored:
    """"Idlib province": the division named after the town, at its towns' centre."""
    place = scored.place
    if place.admin1 is None or place.feature not in ("city", "capital"):
        return scored
    centre = gazetteer.admin1_centre(place.admin1) or (place.lat, place.lon)
    admin = dataclasses.replace(place, name=name, lat=round(centre[0], 4),
                                lon=round(centre[1], 4), feature="admin1", geonameid=None)
    return Scored(admin, scored.score, (*scored.reasons, f"division {place.admin1}"))


def best(name: str, gazetteer: Gazetteer, kb: Knowledge, hints: Hints = Hints(),
         context: Context = Context()) -> Scored | None:
    ranked = rank(name, gazetteer, kb, hints, context)
    return ranked[0] if ranked else None


def context_for(countries: Sequence[str], places: Collection[Scored] = ()) -> Context:
    """The ranking context of an article: its countries and its places' divisions."""
    admin1s = frozenset(s.place.admin1 for s in places
                        if s.place.admin1 and s.place.feature != "country")
    more = tuple(c for c in (s.place.country for s in places if s.place.country)
                 if c not in countries)
    return Context(tuple(countries) + tuple(dict.fromkeys(more)), admin1s)
