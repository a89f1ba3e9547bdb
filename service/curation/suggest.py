"""Suggest: turn misses into draft edits of the store. No Flask, no click.

suggest_edits: for each frequent miss (from the miss log or `normalize --misses`), resolve it again against the
current store, then
  - it resolves now: nothing to do;
  - its normalized form is already an alias (a weak or shared one, or of several entities): nothing to add;
  - the best candidate is close (score >= min_score) and the text collides with no other entity: draft an alias
    for that entity (kind from the script and shape, source naming the evidence, `review: true`);
  - no candidate is close and a type is known: draft a new entity file (a stub, its alias marked for review).
Edits are returned with the file's text before and after; `apply_edits` writes them (each file written whole,
through a temporary file). Nothing is written unless asked.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from service.atomic import write_atomically
from service.curation.misslog import Miss
from service.match.index import Index
from service.match.matcher import resolve
from service.match.normalize import normalize, script_of
from service.store.files import dump_entity, load_store, slug
from service.store.model import Alias, Entity

DEFAULT_MIN_SCORE = 75.0
ACRONYM = re.compile(r"^[A-Z][A-Z0-9.&-]{1,9}$")


@dataclass
class Edit:
    path: Path
    action: str  # "add-alias" or "new-entity"
    entity_id: str
    text: str
    kind: str
    reason: str
    before: str
    after: str

    def diff(self, root: Path) -> str:
        rel = self.path.relative_to(root) if self.path.is_relative_to(root) else self.path
        lines = difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                     fromfile=f"a/{rel}" if self.before else "/dev/null", tofile=f"b/{rel}")
        return "".join(lines)


@dataclass
class Suggestions:
    edits: list[Edit] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def guess_kind(text: str, entity_type: str) -> str:
    if ACRONYM.match(text.replace(" ", "")) and " " not in text.strip():
        return "acronym"
    if script_of(text) not in ("Latn", "Zyyy"):
        return "exonym" if entity_type == "location" else "native"
    return "variant"


def suggest_edits(index: Index, store_root: str | Path, misses: Iterable[Miss], *, min_count: int = 1,
                  min_score: float = DEFAULT_MIN_SCORE, stub_type: str | None = None) -> Suggestions:
    root = Path(store_root)
    store = load_store(root)
    entities = {e.id: e for e in store.entities}
    owners: dict[str, set[str]] = {}
    for e in store.entities:
        for a in e.all_aliases():
            owners.setdefault(normalize(a.text), set()).add(e.id)
    out = Suggestions()
    pending: dict[str, Entity] = {}  # entity id -> entity with the drafts so far
    for miss in misses:
        if miss.count < min_count:
            continue
        label = f"{miss.query!r} ({miss.count}x)"
        result = resolve(index, miss.query, type=miss.type, limit=5)
        if result.status == "matched" and result.match is not None:
            out.skipped.append(f"{label}: resolves now, to {result.match.id}")
            continue
        norm = normalize(miss.query)
        if norm in owners:
            holders = ", ".join(sorted(owners[norm]))
            out.skipped.append(f"{label}: already an alias of {holders} ({result.status}: {result.reason}); "
                               "nothing to add")
            continue
        best = result.candidates[0] if result.candidates else None
        evidence = (f"miss log: {miss.count} lookups, {miss.first_seen[:10]} to {miss.last_seen[:10]}"
                    if miss.first_seen else f"miss log: {miss.count} lookups")
        if best is not None and best.score >= min_score:
            entity = pending.get(best.id) or entities.get(best.id)
            if entity is None:
                out.skipped.append(f"{label}: its candidate {best.id} is not in {root}")
                continue
            kind = guess_kind(miss.query, entity.type)
            source = (f"{evidence}; nearest alias {best.alias!r} at {best.score:g} ({best.method}); drafted by "
                      "`aliases suggest`")
            alias = Alias(text=miss.query.strip(), kind=kind, source=source, review=True)
            pending[entity.id] = replace(entity, aliases=(*entity.aliases, alias))
            owners.setdefault(norm, set()).add(entity.id)
            out.edits.append(Edit(root / entity.type / f"{entity.id}.yaml", "add-alias", entity.id, alias.text, kind,
                                  f"{label} {result.status}; nearest {best.id} at {best.score:g} via {best.alias!r}",
                                  "", ""))
            continue
        etype = miss.type or stub_type
        if etype is None:
            near = f"; nearest {best.id} at {best.score:g}" if best else ""
            out.skipped.append(f"{label}: no close candidate{near}, and no type to draft a new entity with "
                               "(pass --stub-type)")
            continue
        new_id = slug(miss.query)
        while new_id in entities or new_id in pending:
            new_id += "-new"
        stub = Entity(id=new_id, type=etype, name=miss.query.strip(), review=True,
                      description=f"Drafted by `aliases suggest` ({evidence}): check the name, type and "
                                  "description, add the entity's other names, then remove review: true.")
        pending[new_id] = stub
        owners.setdefault(norm, set()).add(new_id)
        out.edits.append(Edit(root / etype / f"{new_id}.yaml", "new-entity", new_id, stub.name, "variant",
                              f"{label} {result.status}; no candidate within {min_score:g}", "", ""))
    # one edit per file, with the whole new text
    by_path: dict[Path, Edit] = {}
    for edit in out.edits:
        entity = pending[edit.entity_id]
        before = edit.path.read_text(encoding="utf-8") if edit.path.is_file() else ""
        after = dump_entity(entity)
        held = by_path.get(edit.path)
        if held is not None:
            held.reason += f"\n  and {edit.text!r}: {edit.reason}"
            held.after = after
            continue
        edit.before, edit.after = before, after
        by_path[edit.path] = edit
    out.edits = list(by_path.values())
    return out


def apply_edits(edits: Iterable[Edit]) -> list[Path]:
    """Write each edited file whole (temporary file, then rename). Returns the paths written."""
    written = []
    for edit in edits:
        edit.path.parent.mkdir(parents=True, exist_ok=True)
        if edit.path.is_file() and edit.path.read_text(encoding="utf-8") != edit.before:
            raise RuntimeError(f"{edit.path} changed since the suggestion was drafted: run `aliases suggest` again")
        with write_atomically(edit.path) as fh:
            fh.write(edit.after)
        written.append(edit.path)
    return written
