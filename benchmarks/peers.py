"""The project's matcher beside its peers, on the same labelled files and the same store, in one run.

    pip install nomenklatura          # MIT; best in a virtual environment of its own, beside `pip install -e .`
    python benchmarks/peers.py tests/data/realworld/heldout.jsonl [FILE ...] [--db aliases.db] [--threshold 0.7]

Three matchers answer every row of each file:
  - aliases: the project's matcher (service.match.matcher.resolve), with its defaults;
  - naive: unidecode + rapidfuzz WRatio over the alias texts, best above 90 wins (service.match.evaluate);
  - logic-v2: OpenSanctions' nomenklatura matcher (the algorithm yente scores with), every store entity made a
    FollowTheMoney entity with its names (weak aliases as weakAlias), each query compared against all of them
    (the starter store is small enough to need no blocking); the best at or over --threshold (yente's 0.7) is
    its match.
It prints, per file and per script: correct of positives, wrong entity, and false matches of hard negatives (a
negative matched to any entity), and the positives that are not already a store alias. Without nomenklatura
installed the logic-v2 column is left out and the script says so.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.match.evaluate import (  # noqa: E402
    Resolver,
    Scorecard,
    alias_keys,
    baseline_resolver,
    evaluate,
    load_labelled,
    matcher_resolver,
)
from service.match.index import Index  # noqa: E402
from service.match.normalize import script_of  # noqa: E402
from service.store.build import ensure_database  # noqa: E402

SCHEMAS = {"person": "Person", "organization": "Organization", "location": "LegalEntity"}


def logic_v2_resolver(index: Index, threshold: float) -> Resolver | None:
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        return None
    algorithm = get_algorithm("logic-v2")
    if algorithm is None:
        return None
    config = ScoringConfig.defaults()
    candidates = []
    for entity in index.entities.values():
        if entity.redirect:
            continue
        proxy = model.make_entity(SCHEMAS[entity.type])
        proxy.id = entity.id
        proxy.add("name", entity.name)
        for rec in index.aliases_of(entity.id):
            proxy.add("weakAlias" if rec.alias.weak else "alias", rec.alias.text)
        candidates.append(proxy)

    asked = iter(range(1, 10**9))

    def run(query: str, as_of: str | None = None) -> tuple[str, str | None, str | None]:
        probe = model.make_entity("LegalEntity")
        probe.id = f"query-{next(asked)}"  # nomenklatura caches comparisons by entity id
        probe.add("name", query)
        scored = sorted(((algorithm.compare(probe, c, config).score, c.id) for c in candidates), reverse=True)
        if not scored:
            return "unmatched", None, None
        score, top = scored[0]
        return ("matched", top, top) if score >= threshold else ("unmatched", None, top)

    return run


def _row(card: Scorecard, script: str | None = None) -> tuple[int, int, int, int, int, int, int]:
    rows = [o for o in card.outcomes if script is None or script_of(o.case.query) == script]
    pos = [o for o in rows if o.case.expect is not None]
    neg = [o for o in rows if o.case.expect is None]
    novel = [o for o in pos if o.novel]
    return (len(pos), sum(o.outcome == "correct" for o in pos), sum(o.outcome == "wrong" for o in pos),
            len(neg), sum(o.outcome == "false_match" for o in neg), len(novel),
            sum(o.outcome == "correct" for o in novel))


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    -"


def report(path: str, cards: dict[str, Scorecard]) -> str:
    first = next(iter(cards.values()))
    scripts = sorted({script_of(o.case.query) for o in first.outcomes})
    lines = [f"{path}: {first.positives} positives, {first.negatives} hard negatives",
             f"  {'':8}{'matcher':10}{'correct':>16}{'wrong':>8}{'false match':>17}{'correct, not an alias':>26}"]
    for script in [None, *scripts]:
        for name, card in cards.items():
            pos, ok, wrong, neg, false, nov, nov_ok = _row(card, script)
            label = (script or "all") if name == next(iter(cards)) else ""
            lines.append(f"  {label:8}{name:10}{ok:>6}/{pos:<4}{_pct(ok, pos)}{wrong:>8}{false:>6}/{neg:<4}"
                         f"{_pct(false, neg)}{nov_ok:>9}/{nov:<4}{_pct(nov_ok, nov)}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--db", default=None, help="a built database (default: aliases.db, built from aliases/)")
    parser.add_argument("--threshold", type=float, default=0.7, help="logic-v2's match threshold (yente: 0.7)")
    args = parser.parse_args()
    index = Index.open(args.db or ensure_database(ROOT / "aliases", ROOT / "aliases.db"))
    known = alias_keys(index)
    resolvers: dict[str, Callable[..., tuple[str, str | None, str | None]]] = {
        "aliases": matcher_resolver(index), "naive": baseline_resolver(index)}
    peer = logic_v2_resolver(index, args.threshold)
    if peer is None:
        print("nomenklatura is not installed: the logic-v2 column is left out (pip install nomenklatura)")
    else:
        resolvers["logic-v2"] = peer
    totals: dict[str, Scorecard] = defaultdict(Scorecard)
    for path in args.files:
        cases = load_labelled(path)
        cards = {name: evaluate(cases, run, known) for name, run in resolvers.items()}
        for name, card in cards.items():
            totals[name].outcomes.extend(card.outcomes)
        print(report(path, cards))
    if len(args.files) > 1:
        print(report("all files", dict(totals)))


if __name__ == "__main__":
    main()
