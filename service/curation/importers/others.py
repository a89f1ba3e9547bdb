"""The names of every CLDR territory and time-zone city the store does not hold, for aliases/others/
(service/store/others.py).

A query naming Estonia, Kuwait or South Korea in any language is then answered unmatched, with the reason,
instead of meeting Astana, Qatar's code or North Korea by sound; and so is one naming a city CLDR names for its
time zones (Muscat, Maskat, Маскат, which met Moscow; Lusaka, which met Latakia). Left out, and listed: a text CLDR
also gives to a territory the store holds (its entities' `cldr` ids), a text that normalizes like a store alias,
and every name of a city one of whose names is a store alias (Asia/Damascus: Şam is Damascus). World regions
(numeric codes) and groupings that are not territories (EU, UN ...) are not read, and only the locales of
LANGUAGES.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from service.curation.importers.cldr import territory_bearers
from service.curation.importers.merge import name_keys, require_module
from service.match.normalize import normalize
from service.store.model import Entity

NOT_TERRITORIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
# the languages read: those of international news and the major written languages of every region (about 90 of
# babel's 1,100 locales' languages; the rest would triple the file for names few pipelines meet)
LANGUAGES = frozenset("""
en ar fr es ru de zh pt tr fa he it ja hi ur id ko nl pl uk ga el sv cs ro hu fi da nb nn no bg sr hr bs az kk uz
ms vi th bn ta ka hy ku ps sq lt lv et sk sl ca eu gl cy sw am mn tg ky tk mk be is mt af tl fil ckb sd pa gu mr te
kn ml si ne my km lo so ha yo ig zu xh
""".split())
OTHERS_FILE = "cldr-territories.csv"
CITIES_FILE = "cldr-cities.csv"
NOT_CITIES = ("Etc/",)  # Etc/Unknown: "Unknown City" in every language, no place


def _version() -> str:
    babel = require_module("babel")
    from babel.core import get_cldr_version

    return f"babel {babel.__version__}; CLDR {get_cldr_version()}"


def _locales() -> Iterable[Any]:
    """The babel locales of LANGUAGES, the language's own first, then its regional ones."""
    babel = require_module("babel")
    from babel.localedata import locale_identifiers

    for ident in sorted(locale_identifiers(), key=lambda i: (i.count("_"), i)):
        try:
            locale = babel.Locale.parse(ident)
        except (ValueError, babel.UnknownLocaleError):
            continue
        if locale.language in LANGUAGES:
            yield ident, locale


def cldr_others(entities: Iterable[Entity]) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    """(rows of text, names, lang, source; left-out reasons), one row per distinct normalized text."""
    babel = require_module("babel")

    entities = [e for e in entities if not e.redirect]
    held = {e.external_ids["cldr"].upper() for e in entities if e.external_ids.get("cldr")} | NOT_TERRITORIES
    store_names = {normalize(a.text): e.id for e in entities for a in e.all_aliases()}
    english = babel.Locale("en").territories
    bearers = territory_bearers()
    version = _version()
    rows: dict[str, tuple[str, str, str, str]] = {}
    left_out: dict[str, str] = {}
    for ident, locale in _locales():
        try:
            territories = locale.territories
        except (ValueError, babel.UnknownLocaleError):
            continue
        for code, text in sorted(territories.items()):
            if not code.isalpha() or code in held or not text:
                continue
            norm = normalize(text)
            if not norm or norm in rows or norm in left_out:
                continue
            codes = sorted(set().union(*(bearers.get(k, frozenset()) for k in name_keys(text))) | {code})
            if held & set(codes):
                shared = ", ".join(sorted(held & set(codes)))
                left_out[norm] = f"{text!r} ({ident}, {code}): CLDR also gives it to {shared}"
                continue
            if norm in store_names:
                left_out[norm] = f"{text!r} ({ident}, {code}): a name of {store_names[norm]} in the store"
                continue
            names = "; ".join(f"{english.get(c, c)} ({c})" for c in codes)
            rows[norm] = (text, names, locale.language, f"cldr:{code} ({version})")
    return sorted(rows.values(), key=lambda r: (r[1], r[0])), sorted(left_out.values())


def cldr_city_others(entities: Iterable[Entity], territories: Iterable[tuple[str, str, str, str]] = (),
                     ) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    """(rows of text, names, lang, source; left-out reasons) for the cities CLDR names for its time zones (each
    zone's exemplar city in every locale of LANGUAGES, and in English the zone's own last part): one row per
    distinct normalized text not already among `territories` (cldr_others' rows)."""
    babel = require_module("babel")
    from babel.core import get_global

    entities = [e for e in entities if not e.redirect]
    held = {e.external_ids["cldr"].upper() for e in entities if e.external_ids.get("cldr")}
    store_names = {normalize(a.text): e.id for e in entities for a in e.all_aliases()}
    taken = {normalize(text) for text, *_ in territories}
    bearers = territory_bearers()
    english = babel.Locale("en").territories
    zone_territory = get_global("zone_territories")
    texts: dict[str, list[tuple[str, str]]] = {}  # zone -> (text, language), in locale order
    for zone in sorted(zone_territory):
        if not zone.startswith(NOT_CITIES):
            texts[zone] = [(zone.rsplit("/", 1)[-1].replace("_", " "), "en")]
    for _, locale in _locales():
        for zone, names in locale.time_zones.items():
            city = names.get("city") if zone in texts else None
            if isinstance(city, str) and city.strip():
                texts[zone].append((city.strip(), locale.language))
    version = _version()
    rows: dict[str, tuple[str, str, str, str]] = {}
    left_out: dict[str, str] = {}
    for zone, written in texts.items():
        in_store = sorted({store_names[n] for n in (normalize(t) for t, _ in written) if n in store_names})
        if in_store:
            left_out[zone] = f"{zone}: one of its names is a name of {', '.join(in_store)} in the store"
            continue
        code = zone_territory.get(zone, "")
        city = written[0][0]
        names = f"{city}, {english.get(code, code)} ({zone})" if code else f"{city} ({zone})"
        for text, lang in written:
            norm = normalize(text)
            if not norm or norm in rows or norm in taken or norm in left_out:
                continue
            shared = held & set().union(*(bearers.get(k, frozenset()) for k in name_keys(text)))
            if shared:
                left_out[norm] = f"{text!r} ({lang}, {zone}): CLDR also gives it to {', '.join(sorted(shared))}"
                continue
            rows[norm] = (text, names, lang, f"cldr:{zone} ({version})")
    return sorted(rows.values(), key=lambda r: (r[1], r[0])), sorted(left_out.values())
