"""Read and validate the curated store in aliases/: one YAML file per entity, aliases/<type>/<id>.yaml.

`load_store` never stops at the first problem: it returns every entity it could read and every problem it found,
each naming the file, the field and what to do. `aliases lint` prints them; `aliases build` refuses a store
that has any. Writing files back, in one canonical layout, is service/store/dump.py's.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.match.normalize import Keys, fold, keys_and_script, normalize
from service.progress import Progress, no_progress
from service.store.dump import export_line
from service.store.lexicon import LEXICON_DIR, Concept, check_lexicon, read_lexicon
from service.store.model import ALIAS_KINDS, ENTITY_TYPES, Alias, Entity, Problem
from service.store.others import Other, check_others, read_others
from service.store.same_name import SAME_NAME_KEY, read_same_name_in
from service.store.yamlfile import parse_yaml
from service.workers import take_default_signals

ENTITY_KEYS = ("id", "type", "name", "description", "review", "external_ids", "same_name_in", "within", "redirect",
               "aliases")
REQUIRED_KEYS = ("id", "type", "name")
REDIRECT_KEYS = ("id", "type", "redirect", "description")
ALIAS_KEYS = ("text", "kind", "lang", "valid_from", "valid_to", "source", "weak", "shared", "review")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# a source that states a period ("nom de guerre used 2011-2024", "name until 1961") rather than a reference
PERIOD_IN_WORDS = re.compile(r"\b(?:1[0-9]|20)\d{2}\b")
REFERENCE_PATTERN = re.compile(r"^(?:https?://\S+|Wikipedia [a-z]{2,3}(?:-[a-z]+)?: .+|(?:geonames|cldr|wikidata|ftm):)"
                               )
# A store read `keyed` for the build carries, per entity, the keys of each alias (display name first):
# (normalized, phonetic, skeleton, abjad, script, folded), computed where the file is read, so each name is
# analysed once and in the worker processes.
AliasKeys = tuple[str, str, str, bool, str, str]
PARALLEL_MIN_FILES = 2000  # below this, reading in one process is quicker than starting workers
CHUNK_FILES = 250
EXTERNAL_ID_PATTERNS = {"wikidata": re.compile(r"^Q[1-9]\d*$"), "geonames": re.compile(r"^[1-9]\d*$")}


@dataclass(frozen=True)
class Store:
    root: Path
    entities: tuple[Entity, ...]  # sorted by id
    problems: tuple[Problem, ...]
    paths: dict[str, str]  # entity id -> file path as shown in messages
    keys: dict[str, tuple[AliasKeys, ...]] = field(default_factory=dict)  # entity id -> its aliases' keys (keyed)
    lines: dict[str, str] = field(default_factory=dict)  # entity id -> its export line (keyed)
    lexicon: tuple[Concept, ...] = ()  # sorted by id
    others: tuple[Other, ...] = ()  # names of what the store does not hold (aliases/others/)

    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{value!r} (YAML reads yes/no/on/off/true/false as a boolean): put it in quotes"
    return f"{value!r} is a {type(value).__name__}"


class _FileChecker:
    """Validates one parsed file, collecting problems instead of raising."""

    def __init__(self, path: str, expected_id: str, expected_type: str, norm: Callable[[str], str] = normalize):
        self.path = path
        self.norm = norm
        self.expected_id = expected_id
        self.expected_type = expected_type
        self.problems: list[Problem] = []

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, field, message))

    def text(self, data: dict[str, Any], key: str, field: str, required: bool) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(field, "missing: add it")
            return None
        if not isinstance(value, str):
            self.problem(field, f"must be text, but {_describe(value)}")
            return None
        if not value.strip():
            self.problem(field, "is empty: give a value or remove the key")
            return None
        return value

    def date(self, data: dict[str, Any], key: str, field: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        text = str(value)
        try:
            if not DATE_PATTERN.match(text):
                raise ValueError
            dt.date.fromisoformat(text)
        except ValueError:
            self.problem(field, f"{text!r} is not a date (YYYY-MM-DD)")
            return None
        return text

    def flag(self, data: dict[str, Any], key: str, field: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.problem(field, f"must be true or false, not {value!r}")
            return False
        return value

    def unknown_keys(self, data: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
        for key in data:
            if key not in allowed:
                self.problem(f"{where}{key}", f"unknown key: use one of {', '.join(allowed)}")

    def alias(self, raw: Any, i: int) -> Alias | None:
        where = f"aliases[{i}]"
        if isinstance(raw, str):
            raw = {"text": raw}
        if not isinstance(raw, dict):
            self.problem(where, f"must be a mapping with text and kind, but {_describe(raw)}")
            return None
        self.unknown_keys(raw, ALIAS_KEYS, f"{where}.")
        text = self.text(raw, "text", f"{where}.text", required=True)
        kind = self.text(raw, "kind", f"{where}.kind", required=True)
        if kind is not None and kind not in ALIAS_KINDS or kind == "canonical":
            self.problem(f"{where}.kind", f"unknown kind {kind!r}: use one of {', '.join(list(ALIAS_KINDS)[1:])}")
            kind = None
        lang = self.text(raw, "lang", f"{where}.lang", required=False)
        if lang is not None and not LANG_PATTERN.match(lang):
            self.problem(f"{where}.lang", f"{lang!r} is not a language code (ISO 639, e.g. ar, ru, fr, zh-Hant)")
        valid_from = self.date(raw, "valid_from", f"{where}.valid_from")
        valid_to = self.date(raw, "valid_to", f"{where}.valid_to")
        if valid_from and valid_to and valid_from > valid_to:
            self.problem(f"{where}.valid_to", f"{valid_to} is before valid_from {valid_from}: swap or fix them")
        source = self.text(raw, "source", f"{where}.source", required=False)
        weak = self.flag(raw, "weak", f"{where}.weak")
        shared = self.flag(raw, "shared", f"{where}.shared")
        review = self.flag(raw, "review", f"{where}.review")
        if source and not review and PERIOD_IN_WORDS.search(source) and not REFERENCE_PATTERN.match(source):
            self.problem(f"{where}.source", f"{source!r} says when in words: put the dates in valid_from / "
                                            "valid_to, and give where the name was seen (a URL, or 'Wikipedia "
                                            "<lang>: <page title>')")
        if text is not None and not self.norm(text):
            self.problem(f"{where}.text", f"{text!r} has no letters or digits once normalized: remove it")
            return None
        if text is None or kind is None:
            return None
        return Alias(text=text.strip(), kind=kind, lang=lang, valid_from=valid_from, valid_to=valid_to,
                     source=source, weak=weak, shared=shared, review=review)

    def entity(self, data: Any) -> Entity | None:
        if not isinstance(data, dict):
            self.problem("", f"must be a YAML mapping of {', '.join(REQUIRED_KEYS)}, ...; found {_describe(data)}")
            return None
        redirect = data.get("redirect")
        self.unknown_keys(data, REDIRECT_KEYS if redirect is not None else ENTITY_KEYS, "")
        entity_id = self.text(data, "id", "id", required=True)
        if entity_id is not None:
            if not ID_PATTERN.match(entity_id):
                self.problem("id", f"{entity_id!r} is not a lowercase slug (a-z, 0-9, single hyphens)")
            if entity_id != self.expected_id:
                self.problem("id", f"{entity_id!r} differs from the file name: rename the file to {entity_id}.yaml "
                                   f"or set id: {self.expected_id}")
        etype = self.text(data, "type", "type", required=True)
        if etype is not None and etype not in ENTITY_TYPES:
            self.problem("type", f"unknown type {etype!r}: use one of {', '.join(ENTITY_TYPES)}")
        elif etype is not None and etype != self.expected_type:
            self.problem("type", f"{etype!r} but the file is under aliases/{self.expected_type}/: move it")
        if redirect is not None:
            target = self.text(data, "redirect", "redirect", required=True)
            description = self.text(data, "description", "description", required=False) or ""
            if entity_id is None or etype is None or target is None:
                return None
            return Entity(id=entity_id, type=etype, name=entity_id, description=description, redirect=target)
        name = self.text(data, "name", "name", required=True)
        description = self.text(data, "description", "description", required=False) or ""
        external = data.get("external_ids") or {}
        external_ids: dict[str, str] = {}
        if not isinstance(external, dict):
            self.problem("external_ids", f"must be a mapping such as 'wikidata: Q44329', not {_describe(external)}")
        else:
            for key, value in external.items():
                value = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
                if not isinstance(value, str):
                    self.problem(f"external_ids.{key}", f"must be text, but {_describe(value)}")
                    continue
                pattern = EXTERNAL_ID_PATTERNS.get(str(key))
                if pattern and not pattern.match(value):
                    self.problem(f"external_ids.{key}", f"{value!r} is not a {key} id")
                external_ids[str(key)] = value
        raw_aliases = data.get("aliases") or []
        if not isinstance(raw_aliases, list):
            self.problem("aliases", f"must be a list, not {_describe(raw_aliases)}")
            raw_aliases = []
        aliases: list[tuple[int, Alias]] = []
        # one text once per language ("Damasco" is Spanish, Italian and Portuguese); the name never again
        seen: dict[tuple[str, str | None], int] = {}
        for i, raw in enumerate(raw_aliases):
            alias = self.alias(raw, i)
            if alias is None:
                continue
            folded = (alias.text.casefold(), (alias.lang or "").split("-")[0] or None)
            if name and folded[0] == name.casefold():
                self.problem(f"aliases[{i}].text", f"{alias.text!r} repeats the name: remove it (a language that "
                                                   f"writes the name unchanged goes in {SAME_NAME_KEY})")
                continue
            if folded in seen:
                self.problem(f"aliases[{i}].text", f"{alias.text!r} repeats aliases[{seen[folded]}] in the same "
                                                   "language: remove one")
                continue
            seen[folded] = i
            aliases.append((i, alias))
        same = read_same_name_in(data.get(SAME_NAME_KEY), name, aliases, REFERENCE_PATTERN, self.norm, self.problem)
        if entity_id is None or etype is None or name is None:
            return None
        review = self.flag(data, "review", "review")
        within = self.text(data, "within", "within", required=False)
        if within is not None and not ID_PATTERN.match(within):
            self.problem("within", f"{within!r} is not an entity id: give the id of the place this one is in")
        return Entity(id=entity_id, type=etype, name=name, description=description,
                      external_ids=dict(sorted(external_ids.items())), aliases=tuple(a for _, a in aliases),
                      review=review, same_name_in=same, within=within)


def _read_file(root: str, rel: str, shown: str,
               norm: Callable[[str], str] = normalize) -> tuple[Entity | None, list[Problem]]:
    """One entity file, at `rel` under root ("/"-separated, as _store_files gives it: a name with a suffix)."""
    parts = rel.split("/")
    name = parts[-1]
    expected_type = parts[0] if len(parts) > 1 else ""
    checker = _FileChecker(shown, name[:name.rfind(".")], expected_type, norm)
    if len(parts) != 2:
        checker.problem("", f"entity files live at aliases/<type>/<id>.yaml with type one of {', '.join(ENTITY_TYPES)}")
        return None, checker.problems
    if expected_type not in ENTITY_TYPES:
        checker.problem("", f"folder {expected_type!r} is not an entity type: use one of {', '.join(ENTITY_TYPES)}")
    data, found = parse_yaml(os.path.join(root, rel), shown)
    if found:
        return None, checker.problems + found
    entity = checker.entity(data)
    return entity, checker.problems


def _disjoint(a: Alias, b: Alias) -> bool:
    """The two aliases were never valid on the same day: a name handed from one bearer to the next ("President
    Assad": Hafez until 2000-06-10, Bashar from 2000-07-17), which `as_of` tells apart."""
    return bool((a.valid_to and b.valid_from and a.valid_to < b.valid_from)
                or (b.valid_to and a.valid_from and b.valid_to < a.valid_from))


def _cross_checks(entities: list[Entity], paths: dict[str, str],
                  keyed: dict[str, tuple[AliasKeys, ...]]) -> list[Problem]:
    problems: list[Problem] = []
    by_id = {e.id: e for e in entities}
    # One normalized alias, several entities: a collision unless every claimant marks it shared, or the
    # claimants bore it at different times (dated, never on the same day). The forms claimed more than once are
    # found by one count (in C: a million forms in a fraction of a second); only their claims are gathered.
    forms = [[k[0] for k in keyed[e.id]] if e.id in keyed else [normalize(a.text) for a in e.all_aliases()]
             for e in entities]
    counted = Counter(itertools.chain.from_iterable(forms))
    twice = {norm for norm, n in counted.items() if n > 1}
    del counted
    claims: dict[str, list[tuple[Entity, int, Alias]]] = {}  # only the forms claimed more than once
    for entity, norms in zip(entities, forms, strict=True):
        if twice.isdisjoint(norms):
            continue
        for i, (alias, norm) in enumerate(zip(entity.all_aliases(), norms, strict=True)):
            if norm in twice:
                claims.setdefault(norm, []).append((entity, i - 1, alias))
    del forms
    for norm, claimants in sorted(claims.items()):
        owners = sorted({e.id for e, _, _ in claimants})
        if len(owners) < 2:
            continue
        for entity, i, alias in claimants:
            if alias.shared or all(_disjoint(alias, other) for e, _, other in claimants if e.id != entity.id):
                continue
            others = ", ".join(o for o in owners if o != entity.id)
            field = "name" if i < 0 else f"aliases[{i}].text"
            fix = "rename it (qualify the name)" if i < 0 else "remove it, or mark it 'shared: true' in every entity"
            problems.append(Problem(paths[entity.id], field,
                                    f"{alias.text!r} (normalized {norm!r}) also belongs to {others}: {fix}"))
    # Redirects must end at a live entity, without cycles.
    for entity in entities:
        if entity.redirect:
            problem = _chain_problem(entity, by_id, "redirect", _redirect_fault, "redirects form a cycle")
            if problem:
                problems.append(Problem(paths[entity.id], "redirect", problem))
    # `within` names a live location of the store, and the places it leads through form no cycle; a person is in no
    # place (people move; a role says where they serve).
    for entity in entities:
        if entity.within is None:
            continue
        problem = ("a person is in no place: remove within" if entity.type == "person" else
                   _chain_problem(entity, by_id, "within", _place_fault, "the places form a cycle"))
        if problem:
            problems.append(Problem(paths[entity.id], "within", problem))
    return problems


def _chain_problem(entity: Entity, by_id: dict[str, Entity], field: str,
                   fault: Callable[[str, Entity | None], str | None], cycle: str) -> str | None:
    """What is wrong with the ids a field (redirect, within) leads through from an entity: the first fault of one
    (`fault`, given the id and its entity or None), or a cycle; None when the chain ends well."""
    seen = [entity.id]
    target: str | None = getattr(entity, field)
    while target is not None:
        found = fault(target, by_id.get(target))
        if found:
            return found
        if target in seen:
            return f"{cycle} ({' -> '.join([*seen, target])}): break it"
        seen.append(target)
        target = getattr(by_id[target], field)
    return None


def _redirect_fault(target: str, entity: Entity | None) -> str | None:
    return None if entity is not None else f"{target!r} is not an entity of the store: point it at an existing id"


def _place_fault(target: str, place: Entity | None) -> str | None:
    if place is not None and not place.redirect and place.type == "location":
        return None
    what = ("is not an entity of the store" if place is None else
            f"is a retired id: use {place.redirect!r}" if place.redirect else f"is a {place.type}")
    return f"{target!r} {what}: give the id of a location of the store"


def _read_chunk(task: tuple[str, list[tuple[str, str]], bool]) -> list[tuple[Entity | None, list[Problem], str,
                                                                            tuple[AliasKeys, ...], str]]:
    """Read files (in a worker process when the store is large); keyed: with the keys and export line.

    A keyed read analyses each text once, without the normalizer's caches (a build meets each name once): the
    file check's normalized form and the alias's keys come from one analysis."""
    root, items, keyed = task
    out = []
    analysed: dict[str, tuple[Keys, str]] = {}  # the texts of the file being read, with their script

    def keyed_norm(text: str) -> str:
        found = analysed.get(text)
        if found is None:
            found = analysed[text] = keys_and_script(text)
        return found[0].norm

    for path, shown in items:
        analysed.clear()
        entity, problems = _read_file(root, path, shown, keyed_norm if keyed else normalize)
        alias_keys: tuple[AliasKeys, ...] = ()
        line = ""
        if keyed and entity is not None:
            scripts = []
            for alias in entity.all_aliases():
                k, script = analysed.get(alias.text) or keys_and_script(alias.text)
                scripts.append(script)
                alias_keys += ((k.norm, k.phon, k.skel, k.abjad, scripts[-1], fold(alias.text)),)
            line = export_line(entity, scripts[1:])
        out.append((entity, problems, shown, alias_keys, line))
    return out


def _store_files(root: Path) -> list[tuple[str, str]]:
    """(path relative to root, path as shown) of every .yaml/.yml file under root but the lexicon's, in the
    order of their path parts: what sorting root.rglob("*") by parts gives (symlinked folders not entered,
    unreadable ones skipped), walked with os.scandir, which needs no stat per file on most file systems."""
    found: list[tuple[tuple[str, ...], str]] = []
    lexicon = os.path.join(str(root), LEXICON_DIR)

    def walk(folder: str, parts: tuple[str, ...]) -> None:
        try:
            entries = list(os.scandir(folder))
        except PermissionError:
            return
        for entry in entries:
            name = entry.name
            dot = name.rfind(".")
            if 0 < dot < len(name) - 1 and name[dot:] in (".yaml", ".yml") and entry.is_file():
                found.append(((*parts, name), "/".join((*parts, name))))
            if entry.is_dir() and not entry.is_symlink() and entry.path != lexicon:
                walk(entry.path, (*parts, name))

    walk(str(root), ())
    found.sort(key=lambda f: f[0])
    shown_root = root.as_posix()
    prefix = "" if shown_root == "." else shown_root if shown_root.endswith("/") else shown_root + "/"
    return [(rel, prefix + rel) for _, rel in found]


def _read_all(root: Path, items: list[tuple[str, str]], keyed: bool, jobs: int) -> Iterator[
        tuple[Entity | None, list[Problem], str, tuple[AliasKeys, ...], str]]:
    """Every file read, in file order, whatever the number of processes."""
    chunks = [(str(root), items[i:i + CHUNK_FILES], keyed) for i in range(0, len(items), CHUNK_FILES)]
    if jobs <= 1 or len(items) < PARALLEL_MIN_FILES:
        for chunk in chunks:
            yield from _read_chunk(chunk)
        return
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_start_reader) as pool:
        for results in pool.imap(_read_chunk, chunks):
            yield from results


