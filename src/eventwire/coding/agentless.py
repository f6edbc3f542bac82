"""Events without a named agent, and the people they happen to.

Real reports often leave the doer out ("dozens **were detained** after the march", "three
suspects **were picked up**") and name the people an event happens to by number or kind
("three persons", "two men", "dozens"), which no actor dictionary lists. This module:

* turns such a phrase into an actor: people of no named group (:func:`people`; sector
  civilian, country from the event's place or the article, filled in by the coder);
* names the doer the text leaves implicit where the kind of event makes it clear
  (:func:`implied_source`): arrests and detentions are made by the police, deportations by
  the government; airstrikes by a state's air force, the one whose strikes the article last
  named a doer of ("regime airstrikes" … "killed in airstrikes"), or else that of the
  country where they fell (the event's place, its target's or the story's country).
  The actor says so in its ``evidence`` ("implied by …"), and its text is the word for it
  in brackets, since no words of the sentence name it;
* gives the people an unnamed doer's force falls on the story's country when nothing else
  does (:func:`local_victims`): "seven hospitals have been bombed", "captured fighters were
  tortured" in a report from Syria are Syrian, as a careful coder reads them;
* names the country foreign forces leave when the text leaves it unsaid (:func:`left_country`:
  "the US withdrawal", "if the Americans pull out", in a story set in Syria), and the country
  a named doer's force falls on when no words name whom it struck (:func:`struck_country`:
  "for two nights US jets have attacked", in a story set in Syria).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import pycountry
from spacy.tokens import Token

from ..codes import FORCE_ROOTS, CameoCode
from ..records import Actor, Event, Location
from . import recall
from .context import MATERIAL_CONFLICT, ArticleContext, Found, of_country

#: nouns for people named by kind, not by group ("three suspects were detained")
PEOPLE_NOUNS = frozenset({
    "person", "people", "man", "woman", "child", "boy", "girl", "suspect", "resident",
    "villager", "civilian", "local", "passenger", "pilgrim", "worshipper", "student",
    "teenager", "youth", "individual", "family", "migrant", "refugee", "detainee",
    "prisoner", "hostage", "victim", "citizen", "national", "tourist", "foreigner",
    "member", "supporter", "demonstrator", "protester", "activist", "journalist",
    "worker", "farmer", "fisherman", "doctor", "nurse", "teacher", "official", "pupil",
    "kid", "infant", "baby", "toddler", "teen", "minor", "adolescent", "mourner", "shepherd",
    "labourer", "laborer", "motorist", "bystander", "wife", "husband", "son", "daughter"})
#: the last parts of compound nouns for people of an age or sex ("schoolgirls", "schoolboys",
#: "businesswomen", "grandchildren")
PEOPLE_ENDINGS = ("girl", "boy", "woman", "child")


def people_noun(lemma: str) -> bool:
    """Whether a noun's lemma names people by kind: "suspect", "pupil", "schoolgirl"."""
    return lemma in PEOPLE_NOUNS or lemma.isalpha() and lemma.endswith(PEOPLE_ENDINGS)
#: words that stand for a number of people on their own ("dozens were arrested")
QUANTITY_WORDS = frozenset({"dozen", "dozens", "hundreds", "thousands", "scores", "several",
                            "many", "some", "others", "tens", "millions"})
#: entities a number can be part of that are no people
NOT_PEOPLE_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
#: who does what the text leaves unsaid: CAMEO code prefix -> (sector, word)
IMPLIED = {"173": ("COP", "police"), "175": ("COP", "police"), "174": ("GOV", "government"),
           "114": ("GOV", "government"), "161": ("GOV", "government")}
#: of these, the codes whose doer is the government of the place where the event happens
#: ("the ambassador was summoned in Warsaw", "expelled from the Netherlands"), never that
#: of the people it happens to, so only when the sentence names the place
PLACED_ONLY = frozenset({"114", "161"})
#: CAMEO codes of force only a state's armed forces use -> (sector, word): aerial weapons
#: (artillery, 194, is rebels' too, and gave no gain on the dev half)
ARMED = {"195": ("MIL", "air force")}
#: trigger lemmas of law enforcement, the only ones whose doer is implied
LAW_WORDS = frozenset({"arrest", "detain", "detention", "jail", "imprison", "imprisonment",
                       "apprehend", "round", "pick", "deport", "deportation", "expel",
                       "expulsion", "charge", "indict", "prosecute", "raid", "disperse",
                       "tear-gas", "teargas", "take", "hold", "summon"})


