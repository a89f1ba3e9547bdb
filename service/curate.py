"""Curation: turn misses into draft edits of the store, and show what a store change does. No Flask, no click.

suggest_edits: for each frequent miss (from the miss log or `normalize --misses`), resolve it again against the
current store, then
  - it resolves now: nothing to do;
  - its normalized form is already an alias (a weak or shared one, or of several entities): nothing to add;
  - the best candidate is close (score >= min_score) and the text collides with no other entity: draft an alias
    for that entity (kind from the script and shape, source naming the evidence, `review: true`);
  - no candidate is close and a type is known: draft a new entity file (a stub, its alias marked for review).
Edits are returned with the file's text before and after; `apply_edits` writes them (each file written whole,
through a temporary file). Nothing is written unless asked.

store_diff: what changed between two stores (entities, aliases, collisions) and which labelled or logged queries
now resolve differently.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .csvnorm import write_atomically
from .index import Index
from .matcher import resolve
from .misslog import Miss
from .model import Alias, Entity
from .normalize import normalize, script_of
from .store import Store, dump_entity, load_store, slug

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


# ---------------------------------------------------------------------------------------------------------
# store diff
# ---------------------------------------------------------------------------------------------------------
@dataclass
class StoreDiff:
    entities_added: list[str] = field(default_factory=list)
    entities_removed: list[str] = field(default_factory=list)
    entities_changed: list[str] = field(default_factory=list)  # name, type, description, ids or redirect
    aliases_added: list[tuple[str, str, str]] = field(default_factory=list)  # (entity, text, kind)
    aliases_removed: list[tuple[str, str, str]] = field(default_factory=list)
    aliases_changed: list[tuple[str, str, str]] = field(default_factory=list)  # (entity, text, what)
    new_problems: list[str] = field(default_factory=list)  # collisions and other lint problems new in the head
    outcomes: list[tuple[str, str, str]] = field(default_factory=list)  # (query, before, after)

    def empty(self) -> bool:
        return not any((self.entities_added, self.entities_removed, self.entities_changed, self.aliases_added,
                        self.aliases_removed, self.aliases_changed, self.new_problems, self.outcomes))


def diff_stores(base: Store, head: Store) -> StoreDiff:
    out = StoreDiff()
    old = {e.id: e for e in base.entities}
    new = {e.id: e for e in head.entities}
    out.entities_added = sorted(set(new) - set(old))
    out.entities_removed = sorted(set(old) - set(new))
    for eid in sorted(set(old) & set(new)):
        a, b = old[eid], new[eid]
        fields = [f for f in ("type", "name", "description", "external_ids", "redirect")
                  if getattr(a, f) != getattr(b, f)]
        if fields:
            out.entities_changed.append(f"{eid}: {', '.join(fields)}")
    for eid in sorted(set(old) | set(new)):
        before = {al.text: al for al in (old[eid].aliases if eid in old else ())}
        after = {al.text: al for al in (new[eid].aliases if eid in new else ())}
        for text in sorted(set(after) - set(before)):
            out.aliases_added.append((eid, text, after[text].kind))
        for text in sorted(set(before) - set(after)):
            out.aliases_removed.append((eid, text, before[text].kind))
        for text in sorted(set(before) & set(after)):
            if before[text] != after[text]:
                changed = [f for f in ("kind", "lang", "valid_from", "valid_to", "source", "weak", "shared",
                                       "review") if getattr(before[text], f) != getattr(after[text], f)]
                out.aliases_changed.append((eid, text, ", ".join(changed)))
    def key(p: object) -> tuple[str, str, str]:
        return (Path(p.path).name, p.field, p.message)

    old_problems = {key(p) for p in base.problems}
    out.new_problems = sorted(str(p) for p in head.problems if key(p) not in old_problems)
    return out


def outcome_label(index: Index, query: str, etype: str | None) -> str:
    r = resolve(index, query, type=etype)
    if r.status == "matched" and r.match is not None:
        return f"matched {r.match.id}"
    if r.status == "ambiguous":
        return "ambiguous " + "/".join(c.id for c in r.candidates[:2])
    return "unmatched"


def changed_outcomes(base: Index, head: Index, queries: Iterable[tuple[str, str | None]]) -> list[tuple[str, str, str]]:
    out = []
    seen: set[tuple[str, str | None]] = set()
    for q, etype in queries:
        if (q, etype) in seen:
            continue
        seen.add((q, etype))
        before, after = outcome_label(base, q, etype), outcome_label(head, q, etype)
        if before != after:
            out.append((q, before, after))
    return out


def format_diff(diff: StoreDiff, base_name: str) -> str:
    if diff.empty():
        return f"no change against {base_name}: same entities, aliases and outcomes"
    lines = [f"store changes against {base_name}:"]
    for eid in diff.entities_added:
        lines.append(f"  + entity {eid}")
    for eid in diff.entities_removed:
        lines.append(f"  - entity {eid}")
    for what in diff.entities_changed:
        lines.append(f"  ~ entity {what}")
    for eid, text, kind in diff.aliases_added:
        lines.append(f"  + alias {text!r} ({kind}) of {eid}")
    for eid, text, kind in diff.aliases_removed:
        lines.append(f"  - alias {text!r} ({kind}) of {eid}")
    for eid, text, what in diff.aliases_changed:
        lines.append(f"  ~ alias {text!r} of {eid}: {what}")
    if diff.new_problems:
        lines.append("new problems (collisions and lint):")
        lines += [f"  ! {p}" for p in diff.new_problems]
    if diff.outcomes:
        lines.append(f"queries whose outcome changed ({len(diff.outcomes)}):")
        lines += [f"  {q!r}: {before} -> {after}" for q, before, after in diff.outcomes]
    else:
        lines.append("no labelled or logged query changed outcome")
    return "\n".join(lines)
