"""Labelled queries -> a scorecard. The same code backs `aliases eval` and the data-driven quality tests.

A labelled file is JSON Lines: {"query": ..., "expect": ENTITY_ID} for a positive, or
{"query": ..., "expect": null, "expect_not": ENTITY_ID} for a hard negative: a name of something the store does
not hold, of the same shape as ENTITY_ID's names. Optional keys: "as_of" (the date the name is read at), and the
provenance of real-world rows ("lang", "source", "kind", "class", "note"), which the scorecard ignores.
Positives end as correct, wrong (matched another entity), ambiguous or unmatched; a negative is a false match
when it is matched to any entity (strict, the default), or to its `expect_not` (strict=False, for files written
when the store held fewer entities). Every figure is also given per script (Latin, Arabic, Cyrillic, ...), and for
the positives that are not already a store alias (compared after unidecode and casefold): what the matcher adds
beyond a lookup table.

`baseline_resolver` is the naive approach measured beside the matcher in the same run: unidecode and
rapidfuzz WRatio over the raw alias texts with a fixed cutoff, so a reader sees what the matcher adds.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process
from unidecode import unidecode

from service.errors import BadRequest
from service.match.index import Index
from service.match.matcher import resolve
from service.match.normalize import script_of
from service.progress import Progress, no_progress

BASELINE_CUTOFF = 90.0
POSITIVE_OUTCOMES = ("correct", "wrong", "ambiguous", "unmatched")

# A resolver answers (status, entity id or None, top candidate id or None) for a query read at a date (or None).
Resolver = Callable[[str, str | None], tuple[str, str | None, str | None]]


@dataclass(frozen=True)
class Labelled:
    line: int
    query: str
    expect: str | None
    expect_not: str | None
    as_of: str | None = None
    cls: str | None = None  # the row's "class" (translation, acronym, list), for figures on one class of names


@dataclass(frozen=True)
class Outcome:
    case: Labelled
    status: str
    got: str | None
    top: str | None
    outcome: str  # correct | wrong | ambiguous | unmatched | false_match | rejected
    novel: bool = True  # the query is not already a store alias (after unidecode and casefold)

    @property
    def failed(self) -> bool:
        return self.outcome not in ("correct", "rejected")


@dataclass
class Scorecard:
    outcomes: list[Outcome] = field(default_factory=list)

    def counts(self, script: str | None = None) -> Counter[str]:
        return Counter(o.outcome for o in self.outcomes
                       if script is None or script_of(o.case.query) == script)

    @property
    def positives(self) -> int:
        return sum(1 for o in self.outcomes if o.case.expect is not None)

    @property
    def negatives(self) -> int:
        return len(self.outcomes) - self.positives

    def rate(self, outcome: str, script: str | None = None) -> float:
        rows = [o for o in self.outcomes if script is None or script_of(o.case.query) == script]
        positive = outcome in POSITIVE_OUTCOMES
        base = [o for o in rows if (o.case.expect is not None) == positive]
        return sum(1 for o in base if o.outcome == outcome) / len(base) if base else 0.0

    def scripts(self) -> list[str]:
        return sorted({script_of(o.case.query) for o in self.outcomes})

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.failed]


def load_labelled(path: str | Path) -> list[Labelled]:
    """Read a labelled file; a malformed line raises BadRequest naming the file and line."""
    rows: list[Labelled] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BadRequest(f"{path}:{n}: not JSON ({exc.msg})") from None
            if not isinstance(data, dict) or not isinstance(data.get("query"), str):
                raise BadRequest(f"{path}:{n}: each line needs a string 'query'")
            expect, expect_not = data.get("expect"), data.get("expect_not")
            if expect is None and not isinstance(expect_not, str):
                raise BadRequest(f"{path}:{n}: give 'expect' (an entity id) or 'expect': null with 'expect_not'")
            as_of = data.get("as_of")
            if as_of is not None and not isinstance(as_of, str):
                raise BadRequest(f"{path}:{n}: 'as_of' must be a date YYYY-MM-DD")
            cls = data.get("class")
            rows.append(Labelled(n, data["query"], expect, expect_not, as_of, cls if isinstance(cls, str) else None))
    return rows


def judge(case: Labelled, status: str, got: str | None, top: str | None, strict: bool = True) -> Outcome:
    """A negative is a false match when matched to any entity (strict), or only to its expect_not."""
    if case.expect is not None:
        if status == "matched":
            outcome = "correct" if got == case.expect else "wrong"
        else:
            outcome = status
    else:
        linked = status == "matched" and (strict or got == case.expect_not)
        outcome = "false_match" if linked else "rejected"
    return Outcome(case, status, got, top, outcome)


def alias_keys(index: Index) -> set[str]:
    """The store's alias texts as the 'already a store alias' comparison sees them: unidecode, casefold."""
    return {_plain(rec.alias.text) for rec in index.aliases}