def people(head: Token, text: str) -> Actor | None:
    """An actor for people named only by number or kind ("three persons", "dozens"), or
    None for any other phrase. The country is left for the coder to fill in."""
    lemma = head.lemma_.lower()
    counted = head.like_num or lemma in QUANTITY_WORDS or head.lower_ in QUANTITY_WORDS
    if not people_noun(lemma) and not counted:
        return None
    counted_things = [o.lemma_.lower() for prep in head.children if prep.dep_ == "prep"
                      and prep.lower_ == "of" for o in prep.children if o.dep_ == "pobj"]
    if counted and counted_things and not any(people_noun(w) for w in counted_things):
        return None  # "30 of the 40 missiles", "dozens of homes"
    if counted and (head.pos_ not in ("NUM", "NOUN", "PRON", "ADJ")
                    or head.ent_type_ in NOT_PEOPLE_ENTITIES or _year(head.text)):
        return None  # "in 2015", "$10bn", "40%"
    return Actor(text=text, name=None, country=None, sector="CVL", kind="agent",
                 evidence=f"people named by {'number' if counted else 'kind'} ({head.text!r})")


def implied_source(code: str, country: str | None, trigger: Token,
                   doers: Mapping[str, str], placed: bool = True) -> Actor | None:
    """The doer an event of ``code`` implies when the text names none (see above): for the
    words of law enforcement ("arrested", "detained", "deported"; fighters who "captured"
    someone are no police), the police or government of ``country``; for the use of aerial
    weapons ("killed in airstrikes"), armed forces: those of the country whose forces the
    article last named as the doer of such strikes (``doers``: code -> country), or else
    those of ``country``.
    ``placed``: whether ``country`` is that of the event's place (needed for the codes of
    ``PLACED_ONLY``)."""
    weapon = next((k for k in ARMED if code.startswith(k)), None)
    if weapon is not None and country is not None:  # a story somewhere, not a lone sentence
        sector, word = ARMED[weapon]
        known = doers.get(weapon)
        return Actor(text=f"[{word}]", name=None, country=known or country, sector=sector,
                     kind="agent",
                     evidence=f"implied by {trigger.text!r} ({code}): no doer named; {word} "
                              f"assumed, " + (f"those of {known}, the article's last named doer "
                                              f"of such force" if known else
                                              f"those of {country}, where the strikes fell, "
                                              f"as the article names no other doer of them"))
    prefix = next((k for k in IMPLIED if code.startswith(k)), None)
    if prefix is None or trigger.lemma_.lower() not in LAW_WORDS or (
            prefix in PLACED_ONLY and not placed):
        return None
    found = IMPLIED[prefix]
    sector, word = found
    return Actor(text=f"[{word}]", name=None, country=country, sector=sector, kind="agent",
                 evidence=f"implied by {trigger.text!r}: no doer named; {word} assumed")


def generic(trigger: Token) -> bool:
    """A law enforcement noun told as a kind of deed, of no one to no one: a bare plural or
    mass noun with no determiner, owner or modifier ("**arrests**, torture and executions
    made up the bulk of the data"), unlike "his arrest", "the detention of two men" or
    "police raids"."""
    return trigger.pos_ == "NOUN" and trigger.lemma_.lower() in LAW_WORDS and \
        trigger.tag_ in ("NNS", "NN") and not any(
            c.dep_ in ("det", "poss", "compound", "amod", "nmod", "nummod")
            for c in trigger.children)


def remember_doers(events: Iterable[Event], doers: dict[str, str]) -> None:
    """Note in ``doers`` the country of the named doer of each kind of force in ``ARMED``
    (for :func:`implied_source`)."""
    for ev in events:
        weapon = next((k for k in ARMED if ev.cameo.startswith(k)), None)
        if weapon is not None and ev.source is not None and \
                ev.source.country is not None and not ev.source.text.startswith("["):
            doers[weapon] = ev.source.country


def local_victims(targets: list[Found], country: str | None) -> list[Found]:
    """The targets of force no named doer used, with the story's ``country`` for those
    named only by role or number ("hospitals", "seven civilians"); others unchanged."""
    if country is None:
        return targets
    return of_country(targets, country, f"country of the story ({country}): force by an "
                                        f"unnamed doer")


