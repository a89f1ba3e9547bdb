"""Writing entity files back (importers, `suggest`, the store copy of `subset`) and the canonical export line:
one layout, keys in file order and empty fields left out, so that a file a tool touches stays diff-friendly."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from unidecode import unidecode

from service.match.normalize import script_of
from service.store.model import Alias, Entity
from service.store.same_name import SAME_NAME_KEY


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    """The entity as plain data, keys in file order, empty fields left out."""
    if entity.redirect:
        out: dict[str, Any] = {"id": entity.id, "type": entity.type, "redirect": entity.redirect}
        if entity.description:
            out["description"] = entity.description
        return out
    out = {"id": entity.id, "type": entity.type, "name": entity.name}
    if entity.description:
        out["description"] = entity.description
    if entity.review:
        out["review"] = True
    if entity.external_ids:
        out["external_ids"] = dict(entity.external_ids)
    if entity.same_name_in:
        out[SAME_NAME_KEY] = dict(entity.same_name_in)
    if entity.within:
        out["within"] = entity.within
    out["aliases"] = [alias_to_dict(a) for a in entity.aliases]
    return out


def export_line(entity: Entity, scripts: list[str] | None = None) -> str:
    """One entity as a line of the canonical export (JSON, keys in file order); aliases carry their script."""
    record = entity_to_dict(entity)
    if not entity.redirect:
        for i, (alias, out) in enumerate(zip(entity.aliases, record["aliases"], strict=True)):
            out["script"] = scripts[i] if scripts is not None else script_of(alias.text)
    return json.dumps(record, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def alias_to_dict(alias: Alias) -> dict[str, Any]:
    out: dict[str, Any] = {"text": alias.text, "kind": alias.kind}
    for key in ("lang", "valid_from", "valid_to", "source"):
        value = getattr(alias, key)
        if value:
            out[key] = value
    for key in ("weak", "shared", "review"):
        if getattr(alias, key):
            out[key] = True
    return out


def dump_entity(entity: Entity) -> str:
    return yaml.safe_dump(entity_to_dict(entity), sort_keys=False, allow_unicode=True, width=1000)


def slug(text: str) -> str:
    """An entity id made from a name: lowercase ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "entity"
