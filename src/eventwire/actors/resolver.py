"""Resolve an actor mention to country + sector, with the evidence that decided it.

The rules, in order (docs/actors.md explains them with examples):

1. The mention is split into words and matched, longest phrase first, against the
   actor index (countries, regions, organizations, people, sector words).
2. The *core* of the mention ends at the first boundary word outside a matched
   name ("ambassador **to** Poland"); a place after "in"/"at" ("leaders in France")
   is used for the country only when the core has none.
3. A person (full name, or a surname seen in full earlier in the article or
   unambiguous on the date) gives country and the sector of the role held on
   the date; after office the sector is ELI.
4. Otherwise a named organization gives country and sector (time-bounded: the
   Taliban are REB before August 2021 and GOV after); an intergovernmental body
   followed by a sector word takes that word's sector ("EU legislators" -> LEG).
5. Otherwise countries, adjectives, demonyms, capitals and seats of power give the
   country; the last strong sector word gives the sector; a capital or seat alone
   stands for its government; generic role words ("official") apply last.
6. "former", "ex-" and the like turn any sector into ELI.
7. With no country in the mention, a country named in the context is used for a
   mention that has a sector ("the regime" + Syria -> SYR GOV).
8. Nothing matched -> ``None``: unknown mentions are never guessed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from ..places import Gazetteer
from ..places import load as load_gazetteer
from ..records import Actor
from . import knowledge as kn
from .knowledge import Entry, Knowledge, Token

HARD_BOUNDARY = frozenset({
    "to", "against", "with", "toward", "towards", "over", "about", "on", "after",
    "before", "into", "for", "who", "which", "that", "whose", "said", "says", "told",
})
SOFT_BOUNDARY = frozenset({"in", "at", "near", "inside", "across", "throughout", "outside",
                           "from"})
#: Sectors for which a bare mention takes the context's country ("the regime" in a story on
#: Syria); "six people" or "a hospital" do not belong to whatever country a story is about.
CONTEXT_SECTORS = frozenset({"GOV", "MIL", "REB", "OPP", "COP", "SPY", "LEG", "JUD", "PTY",
                             "PRM", "ELI"})
#: the evidence of a country guessed from the story's context, not said in the mention
CONTEXT_EVIDENCE = "country from context"
#: the shortest acronym a title-case word may spell ("Isis", "Opec"; never "Is" for IS)
MIN_WORD_ACRONYM = 4
#: Prefixes that make a name what a group is against, not whose it is: "anti-Isis forces",
#: "anti-Assad rebels", "anti-Turkish protests"
AGAINST_PREFIXES = frozenset({"anti"})
#: Words before "to" that make it part of a quantity, not a boundary ("up to 100 Albanians").
_QUANTITY_LEAD = frozenset({"up", "close", "nearly", "next"})
_COUNTRYISH = frozenset({"country", "adjective", "demonym", "capital", "seat", "region"})
#: the kind of organisation that fights (Isis, the Taliban, Hezbollah)
ARMED_GROUP = "armed_group"
_DETERMINERS = frozenset({"the", "a", "an", "'s", "its", "their", "his", "her", "our", "some",
                          "several", "many", "two", "three", "four", "five", "six", "ten", "one"})


@dataclasses.dataclass(frozen=True)
class Match:
    start: int
    end: int
    entries: tuple[Entry, ...]
    text: str

    def kinds(self) -> set[str]:
        return {e.kind for e in self.entries}

    def first(self, *kinds: str) -> Entry | None:
        return next((e for e in self.entries if e.kind in kinds), None)


#: titles before a surname ("Mr Hariri")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "gen", "general", "col",
                     "sheikh", "prof"})


class ArticleMemory:
    """People named in full so far in one article, so that "Lavrov" finds Sergey Lavrov; and
    people the actor data do not know, by surname, so that "Hariri" after "Nasr al-Hariri,
    the head of the opposition's delegation" is that man (as the words beside his full name
    described him, or no one known), never a namesake the data know."""

    def __init__(self) -> None:
        self.people: list[str] = []
        self.others: dict[str, Actor | None] = {}

    def remember(self, person_id: str) -> None:
        if person_id not in self.people:
            self.people.append(person_id)

    def remember_other(self, full_name: str, described: Actor | None) -> None:
        """An unknown person named in full ("Nasr al-Hariri"), and the actor the words beside
        the name make of them, if any."""
        keys = [t.key for t in kn.tokens(full_name)]
        if len(keys) < 2 or described is None and self.others.get(keys[-1]) is not None:
            return  # not named in full; or named again without the words that described them
        self.others[keys[-1]] = dataclasses.replace(
            described, name=full_name, kind="agent", id=None, members=(),
            evidence=f"{full_name}, named earlier as {described.text!r}: "
                     f"{described.evidence}") if described is not None else None

    def described_as(self, full_name: str) -> Actor | None:
        """The actor an unknown person named in full was described as, if any."""
        keys = [t.key for t in kn.tokens(full_name)]
        return self.others.get(keys[-1]) if len(keys) >= 2 else None


@dataclasses.dataclass
class _Parts:
    """What the matches of one mention say, before they are combined."""

    person: tuple[kn.Person, Match] | None = None
    orgs: list[tuple[kn.Organization, Match]] = dataclasses.field(default_factory=list)
    tail_orgs: list[tuple[kn.Organization, Match]] = dataclasses.field(default_factory=list)
    countries: list[tuple[str, Match, Entry]] = dataclasses.field(default_factory=list)
    tail_countries: list[tuple[str, Match, Entry]] = dataclasses.field(default_factory=list)
    strong: list[tuple[str, Match]] = dataclasses.field(default_factory=list)
    weak: list[tuple[str, Match]] = dataclasses.field(default_factory=list)
    override: str | None = None
    place: tuple[str, str] | None = None  # (country, name) of a city
    whereabouts: tuple[str, str] | None = None  # a city after "in / at" ("police in Istanbul")
    unknown_name: bool = False  # a capitalised word nothing matched: someone we do not know
    head_is_agent: bool = False  # the last word of the core is a sector word
    surname_country: tuple[str, Match] | None = None  # an ambiguous surname of one country
    surname_sectors: frozenset[str] = frozenset()  # the sectors of its people's roles
    people: tuple[str, Match] | None = None  # a people of several states ("Kurdish")
    notes: list[str] = dataclasses.field(default_factory=list)
    backers: list[str] = dataclasses.field(default_factory=list)  # "US-backed": not its own
    between: list[str] = dataclasses.field(default_factory=list)  # words after the 1st country


def _named_after(toks: Sequence[Token], m: Match, covered: set[int]) -> bool:
    """Whether the capital matched at ``m`` is one word of a longer proper name no entry
    knows ("**Real** Madrid", "Paris **Saint-Germain**", "**Atletico** Madrid"): a
    capitalised, not all-capitals word right before or after it that nothing matched."""
    def name_word(i: int) -> bool:
        return 0 <= i < len(toks) and i not in covered and toks[i].is_title and \
            not toks[i].text.isupper() and toks[i].key not in _NO_NAME_WORDS
    return name_word(m.start - 1) or name_word(m.end)


#: capitalised at the start of a sentence, but no part of a name: "**Both** Damascus and …"
_NO_NAME_WORDS = _DETERMINERS | frozenset({
    "both", "either", "neither", "all", "only", "even", "also", "and", "but", "or", "while",
    "when", "as", "if", "in", "on", "at", "for", "from", "with", "by", "to", "of", "after",
    "before", "since", "then", "now", "meanwhile", "yet", "so", "this", "these", "those"})


#: Words of address before a surname: no given names ("Mr al-Assad", "Sheikh Tamim").
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady",
                         "sheikh", "shaikh", "prince", "princess", "king", "queen", "emir",
                         "gen", "general", "col", "colonel", "maj", "major", "capt", "captain",
                         "lt", "adm", "admiral", "sgt", "rev", "father", "imam", "ayatollah",
                         "president", "premier", "chancellor", "minister", "senator", "sen",
                         "rep", "gov", "governor", "mayor", "judge", "justice", "prof",
                         "professor", "crown"})
#: Particles inside Arabic and European names ("Nasr al-Hariri", "van der Bellen", "De Mistura").
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "ul", "ad", "ash", "as",
                             "an", "ar", "at", "az", "van", "von", "de", "der", "den", "da",
                             "di", "du", "la", "le"})
#: Words after a nationality that make it a sponsor, not the actor's own country
#: ("Iranian-backed Hezbollah", "Saudi-led coalition").
_SPONSOR_WORDS = frozenset({"backed", "led", "based", "funded", "supported", "sponsored",
                            "allied", "aligned", "armed", "trained", "controlled", "held"})

#: Of those, the words that make the nationality another party, one that backs the actor ("US-backed
#: Kurdish fighters" are not American), unlike "led", "based", "controlled", "held", which name
#: the actor's own country ("the US-led coalition").
_BACKER_WORDS = frozenset({"backed", "funded", "supported", "sponsored", "allied", "aligned",
                           "armed", "trained", "financed", "equipped"})


#: Words after an organisation's name that make it another party when another body is named
#: after them ("the al-Qaida-inspired Hayat Tahrir al-Sham" is not al-Qaida); alone, the
#: actor stays the organisation's ("Isis-linked fighters" are counted as Isis's), unless it
#: backs them ("Hezbollah-backed militias": :data:`_BACKER_WORDS`)
_TIED_WORDS = frozenset({"inspired", "linked", "affiliated", "style", "loyal"})

#: Nouns that a country's name before them makes someone else's: "the US proxy", "a US
#: ally" are not the US (a nationality adjective may be their own: "Kurdish partners").
_PATRONS_OF = frozenset({"ally", "proxy", "client", "partner", "satellite", "surrogate"})


class ActorResolver:
    """Resolve mentions against the bundled actor knowledge.

    ``knowledge`` and ``gazetteer`` may be passed in (tests use small ones); by
    default the bundled data are loaded once, on first use.
    """

    def __init__(self, knowledge: Knowledge | None = None,
                 gazetteer: Gazetteer | None = None) -> None:
        self._kb = knowledge
        self._gaz = gazetteer
        self._countries_cache: dict[str, list[str]] = {}
        self._offices: dict[str, list[tuple[kn.Person, kn.Term]]] | None = None

    @property
    def kb(self) -> Knowledge:
        if self._kb is None:
            self._kb = kn.load()
        return self._kb

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return self._gaz

    # -- public API ---------------------------------------------------------------------
    def resolve(self, text: str, *, date: dt.date | None = None, context: str | None = None,
                memory: ArticleMemory | None = None,
                background: str | None = None, prefer: Sequence[str] = ()) -> Actor | None:
        """The actor a mention refers to, or None when nothing in it is known.

        ``context``: text around the mention, trusted for any bare role ("Defense Minister" +
        "German"). ``background``: what a whole story is about, used only for a country's
        institutions ("the regime", "the army"), never for people ("the minister").
        ``prefer``: countries the story names, to choose between places of the same name
        ("militias in Tripoli" in a story about Lebanon).
        """
        day = date or dt.date.today()
        toks = kn.tokens(text)
        if not toks:
            return None
        other = self._other_named(toks, memory)
        if other is not None:
            return dataclasses.replace(other[0], text=text) if other[0] else None
        matches = self._match(toks, memory, day)
        parts = self._parts(toks, matches, day, memory, context, prefer)
        if context is None and background is not None and parts.strong and \
                self._names_institution(tuple(t.key for t in toks)):
            context = background  # "the regime", "government troops"
        actor = self._combine(text, parts, day, context, memory, prefer)
        if actor is not None and actor.kind == "agent" and actor.country is None:
            return self._working_for(text, toks, actor, day, memory) or actor
        return actor

    def _working_for(self, text: str, toks: list[Token], role: Actor, day: dt.date,
                     memory: ArticleMemory | None) -> Actor | None:
        """A bare role "for" an organisation or a person ("a spokesman for the Pentagon",
        "chief negotiator for the Syrian Negotiations Commission", "a spokesman for
        Erdoğan"): the role in that body's country and sector. Not "for" a country ("the
        envoy for Syria" is no Syrian)."""
        at = next((i for i, t in enumerate(toks) if t.key == "for"), None)
        if at is None or at == 0 or at + 1 >= len(toks):
            return None
        body = self.resolve(" ".join(t.text for t in toks[at + 1:]), date=day, memory=memory)
        if body is None or body.country is None and body.sector is None or not (
                body.kind in ("organization", "group", "igo", "person") or
                body.kind == "country" and body.sector is not None):  # "the Pentagon"
            return None
        return dataclasses.replace(
            role, text=text, country=body.country, sector=body.sector or role.sector,
            evidence=f"{role.evidence}; working for {body.text!r} ({body.evidence})")

    def _other_named(self, toks: list[Token], memory: ArticleMemory | None
                     ) -> tuple[Actor | None] | None:
        """A bare surname (with a title or not) of someone the article named in full whom the
        actor data do not know, while it named no known person of that surname: that person
        (``(actor,)``, ``(None,)`` when undescribed), else None."""
        if memory is None or not memory.others:
            return None
        keys = [t.key for t in toks if t.key not in _TITLES]
        if len(keys) != 1 or keys[0] not in memory.others:
            return None
        if any(keys[0] == kn.tokens(self.kb.people[p].name)[-1].key for p in memory.people
               if p in self.kb.people):
            return None  # the article named a known person of that surname too
        return (memory.others[keys[0]],)

    def _names_institution(self, keys: tuple[str, ...]) -> bool:
        """Whether a mention's words hold a phrase for a country's institutions."""
        return any(keys[i:i + n] in self.kb.institutions
                   for n in range(1, min(4, len(keys)) + 1) for i in range(len(keys) - n + 1))

    def countries_in(self, text: str) -> list[str]:
        """Country codes named in a text, in order (for context and disambiguation)."""
        cached = self._countries_cache.get(text)
        if cached is None:
            cached = self._countries_in(text)
            if len(self._countries_cache) > 4096:
                self._countries_cache.clear()
            self._countries_cache[text] = cached
        return list(cached)

    def _countries_in(self, text: str) -> list[str]:
        return list(dict.fromkeys(self.country_mentions(text)))

    def country_mentions(self, text: str, people: bool = False) -> list[str]:
        """The country of every country-ish mention in a text, in order, repeats kept (how
        often an article names a country says what it is about); with ``people``, also of
        every person named whose country is clear ("Putin spoke to Erdogan"). An armed
        group that fights in several states names each of them, not only the one it is coded
        to, which is where it began (Isis, coded Iraqi, names Iraq and Syria: a story from
        Syria that names it often is not set in Iraq)."""
        return self.story_mentions(text, people)[0]

    def story_mentions(self, text: str, people: bool = False) -> tuple[list[str], bool]:
        """:meth:`country_mentions` of a text, and whether it names an armed group the actor
        data know ("Isis", "the Taliban", "Hezbollah": a story of a war, whether or not it
        tells a battle), read in one pass."""
        orgs = self.kb.organizations
        out: list[str] = []
        armed = False
        for m in self._match(kn.tokens(text), None, dt.date.today()):
            armed = armed or any(e.kind == "org" and orgs[e.ref].kind == ARMED_GROUP
                                 for e in m.entries)
            homes = {self.kb.people[e.ref].country for e in m.entries
                     if e.kind == "person" or e.kind == "surname" and
                     not self.kb.people[e.ref].legislator_only} if people else set()
            for e in m.entries:
                codes = [e.ref] if e.kind in _COUNTRYISH else []
                if e.kind == "org":
                    org = orgs[e.ref]
                    codes = list(org.operates) or ([org.country] if org.country else [])
                elif e.kind in ("person", "surname") and len(homes) == 1:
                    codes = [next(iter(homes))]
                codes = [c for c in codes if c and c not in kn.IGO_CODES]
                if codes:
                    out.extend(codes)
                    break
        return out, armed

    # -- matching -----------------------------------------------------------------------
    def _allowed(self, entry: Entry, span: Sequence[Token], all_upper: bool) -> bool:
        if entry.acronym and not (span[0].is_upper or all_upper or (
                # house styles write acronyms said as words in title case: "Nato", "Isis"
                len(span) == 1 and span[0].is_title and len(span[0].text) >= MIN_WORD_ACRONYM)):
            return False
        if entry.kind == "surname":
            return span[0].is_title and (not span[0].is_upper or all_upper)
        return True

    def _match(self, toks: list[Token], memory: ArticleMemory | None,
               day: dt.date) -> list[Match]:
        all_upper = all(t.is_upper for t in toks if t.text.isalpha())
        keys = tuple(t.key for t in toks)
        index, longest = self.kb.index, self.kb.longest
        out: list[Match] = []
        i = 0
        while i < len(toks):
            found = None
            for n in range(min(longest.get(keys[i], 0), len(toks) - i), 0, -1):
                bucket = index.get(keys[i:i + n])
                if not bucket:
                    continue
                span = toks[i:i + n]
                entries = tuple(e for e in bucket if self._allowed(e, span, all_upper))
                if entries:
                    found = Match(i, i + n, entries, " ".join(t.text for t in span))
                    break
            if found:
                if not (i and keys[i - 1] in AGAINST_PREFIXES):
                    out.append(found)  # not "anti-Isis forces": those fighting Isis
                i = found.end
            else:
                i += 1
        return self._whole_names(toks, out)

    def _whole_names(self, toks: list[Token], matches: list[Match]) -> list[Match]:
        """Drop person readings that are only part of a longer name ("Juan Carlos Jobet",
        "Nasr al-Hariri" is no Saad Hariri; "Saad al-Hariri" is), and a one-word country that
        opens a mention and is followed by a name nothing else matches: a first name ("Jordan
        Peterson", "Israel Katz")."""
        covered = {i for m in matches for i in range(m.start, m.end)}

        def bare_name(i: int) -> bool:
            return 0 <= i < len(toks) and i not in covered and toks[i].is_title \
                and toks[i].key not in _DETERMINERS and toks[i].key not in _HONORIFICS

        def given_name_of(i: int, m: Match) -> bool:  # "Saad" of "Saad al-Hariri"
            people = (self.kb.people.get(e.ref) for e in m.entries
                      if e.kind in ("person", "surname"))
            return any(p is not None and kn.tokens(p.name)[0].key == toks[i].key
                       for p in people)

        def before(i: int) -> int:  # "Nasr [al-]Hariri": the given name before a particle
            while 0 <= i < len(toks) and i not in covered and toks[i].key in _NAME_PARTICLES:
                i -= 1
            return i

        out = []
        for m in matches:
            if m.start == 0 and m.end == 1 and len(toks) == 2 and bare_name(1) and \
                    m.kinds() & {"country", "capital"}:
                continue  # a first name, not the country
            given = before(m.start - 1)
            if m.kinds() & {"person", "surname"} and (
                    bare_name(given) and not given_name_of(given, m) or bare_name(m.end)):
                rest = tuple(e for e in m.entries if e.kind not in ("person", "surname"))
                if not rest:
                    continue
                m = dataclasses.replace(m, entries=rest)
            out.append(m)
        return out

    # -- reading the matches ------------------------------------------------------------
    def _parts(self, toks: list[Token], matches: list[Match], day: dt.date,
               memory: ArticleMemory | None, context: str | None,
               prefer: Sequence[str] = ()) -> _Parts:
        covered = {i for m in matches for i in range(m.start, m.end)}
        hard = next((i for i, t in enumerate(toks) if i > 0 and i not in covered
                     and t.key in HARD_BOUNDARY and toks[i - 1].key not in _QUANTITY_LEAD),
                    len(toks))
        soft = next((i for i, t in enumerate(toks) if 0 < i < hard and i not in covered
                     and t.key in SOFT_BOUNDARY), hard)
        parts = _Parts()
        context_countries = self.countries_in(context) if context else []
        for m in matches:
            if m.start >= hard:
                continue
            in_core = m.start < soft
            for kind in ("person", "surname"):
                if kind == "surname" and m.first("demonym") and (
                        any(kn.fold(t.text).lower() != t.key for t in toks[m.start:m.end])
                        or not (memory is not None and any(
                            e.kind == "surname" and e.ref in memory.people for e in m.entries))):
                    continue  # "the Turks" are Turkey's people, not UN commissioner Türk
                    # (who "Türk" is once the article has named him)
                if in_core and parts.person is None and m.first(kind):
                    person = self._pick_person(m, kind, day, memory)
                    if person:
                        parts.person = (person, m)
                    elif kind == "surname":
                        named = [self.kb.people[e.ref] for e in m.entries
                                 if e.kind == "surname"]
                        homes = {p.country for p in named}
                        # "President Bush": which one is unclear, not where; a legislator's
                        # surname may make it unclear, never tell it alone ("Paul")
                        if len(homes) == 1 and not all(p.legislator_only for p in named):
                            parts.surname_country = (homes.pop(), m)
                            parts.surname_sectors = frozenset(
                                t.sector for p in named for t in p.terms if t.sector)
            org_entries = [e for e in m.entries if e.kind == "org"]
            tied = bool(org_entries) and m.end < len(toks) and (
                toks[m.end].key in _BACKER_WORDS or toks[m.end].key in _TIED_WORDS and any(
                    o.start > m.end and o.first("org") for o in matches))
            if tied:
                parts.notes.append(f"{m.text!r} is what it is tied to ({toks[m.end].text!r}): "
                                   f"not itself")
            elif org_entries:
                want = [c for c, _, _ in parts.countries] + context_countries
                # "ministers from the Group of Seven": after "from/in" only if nothing before
                (parts.orgs if in_core else parts.tail_orgs).append(
                    (self._pick_org(org_entries, want), m))
            country_entry = m.first(*_COUNTRYISH)
            if country_entry and country_entry.kind == "country" and m.end < len(toks) and \
                    toks[m.end].key in _PATRONS_OF:
                # "the US proxy", "a US ally": whose proxy or ally, not its country
                parts.notes.append(f"{country_entry.ref} is whose {toks[m.end].text} it is: "
                                   f"not its country")
                parts.backers.append(country_entry.ref)
            elif country_entry and m.end < len(toks) and toks[m.end].key in _BACKER_WORDS:
                # "US-backed Kurdish fighters" are not American: the US backs them
                parts.notes.append(f"{country_entry.ref} backs it ({toks[m.end].text!r}): "
                                   f"not its country")
                parts.backers.append(country_entry.ref)
            elif country_entry and country_entry.kind in ("capital", "seat") and \
                    _named_after(toks, m, covered):
                # "Real Madrid", "Paris Saint-Germain": a club or firm named for the city
                parts.notes.append(f"{m.text!r} is part of a longer name: not its country")
            elif country_entry:
                if country_entry.sector and m.end < len(toks) and \
                        toks[m.end].key in _SPONSOR_WORDS:
                    # "a London-based monitoring group": London's country, not its government
                    country_entry = dataclasses.replace(country_entry, sector=None)
                target = parts.countries if in_core else parts.tail_countries
                target.append((country_entry.ref, m, country_entry))
            if in_core and parts.people is None and (people := m.first("people")):
                parts.people = (people.ref, m)
            if in_core:
                for e in m.entries:
                    if e.kind == "strong":
                        parts.strong.append((e.ref, m))
                    elif e.kind == "weak":
                        parts.weak.append((e.ref, m))
                    elif e.kind == "override":
                        parts.override = e.ref
        if parts.countries:
            parts.between = [t.key for t in toks[parts.countries[0][1].end:]]
        if not (parts.person or parts.orgs or parts.countries) and parts.tail_orgs and \
                parts.tail_orgs[0][0].kind in ("igo", "grouping"):
            parts.orgs = parts.tail_orgs[:1]
        if not (parts.person or parts.orgs or parts.countries):
            parts.place = self._city(toks[:soft], covered, context_countries or list(prefer))
            if parts.place is None and not parts.tail_countries and soft < hard and \
                    toks[soft].key != "from":
                parts.whereabouts = self._city(toks[soft + 1:hard], set(), context_countries or
                                               list(prefer), alternates=True)
        core_end = max((i for i in range(soft) if toks[i].key not in _DETERMINERS), default=-1)
        parts.head_is_agent = core_end >= 0 and (toks[core_end].is_title or any(
            m.start <= core_end < m.end and m.kinds() & {"strong", "weak", "override"}
            for m in matches))
        parts.unknown_name = any(
            t.is_title and i not in covered and t.key not in _DETERMINERS and i > 0
            for i, t in enumerate(toks[:soft]))
        return parts

    def _pick_person(self, m: Match, kind: str, day: dt.date,
                     memory: ArticleMemory | None) -> kn.Person | None:
        people = [self.kb.people[e.ref] for e in m.entries if e.kind == kind]
        if not people:
            return None
        if memory is not None:
            seen = [p for p in people if p.id in memory.people]
            if seen:
                return seen[-1]
        if kind == "person":
            active = [p for p in people if p.active_on(day)]
            return (active or people)[0]
        # a bare surname: only when exactly one holder of the name is in office on the date
        # (a legislator's seat is no such office: :attr:`kn.Person.legislator_only`)
        active = [p for p in people if p.in_office_by_surname(day)]
        return active[0] if len(active) == 1 else None

    def _pick_org(self, entries: list[Entry], want: list[str]) -> kn.Organization:
        orgs = [self.kb.organizations[e.ref] for e in entries]
        for code in want:
            for org in orgs:
                if org.country == code:
                    return org
        return orgs[0]

    def _city(self, toks: list[Token], covered: set[int], prefer: list[str],
              alternates: bool = False) -> tuple[str, str] | None:
        words = [t for i, t in enumerate(toks) if i not in covered and t.key not in _DETERMINERS]
        names = [t for t in words if t.is_title]
        if not names or len(names) > 4:
            return None
        # the whole capitalised name must be a place: "Ho" in "Harry Ho-jen Tseng" is not
        place = self.gazetteer.lookup(" ".join(t.text for t in names), prefer, alternates)
        if place and place.country:
            return place.country, place.name
        return None

    @staticmethod
    def _named_country_first(parts: _Parts) -> bool:
        """A nationality before a national organisation of another country names the actor:
        "the Serbian Labour Minister" is Serbia's minister, not the British party's."""
        if not parts.countries or not parts.orgs:
            return False
        org, m = parts.orgs[0]
        code, cm, _ = parts.countries[0]
        return org.country not in kn.IGO_CODES and org.country is not None and \
            code != org.country and cm.end <= m.start and \
            not _SPONSOR_WORDS & set(parts.between[:m.start - cm.end])

    def _named_earlier(self, text: str, day: dt.date, memory: ArticleMemory
                       ) -> tuple[kn.Person, kn.Term] | None:
        """The person of the article, latest first, whose office on ``day`` the bare role
        ``text`` names: every word of it ("the foreign minister", "the president") is a word
        of the office ("foreign minister", "president")."""
        words = {t.key for t in kn.tokens(text)} - _DETERMINERS
        if not words:
            return None
        for ident in reversed(memory.people):
            person = self.kb.people.get(ident)
            if person is None:
                continue
            for term in person.terms:
                if term.covers(day) and words <= set(term.role.lower().split()):
                    return person, term
        return None

    def _sole_holder(self, text: str, day: dt.date) -> tuple[kn.Person, kn.Term] | None:
        """The one person whose office on ``day`` the bare role ``text`` names, when the actor
        data know that office in one state only ("the defence secretary", "the foreign
        secretary": Britain's; not "the prime minister", an office of many states)."""
        words = {t.key for t in kn.tokens(text)} - _DETERMINERS
        if len(words) < 2:
            return None  # "the secretary", "the minister": too bare to tell the office
        if self._offices is None:  # every office by its lower-case name, with its terms
            self._offices = {}
            for person in self.kb.people.values():
                for term in person.terms:
                    self._offices.setdefault(term.role.lower(), []).append((person, term))
        held = [h for role, hs in self._offices.items() if words <= set(role.split()) for h in hs]
        now = [(person, term) for person, term in held if term.covers(day)]
        if len(now) != 1 or len({person.country for person, _ in held}) != 1:
            return None
        return now[0]

    # -- combining ----------------------------------------------------------------------
    def _home(self, people: tuple[str, Match], context: str | None, prefer: Sequence[str],
              evidence: list[str]) -> str | None:
        """The home state of a people the mention names: its only one, or the first of
        its homes the story names ("Kurdish fighters" in a story on Syria), else None."""
        name, m = people
        homes = self.kb.peoples.get(name, ())
        named = [c for c in [*(self.countries_in(context) if context else ()), *prefer]
                 if c in homes]
        if not named and len(homes) != 1:
            evidence.append(f"people {m.text!r}: none of its homes {'/'.join(homes)} named")
            return None
        home = named[0] if named else homes[0]
        evidence.append(f"people {m.text!r} of {'/'.join(homes)}: {home}" +
                        (" named in the story" if named else ""))
        return home

    def _combine(self, text: str, parts: _Parts, day: dt.date, context: str | None,
                 memory: ArticleMemory | None, prefer: Sequence[str] = ()) -> Actor | None:
        evidence: list[str] = []
        country: str | None = None
        sector: str | None = None
        kind = "agent"
        name: str | None = None
        ident: str | None = None
        members: tuple[str, ...] = ()
        last_strong = parts.strong[-1] if parts.strong else None

        if parts.person:
            person, m = parts.person
            if memory is not None and m.first("person"):
                memory.remember(person.id)
            country, kind, name, ident = person.country, "person", person.name, person.id
            sector, term = person.sector_on(day)
            when = f"{term.role} {term.start}..{term.end or ''}" if term else "no role on date"
            evidence.append(f"person {person.name!r} ({when})")
        elif parts.orgs and not self._named_country_first(parts):
            org, m = parts.orgs[0]
            country, name, ident, members = org.country, org.name, org.id, org.members
            kind = "igo" if org.country in kn.IGO_CODES else (
                "group" if org.kind in ("armed_group", "grouping") else "organization")
            sector = org.sector_on(day)
            evidence.append(f"organization {org.id}")
            if last_strong and (org.country in kn.IGO_CODES or sector is None) and (
                    last_strong[1].start >= m.end or org.kind in ("igo", "grouping")):
                # "EU legislators", "foreign ministers from the Group of Seven"
                sector = last_strong[0]
                evidence.append(f"sector word {last_strong[1].text!r}")
        if country is None and parts.surname_country and not parts.orgs and (
                parts.strong or parts.weak) and not (
                parts.countries and parts.countries[0][0] != parts.surname_country[0]) and not (
                parts.strong and parts.strong[-1][0] not in parts.surname_sectors):
            # a title makes the bare name a person -- unless a nationality says otherwise
            # ("Serbian Defence Minister Doe" is no Liberian namesake) or the title is of
            # another walk of life than any role they held ("Senator Graham" is no namesake
            # of a Canadian minister)
            country, m = parts.surname_country
            kind, name = "person", None
            evidence.append(f"surname {m.text!r}: several people, all of {country}")
        if country is None and kind not in ("person", "organization", "group", "igo"):
            pool = parts.countries or parts.tail_countries
            if pool:
                country, m, entry = pool[0]
                kind = "country"
                name = self.kb.countries[country].name if country in self.kb.countries else None
                ident = country
                evidence.append(f"{entry.kind} {m.text!r}")
            elif parts.place:
                country, place_name = parts.place
                kind, name = "place", place_name
                evidence.append(f"place {place_name!r} (gazetteer)")
        if sector is None and kind not in ("person",):
            if last_strong:
                sector = last_strong[0]
                evidence.append(f"sector word {last_strong[1].text!r}")
            elif parts.countries and parts.countries[0][2].sector and len(parts.countries) == 1:
                sector = parts.countries[0][2].sector
                evidence.append(f"{parts.countries[0][2].kind} stands for its government")
            elif parts.weak:
                sector = parts.weak[-1][0]
                evidence.append(f"role word {parts.weak[-1][1].text!r}")
            elif kind == "place":
                sector = "CVL"
        if parts.override and (sector or country):
            sector = parts.override
            evidence.append("former office holder")
        if country is None and kind == "agent" and parts.people:
            country = self._home(parts.people, context, prefer, evidence)
            name = parts.people[0]  # the coder may move them to the event's place
            if sector is None and country is not None:  # "the Kurds", "Yazidis"
                kind = "people"
        if country is None and kind == "agent" and sector in CONTEXT_SECTORS and \
                parts.whereabouts:  # "police in Istanbul", "rebels in Daraa" (not tourists)
            country, place_name = parts.whereabouts
            evidence.append(f"where it is: {place_name!r} (gazetteer)")
        if country is None and kind == "agent" and sector is not None and memory is not None \
                and not parts.unknown_name and not parts.countries and not parts.people:
            earlier = self._named_earlier(text, day, memory)
            if earlier is not None:  # "The foreign minister" after "Jean-Yves Le Drian"
                person, term = earlier
                country, kind, name, ident = person.country, "person", person.name, person.id
                sector = term.sector
                evidence.append(f"the {term.role} named earlier in the article "
                                f"({person.name!r})")
            elif (sole := self._sole_holder(text, day)) is not None:
                person, term = sole  # "the defence secretary": an office of one state only
                country, kind, name, ident = person.country, "person", person.name, person.id
                sector = term.sector
                evidence.append(f"the only {term.role} in office on {day} ({person.name!r})")
        if country is None and sector in CONTEXT_SECTORS and context and kind == "agent" \
                and not parts.unknown_name and not parts.people:
            # the story's country, but never the one the words say backs the actor
            ctx = [c for c in self.countries_in(context) if c not in parts.backers]
            if ctx:
                country = ctx[0]
                evidence.append(f"{CONTEXT_EVIDENCE} {country}")
        if country is None and sector is None and kind != "organization":
            return None
        if kind == "agent" and (sector is None or not parts.head_is_agent):
            return None  # "a military offensive" names no actor; "military officers" does
        evidence += parts.notes
        return Actor(text=text.strip(), name=name, country=country, sector=sector, kind=kind,
                     id=ident, members=members, evidence="; ".join(evidence))