def _year(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100


def fill_source(code: CameoCode, trigger: Token, index: int, place: Location | None,
                targets: list[Found], ctx: ArticleContext) -> tuple[list[Found], list[Found]]:
    """The (sources, targets) of an event no one is named doing ("dozens were detained
    after the march"): the source the article implies (:func:`implied_source`: the police
    of the place's country, else of the victims', else of the article's), or for violence
    the doer of the article's recent deeds of that kind against the victims' country
    (:func:`.recall.implied_doer`), never one of the targets; with no place, victims of no
    country are the home country's (:func:`local_victims`)."""
    home = place.country if place is not None and place.country else next(
        (f.actor.country for f in targets if f.actor.country), None) or next(
        iter(ctx.countries), None)
    if not targets and generic(trigger):
        return [], targets  # "arrests, torture and executions made up the data"
    implied = implied_source(code.code, home, trigger, ctx.doers,
                             placed=place is not None and bool(place.country))
    if implied is None and code.quad_class == MATERIAL_CONFLICT:
        victims = local_victims(targets, home) if place is None else targets
        implied = recall.implied_doer(code.code, ctx.deeds, trigger, index, next(
            (f.actor.country for f in victims if f.actor.country), None))
        if implied is not None and any(f.actor.same_as(implied) for f in targets):
            implied = None
        if implied is None:  # "the final assault on the last bastion of Isis": by whoever
            implied = recall.foe_of([f.actor for f in victims], ctx.deeds, trigger, index)
    sources = [Found(implied, trigger)] if implied is not None else []
    if code.quad_class == MATERIAL_CONFLICT and place is None:
        targets = local_victims(targets, home)
    return sources, targets


#: CAMEO codes of forces leaving a country ("the US withdrawal"): the country they leave is
#: the other side, named or not
LEAVING_CODES = ("0874",)


def withdrawn_forces(trigger: Token, code: str, object_words: frozenset[str],
                     sources: Sequence[Found]) -> Token | None:
    """The forces a withdrawal moves, when they are its side: the object of a verb of taking
    forces out ("withdrawing US troops", "to reduce the American presence") whose subject is
    missing or names no country ("the president is withdrawing American troops"): the
    forces' country is the one that leaves; None otherwise."""
    if not code.startswith(LEAVING_CODES) or not object_words or trigger.pos_ != "VERB" or \
            any(f.actor.country for f in sources):
        return None
    return next((c for c in trigger.children if c.dep_ == "dobj"
                 and c.lemma_.lower() in object_words), None)


def left_country(code: str, sources: Sequence[Found], place: Location | None,
                 scene: Callable[[], str | None]) -> Actor | None:
    """The country foreign forces leave when no words name it: the event's place's, else the
    story's scene (``scene``: the country the sentence's or else the article's places lie
    in); None for forces of that country or of none, and for other codes."""
    if not code.startswith(LEAVING_CODES) or not sources:
        return None
    return _unsaid_country(sources, place, scene, "the country the forces leave",
                           foreign_only=True)


def struck_country(code: str, sources: Sequence[Found], place: Location | None,
                   scene: Callable[[], str | None]) -> Actor | None:
    """The country a named doer's force falls on when no words name whom it struck ("US jets
    have attacked", "Turkish troops shelled overnight", in a story set in Syria): the
    event's place's, else the story's scene, as for :func:`local_victims`; a state's own
    forces may strike in their own country (a civil war). None for other codes."""
    if not code.startswith(FORCE_ROOTS) or not sources:
        return None
    return _unsaid_country(sources, place, scene, "the country the force falls on",
                           foreign_only=False)


def _unsaid_country(sources: Sequence[Found], place: Location | None,
                    scene: Callable[[], str | None], what: str, *,
                    foreign_only: bool) -> Actor | None:
    placed = place is not None and bool(place.country)
    country = place.country if place is not None and place.country else scene()
    if country is None or foreign_only and any(
            f.actor.country in (None, country) for f in sources):
        return None
    found = pycountry.countries.get(alpha_3=country)
    name = found.name if found is not None else country
    return Actor(text=f"[{name}]", name=name, country=country, sector=None, kind="place",
                 evidence=f"implied: {what}, the "
                          f"{'event place' if placed else 'scene'}'s ({country})")
