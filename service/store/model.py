"""The vocabulary of the store: entity types, alias kinds, and the value objects built from the files.

The lists live here and only here: adding a type or a kind is one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_TYPES: tuple[str, ...] = ("person", "organization", "location")

# the 20 languages most used in international news (issue 19): what `aliases coverage` counts, and the languages
# an entity's `same_name_in` may name
NEWS_LANGUAGES: tuple[str, ...] = ("en", "ar", "fr", "es", "ru", "de", "zh", "pt", "tr", "fa", "he", "it", "ja",
                                   "hi", "ur", "id", "ko", "nl", "pl", "uk")

# kind -> what a curator means by it (shown by `aliases lint` and in CONTRIBUTING).
ALIAS_KINDS: dict[str, str] = {
    "canonical": "the entity's display name (added by the build, not written in files)",
    "variant": "spelling or transliteration variant in Latin script",
    "native": "native-script form (Arabic, Cyrillic, Hebrew, ...)",
    "acronym": "acronym or initialism",
    "nickname": "nickname, nom de guerre or kunya",
    "former": "former or historic name (give valid_from / valid_to when known)",
    "translation": "translation of the name into another language",
    "exonym": "a place's name in another language",
    "title": "title form, e.g. 'President Assad'",
    "short": "short form: surname alone, name without a generic word",
    "full": "full formal name",
    "code": "standard code (ISO 3166 alpha-3 and the like)",
}


# `source` of an imported alias starts with one of these (e.g. "cldr:SY (babel 2.18.0, CLDR 47)")
IMPORTED_PREFIXES = ("geonames:", "cldr:", "wikidata:", "ftm:")
# scripts whose names the matcher compares by sound and spelling; names in others match exactly or normalized
FUZZY_SCRIPTS = frozenset({"Latn", "Arab", "Cyrl", "Hebr", "Deva", "Zyyy", "Hani", "Jpan", "Hang"})


@dataclass(frozen=True)
class Alias:
    text: str
    kind: str
    lang: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    source: str | None = None
    weak: bool = False
    shared: bool = False
    review: bool = False  # a draft (from `aliases suggest`) that a maintainer has yet to confirm

    @property
    def imported(self) -> bool:
        """Imported (GeoNames, CLDR, Wikidata, FollowTheMoney), not curated by hand: see service.curation.importers."""
        return bool(self.source) and str(self.source).startswith(IMPORTED_PREFIXES)

    def current_at(self, day: str) -> bool:
        """Valid on `day` (an ISO date): after valid_from, before valid_to, where given."""
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)

    def validity(self) -> str | None:
        """Human-readable validity, e.g. 'valid until 2017-01-28'."""
        if self.valid_from and self.valid_to:
            return f"valid {self.valid_from} to {self.valid_to}"
        if self.valid_to:
            return f"valid until {self.valid_to}"
        if self.valid_from:
            return f"valid from {self.valid_from}"
        return None


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    description: str = ""
    external_ids: dict[str, str] = field(default_factory=dict)
    aliases: tuple[Alias, ...] = ()
    redirect: str | None = None  # set on a retired id: the id that replaced it
    review: bool = False  # a draft entity (from `aliases suggest`) that a maintainer has yet to confirm
    # news languages whose press writes the display name unchanged -> where that was seen (None: not given)
    same_name_in: dict[str, str | None] = field(default_factory=dict)
    # the place of the store this one is in (Homs: syria; the Umayyad Mosque: damascus) or an organisation is
    # seated in: "Homs, Syria" and "الجامع الأموي في دمشق" name it, "the Umayyad Mosque of Aleppo" does not
    within: str | None = None

    def all_aliases(self) -> tuple[Alias, ...]:
        """The display name first (kind 'canonical'), then the curated aliases."""
        if self.redirect:
            return ()
        return (Alias(text=self.name, kind="canonical"), *self.aliases)


@dataclass(frozen=True)
class Problem:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}" if self.field else f"{self.path}: {self.message}"