def _plain(text: str) -> str:
    return " ".join(unidecode(text).casefold().split())


def evaluate(cases: list[Labelled], resolver: Resolver, known: set[str] | None = None, *,
             strict: bool = True, progress: Progress = no_progress, desc: str = "judging") -> Scorecard:
    """Judge every case; with `known` (alias_keys), each outcome says whether its query was already an alias."""
    card = Scorecard()
    for case in progress(cases, desc, len(cases)):
        outcome = judge(case, *resolver(case.query, case.as_of), strict=strict)
        if known is not None and _plain(case.query) in known:
            outcome = Outcome(outcome.case, outcome.status, outcome.got, outcome.top, outcome.outcome, novel=False)
        card.outcomes.append(outcome)
    return card


def matcher_resolver(index: Index, **knobs: object) -> Resolver:
    def run(query: str, as_of: str | None = None) -> tuple[str, str | None, str | None]:
        given = {**knobs, "as_of": as_of} if as_of is not None else knobs
        result = resolve(index, query, **given)  # type: ignore[arg-type]
        top = result.candidates[0].id if result.candidates else None
        return result.status, result.match.id if result.match else None, top

    return run


def baseline_resolver(index: Index, cutoff: float = BASELINE_CUTOFF) -> Resolver:
    """unidecode + rapidfuzz WRatio over the raw aliases, best above a fixed cutoff wins."""
    choices = {i: unidecode(rec.alias.text).lower() for i, rec in enumerate(index.aliases)}

    def run(query: str, as_of: str | None = None) -> tuple[str, str | None, str | None]:
        best = process.extractOne(unidecode(query).lower(), choices, scorer=fuzz.WRatio, processor=None)
        if best is None:
            return "unmatched", None, None
        entity = index.aliases[best[2]].entity_id
        return ("matched", entity, entity) if best[1] >= cutoff else ("unmatched", None, entity)

    return run


def format_report(name: str, card: Scorecard, baseline: Scorecard | None = None) -> str:
    """The text `aliases eval` prints."""
    lines = [f"{name}: {card.positives} positives, {card.negatives} hard negatives"]

    def pct(n: int, d: int) -> str:
        return f"{n:4d} ({100 * n / d:5.1f}%)" if d else f"{n:4d}"

    header = f"  {'':24}{'matcher':>16}" + (f"{'baseline':>16}" if baseline else "")
    lines.append(header)
    rows = [(o, card.positives) for o in POSITIVE_OUTCOMES] + [("false_match", card.negatives)]
    for outcome, denom in rows:
        label = "false match (negatives)" if outcome == "false_match" else f"{outcome} (positives)"
        line = f"  {label:24}{pct(card.counts()[outcome], denom):>16}"
        if baseline:
            line += f"{pct(baseline.counts()[outcome], denom):>16}"
        lines.append(line)
    novel = [o for o in card.outcomes if o.case.expect is not None and o.novel]
    if len(novel) < card.positives:
        line = f"  {'correct, not an alias':24}{pct(sum(o.outcome == 'correct' for o in novel), len(novel)):>16}"
        if baseline:
            base_novel = [o for o in baseline.outcomes if o.case.expect is not None and o.novel]
            line += f"{pct(sum(o.outcome == 'correct' for o in base_novel), len(base_novel)):>16}"
        lines.append(line + f"   of {len(novel)} positives not already a store alias")
    lines.append("  by script (matcher): correct of positives / false matches of negatives")
    by_script: dict[str, tuple[int, int, int, int]] = defaultdict(lambda: (0, 0, 0, 0))
    for o in card.outcomes:
        s = script_of(o.case.query)
        pos, correct, neg, false = by_script[s]
        if o.case.expect is not None:
            by_script[s] = (pos + 1, correct + (o.outcome == "correct"), neg, false)
        else:
            by_script[s] = (pos, correct, neg + 1, false + (o.outcome == "false_match"))
    for s, (pos, correct, neg, false) in sorted(by_script.items()):
        lines.append(f"    {s:6} {correct}/{pos} correct" + (f" ({100 * correct / pos:.1f}%)" if pos else "")
                     + f", {false}/{neg} false matches")
    failures = card.failures()
    lines.append(f"  failing rows: {len(failures)}")
    for o in failures:
        want = o.case.expect or f"not {o.case.expect_not}"
        lines.append(f"    line {o.case.line}: {o.case.query!r}: {o.outcome} (want {want}; got {o.status}"
                     f"{' ' + o.got if o.got else ''}{', top ' + o.top if o.top and o.top != o.got else ''})")
    return "\n".join(lines)
