"""The lexicon: the words that names of organisations and places are built from, in many languages.

Curated like the entities, one reviewable file a concept, aliases/lexicon/<concept>.yaml:

    concept: army            # lowercase id, equal to the file name
    entity: syria            # optional: the place this concept is the name or adjective of
    names_of: [damascus]     # optional: entities a form is knowingly also a name of (al-Sham: the Levant, and
                             # Damascus in speech)
    en: [army, armies]       # the English form(s): required
    es: [ejército, ejércitos]
    ru: [армия, армии, армию, армией]

Each language lists the forms a name contains, inflected forms included (the matcher does not guess a
language's grammar beyond the endings in service/match/variants.py). A concept whose English form is a phrase
("foreign ministry") is a compound: a language that writes it as one word (Außenministerium) stands for the
concepts of the phrase's words. Person names are never translated: the matcher uses the lexicon for
organisations and places only.

`read_lexicon` checks every file and returns every problem, as the entity reader does: a form that maps to
two concepts, a form that is another entity's name, a concept without its English form.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.match.lexicon import UNSPACED
from service.match.normalize import normalize
from service.store.model import Entity, Problem
from service.store.yamlfile import parse_yaml, shown_path

LEXICON_DIR = "lexicon"
CONCEPT_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
LANG_KEY = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class Concept:
    id: str
    entity: str | None
    forms: dict[str, tuple[str, ...]]  # language -> forms as written
    names_of: tuple[str, ...] = ()  # entities whose names are knowingly also forms of this concept

    @property
    def english(self) -> tuple[str, ...]:
        return self.forms.get("en", ())


def lexicon_files(store_root: Path) -> list[Path]:
    folder = store_root / LEXICON_DIR
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file()) if folder.is_dir() else []


def read_concept(path: Path, data: Any, shown: str) -> tuple[Concept | None, list[Problem]]:
    """One concept from a file's parsed YAML; problems name the file and field."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return None, [Problem(shown, "", "a concept file is a mapping: concept, en, and a list a language")]
    cid = data.get("concept")
    if not isinstance(cid, str) or not CONCEPT_PATTERN.match(cid):
        problems.append(Problem(shown, "concept", "give a lowercase id of letters, digits and _"))
        return None, problems
    if cid != path.stem:
        problems.append(Problem(shown, "concept", f"{cid!r} must equal the file name {path.stem!r}"))
    entity = data.get("entity")
    if entity is not None and not isinstance(entity, str):
        problems.append(Problem(shown, "entity", "give the id of the place this concept names"))
        entity = None
    names_of = data.get("names_of", [])
    if not isinstance(names_of, list) or not all(isinstance(v, str) for v in names_of):
        problems.append(Problem(shown, "names_of", "give a list of entity ids, e.g. [damascus]"))
        names_of = []
    forms: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        if key in ("concept", "entity", "names_of"):
            continue
        if not isinstance(key, str) or not LANG_KEY.match(key):
            problems.append(Problem(shown, str(key), "not a language code (ISO 639-1, e.g. es)"))
            continue
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(Problem(shown, key, "give a list of the language's forms, e.g. [army, armies]"))
            continue
        forms[key] = tuple(v.strip() for v in value)
    if not forms.get("en"):
        problems.append(Problem(shown, "en", "every concept needs its English form"))
    return Concept(cid, entity, forms, tuple(names_of)), problems


def form_keys(concept: Concept) -> Iterator[tuple[str, str, str]]:
    """(language, form as written, normalized form) of every single-word form; phrases are left to their words."""
    for lang, forms in concept.forms.items():
        for form in forms:
            norm = normalize(form)
            if norm and " " not in norm:
                yield lang, form, norm


