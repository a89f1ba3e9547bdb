"""`same_name_in`: the news languages whose press writes an entity's display name unchanged.

Italian and Indonesian news write "Vladimir Putin" as English does, so those languages need no alias; without a
word in the file, `aliases coverage` cannot tell such a language from a gap. The entity file says it once:

    same_name_in:
      it: https://www.ansa.it/...            # where the unchanged name was seen (a reference, as an alias source)
      id: 'Wikipedia id: Vladimir Putin'

Checked here: each key is one of the news languages other than English (English is the display name's own),
each value is a reference or empty, and no alias tagged with that language is the display name over again (it
says nothing the entry does not).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from service.store.model import NEWS_LANGUAGES, Alias

SAME_NAME_KEY = "same_name_in"


def read_same_name_in(raw: Any, name: str | None, aliases: list[tuple[int, Alias]], reference: re.Pattern[str],
                      norm: Callable[[str], str], problem: Callable[[str, str], None]) -> dict[str, str | None]:
    """The entry as {language: source or None}, sorted by language; `aliases` are (index in the file, alias);
    every fault is reported through `problem`."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problem(SAME_NAME_KEY, "must be a mapping of language code to where the unchanged name was seen, "
                               f"e.g. 'it: https://...', not {raw!r}")
        return {}
    out: dict[str, str | None] = {}
    for lang, source in raw.items():
        where = f"{SAME_NAME_KEY}.{lang}"
        if not isinstance(lang, str) or lang not in NEWS_LANGUAGES[1:]:
            problem(where, f"{lang!r} is not a news language other than English: use one of "
                           f"{', '.join(NEWS_LANGUAGES[1:])}")
            continue
        if source is not None and (not isinstance(source, str) or not reference.match(source.strip())):
            problem(where, f"{source!r} is not a reference: give a URL, or 'Wikipedia {lang}: <page title>'")
            continue
        out[lang] = source.strip() if source else None
    key = norm(name) if name else None
    for i, alias in aliases:
        lang = (alias.lang or "").split("-")[0]
        if lang in out and key and norm(alias.text) == key:
            problem(f"aliases[{i}].text", f"{alias.text!r} is the name itself and {SAME_NAME_KEY} already says "
                                          f"{lang!r} writes it unchanged: remove the alias")
    return dict(sorted(out.items()))
