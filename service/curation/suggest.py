"""Suggest: turn misses into draft edits of the store. No Flask, no click.

suggest_edits: for each frequent miss (from the miss log or `normalize --misses`), resolve it again against the
current store, then
  - it resolves now: nothing to do;
  - its normalized form is already an alias (a weak or shared one, or of several entities): nothing to add;
  - it is a common word (a word of the lexicon, a particle, or a word of the news that names no one: Sharia,
    jihad, army): never drafted, whatever it resembles;
  - the lookup is ambiguous, or another entity is within the matcher's margin of the best (a tie), or the best
    resembles only a weak or shared alias: never drafted, the rivals are listed;
  - the best candidate is close (score >= min_score) and the text collides with no other entity: draft an alias
    for that entity (kind from the script and shape, source naming the evidence, `review: true`); the edit's
    reason says why it was drafted and names the rivals;
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
from service.match.align import FUNCTION_WORDS, GENERIC, PARTICLES
from service.match.index import Index
from service.match.matcher import MARGIN, Candidate, resolve
from service.match.normalize import normalize, script_of
from service.store.dump import dump_entity, slug
from service.store.files import load_store
from service.store.model import Alias, Entity

DEFAULT_MIN_SCORE = 75.0
ACRONYM = re.compile(r"^[A-Z][A-Z0-9.&-]{1,9}$")
# Words the news about these entities uses that name no one: a lookup of one of them is a word, not a spelling
# of a name, however close it sounds (Sharia sounds like al-Sharaa once vowels merge). Normalized forms.
COMMON_WORDS = frozenset({
    "sharia", "shariah", "shari'a", "jihad", "jihadi", "jihadist", "jihadists", "mujahideen", "mujahidin",
    "emir", "amir", "emirate", "caliph", "caliphate", "khalifa", "sheikh", "shaykh", "imam", "mufti", "ayatollah",
    "mullah", "fatwa", "ummah", "umma", "islam", "islamic", "islamist", "muslim", "sunni", "shia", "shiite",
    "alawite", "kurd", "kurdish", "arab", "arabs", "rebel", "rebels", "regime", "militia", "militias", "army",
    "front", "state", "party", "brigade", "brigades", "battalion", "council", "government", "ministry",
    "president", "minister", "general", "colonel", "commander", "leader", "city", "province", "governorate",
    "district", "capital", "north", "south", "east", "west", "republic", "kingdom", "people", "news", "war",
})


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


def common_word(text: str, lexicon_words: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Why a lookup is a common word rather than a name (None when it is not one): a single word that the
    lexicon lists, that the matcher treats as a particle or a function word, or that names no one."""
    words = normalize(text).split()
    if len(words) != 1:
        return None
    word = words[0]
    if word in lexicon_words:
        return f"{word!r} is a word of the lexicon (aliases/lexicon/)"
    if word in PARTICLES or word in FUNCTION_WORDS or word in GENERIC:
        return f"{word!r} is a particle or a generic word"
    if word in COMMON_WORDS or word.removeprefix("al-") in COMMON_WORDS:
        return f"{word!r} is a common word that names no one"
    return None


def rivals_of(best: Candidate, candidates: Iterable[Candidate]) -> list[Candidate]:
    """Other entities within the matcher's margin of the best candidate: a tie that no draft may settle."""
    return [c for c in candidates if c.id != best.id and c.score >= best.score - MARGIN]


def _rivals_text(best: Candidate | None, candidates: Iterable[Candidate]) -> str:
    others = [c for c in candidates if best is None or c.id != best.id][:3]
    if not others:
        return "no rival"
    return "rivals " + ", ".join(f"{c.id} at {c.score:g} via {c.alias!r}" for c in others)


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
    lexicon_words = set(index.lexicon.concepts)
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
        word = common_word(miss.query, lexicon_words)
        if word is not None:
            out.skipped.append(f"{label}: a common word, never drafted ({word})")
            continue
        if best is not None and best.score >= min_score:
            why_not = None
            tied = rivals_of(best, result.candidates)
            if result.status == "ambiguous":
                why_not = f"the lookup is ambiguous ({result.reason})"
            elif tied:
                why_not = (f"a tie: {best.id} at {best.score:g} and " +
                           ", ".join(f"{c.id} at {c.score:g}" for c in tied) + f" are within {MARGIN:g} points")
            elif best.weak or best.shared:
                why_not = f"it resembles only a {'weak' if best.weak else 'shared'} alias ({result.reason})"
            if why_not is not None:
                out.skipped.append(f"{label}: not drafted, {why_not}; candidates "
                                   + ", ".join(f"{c.id} at {c.score:g} via {c.alias!r} ({c.method})"
                                               for c in result.candidates[:3]))
                continue
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
            why = (f"{label} {result.status}; drafted because {best.id} is nearest at {best.score:g} via "
                   f"{best.alias!r} ({best.method}, at least --min-score {min_score:g}), no other entity within "
                   f"{MARGIN:g} points ({_rivals_text(best, result.candidates)}), not a common word")
            out.edits.append(Edit(root / entity.type / f"{entity.id}.yaml", "add-alias", entity.id, alias.text, kind,
                                  why, "", ""))
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
                              f"{label} {result.status}; drafted because no candidate reaches --min-score "
                              f"{min_score:g} ({_rivals_text(None, result.candidates)}), not a common word",
                              "", ""))
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
