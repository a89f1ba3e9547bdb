"""Names of what the store does not hold: aliases/others/*.csv.

A query that is, as written or normalized, the name of a place or organisation outside the store (Estonia,
Kuwait, South Korea, An tSeirbia) is answered *unmatched*, with the reason, rather than meeting a store name it
only sounds like (Estonia and Astana share a phonetic key; Serbia and Syria are a letter apart in Irish). The
files are imported (`aliases import others-cldr`) or written by hand, one name a row:

    text,names,lang,source
    Estonie,Estonia (EE),fr,cldr:EE (babel 2.19.0; CLDR 47)

`names` says what the text names (several, joined by "; ", when a source gives one text to several). Lint reports
a text that is also a name of a store entity (the store's own name wins: remove the row) and a row without its
text, names or source.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from service.match.normalize import normalize
from service.store.model import Entity, Problem
from service.store.yamlfile import shown_path

OTHERS_DIR = "others"
COLUMNS = ("text", "names", "lang", "source")


@dataclass(frozen=True)
class Other:
    text: str
    names: str  # what the text names: "Estonia (EE)"
    lang: str
    source: str
    path: str  # the file, as shown in messages
    line: int

    @property
    def norm(self) -> str:
        return _normalized(self.text)


_NORMALIZED: dict[str, str] = {}  # a file of ten thousand names is read by every lint and build: analysed once


def _normalized(text: str) -> str:
    found = _NORMALIZED.get(text)
    if found is None:
        found = normalize(text)
        if len(_NORMALIZED) < 200_000:
            _NORMALIZED[text] = found
    return found


def other_files(store_root: Path) -> list[Path]:
    folder = store_root / OTHERS_DIR
    return sorted(p for p in folder.glob("*.csv") if p.is_file()) if folder.is_dir() else []


def read_others(root: Path, problems: list[Problem]) -> list[Other]:
    """Every row of every file; a malformed file or row is a problem naming the file and line."""
    out: list[Other] = []
    for path in other_files(root):
        shown = shown_path(path, root)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(shown, "", f"cannot be read as UTF-8 text ({exc})"))
            continue
        reader = csv.reader(io.StringIO(text))
        header = next(reader, None)
        if header != list(COLUMNS):
            problems.append(Problem(shown, "", f"the first line must be the header {','.join(COLUMNS)}"))
            continue
        for n, row in enumerate(reader, 2):
            if len(row) != len(COLUMNS) or not row[0].strip() or not row[1].strip() or not row[3].strip():
                problems.append(Problem(shown, f"line {n}", "give text, names, lang (may be empty) and source"))
                continue
            out.append(Other(row[0].strip(), row[1].strip(), row[2].strip(), row[3].strip(), shown, n))
    return out


def check_others(others: Iterable[Other], entities: Iterable[Entity],
                 norms_of: Callable[[Entity], Iterable[str]] | None = None) -> list[Problem]:
    """A text that normalizes like a name of a store entity: the store's name wins, so the row must go.
    `norms_of`, where given, returns an entity's normalized aliases as the store reader computed them already
    (the build's keyed read), so that no name is analysed twice."""
    others = list(others)
    if not others:
        return []
    names: dict[str, str] = {}
    for e in entities:
        if not e.redirect:
            for norm in (norms_of(e) if norms_of else (normalize(a.text) for a in e.all_aliases())):
                names.setdefault(norm, e.id)
    problems = []
    for o in others:
        bearer = names.get(o.norm)
        if bearer is not None:
            problems.append(Problem(o.path, f"line {o.line}", f"{o.text!r} ({o.names}) is also a name of {bearer} "
                                    "in the store: remove the row (the store's name wins)"))
    return problems


def others_rows(others: Iterable[Other]) -> Iterator[tuple[str, str]]:
    """The build's rows, sorted: each normalized text -> what it names, every name of every row joined."""
    by_norm: dict[str, set[str]] = {}
    for o in others:
        norm = o.norm
        if norm:
            by_norm.setdefault(norm, set()).update(n.strip() for n in o.names.split(";") if n.strip())
    for norm in sorted(by_norm):
        yield norm, "; ".join(sorted(by_norm[norm]))


def others_lines(others: Iterable[Other]) -> Iterator[str]:
    """The rows as the content hash reads them."""
    for o in sorted(others, key=lambda o: (o.text, o.names, o.lang, o.source)):
        yield "\t".join((o.text, o.names, o.lang, o.source))


def write_others(rows: Iterable[tuple[str, str, str, str]]) -> str:
    """A file's text: the header, then one row a name."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buf.getvalue()
