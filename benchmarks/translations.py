"""Translated names measured twice: on the curated store, and on a copy that leaves out every `translation`
alias, so that the lexicon alone is measured (issue 19's targets: on the second at least 85% correct; on both no
wrong entity and at most 1% false matches).

    python benchmarks/translations.py [FILE ...] [--store aliases] [--class translation]

FILE defaults to tests/data/realworld/{dev,heldout}.jsonl; the rows counted are those whose "class" is one of
--class (default translation; give --class acronym for the press acronyms). Each file is reported on its own,
with its positives, negatives, correct, wrong entity, false matches, and the rows the lexicon-only build misses.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.match.evaluate import Scorecard, evaluate, load_labelled, matcher_resolver  # noqa: E402
from service.match.index import Index  # noqa: E402
from service.store.build import build  # noqa: E402
from service.store.subset import copy_without_kinds  # noqa: E402

DEFAULT_FILES = [ROOT / "tests" / "data" / "realworld" / f"{name}.jsonl" for name in ("dev", "heldout")]


def line(label: str, card: Scorecard) -> str:
    counts = card.counts()
    pos, neg = card.positives, card.negatives
    return (f"  {label:<16} {counts['correct']:>4}/{pos:<4} {100 * counts['correct'] / max(pos, 1):5.1f}% correct"
            f"   wrong {counts['wrong']}   false {counts['false_match']}/{neg}"
            f" ({100 * counts['false_match'] / max(neg, 1):.1f}%)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--store", type=Path, default=ROOT / "aliases")
    parser.add_argument("--class", dest="classes", action="append", default=None)
    parser.add_argument("--misses", action="store_true", help="list the rows the lexicon-only build misses")
    args = parser.parse_args()
    classes = set(args.classes or ["translation"])
    with tempfile.TemporaryDirectory() as tmp:
        curated_db = build(args.store, Path(tmp) / "curated.db").path
        left_out = copy_without_kinds(args.store, Path(tmp) / "store", ["translation"])
        lexicon_db = build(Path(tmp) / "store", Path(tmp) / "lexicon.db").path
        curated, lexicon_only = Index.open(curated_db), Index.open(lexicon_db)
        print(f"rows of class {', '.join(sorted(classes))}; the lexicon-only build leaves out {left_out} "
              "translation aliases")
        for path in args.files:
            cases = [case for case in load_labelled(path) if case.cls in classes]
            print(f"{path.name}: {len(cases)} rows")
            print(line("curated store", evaluate(cases, matcher_resolver(curated))))
            card = evaluate(cases, matcher_resolver(lexicon_only))
            print(line("lexicon only", card))
            if args.misses:
                for o in card.outcomes:
                    if o.failed:
                        print(f"    {o.outcome:<11} {o.case.query!r} expect {o.case.expect or '-'}"
                              f" got {o.got or o.top or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