def _start_reader() -> None:
    """A worker reading files: the cyclic collector on again (the build turns it off), and the signals every
    forked worker takes (service/workers.py; a build once hung for ever without them)."""
    gc.enable()
    take_default_signals()


def load_store(root: str | Path, *, jobs: int = 1, keyed: bool = False, progress: Progress = no_progress) -> Store:
    """Read every entity file under root. Never raises for bad content: problems are returned.

    jobs > 1 reads files in that many processes (the result is the same); keyed also returns each alias's keys
    and each entity's export line, which is what the build needs."""
    root = Path(root)
    problems: list[Problem] = []
    entities: list[Entity] = []
    paths: dict[str, str] = {}
    alias_keys: dict[str, tuple[AliasKeys, ...]] = {}
    lines: dict[str, str] = {}
    if not root.is_dir():
        return Store(root, (), (Problem(str(root), "", "no such directory: pass --store DIR"),), {})
    files = _store_files(root)
    for entity, found, shown, held, line in progress(_read_all(root, files, keyed, jobs), "reading the store",
                                                     len(files)):
        problems.extend(found)
        if entity is None:
            continue
        if entity.id in paths:
            problems.append(Problem(shown, "id", f"duplicate id {entity.id!r}: also in {paths[entity.id]}"))
            continue
        paths[entity.id] = shown
        entities.append(entity)
        if keyed:
            alias_keys[entity.id] = held
            lines[entity.id] = line
    entities.sort(key=lambda e: e.id)
    problems.extend(_cross_checks(entities, paths, alias_keys))
    concepts, concept_paths = read_lexicon(root, problems)
    norms_of = (lambda e: (k[0] for k in alias_keys[e.id])) if keyed else None
    problems.extend(check_lexicon(concepts, concept_paths, entities, norms_of))
    others = read_others(root, problems)
    problems.extend(check_others(others, entities, norms_of))
    return Store(root, tuple(entities), tuple(problems), paths, alias_keys, lines, tuple(concepts), tuple(others))


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
