"""Every answer the matcher gives on a fixed set of queries, written to a file: the check that a speed-up changes
no answer.

    python benchmarks/answers.py OUT.jsonl [--db aliases.db] [--values 5000] [--queries FILE.jsonl --limit N]
    cmp before.jsonl after.jsonl

Resolves, at a fixed as_of (2026-01-01, unless a labelled row gives its own), every query of
tests/data/*.jsonl and tests/data/realworld/*.jsonl, and VALUES of the values benchmarks/csv_normalize.py draws
its CSV from (store aliases, perturbed aliases, unknown names; the same seed), and writes one JSON line per query
with the whole result: status, match, every candidate shown (id, score, method, alias, evidence) and the reason;
the values also as `aliases normalize` writes their cells. With --queries (a synthetic store's queries.jsonl,
benchmarks/scale.py), the first LIMIT of its queries against --db too. Two runs on the same database must give
byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.csv_normalize import distinct_values  # noqa: E402
from service.bulk.csvnorm import Normalizer  # noqa: E402
from service.match.index import Index  # noqa: E402
from service.match.matcher import resolve  # noqa: E402
from service.store.build import ensure_database  # noqa: E402

AS_OF = "2026-01-01"


def labelled_queries() -> list[tuple[str, str]]:
    """(query, as_of) of every labelled row, file by file, in file order."""
    out = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")) + sorted((ROOT / "tests" / "data" /
                                                                            "realworld").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((row["query"], row.get("as_of") or AS_OF))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--db", type=Path, default=None, help="built starter store (default: aliases.db, kept fresh)")
    parser.add_argument("--values", type=int, default=5000)
    parser.add_argument("--queries", type=Path, default=None, help="a synthetic store's queries.jsonl")
    parser.add_argument("--store-db", type=Path, default=None, help="the database of --queries")
    parser.add_argument("--limit", type=int, default=3000)
    args = parser.parse_args()
    db = args.db or ensure_database(ROOT / "aliases", ROOT / "aliases.db")
    index = Index.open(db)
    lines = []
    for query, as_of in labelled_queries():
        lines.append({"query": query, "as_of": as_of, **resolve(index, query, as_of=as_of).to_dict()})
    normalizer = Normalizer(index, as_of=AS_OF)
    for value in distinct_values(index, 50_000, random.Random(7))[:args.values]:
        lines.append({"value": value, "cell": normalizer.cell(value, None),
                      **resolve(index, value, limit=3, as_of=AS_OF).to_dict()})
    if args.queries:
        store = Index.open(args.store_db)
        for line in args.queries.read_text(encoding="utf-8").splitlines()[:args.limit]:
            query = json.loads(line)["query"]
            lines.append({"query": query, "store": True, **resolve(store, query, as_of=AS_OF).to_dict()})
    with open(args.out, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(lines)} answers written to {args.out}")


if __name__ == "__main__":
    main()
