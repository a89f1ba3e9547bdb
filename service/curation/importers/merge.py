"""Merging imported names into entity files: the one path every importer (GeoNames, CLDR, Wikidata, FollowTheMoney)
goes through. No click here.

`merge_into_store`
- keeps every curated alias as it is, in its order, and never removes an alias;
- adds only names the entity does not have yet (compared normalized), so a second run changes nothing;
- skips a name that would collide with another entity's alias, and lists it;
- keeps the imported aliases as one block after the curated ones, sorted by source, language and text, so a
  re-import with new data gives a small diff;
- records where each name came from, with the source's version, in `source` (e.g. `cldr:SY (babel 2.18.0, CLDR
  47)`), and the external id in `external_ids`.
Each source's module checks, before it offers a name, that the source does not give that name to another place or
entity: a name the source gives to two of them is left out and listed, never attached to one.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from service.atomic import write_atomically
from service.errors import BadRequest, NotFound
from service.match.normalize import normalize
from service.store.dump import dump_entity
from service.store.files import LANG_PATTERN, load_store
from service.store.model import Alias, Entity

MAX_NAME_LENGTH = 120
# the install line the README gives, so the message and the docs agree
IMPORT_EXTRA = "install the import extra: pip install -e '.[import]' (in the clone)"


def readable(text: str) -> bool:
    """Normalization keeps most of the name's letters: it drops scripts the matcher does not read (Coptic, N'Ko,
    Deseret ...) down to a letter or none, and such a name would match whatever else normalizes alike."""
    return len(normalize(text).replace(" ", "")) * 2 >= sum(ch.isalpha() for ch in text)


def name_keys(text: str) -> set[str]:
    """The keys a name is compared by against a source's other names: its casefolded text, and its normalized
    form where that is readable."""
    keys = {" ".join(text.casefold().split())}
    if readable(text):
        keys.add(normalize(text))
    return keys


@dataclass
class Name:
    text: str
    kind: str
    lang: str | None = None
    weak: bool = False  # alone it must never link (an FTM weakAlias, a bare kunya)


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
        if not readable(text):
            report.left_out.append(f"{text!r}: normalized to {norm!r}, it would match unrelated names")
            continue
        if norm in mine:
            report.present += 1
            continue
        others = owners.get(norm, set()) - {entity.id}
        if others:
            report.collisions.append(f"{text!r}: an alias of {', '.join(sorted(others))}")
            continue
        lang = name.lang if name.lang and LANG_PATTERN.match(name.lang) else None
        added.append(Alias(text=text, kind=name.kind, lang=lang, source=source, weak=name.weak))
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


def require_module(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise BadRequest(f"the {module} package is not installed: {IMPORT_EXTRA}") from None
