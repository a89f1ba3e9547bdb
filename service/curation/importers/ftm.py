"""FollowTheMoney entities (the JSON Lines OpenSanctions publishes) merged into the store.

Each line is one entity: {"id", "schema", "properties": {"name": [...], "alias": [...], "previousName": [...],
"weakAlias": [...], "wikidataId": [...]}, "datasets": [...], "last_change": ...}. An entity is matched to the
store by its Wikidata id, else by an exact name (normalized) that one store entity of the same type bears as its
name or a strong alias; an entity that matches none, or several, is skipped and said so, never guessed.

Names keep what FollowTheMoney means by them: `name` and `alias` are variants (translations where not in Latin
script), `previousName` is a former name, `weakAlias` a weak alias (alone it never links). As with CLDR, a name
the file gives to two entities is left out and listed. Each name's `source` is `ftm:<id> (<datasets>, <date>)`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from service.curation.importers.merge import Name, name_keys
from service.errors import BadRequest
from service.match.normalize import normalize, script_of
from service.store.model import Entity

# FollowTheMoney schema -> the store's type; other schemata (Vessel, Address, Sanction ...) are not entities here
SCHEMA_TYPES = {"Person": "person", "Organization": "organization", "Company": "organization",
                "PublicBody": "organization"}
NAME_PROPERTIES = ("name", "alias", "previousName", "weakAlias")


@dataclass(frozen=True)
class FtmEntity:
    id: str
    schema: str
    properties: dict[str, list[str]]
    datasets: tuple[str, ...] = ()
    changed: str = ""  # last_change (or first_seen) date, YYYY-MM-DD

    @property
    def type(self) -> str | None:
        return SCHEMA_TYPES.get(self.schema)

    def values(self, prop: str) -> list[str]:
        return [v for v in self.properties.get(prop, []) if isinstance(v, str) and v.strip()]

    @property
    def source(self) -> str:
        detail = ", ".join(x for x in (" ".join(self.datasets), self.changed) if x)
        return f"ftm:{self.id}" + (f" ({detail})" if detail else "")


def read_ftm(path: str | Path) -> Iterator[FtmEntity]:
    """The entities of a FollowTheMoney JSON Lines file; a malformed line raises BadRequest with file and line."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadRequest(f"cannot read {p} as UTF-8 text ({exc})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:
            raise BadRequest(f"{p}:{n}: not a JSON object ({exc}); expected FollowTheMoney JSON Lines, one "
                             "entity a line") from None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(
                data.get("schema"), str):
            raise BadRequest(f"{p}:{n}: a FollowTheMoney entity needs a string 'id' and 'schema'")
        props = data.get("properties") or {}
        if not isinstance(props, dict) or not all(isinstance(v, list) for v in props.values()):
            raise BadRequest(f"{p}:{n}: 'properties' must map each property to a list of values")
        changed = str(data.get("last_change") or data.get("first_seen") or "")[:10]
        datasets = tuple(str(d) for d in data.get("datasets") or [] if isinstance(d, str))
        yield FtmEntity(data["id"], data["schema"], props, datasets, changed)


def ftm_names(entity: FtmEntity, left_out_keys: set[str] | None = None) -> tuple[list[Name], list[str]]:
    """(names, left-out reasons): every name of the entity, each with the kind its property means."""
    names: list[Name] = []
    left_out: list[str] = []
    for prop in NAME_PROPERTIES:
        for text in entity.values(prop):
            if left_out_keys and name_keys(text) & left_out_keys:
                left_out.append(f"{text!r}: the file gives it to another entity too")
                continue
            if prop == "previousName":
                kind = "former"
            elif prop == "weakAlias":
                kind = "nickname"
            else:
                kind = "variant" if script_of(text) == "Latn" else "translation"
            names.append(Name(text, kind, None, weak=prop == "weakAlias"))
    return names, left_out


def shared_keys(entities: list[FtmEntity]) -> set[str]:
    """Name keys that two or more entities of the file bear."""
    bearers: dict[str, set[str]] = {}
    for e in entities:
        for prop in NAME_PROPERTIES:
            for text in e.values(prop):
                for key in name_keys(text):
                    bearers.setdefault(key, set()).add(e.id)
    return {key for key, ids in bearers.items() if len(ids) > 1}


@dataclass
class Matching:
    """Where each FollowTheMoney entity goes: the store entity, or why it goes nowhere."""

    matched: list[tuple[FtmEntity, Entity, str]] = field(default_factory=list)  # (ftm, store entity, "how")
    skipped: list[str] = field(default_factory=list)  # "id: why"


def match_entities(entities: list[FtmEntity], store_entities: list[Entity]) -> Matching:
    by_qid = {e.external_ids["wikidata"]: e for e in store_entities if e.external_ids.get("wikidata")}
    by_name: dict[tuple[str, str], set[str]] = {}
    live = {e.id: e for e in store_entities if not e.redirect}
    for e in live.values():
        for a in e.all_aliases():
            if not (a.weak or a.shared):
                by_name.setdefault((e.type, normalize(a.text)), set()).add(e.id)
    out = Matching()
    taken: dict[str, str] = {}  # store id -> the FollowTheMoney id merged into it
    for fe in entities:
        if fe.type is None:
            out.skipped.append(f"{fe.id}: schema {fe.schema} is not a person or an organisation")
            continue
        qids = fe.values("wikidataId")
        hit = next((by_qid[q] for q in qids if q in by_qid), None)
        if hit is not None:
            if hit.type != fe.type:
                out.skipped.append(f"{fe.id}: its Wikidata id {hit.external_ids['wikidata']} is {hit.id}, a "
                                   f"{hit.type}, but its schema is {fe.schema}")
            else:
                _take(out, taken, fe, hit, f"Wikidata id {hit.external_ids['wikidata']}")
            continue
        found: dict[str, str] = {}
        for text in fe.values("name"):
            for eid in by_name.get((fe.type, normalize(text)), set()):
                found.setdefault(eid, text)
        if len(found) != 1:
            why = "no store entity of its type bears one of its names" if not found else (
                f"its names belong to several store entities ({', '.join(sorted(found))})")
            out.skipped.append(f"{fe.id}: {why}")
            continue
        eid, text = next(iter(found.items()))
        store_qid = live[eid].external_ids.get("wikidata")
        if qids and store_qid and store_qid not in qids:
            out.skipped.append(f"{fe.id}: its name {text!r} is {eid}'s, but its Wikidata id {qids[0]} is not "
                               f"{store_qid}")
            continue
        _take(out, taken, fe, live[eid], f"exact name {text!r}")
    return out


def _take(out: Matching, taken: dict[str, str], fe: FtmEntity, entity: Entity, how: str) -> None:
    recorded = entity.external_ids.get("ftm")
    if recorded not in (None, fe.id):
        out.skipped.append(f"{fe.id}: matches {entity.id} by {how}, which records ftm id {recorded}")
    elif entity.id in taken:
        out.skipped.append(f"{fe.id}: matches {entity.id} by {how}, already matched by {taken[entity.id]}")
    else:
        taken[entity.id] = fe.id
        out.matched.append((fe, entity, how))


def ftm_external_ids(entity: FtmEntity, store_entity: Entity) -> dict[str, str]:
    ids = {"ftm": entity.id}
    qids = entity.values("wikidataId")
    if qids and "wikidata" not in store_entity.external_ids:
        ids["wikidata"] = qids[0]
    return ids


