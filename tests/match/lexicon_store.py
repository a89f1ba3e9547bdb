"""A small store of English names with the real lexicon (aliases/lexicon/): what a translated name meets when
the store holds no translated alias. Shared by the translation tests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from service.match.index import Index
from service.store.build import build
from tests.conftest import STORE, write_entity


def lexicon_store(root: Path, entities: dict[tuple[str, str], list[str]]) -> Index:
    """Build, under root, a store of `entities` ((type, id) -> display name, then variants) and the real
    lexicon, its links to places the small store lacks taken out."""
    store = root / "aliases"
    for (etype, eid), names in entities.items():
        aliases = "".join(f"- text: {n}\n  kind: variant\n" for n in names[1:])
        write_entity(store, etype, eid, f"id: {eid}\ntype: {etype}\nname: {names[0]}\n"
                                        + (f"aliases:\n{aliases}" if aliases else ""))
    shutil.copytree(STORE / "lexicon", store / "lexicon")
    known = {eid for _, eid in entities}
    for path in (store / "lexicon").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        m = re.search(r"^entity: (\S+)$", text, re.M)
        if m and m.group(1) not in known:
            text = text.replace(m.group(0) + "\n", "")
        path.write_text(re.sub(r"^names_of: .*\n", "", text, flags=re.M), encoding="utf-8")
    return Index.open(build(store, root / "lexicon-store.db").path)
