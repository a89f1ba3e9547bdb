"""Merge gathered real-world name rows into tests/data/realworld/{dev,heldout}.jsonl.

Each row is assigned to a split by a hash of its query text alone, so the split is fixed before any tuning and a
row keeps its split when more rows are gathered; the same text never sits in both splits. Rows whose labels
disagree (one text, two answers) are dropped, as are rows naming an unknown entity.

    python scripts/split_eval.py RAW.jsonl [RAW.jsonl ...] --entities ../shared/entities.csv [--round round10]

With --round NAME the rows are a round of their own: NAME-dev.jsonl and NAME-heldout.jsonl.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "realworld"
FIELDS = ("query", "expect", "expect_not", "lang", "source", "kind", "class", "note", "as_of")


def split_of(query: str) -> str:
    return "heldout" if hashlib.sha256(query.encode("utf-8")).digest()[0] % 2 else "dev"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw", nargs="+")
    ap.add_argument("--entities", required=True)
    ap.add_argument("--round", default="", help="write ROUND-dev.jsonl and ROUND-heldout.jsonl")
    args = ap.parse_args()
    with open(args.entities, encoding="utf-8") as fh:
        ids = {row["id"] for row in csv.DictReader(fh)}
    rows: dict[str, dict] = {}
    conflicts: set[str] = set()
    dropped = 0
    for path in args.raw:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            q = row.get("query")
            expect, expect_not = row.get("expect"), row.get("expect_not")
            if not isinstance(q, str) or not q.strip() or not row.get("source") \
                    or (expect is not None and expect not in ids) \
                    or (expect is None and expect_not not in ids):
                dropped += 1
                continue
            q = q.strip().rstrip("~").strip()  # a gatherer's marker for inflected forms, not part of the text
            clean = {k: row[k] for k in FIELDS if row.get(k) not in (None, "") or k == "expect"}
            clean["query"] = q
            if q in rows and rows[q].get("expect") != expect:
                conflicts.add(q)
            rows.setdefault(q, clean)
    for q in conflicts:
        del rows[q]
    OUT.mkdir(parents=True, exist_ok=True)
    out = {"dev": [], "heldout": []}
    for q in sorted(rows):
        out[split_of(q)].append(rows[q])
    for name, items in out.items():
        with open(OUT / f"{args.round + '-' if args.round else ''}{name}.jsonl", "w", encoding="utf-8") as fh:
            for row in items:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        pos = sum(1 for r in items if r["expect"] is not None)
        print(f"{name}: {len(items)} rows, {pos} positives, {len(items) - pos} negatives")
    print(f"dropped {dropped} malformed rows and {len(conflicts)} texts with conflicting labels")


if __name__ == "__main__":
    main()
