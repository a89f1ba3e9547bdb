"""Store diff: what changed between two stores (entities, aliases, collisions) and which labelled or logged
queries now resolve differently. No Flask, no click.
"""


from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from service.match.index import Index
from service.match.matcher import resolve
from service.store.files import Store


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
