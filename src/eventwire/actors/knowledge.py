"""Actor knowledge: the bundled actor data, validated and indexed for phrase look-up.

Sources (all under ``eventwire/data/actors/``, documented in docs/actors.md):

- ``countries.yaml``  names, adjectives, demonyms, capitals and seats of power (plus
  pycountry's official names);
- ``regions.yaml``    sub-national and breakaway entities;
- ``peoples.yaml``    peoples of several states or none, with their home states;
- ``organizations.yaml``  IGOs and groupings (with members), armed groups, parties,
  agencies, media;
- ``people/*.csv``    people with time-bounded roles;
- ``agents.yaml``     the sector vocabulary.

Everything is folded to lowercase ASCII tokens (see :func:`tokens`) and put in one
phrase index: ``tuple of tokens -> [Entry]``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence

import pycountry

from .. import resources
from ..errors import DataError

#: The sector codes eventwire knows (CAMEO / PLOVER agent codes).
SECTORS = frozenset(
    "GOV MIL REB OPP PTY LEG JUD COP SPY MED EDU BUS CVL LAB AGR REL HLH NGO CRM UAF PRM "
    "REF IGO PRE ELI UNK".split()
)
#: Country-field codes for intergovernmental actors, beside ISO 3166 alpha-3.
IGO_CODES = frozenset({"IGO", "UNO", "EUR"})

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|'s\b|\w+(?:'(?!s\b)\w+)*\.?|&")
_ABBREV_DOT = frozenset({"gen.", "lt.", "col.", "maj.", "sen.", "rep.", "dr.", "st.", "mr.",
                         "mrs."})


def fold(text: str) -> str:
    """Strip diacritics and unify apostrophes and dashes (``Khürelsükh`` -> ``Khurelsukh``)."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclasses.dataclass(frozen=True)
class Token:
    """A word of a mention: its folded lowercase key, original form and offsets."""

    key: str
    text: str
    start: int
    end: int

    @property
    def is_upper(self) -> bool:
        return self.text.isupper()

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str) -> list[Token]:
    """Split a mention into word tokens; punctuation other than ``'s`` is dropped.

    A trailing dot is kept only for known abbreviations ("Gen.", "Sen.") and
    dotted acronyms ("U.S.").
    """
    return list(_tokens(text))


@functools.lru_cache(maxsize=1 << 13)
def _tokens(text: str) -> tuple[Token, ...]:
    """:func:`tokens`, kept for the mentions read again (one text is resolved about twice
    per article: as a side, and when the sentence's countries are counted)."""
    folded = fold(text)
    out: list[Token] = []
    for m in _TOKEN.finditer(folded):
        word = m.group()
        end = m.end()
        if word.endswith(".") and word.count(".") == 1 and word.lower() not in _ABBREV_DOT:
            word, end = word[:-1], end - 1
        key = word.lower() if word.isupper() else _singular(word.lower())  # "PRCS" is no plural
        out.append(Token(key, word, m.start(), end))
    return tuple(out)


_IRREGULAR = {"men": "man", "women": "woman", "people": "people", "children": "child",
              "servicemen": "serviceman", "policemen": "policeman", "gunmen": "gunman",
              "congressmen": "congressman", "militiamen": "militiaman", "clergymen": "clergyman",
              "spokesmen": "spokesman", "businessmen": "businessman", "chairmen": "chairman",
              "families": "family", "forces": "force", "police": "police", "media": "media",
              "news": "news", "armed forces": "armed forces", "affairs": "affairs"}
_KEEP_S = ("ss", "us", "is", "ics", "os", "as")


def _singular(word: str) -> str:
    """A light plural folding for matching (not a lemmatiser)."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("men") and len(word) > 5:
        return word[:-3] + "man"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and "." not in word and (
            not word.endswith(_KEEP_S) or word.endswith("ias") and word not in ("bias", "alias")):
        return word[:-1]  # "fighters", "militias" (not "Hamas", "Abbas", "bias")
    return word


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokens(text))


def _is_acronym(text: str) -> bool:
    """Acronyms ("US", "PAN", "IS") must match in capitals, so "us" and "pan" do not."""
    bare = text.replace(".", "")
    return bare.isupper() and len(bare) <= 6 and " " not in text


@dataclasses.dataclass(frozen=True)
class Term:
    role: str
    sector: str
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclasses.dataclass(frozen=True)
class Person:
    id: str
    name: str
    country: str
    terms: tuple[Term, ...]

    def sector_on(self, day: dt.date) -> tuple[str | None, Term | None]:
        """The sector on ``day``: the role held then, ELI after office, None before."""
        held = [t for t in self.terms if t.covers(day)]
        if held:
            return held[0].sector, held[0]
        past = [t for t in self.terms if t.end is not None and t.end < day]
        if past:
            return "ELI", max(past, key=lambda t: t.end or t.start)
        return None, None

    def active_on(self, day: dt.date) -> bool:
        return any(t.covers(day) for t in self.terms)

    @property
    def legislator_only(self) -> bool:
        """Whether every office the data give is a legislature's seat (sector LEG):
        legislators are many and their surnames common, so a bare surname names one only
        once the article has named them in full."""
        return all(t.sector == "LEG" for t in self.terms)

    def in_office_by_surname(self, day: dt.date) -> bool:
        """Whether a bare surname may name this person on ``day``: in an office then other
        than a legislature's seat."""
        return any(t.covers(day) and t.sector != "LEG" for t in self.terms)


