"""CLDR names of a territory in every locale babel ships.

CLDR's locales are written by many hands, and a few give one text to two territories (the Ge'ez locale names
North Korea with the words for South Korea; Tongan writes Russia and Saint Lucia alike). Before a name is offered,
every locale's name of every territory is read: a text (compared normalized) that any locale gives to another
territory is left out and listed, never attached to this one.
"""

from __future__ import annotations

from functools import cache

from service.curation.importers.merge import Name, name_keys, require_module
from service.errors import BadRequest


@cache
def territory_bearers() -> dict[str, frozenset[str]]:
    """Every territory name of every CLDR locale, by each of its keys -> the territory codes it names."""
    babel = require_module("babel")
    from babel.localedata import locale_identifiers

    bearers: dict[str, set[str]] = {}
    for ident in locale_identifiers():
        try:
            territories = babel.Locale.parse(ident).territories
        except (ValueError, babel.UnknownLocaleError):
            continue
        for code, text in territories.items():
            if code.isalpha():  # countries and the like; numeric codes are world regions (419: Latin America)
                for key in name_keys(text):
                    bearers.setdefault(key, set()).add(code)
    return {norm: frozenset(codes) for norm, codes in bearers.items()}


def cldr_names(territory: str) -> tuple[list[Name], list[str], str]:
    """(names, left-out reasons, source): the territory's name in every CLDR locale, one entry per distinct text."""
    babel = require_module("babel")
    from babel.core import get_cldr_version, get_global
    from babel.languages import get_official_languages
    from babel.localedata import locale_identifiers

    code = territory.upper()
    if code not in get_global("territory_currencies") and code not in babel.Locale("en").territories:
        raise BadRequest(f"{territory!r} is not a CLDR territory code: use an ISO 3166 code such as SY or TR")
    official = set(get_official_languages(code, de_facto=True))
    bearers = territory_bearers()
    found: dict[str, Name] = {}
    left_out: dict[str, str] = {}
    for ident in sorted(locale_identifiers(), key=lambda i: (i.count("_"), i)):
        try:
            locale = babel.Locale.parse(ident)
            text = locale.territories.get(code)
        except (ValueError, babel.UnknownLocaleError):
            continue
        if not text or text in found or text in left_out:
            continue
        others = sorted(set().union(*(bearers.get(key, frozenset()) for key in name_keys(text))) - {code})
        if others:
            shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
            left_out[text] = f"{text!r} ({ident}): CLDR also gives it to {shown}"
            continue
        lang = locale.language + (f"-{locale.script}" if locale.script else "")
        found[text] = Name(text, "native" if locale.language in official else "exonym", lang)
    source = f"cldr:{code} (babel {babel.__version__}, CLDR {get_cldr_version()})"
    return list(found.values()), list(left_out.values()), source
