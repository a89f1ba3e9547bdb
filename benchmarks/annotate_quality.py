"""Precision and recall of linked mentions on the hand-labelled news articles, the annotator beside a naive
baseline (exact search for every alias text), one run, per language and overall: the development set (the rules
were written looking at it) and a held-out set labelled afterwards and never tuned on.

    python benchmarks/annotate_quality.py [--errors]
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from service.annotate.evaluate import annotate_linker, baseline_linker, load_articles, score
from service.match.index import Index
from service.store.build import build

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "annotate"
SETS = [("development", DATA / "articles.jsonl"), ("held out", DATA / "heldout.jsonl")]


def report(index: Index, name: str, articles: list, errors: bool) -> None:
    by_lang = defaultdict(list)
    for a in articles:
        by_lang[a.lang].append(a)
    ours, naive = annotate_linker(index), baseline_linker(index)
    print(f"\n{name}: {len(articles)} articles, {sum(len(a.gold) for a in articles)} labelled mentions, "
          f"{len(by_lang)} languages\n")
    print(f"| {'language':8} | articles | mentions | annotate P | annotate R | baseline P | baseline R |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for lang, group in [*sorted(by_lang.items()), ("all", articles)]:
        a, b = score(group, ours), score(group, naive)
        print(f"| {lang:8} | {len(group)} | {a.gold} | {a.precision:.1%} | {a.recall:.1%} | "
              f"{b.precision:.1%} | {b.recall:.1%} |")
    if errors:
        print("\nannotate errors:")
        for e in score(articles, ours).errors:
            print("  ", e)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        index = Index.open(build(ROOT / "aliases", Path(tmp) / "aliases.db").path)
        for name, path in SETS:
            report(index, name, load_articles(path), "--errors" in sys.argv)


if __name__ == "__main__":
    main()