@dataclasses.dataclass(frozen=True)
class Period:
    sector: str
    start: dt.date | None
    end: dt.date | None


@dataclasses.dataclass(frozen=True)
class Organization:
    id: str
    name: str
    country: str | None
    sector: str | None
    kind: str
    members: tuple[str, ...]
    periods: tuple[Period, ...] = ()
    #: the states an armed group fights in when they are more than its own ("Islamic
    #: State": coded to Iraq, where it began, and fighting in Syria too)
    operates: tuple[str, ...] = ()

    def sector_on(self, day: dt.date) -> str | None:
        for p in self.periods:
            if (p.start is None or p.start <= day) and (p.end is None or day <= p.end):
                return p.sector
        return self.sector


@dataclasses.dataclass(frozen=True)
class Country:
    code: str
    name: str
    capital: str | None
    lat: float | None
    lon: float | None


@dataclasses.dataclass(frozen=True)
class Entry:
    """One meaning of a phrase in the index.

    ``kind``: country, adjective, demonym, capital, seat, region, people, org, person,
    surname, strong, weak, override.
    ``ref``: the country code, organization id, person id, people's name or sector code.
    """

    kind: str
    ref: str
    sector: str | None = None
    acronym: bool = False
    source: str = ""


def _date(value: object, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DataError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _sector(value: object, where: str) -> str | None:
    if value in (None, ""):
        return None
    code = str(value).strip().upper()
    if code not in SECTORS:
        raise DataError(f"{where}: unknown sector code {value!r}; known: {sorted(SECTORS)}")
    return code


def _country_code(value: object, where: str, known: Iterable[str]) -> str | None:
    if value in (None, ""):
        return None
    code = str(value).strip().upper()
    if code not in IGO_CODES and code not in known:
        raise DataError(f"{where}: unknown country code {value!r}")
    return code


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


class Knowledge:
    """The loaded actor data and its phrase index. Build once with :func:`load`."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        self.countries: dict[str, Country] = {}
        self.organizations: dict[str, Organization] = {}
        self.people: dict[str, Person] = {}
        self.peoples: dict[str, tuple[str, ...]] = {}  # a people's name -> its home states
        self.institutions: frozenset[tuple[str, ...]] = frozenset()
        #: each phrase's first word -> the most words a phrase it opens has
        self.longest: dict[str, int] = {}

    # -- building -----------------------------------------------------------------------
    def add(self, phrase: str, entry: Entry) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        if _is_acronym(phrase.strip()):
            entry = dataclasses.replace(entry, acronym=True)
        bucket = self.index[key]
        if entry not in bucket:
            bucket.append(entry)
        self.longest[key[0]] = max(self.longest.get(key[0], 0), len(key))

    def lookup(self, key: Sequence[str]) -> list[Entry]:
        return self.index.get(tuple(key), [])


def _load_countries(kb: Knowledge) -> None:
    data = resources.read_yaml("actors/countries.yaml") or {}
    iso = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    for code, info in data.items():
        where = f"actors/countries.yaml:{code}"
        code = _country_code(code, where, iso)
        if code is None or not isinstance(info, dict) or not info.get("name"):
            raise DataError(f"{where}: each country needs a mapping with at least 'name'")
        capital = info.get("capital")
        kb.countries[code] = Country(code, info["name"], capital, info.get("lat"), info.get("lon"))
        src = f"countries.yaml:{code}"
        names = [info["name"], *(info.get("names") or [])]
        pc = pycountry.countries.get(alpha_3=code)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(pc, attr, None)
                if value and "," not in value:
                    names.append(value)
        for name in names:
            kb.add(name, Entry("country", code, source=src))
        for adj in info.get("adjectives") or []:
            kb.add(adj, Entry("adjective", code, source=src))
        for dem in info.get("demonyms") or []:
            kb.add(dem, Entry("demonym", code, source=src))
        for cap in [capital, *(info.get("capital_aliases") or [])]:
            if cap:
                kb.add(cap, Entry("capital", code, "GOV", source=src))
        for seat, sector in (info.get("seats") or {}).items():
            kb.add(seat, Entry("seat", code, _sector(sector, where), source=src))


def _load_regions(kb: Knowledge) -> None:
    for n, item in enumerate(resources.read_yaml("actors/regions.yaml") or []):
        where = f"actors/regions.yaml entry {n + 1}"
        code = _country_code(item.get("country"), where, kb.countries)
        if code is None:
            raise DataError(f"{where}: 'country' is required")
        sector = _sector(item.get("sector"), where)
        for name in [item["name"], *(item.get("aliases") or [])]:
            kb.add(name, Entry("region", code, sector, source=f"regions.yaml:{item['name']}"))


def _load_peoples(kb: Knowledge) -> None:
    for n, item in enumerate(resources.read_yaml("actors/peoples.yaml") or []):
        where = f"actors/peoples.yaml entry {n + 1}"
        homes = tuple(_country_code(c, where, kb.countries) for c in item.get("homes") or ())
        if not item.get("name") or not homes or None in homes:
            raise DataError(f"{where}: each people needs a 'name' and known 'homes'")
        kb.peoples[item["name"]] = homes  # type: ignore[assignment]
        for name in [item["name"], *(item.get("aliases") or [])]:
            kb.add(name, Entry("people", item["name"], source=f"peoples.yaml:{item['name']}"))


def _load_organizations(kb: Knowledge) -> None:
    for n, item in enumerate(resources.read_yaml("actors/organizations.yaml") or []):
        where = f"actors/organizations.yaml entry {n + 1} ({item.get('id')})"
        if not item.get("id") or not item.get("name"):
            raise DataError(f"{where}: 'id' and 'name' are required")
        periods = tuple(
            Period(_sector(p.get("sector"), where) or "", _date(p.get("start"), where),
                   _date(p.get("end"), where))
            for p in item.get("periods") or []
        )
        org = Organization(
            id=str(item["id"]),
            name=item["name"],
            country=_country_code(item.get("country"), where, kb.countries),
            sector=_sector(item.get("sector"), where),
            kind=str(item.get("kind") or "organization"),
            members=tuple(
                _country_code(m, where, kb.countries) or "" for m in item.get("members") or []
            ),
            periods=periods,
            operates=tuple(
                _country_code(c, where, kb.countries) or "" for c in item.get("operates") or []
            ),
        )
        if org.id in kb.organizations:
            raise DataError(f"{where}: duplicate id {org.id!r}")
        kb.organizations[org.id] = org
        for name in [org.name, *(item.get("aliases") or [])]:
            entry = Entry("org", org.id, org.sector, source=f"organizations.yaml:{org.id}")
            kb.add(str(name), entry)


def _load_people(kb: Knowledge) -> None:
    rows: dict[str, tuple[str, str, list[Term], set[str]]] = {}
    for relpath in resources.list_files("actors/people", ".csv"):
        for n, row in enumerate(resources.read_csv(relpath)):
            where = f"{relpath} row {n + 2}"
            name = (row.get("name") or "").strip()
            start = _date(row.get("start"), where)
            if not name or start is None:
                raise DataError(f"{where}: 'name' and 'start' are required")
            country = _country_code(row.get("country"), where, kb.countries) or ""
            term = Term((row.get("role") or "").strip(), _sector(row.get("sector"), where) or "GOV",
                        start, _date(row.get("end"), where))
            pid = f"person:{_slug(name)}:{country.lower()}"
            aliases = {a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()}
            if pid not in rows:
                rows[pid] = (name, country, [], set())
            rows[pid][2].append(term)
            rows[pid][3].update(aliases)
    for pid, (name, country, terms, aliases) in rows.items():
        person = Person(pid, name, country, tuple(sorted(terms, key=lambda t: t.start)))
        kb.people[pid] = person
        for alias in {name, *aliases}:
            kb.add(alias, Entry("person", pid, source=f"people:{name}"))
            words = [t for t in tokens(alias) if t.key not in _PARTICLES]
            if len(words) < 2 or words[-2].key == "of":
                continue  # "Hussein of Jordan", "Shah of Iran": a realm, not a surname
            if country in _FAMILY_NAME_FIRST:
                if alias == name:  # aliases may be in Western order ("William Lai")
                    kb.add(words[0].text, Entry("surname", pid, source=f"people:{name}"))
            elif alias == name or len(words[-1].text) > _SHORTEST_ALIAS_SURNAME:
                # an alias's short last word is often a fragment of a long name
                # ("Horta Inta-a Na Man"): no surname, lest "men" be the junta's head
                kb.add(words[-1].text, Entry("surname", pid, source=f"people:{name}"))


#: an alias's last word this short or shorter is no surname (the name's own may be: "May")
_SHORTEST_ALIAS_SURNAME = 3
#: Countries whose names are written family name first ("Xi Jinping" -> "Xi").
_FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM"})
_PARTICLES = frozenset({"al", "bin", "ibn", "de", "van", "von", "der", "la", "le", "da", "el"})


def _load_agents(kb: Knowledge) -> None:
    data = resources.read_yaml("actors/agents.yaml") or {}
    kb.institutions = frozenset(phrase_key(str(w)) for w in data.get("institutions") or [])
    for group in ("strong", "weak", "override"):
        for sector, words in (data.get(group) or {}).items():
            code = _sector(sector, f"actors/agents.yaml:{group}")
            for word in words or []:
                kb.add(str(word), Entry(group, code or "", code, source=f"agents.yaml:{group}"))


@functools.cache
def load() -> Knowledge:
    """Load, validate and index all actor data (once per process)."""
    kb = Knowledge()
    _load_countries(kb)
    _load_regions(kb)
    _load_peoples(kb)
    _load_organizations(kb)
    _load_people(kb)
    _load_agents(kb)
    return kb
