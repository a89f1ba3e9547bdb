"""A copy of a store that leaves out the aliases of some kinds: how the lexicon alone is measured.

The translated aliases (kind `translation`) are what a curator writes so that "Armée arabe syrienne" finds the
Syrian Arab Army; a copy without them shows what the lexicon finds by itself. The copy keeps the lexicon and
every other alias, and is written in the canonical file layout (`dump_entity`).
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterable
from pathlib import Path

from service.errors import BadRequest
from service.store.dump import dump_entity
from service.store.files import load_store
from service.store.lexicon import LEXICON_DIR
from service.store.model import ALIAS_KINDS


def copy_without_kinds(store_dir: str | Path, dest: str | Path, kinds: Iterable[str]) -> int:
    """Write the store at store_dir into dest (an empty or missing directory) without the aliases of `kinds`;
    returns how many aliases were left out. A store with problems is refused, as the build refuses it."""
    drop = set(kinds)
    unknown = sorted(drop - set(ALIAS_KINDS))
    if unknown:
        raise BadRequest(f"unknown alias kind {unknown[0]!r}: use one of {', '.join(ALIAS_KINDS)}")
    source, dest = Path(store_dir), Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BadRequest(f"{dest} is not empty: give a new directory for the copy")
    store = load_store(source)
    if store.problems:
        raise BadRequest(f"the store has {len(store.problems)} problem(s), the first: {store.problems[0]}; "
                         "run `aliases lint`")
    left_out = 0
    for entity in store.entities:
        kept = tuple(a for a in entity.aliases if a.kind not in drop)
        left_out += len(entity.aliases) - len(kept)
        path = dest / entity.type / f"{entity.id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_entity(dataclasses.replace(entity, aliases=kept)), encoding="utf-8")
    if (source / LEXICON_DIR).is_dir():
        shutil.copytree(source / LEXICON_DIR, dest / LEXICON_DIR)
    return left_out