def check_lexicon(concepts: Iterable[Concept], paths: dict[str, str], entities: Iterable[Entity],
                  norms_of: Callable[[Entity], Iterable[str]] | None = None) -> list[Problem]:
    """Problems across concepts and entities: a normalized form of two concepts, a form that is another
    entity's name, an entity link to no entity, a compound whose English words are not concepts.

    `norms_of`, where given, returns an entity's normalized aliases (display name first) as computed already
    where the files were read, so that the build normalizes no name twice."""
    concepts = list(concepts)
    problems: list[Problem] = []
    owners: dict[str, set[str]] = defaultdict(set)
    for c in concepts:
        for _, _, norm in form_keys(c):
            owners[norm].add(c.id)
    for c in concepts:
        for lang, form, norm in form_keys(c):
            others = sorted(owners[norm] - {c.id})
            if others and c.id < others[0]:
                problems.append(Problem(paths[c.id], lang, f"{form!r} reads as {norm!r}, a form of "
                                               f"{', '.join(others)} too: keep it in one concept"))
    names: dict[str, set[str]] = defaultdict(set)
    live = {}
    for e in entities:
        if e.redirect:
            continue
        live[e.id] = e
        for norm in norms_of(e) if norms_of else (normalize(alias.text) for alias in e.all_aliases()):
            if norm and " " not in norm:
                names[norm].add(e.id)
    for c in concepts:
        if c.entity is not None and c.entity not in live:
            problems.append(Problem(paths[c.id], "entity", f"no entity {c.entity!r} in the store"))
        for other in c.names_of:
            if other not in live:
                problems.append(Problem(paths[c.id], "names_of", f"no entity {other!r} in the store"))
        for lang, form, norm in form_keys(c):
            bearers = sorted(names.get(norm, set()) - {c.entity} - set(c.names_of))
            if bearers:
                problems.append(Problem(paths[c.id], lang, f"{form!r} is a name of {', '.join(bearers)}: "
                                               "a word of names must not be a name itself (remove the form, "
                                               "link the concept to its place with entity:, or, if the word "
                                               "is knowingly both, list the entity under names_of:)"))
        for phrase in c.english:
            words = normalize(phrase).split()
            if len(words) > 1:
                missing = [w for w in words if not owners.get(w)]
                if missing:
                    problems.append(Problem(paths[c.id], "en", f"the compound {phrase!r} needs a concept "
                                                   f"for {', '.join(missing)}"))
    return problems


def lexicon_rows(concepts: Iterable[Concept]) -> Iterator[dict[str, str]]:
    """The build's rows, sorted: every normalized form with its concept; compounds with their parts. A form of a
    script that writes words without spaces between them (Chinese, Japanese, the compounds of Korean) is also
    given as written, so that the matcher can find it inside a run (service/match/lexicon.py segment)."""
    concepts = sorted(concepts, key=lambda c: c.id)
    by_word: dict[str, str] = {}
    for c in concepts:
        for _, _, norm in form_keys(c):
            by_word.setdefault(norm, c.id)
    rows = set()
    for c in concepts:
        parts = ""
        for phrase in c.english:
            words = normalize(phrase).split()
            if len(words) > 1 and all(w in by_word for w in words):
                parts = " ".join(by_word[w] for w in words)
                break
        for _, form, norm in form_keys(c):
            rows.add((norm, c.id, parts, c.entity or ""))
            if UNSPACED.search(form):  # also as written, for the matcher to find the word inside a run of text
                rows.add((unicodedata.normalize("NFC", form), c.id, parts, c.entity or ""))
    for norm, cid, parts, entity in sorted(rows):
        yield {"form": norm, "concept": cid, "parts": parts, "entity": entity}


def read_lexicon(root: Path, problems: list[Problem]) -> tuple[list[Concept], dict[str, str]]:
    concepts: list[Concept] = []
    paths: dict[str, str] = {}
    for path in lexicon_files(root):
        shown = shown_path(path, root)
        data, found = parse_yaml(path, shown)
        problems.extend(found)
        if found:
            continue
        concept, found = read_concept(path, data, shown)
        problems.extend(found)
        if concept is None:
            continue
        if concept.id in paths:
            problems.append(Problem(shown, "concept", f"duplicate concept {concept.id!r}: also in {paths[concept.id]}"))
            continue
        paths[concept.id] = shown
        concepts.append(concept)
    concepts.sort(key=lambda c: c.id)
    return concepts, paths
