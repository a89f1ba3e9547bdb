"""Wikidata entity JSON: labels and aliases of the items whose Wikidata id the store records (or new items)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from service.curation.importers.merge import Name
from service.errors import BadRequest
from service.match.normalize import script_of
from service.store.files import LANG_PATTERN

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
