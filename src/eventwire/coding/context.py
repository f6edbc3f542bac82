"""What the coder knows about the article being coded: its date, the countries it is
about, the people it named, the dateline to skip."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .. import codes
from ..actors import ActorResolver, ArticleMemory
from ..actors.resolver import CONTEXT_EVIDENCE
from ..codes import FORCE_ROOTS
from ..records import Actor, Article, Location
from .matching import PROTEST_ROOT
from .roles import MEANS_WORDS
from .syntax import prep_objects

if TYPE_CHECKING:
    from .recall import Deed

CONTEXT_CHARS = 12_000  # how much of an article says which countries it is about
MATERIAL_CONFLICT = 4  # QuadClass
#: Fighting (and trading blows or accusations) and truces done together are done to each
#: other: "Israel and Hezbollah fought a war", "Iran and Saudi Arabia traded accusations",
#: "Armenia and Azerbaijan signed a ceasefire" (not "Russian and Syrian jets bombed", which
#: is done to someone else).
RECIPROCAL_WORDS = frozenset({"fight", "clash", "battle", "skirmish", "war", "conflict", "trade",
                              "exchange", "ceasefire", "truce", "armistice", "sign"})
#: roots whose events between two named sides go each way ("Russia and Turkey met")
SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06"})
#: ... but not visits, hosting and mediation (042, 043, 045), done to or for a third party:
#: "Qatar and Egypt mediated" is no mediation of Qatar's between it and Egypt
ONE_WAY_CODES = frozenset({"042", "043", "045"})
#: codes done together, whoever the sentence makes the subject: "Putin met Erdogan", "Putin
#: called Macron", "Turkey signed a deal with Russia" are each side's event (intent to meet
#: 036, meet 040, phone 041, meet at a third place 044, negotiate 046, cooperate 050, sign
#: 057, joint military action 062); not visits and hosting (042, 043) nor mediation (045)
MUTUAL_CODES = frozenset({"036", "040", "041", "044", "046", "050", "057", "062"})
#: ... unless the word tells of one side coming to the other ("Montenegro joined the bloc")
ONE_SIDED_WORDS = frozenset({"join", "accede", "apply", "admit", "rejoin", "enter"})


@dataclasses.dataclass
class ArticleContext:
    """What the coder knows about the article being coded."""

    article: Article
    published: dt.date
    published_known: bool
    memory: ArticleMemory
    countries: list[str]
    context: str | None
    #: the offsets of the dateline in the parsed text (empty when there is none)
    skip: range = range(0)
    last_person: Actor | None = None
    #: one person the article has described but not yet named ("An American woman captured
    #: by Kurdish forces …"): the next unknown name a sentence is about is theirs
    described: Actor | None = None
    resolving_pronoun: bool = False  # an antecedent is being looked for (no chains)
    #: the country of the last named doer of each kind of force the article reports (CAMEO
    #: code -> country): "regime airstrikes" … "killed in airstrikes" are the regime's too
    doers: dict[str, str] = dataclasses.field(default_factory=dict)
    #: the last named doer of each kind of event the article told (three-digit code or
    #: root -> :class:`.recall.Deed`): "the seizure" in a later sentence is theirs
    deeds: dict[str, Deed] = dataclasses.field(default_factory=dict)
    #: the places the article says an armed side holds, worked out on first use
    #: (:meth:`.parties.PartyFinder.held_places`)
    held: list[tuple[int, str, Actor]] | None = None
    #: whether the article names an armed group (Isis, the Taliban): a story of a war, whose
    #: deaths with no doer named are the fighting's (:func:`.nested.war_casualty`)
    armed: bool = False

    @contextlib.contextmanager
    def looking_back(self) -> Iterator[bool]:
        """Mark a search for what a word names again (a pronoun's antecedent, a noun named
        before) while it runs; yields whether one was already running, when the caller
        looks no further (an antecedent is named, not another pronoun's: no chains)."""
        outer = self.resolving_pronoun
        self.resolving_pronoun = True
        try:
            yield outer
        finally:
            self.resolving_pronoun = outer


@dataclasses.dataclass(frozen=True)
class Found:
    """An actor and the word that names it."""

    actor: Actor
    token: Token

    @property
    def key(self) -> str:
        """This side's part of an event's id: its word, and the state when one word names
        several ("the three countries")."""
        if self.actor.kind == "country" and self.actor.id:
            return f"{self.token.i}:{self.actor.id}"
        return str(self.token.i)


def both_ways(code: str, word: str, pairs: Sequence[tuple[Found | None, Found | None]],
              modality: str = "asserted") -> list[tuple[Found | None, Found | None]]:
    """The source-target pairs of an event told by ``word`` (a lemma), with each pair of two
    named sides also the other way round for a code done together (``MUTUAL_CODES``) --
    unless it is not done: "Tehran would never negotiate with Washington" is Tehran's
    refusal alone."""
    out = list(pairs)
    if code in MUTUAL_CODES and word not in ONE_SIDED_WORDS and modality != "negated":
        out += [(g, s) for s, g in pairs if s is not None and g is not None
                and (g, s) not in out]
    return out


def of_country(found: list[Found], country: str, why: str | None = None,
               sectors: frozenset[str] | None = None) -> list[Found]:
    """``found`` with ``country`` given to the people named only by their role or number (an
    ``agent`` of no country: "taxi drivers", "refugees", "seven hospitals"), only those of
    ``sectors`` when given; ``why`` is added to their evidence."""
    return [_moved(f, country, why) if f.actor.country is None and f.actor.kind == "agent"
            and (sectors is None or f.actor.sector in sectors) and not _outsiders(f.token)
            else f for f in found]


#: words that say a group comes from elsewhere: "**foreign** fighters" are not the scene's
OUTSIDER_WORDS = frozenset({"foreign", "overseas", "international", "multinational"})


def _outsiders(tok: Token) -> bool:
    return any(c.dep_ in ("amod", "compound") and c.lower_ in OUTSIDER_WORDS
               for c in tok.children)


#: sectors of those who act where they are: the state's local arms (police and courts), and
#: protesters, workers and students named by role ("protesters stormed the embassy in
#: Baghdad" are Iraqis; soldiers and fighters may be foreign, refugees are from elsewhere)
LOCAL_SECTORS = frozenset({"COP", "JUD", "OPP", "LAB", "EDU"})
#: sectors of a country's institutions, armed sides and opposition, which a report names by
#: role alone in a story set in that country ("soldiers", "rebels", "the courts", "the
#: opposition"); not people at large ("civilians", "refugees", "activists"), who may be
#: anyone's
SCENE_SECTORS = frozenset({"GOV", "MIL", "REB", "PRM", "COP", "JUD", "OPP"})
#: sectors of the armed sides named by role alone ("rebels", "US-backed fighters",
#: "militiamen", "troops"): in a fight at a place, local to it unless called foreign
ARMED_ROLE_SECTORS = frozenset({"MIL", "REB", "PRM"})


def local_forces(found: list[Found], country: str) -> list[Found]:
    """``found`` with ``country`` given to police, courts, protesters, workers and students
    of no named country (:data:`LOCAL_SECTORS`): "police arrested 51 people in Ahmedabad" are
    India's police (not soldiers, who may be foreign), and so are those whose country was
    only the story's most named ("police arrested him at Manchester airport" in a story set
    in Syria: Britain's)."""
    why = f"local side of the event's place ({country})"
    return of_country([_moved(f, country, why) if _story_guess(f) and f.actor.sector in
                       LOCAL_SECTORS and f.actor.country != country else f for f in found],
                      country, why, LOCAL_SECTORS)


#: sectors of a state's institutions that act on their own state's people and officials
HOME_SECTORS = frozenset({"COP", "JUD", "LEG"})


#: the CAMEO root of coercion (arrests, bans, curfews, expulsions): what a state does to
#: people in its own hands
COERCE_ROOT = "17"


def home_subjects(targets: list[Found], sources: list[Found], code: str = "") -> list[Found]:
    """``targets`` with the country of a court, police or parliament that acts on them given
    to those of no named country: "Pakistan's supreme court disqualified **the prime
    minister**", "Turkish police detained **two journalists**"; so too a state or its
    government that coerces them ("Iran detained two men", "the junta banned gatherings of
    students")."""
    home = next((s.actor.country for s in sources if (
        s.actor.sector in HOME_SECTORS or code.startswith(COERCE_ROOT) and (
            s.actor.sector == "GOV" or s.actor.sector is None and s.actor.kind == "country"))
                 and s.actor.country is not None and not s.actor.text.startswith("[")), None)
    if home is None:
        return targets
    return of_country(targets, home, f"acted on by {home}'s own institution")


def _story_guess(f: Found) -> bool:
    """An armed side or institution named by role alone whose country is only the story's
    most named ("rebels" in a story that names Russia most): the place where it is attacked
    says more ("attacked rebels in Daraa": Syria's)."""
    return f.actor.kind == "agent" and f.actor.sector in SCENE_SECTORS and \
        CONTEXT_EVIDENCE in (f.actor.evidence or "") and not _outsiders(f.token)


def _moved(f: Found, country: str, why: str | None) -> Found:
    """``f`` given ``country``, with ``why`` added to its evidence."""
    return Found(dataclasses.replace(
        f.actor, country=country,
        evidence=f"{f.actor.evidence}; {why}" if why else f.actor.evidence), f.token)


def at_home(found: list[Found], country: str, homes: dict[str, tuple[str, ...]]
            ) -> list[Found]:
    """``found`` with a people of several states (``Actor.name`` in ``homes``: "Kurdish
    fighters") moved to ``country``, the event's place, when it is one of their homes: the
    Kurdish fighters attacked in Afrin are Syria's in a story that names Turkey more."""
    return [_moved(f, country, f"at home in the event's place ({country})")
            if f.actor.name in homes and f.actor.kind in ("agent", "people")
            and f.actor.country != country and country in homes[f.actor.name] else f
            for f in found]


def facing_own(sources: list[Found], targets: list[Found],
               homes: dict[str, tuple[str, ...]]) -> bool:
    """Whether a people of several states (``homes``: "Kurdish fighters") was given the
    country of the side it faces ("Turkish jets bombed Kurdish fighters", Turkey being the
    first of the Kurds' homes the article names): then the article's scene says which of
    their homes they are of (Syria's, in a story set in Syria)."""
    def people(found: list[Found]) -> set[str | None]:
        return {f.actor.country for f in found if f.actor.name in homes}

    def others(found: list[Found]) -> set[str | None]:
        return {f.actor.country for f in found if f.actor.name not in homes}

    return bool(people(targets) & others(sources) - {None} or
                people(sources) & others(targets) - {None})


#: roots of dealings a foreign actor has with the state where they happen (talks in Ankara,
#: an embassy opened in Tehran, aid delivered or troops pulled out there); words said
#: abroad ("told reporters in Baku": no rejection of Azerbaijan) are not about the host
PLACED_DEALINGS = frozenset({"04", "05", "06", "07", "08"})


def place_is_target(code: str, sources: list[Found], country: str, several: bool = False) -> bool:
    """Whether an event with no named target happens to the place where it happens: force
    used in a place is used on it (also with no named doer: "an aid convoy was attacked near
    Aleppo", "fighting erupted in Idlib"), a protest held there is against it, an embassy
    opened in Tehran concerns Iran, a lone visitor's talks in Ankara are with Turkey (the
    dealings of ``PLACED_DEALINGS``). Not a
    Russian meeting in Sochi, nor one of two named sides (``several``: the subject is
    conjoined, though not every conjunct is known), nor a doer of no known country, nor an
    international body meeting in the city that hosts it."""
    c = codes.lookup(code)
    if c.quad_class == MATERIAL_CONFLICT:
        return True
    if not sources or ((len(sources) > 1 or several) and c.root in SYMMETRIC_ROOTS):
        return False
    if c.root == PROTEST_ROOT:
        return True
    return c.root in PLACED_DEALINGS and all(f.actor.country not in (None, country) and
                                             f.actor.kind != "igo" for f in sources)


#: the CAMEO root of threats: what a state threatens, its own forces would do
THREATEN_ROOT = "13"


def own_state(target: Actor, source: Actor, code: str = "") -> bool:
    """A target that is the state its source speaks or acts for: "Erdogan warned that
    **Turkey** would launch an operation" (Turkey is no target of its president's threat);
    in a threat, so are the state's forces ("warned that **Turkish troops** would enter
    Afrin": they would carry it out)."""
    if source.sector not in (None, "GOV") or target.country != source.country:
        return False
    if code.startswith(THREATEN_ROOT) and target.sector in ("MIL", "COP") and \
            source.kind in ("person", "country", "agent"):
        return True
    return target.kind == "country" and target.sector in (None, "GOV") and \
        source.kind in ("person", "country")


def guessed_same(target: Actor, source: Actor) -> bool:
    """A target whose country is only the story's guess, the source's own ("Japan and South
    Korea agreed to share military intelligence": the intelligence is no Japanese agency)."""
    return target.country == source.country and source.kind == "country" and \
        source.sector is None and CONTEXT_EVIDENCE in (target.evidence or "")


def article_context(article: Article, resolver: ActorResolver,
                    published: dt.date | None = None) -> ArticleContext:
    """The context of ``article``: its countries ranked by how often it names them."""
    pub = published or article.published
    body = article.body
    if article.dateline is not None:  # the filing place is not what the story is about
        offset = article.kept[0].start if article.kept else 0
        body = body[max(0, article.dateline.span.end - offset):]
    # the countries the article names most often first ("the regime" in a story about
    # Syria that opens with Russia is Syria's)
    mentions, armed = resolver.story_mentions(body[:CONTEXT_CHARS])
    counts = Counter(mentions)
    countries = [c for c, _ in counts.most_common()]
    skip = range(0)
    if article.dateline is not None:
        skip = range(0, article.dateline.span.end - (article.kept[0].start if article.kept
                                                      else 0))
    ctx_name = None
    if countries and countries[0] in resolver.kb.countries:
        ctx_name = resolver.kb.countries[countries[0]].name
    return ArticleContext(article, pub or dt.date.today(), pub is not None, ArticleMemory(),
                          countries, ctx_name, skip, armed=armed)


def another(actor: Actor, of: Actor) -> bool:
    """Whether ``actor`` is another party than ``of``: not ``of`` itself, nor its own country
    or that country's people named by role ("the German defence minister said Germany …",
    "… German citizens"), nor the international body it speaks for ("Mogherini said the EU
    …")."""
    if actor.same_as(of):
        return False
    return not (actor.country is not None and actor.country == of.country and (
        actor.kind in ("country", "place", "agent") and actor.sector in (None, "CVL")
        or actor.kind == "igo"))


def pairs_of(code: codes.CameoCode, sources: list[Found], targets: list[Found], *, together: bool,
             between: bool, reciprocal: bool) -> list[tuple[Found | None, Found | None]]:
    """The (source, target) pairs an event is coded for: each source with each target
    (either may be missing); each of several subjects with each of the others when they act
    together ("Russia, Iran and Turkey met") and no one else is named, but not when they act
    for a third party (:data:`ONE_WAY_CODES`); each party with each of the others when the
    sides are the parties "between" whom it happens and it goes both ways ("fighting between
    the army and the RSF" -- ``reciprocal``: the word says so -- "a deal between Russia, Iran
    and Turkey")."""
    if not targets and (together or len(sources) > 1 and code.root in SYMMETRIC_ROOTS
                        and code.code not in ONE_WAY_CODES):
        return [(a, b) for a in sources for b in sources if a is not b]
    if between and targets and (reciprocal or code.root in SYMMETRIC_ROOTS):
        parties = [*sources, *targets]
        return [(a, b) for a in parties for b in parties if a is not b]
    return [(s, g) for s in (sources or [None]) for g in (targets or [None])]


def placed_sides(sources: list[Found], targets: list[Found], place: Location | None,
                 scene: Callable[[], str | None], notes: list[str], code: str = ""
                 ) -> tuple[list[Found], list[Found]]:
    """``sources`` and ``targets`` with countries given by where the event happens: people
    named only by their role take the place's ("distributed food to refugees in Chad"), and
    so do police, courts, protesters, workers and students (:func:`local_forces`) and, in a
    fight, the armed sides named by role ("US-backed fighters retook Baghuz"); with no
    place, the institutions and armed sides named by role
    alone, and the people at large who suffer force or coercion ("Isis kidnapped
    civilians"), take the country of the story's ``scene`` (called only then: the country the
    sentence's places lie in, else the one the article's places do) -- not machines ("jets
    bombed the town": whose jets the scene does not say); last, a court or police force
    lends its country to those it acts on (:func:`home_subjects`)."""
    if place is not None and place.country:
        targets = [_moved(f, place.country, f"where they are attacked ({place.name})")
                   if _story_guess(f) and f.actor.country != place.country else f
                   for f in targets] if code.startswith(FORCE_ROOTS) else targets
        if any(f.actor.country is None and f.actor.kind == "agent" for f in targets):
            notes.append(f"target country from the event's place ({place.name})")
            targets = of_country(targets, place.country)
        sources = local_forces(sources, place.country)
        sources = of_country(sources, place.country,
                             f"armed side where it fights ({place.name})", ARMED_ROLE_SECTORS) \
            if code.startswith(FORCE_ROOTS) else sources
    elif (country := scene()) is not None:
        why = f"country of the story's scene ({country})"
        # people at large who suffer force or coercion are the scene's ("Isis kidnapped
        # civilians"); those who act or are spoken to may be anyone's
        harmed = SCENE_SECTORS | {"CVL"} if code.startswith((*FORCE_ROOTS, COERCE_ROOT)) \
            else SCENE_SECTORS
        targets, sources = ([f if f.token.lemma_.lower() in MEANS_WORDS else
                             of_country([f], country, why, sectors)[0] for f in x]
                            for x, sectors in ((targets, harmed), (sources, SCENE_SECTORS)))
    return sources, home_subjects(targets, sources, code)


def done_together(trigger: Token) -> bool:
    """Whether the event is one its several subjects do to each other by its word or its
    object (:data:`RECIPROCAL_WORDS`): "Russia and Turkey clashed", "Israel and Hamas agreed
    to a ceasefire", "signed a truce"."""
    return any(w.lemma_.lower() in RECIPROCAL_WORDS for w in (
        trigger, *(c for c in trigger.children if c.dep_ == "dobj"),
        *prep_objects([trigger], "to")))
